import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Mode, ServiceType } from './legal-aid.types';
import type { WaitlistStatus } from './waitlist.states';

/**
 * Waiting for a full slot. When a place frees up it is held for the first waiting holder
 * (`offered`, until `offerExpiresAt`); they accept it, or it passes to the next.
 */
@Entity({ name: 'legal_waitlist' })
export class LegalWaitlist {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'slot_id', type: 'integer' })
  slotId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'service_type', type: 'varchar', length: 16 })
  serviceType!: ServiceType;

  @Column({ name: 'mode', type: 'varchar', length: 8 })
  mode!: Mode;

  @Column({ name: 'summary', type: 'varchar', length: 500 })
  summary!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: WaitlistStatus;

  @Column({ name: 'live_key', type: 'varchar', length: 32, nullable: true })
  liveKey!: string | null;

  @Column({ name: 'offer_expires_at', type: 'datetime', nullable: true })
  offerExpiresAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
