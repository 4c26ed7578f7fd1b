import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { OrderAction, OrderActor, OrderStatus } from './voucher-order.states';

/** One step of a voucher order's history, which the holder reads back on the order's page. */
@Entity({ name: 'voucher_order_event' })
export class VoucherOrderEvent extends StatusEvent<OrderStatus, OrderActor> {
  @Column({ name: 'order_id', type: 'integer' })
  orderId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: OrderAction;
}

/** Where an order's transitions write their history. */
export const ORDER_HISTORY = { entity: VoucherOrderEvent, subjectKey: 'orderId' } as const;
