import { describe, expect, it } from 'vitest';
import { ordersQuery, refundable, refundText, yuan } from './orders';
import type { StaffOrder } from './types';

const order = (over: Partial<StaffOrder> = {}): StaffOrder => ({
  id: 1,
  outTradeNo: 'RY20270310093000ABCDEFGH',
  title: '拥军饭店 · 50 元代金券',
  merchantId: 3,
  offerId: 9,
  quantity: 2,
  unitPriceFen: 3000,
  faceValueFen: 5000,
  amountFen: 6000,
  status: 'paid',
  statusText: '已支付',
  payBy: '2027-03-10T09:45:00+08:00',
  paidAt: '2027-03-10T09:31:00+08:00',
  validTo: null,
  createdAt: '2027-03-10T09:30:00+08:00',
  transactionId: '4200000000001',
  unused: 2,
  refund: null,
  ...over,
});

describe('the voucher orders desk', () => {
  it('writes fen as yuan exactly', () => {
    expect(yuan(6000)).toBe('60.00 元');
    expect(yuan(1)).toBe('0.01 元');
    expect(yuan(123456)).toBe('1234.56 元');
    expect(yuan(-250)).toBe('-2.50 元');
  });

  it('offers a refund only for a paid order with vouchers left', () => {
    expect(refundable(order())).toBe(true);
    expect(refundable(order({ unused: 0 }))).toBe(false);
    for (const status of ['created', 'refunding', 'refunded', 'redeemed', 'closed'] as const)
      expect(refundable(order({ status }))).toBe(false);
  });

  it('says where a refund stands', () => {
    expect(refundText(order())).toBe('—');
    expect(
      refundText(
        order({
          status: 'refunding',
          refund: {
            outRefundNo: 'RF20270310093000ABCDEFGH',
            status: 'processing',
            voucherCount: 2,
            amountFen: 6000,
            reason: '商户停业',
            succeededAt: null,
          },
        }),
      ),
    ).toBe('微信处理中 · 2 张 60.00 元');
  });

  it('sends only the filters that are set', () => {
    expect(ordersQuery('', '  ')).toEqual({ status: undefined, q: undefined, cursor: undefined, limit: 50 });
    expect(ordersQuery('paid', ' RY2027 ', 'c1')).toEqual({ status: 'paid', q: 'RY2027', cursor: 'c1', limit: 50 });
  });
});
