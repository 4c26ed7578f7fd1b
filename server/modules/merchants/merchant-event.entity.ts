import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MerchantStatus } from './merchant.states';

/** One status change of a merchant (review, suspension, restoration), which staff read back. */
@Entity({ name: 'merchant_event' })
export class MerchantEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: MerchantStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: MerchantStatus;

  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
