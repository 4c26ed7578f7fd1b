import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HolderCategory } from '../../lib/id-number';
import type { CardStatus } from './card.states';

export type Handover = 'pickup' | 'mail' | 'ceremony';

/** An issued 优待证. `currentPersonId` is set while it is the person's current card (one at a time). */
@Entity({ name: 'card' })
export class Card {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'application_id', type: 'integer' })
  applicationId!: number;

  @Column({ name: 'card_number', type: 'varchar', length: 32 })
  cardNumber!: string;

  /** The name the card was issued to (the application's reviewed identity); null only on rows older than it. */
  @Column({ name: 'holder_name', type: 'varchar', length: 64, nullable: true })
  holderName!: string | null;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: HolderCategory;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: CardStatus;

  @Column({ name: 'current_person_id', type: 'integer', nullable: true })
  currentPersonId!: number | null;

  @Column({ name: 'handover', type: 'varchar', length: 16 })
  handover!: Handover;

  @Column({ name: 'issued_at', type: 'datetime' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'integer' })
  issuedBy!: number;

  @Column({ name: 'reported_lost_at', type: 'datetime', nullable: true })
  reportedLostAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 255, nullable: true })
  revokedReason!: string | null;

  @Column({ name: 'replaced_by_card_id', type: 'integer', nullable: true })
  replacedByCardId!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
