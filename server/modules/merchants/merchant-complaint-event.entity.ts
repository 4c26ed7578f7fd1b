import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { ComplaintAction, ComplaintStatus } from './merchant-complaint.states';

/** One step of a complaint's history, which the holder reads back with the outcome and its reason. */
@Entity({ name: 'merchant_complaint_event' })
export class MerchantComplaintEvent extends StatusEvent<ComplaintStatus, 'holder' | 'staff'> {
  @Column({ name: 'complaint_id', type: 'integer' })
  complaintId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: ComplaintAction | 'file';
}
