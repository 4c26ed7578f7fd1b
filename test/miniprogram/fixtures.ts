/** Server answers shared by page tests, shaped as the server's presenters shape them. */
export const merchant = {
  id: 5,
  name: '老兵面馆',
  category: { id: 2, name: '餐饮' },
  address: '解放路 5 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-88888888',
  intro: '三十年老店',
  distanceM: null,
  offers: [
    {
      id: 50,
      title: '堂食九折',
      description: '酒水除外',
      kind: 'discount',
      discountText: '九折',
      priceFen: null,
      faceValueFen: null,
      perPersonDailyLimit: 1,
      eligibleCategories: ['veteran', 'martyr_family'],
      validFrom: '2026-01-01T00:00:00.000+08:00',
      validTo: '2026-12-31T23:59:59.000+08:00',
      status: 'active',
    },
  ],
};

export const provider = {
  id: 4,
  name: '王律师',
  kind: 'lawyer',
  firm: '某某律师事务所',
  photoFileId: null,
  specialties: ['劳动争议', '婚姻家事'],
  serviceTypes: ['consultation', 'legal_aid'],
  modes: ['onsite', 'phone'],
  languages: ['普通话'],
  intro: '',
  averageRating: 4.8,
  ratingCount: 12,
  servedCount: 30,
};

/** An ISO time in Beijing, `days` from today at `hh:00`. */
export function at(days: number, hh: number): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  const day = d.toISOString().slice(0, 10);
  return `${day}T${hh < 10 ? `0${hh}` : hh}:00:00.000+08:00`;
}

/** A voucher offer as the merchant's page shows it: ¥40 buys ¥50, 12 of 20 left, 2 a day. */
export const voucherOffer = {
  id: 51,
  title: '50 元代金券',
  description: '到店消费抵 50 元',
  kind: 'voucher',
  discountText: '40 元买 50 元',
  priceFen: 4000,
  faceValueFen: 5000,
  perPersonDailyLimit: 2,
  stockTotal: 20,
  stockLeft: 12,
  eligibleCategories: [] as string[],
  validFrom: null,
  validTo: '2030-12-31T23:59:59.000+08:00',
  status: 'active',
};

/** The merchant with its discount and a voucher offer (changed as a test needs). */
export const merchantWithVoucher = (offer: Record<string, unknown> = {}) => ({
  ...merchant,
  offers: [...merchant.offers, { ...voucherOffer, ...offer }],
});

/** The `wx.requestPayment` arguments of an unpaid order; `devPay` on a development server. */
export const voucherPayment = (devPay: boolean) => ({
  appId: 'wx-dev-app',
  timeStamp: '1764410400',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx2911',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
  devPay,
});

/** A voucher order of two as `GET /voucher-orders/:id` shows it, paid unless told otherwise. */
export function voucherOrder(over: Record<string, unknown> = {}) {
  return {
    id: 31,
    outTradeNo: 'RY20261129100000ABCD1234',
    title: '老兵面馆 · 50 元代金券',
    merchantId: 5,
    offerId: 51,
    quantity: 2,
    unitPriceFen: 4000,
    faceValueFen: 5000,
    amountFen: 8000,
    status: 'paid',
    statusText: '已支付',
    payBy: '2026-11-29T10:15:00.000+08:00',
    paidAt: '2026-11-29T10:01:00.000+08:00',
    validTo: '2030-12-31T23:59:59.000+08:00',
    createdAt: '2026-11-29T10:00:00.000+08:00',
    vouchers: [
      { id: 301, seq: 1, status: 'unused', redeemedAt: null },
      { id: 302, seq: 2, status: 'unused', redeemedAt: null },
    ],
    payment: null as ReturnType<typeof voucherPayment> | null,
    refund: null as Record<string, unknown> | null,
    history: [
      { action: 'create', from: null, to: 'created', at: '2026-11-29T10:00:00.000+08:00', by: 'holder', reason: null },
      { action: 'pay', from: 'created', to: 'paid', at: '2026-11-29T10:01:00.000+08:00', by: 'wechat', reason: null },
    ],
    ...over,
  };
}

/** The same order before payment: waiting, with its payment arguments. */
export const unpaidVoucherOrder = (devPay: boolean) =>
  voucherOrder({
    status: 'created',
    statusText: '待支付',
    paidAt: null,
    vouchers: [],
    payment: voucherPayment(devPay),
    history: [
      { action: 'create', from: null, to: 'created', at: '2026-11-29T10:00:00.000+08:00', by: 'holder', reason: null },
    ],
  });
