import { isoTime } from '../../lib/time';
import type { PaymentReconciliation } from './payment-reconciliation.entity';
import type { PaymentReconciliationItem } from './payment-reconciliation-item.entity';

export const presentReconciliation = (r: PaymentReconciliation) => ({
  billDate: r.billDate,
  status: r.status,
  theirRows: r.theirRows,
  theirPaidFen: r.theirPaidFen,
  theirRefundFen: r.theirRefundFen,
  ourRows: r.ourRows,
  ourPaidFen: r.ourPaidFen,
  ourRefundFen: r.ourRefundFen,
  itemCount: r.itemCount,
  error: r.error,
  attempts: r.attempts,
  runBy: r.runBy,
  reconciledAt: r.reconciledAt ? isoTime(r.reconciledAt) : null,
  updatedAt: isoTime(r.updatedAt),
});

export const presentDifference = (i: PaymentReconciliationItem) => ({
  id: i.id,
  kind: i.kind,
  outTradeNo: i.outTradeNo,
  transactionId: i.transactionId,
  theirFen: i.theirFen,
  ourFen: i.ourFen,
  orderId: i.orderId,
  outRefundNo: i.outRefundNo,
  note: i.note,
});
