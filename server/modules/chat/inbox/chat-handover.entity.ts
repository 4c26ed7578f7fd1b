import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HandoverTrigger } from '../chat.service';

/**
 * One handover of a conversation to staff, from the moment the assistant gave it up to its
 * resolution: where it queues, who took it, when staff first answered, how it ended and how the
 * holder rated it. The figures are read from these rows.
 */
@Entity({ name: 'chat_handover' })
export class ChatHandover {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'conversation_id', type: 'integer' })
  conversationId!: number;

  @Column({ name: 'holder_account_id', type: 'integer' })
  holderAccountId!: number;

  /** The holder's station (their application's); null: the district queue. */
  @Column({ name: 'station_id', type: 'integer', nullable: true })
  stationId!: number | null;

  @Column({ name: 'district_id', type: 'integer', nullable: true })
  districtId!: number | null;

  @Column({ name: 'trigger', type: 'varchar', length: 16 })
  trigger!: HandoverTrigger;

  @Column({ name: 'handed_over_at', type: 'datetime' })
  handedOverAt!: Date;

  /** The queue's order: the handover, or when an agent gave the conversation back. */
  @Column({ name: 'waiting_since', type: 'datetime' })
  waitingSince!: Date;

  @Column({ name: 'claimed_at', type: 'datetime', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'first_response_at', type: 'datetime', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ name: 'agent_account_id', type: 'integer', nullable: true })
  agentAccountId!: number | null;

  @Column({ name: 'resolved_at', type: 'datetime', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'outcome', type: 'varchar', length: 200, nullable: true })
  outcome!: string | null;

  @Column({ name: 'rating_asked_at', type: 'datetime', nullable: true })
  ratingAskedAt!: Date | null;

  @Column({ name: 'rating', type: 'integer', nullable: true })
  rating!: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment!: string | null;

  @Column({ name: 'rated_at', type: 'datetime', nullable: true })
  ratedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
