import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { MerchantStatus } from './merchant.states';

/** One status change of a merchant (review, suspension, restoration), which staff read back. */
@Entity({ name: 'merchant_event' })
export class MerchantEvent extends StatusEvent<MerchantStatus> {
  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: string;
}
