import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintAction, ComplaintStatus } from './merchant-complaint.states';

/** One step of a complaint's history, which the holder reads back with the outcome and its reason. */
@Entity({ name: 'merchant_complaint_event' })
export class MerchantComplaintEvent {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'complaint_id', type: 'integer' })
  complaintId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: ComplaintAction | 'file';

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: ComplaintStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: ComplaintStatus;

  @Column({ name: 'actor_account_id', type: 'integer', nullable: true })
  actorAccountId!: number | null;

  /** Who acted, in role terms: the holder sees "staff", never a staff member's name. */
  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: 'holder' | 'staff';

  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
