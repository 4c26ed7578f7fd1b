import { getMerchant, type Offer } from '../../../../services/merchants';
import { categoryLabel } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { createOrder, MAX_QUANTITY, money, PAY_CANCELLED, payOrder, type Payment } from '../../../../services/vouchers';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate, formatRelative } from '../../../../utils/format';
import { askSubscribe } from '../../../../services/notifications';

const ORDER_URL = '/packages/vouchers/pages/order/order';
const CARD_URL = '/packages/card/pages/card/card';

interface OfferView {
  id: number;
  merchantName: string;
  title: string;
  description: string;
  priceFen: number;
  priceText: string;
  faceText: string;
  stockText: string;
  whoText: string;
  limitText: string;
  validityText: string;
}

/** What the holder can do about a refusal, beside the server's own message. */
const BUY_HINTS: Record<string, string> = {
  SOLD_OUT: '可以看看这家商户的其他优待项目。',
  LIMIT_REACHED: '可以减少数量，或者明天再买。',
  CARD_INACTIVE: '优待证发放后、正常使用中才能购买；挂失或换证期间不能购买。',
  CATEGORY_NOT_ELIGIBLE: '可以看看这家商户的其他优待项目。',
  OFFER_UNAVAILABLE: '可以看看这家商户的其他优待项目。',
  PAYMENT_UNAVAILABLE: '这次没有下单，也没有扣款，请稍后再试。',
  PAYMENT_FAILED: '这次没有下单，也没有扣款，请稍后再试。',
};

/** An order made and not paid yet: paid again from here, or later from the order's page. */
interface Pending {
  orderId: number;
  payByText: string;
  payment: Payment;
}

function validity(o: Offer): string {
  if (o.validFrom && o.validTo) return `${formatDate(o.validFrom)} 至 ${formatDate(o.validTo)}`;
  if (o.validTo) return `${formatDate(o.validTo)} 前有效`;
  if (o.validFrom) return `${formatDate(o.validFrom)} 起长期有效`;
  return '长期有效';
}

/** The most one order may take: the server's limit, what is left, and the daily allowance. */
function maxOf(o: Offer): number {
  let max = MAX_QUANTITY;
  if (o.stockLeft !== null && o.stockLeft < max) max = o.stockLeft;
  if (o.perPersonDailyLimit && o.perPersonDailyLimit < max) max = o.perPersonDailyLimit;
  return Math.max(0, max);
}

const toView = (o: Offer, merchantName: string): OfferView => ({
  id: o.id,
  merchantName,
  title: o.title,
  description: o.description,
  priceFen: o.priceFen ?? 0,
  priceText: money(o.priceFen ?? 0),
  faceText: money(o.faceValueFen ?? 0),
  stockText: o.stockLeft === null ? '数量不限' : o.stockLeft > 0 ? `剩余 ${o.stockLeft} 张` : '已售罄',
  whoText: o.eligibleCategories.length ? o.eligibleCategories.map(categoryLabel).join('、') : '所有优抚对象',
  limitText: o.perPersonDailyLimit ? `每人每天限购 ${o.perPersonDailyLimit} 张` : '',
  validityText: validity(o),
});

/**
 * 购买代金券: the offer and its terms, how many (1 up to what may be bought), the total for
 * display (the server computes the amount), then 立即支付: the order is made and paid with WeChat
 * Pay (or dev-pay on a development server). Paid: the order's page. The payment sheet closed: the
 * order waits 15 minutes and is paid from here or from the order's page. Each refusal is shown
 * with the server's reason and what to do about it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    offerId: 0,
    merchantId: 0,
    loading: true,
    loadError: '',
    offer: null as OfferView | null,
    /** Not (or no longer) on sale: withdrawn, not a voucher, or gone from the merchant's page. */
    unavailable: false,
    soldOut: false,
    quantity: 1,
    max: MAX_QUANTITY,
    totalText: '',
    paying: false,
    buyError: null as null | { code: string; message: string; hint: string; toCard: boolean },
    pending: null as Pending | null,
    /** The payment sheet was closed or failed: the order waits to be paid. */
    unpaid: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({
        rootFontSize: rootFontSize(),
        offerId: Number(query.offerId) || 0,
        merchantId: Number(query.merchantId) || 0,
      });
      void this.load();
    },

    /** The offer as the merchant's page shows it now; what was chosen stays within the new bounds. */
    async load(): Promise<void> {
      this.setData({ loading: !this.data.offer, loadError: '' });
      try {
        const m = await getMerchant(this.data.merchantId);
        const o = m.offers.filter((x) => x.id === this.data.offerId)[0];
        if (!o || o.kind !== 'voucher' || o.status !== 'active' || o.priceFen === null || o.faceValueFen === null) {
          this.setData({ loading: false, offer: null, unavailable: true });
          return;
        }
        const max = maxOf(o);
        const quantity = Math.max(1, Math.min(this.data.quantity, max));
        this.setData({
          loading: false,
          unavailable: false,
          offer: toView(o, m.name),
          max,
          soldOut: max < 1,
          quantity,
          totalText: money(o.priceFen * quantity),
        });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    setQuantity(n: number): void {
      const offer = this.data.offer;
      // Once the order is made, its quantity is the order's.
      if (!offer || this.data.pending || n < 1 || n > this.data.max) return;
      this.setData({ quantity: n, totalText: money(offer.priceFen * n), buyError: null });
    },

    less(): void {
      this.setQuantity(this.data.quantity - 1);
    },

    more(): void {
      this.setQuantity(this.data.quantity + 1);
    },

    /** 立即支付: the order first (stock is held for it), then the payment. */
    async submit(): Promise<void> {
      if (this.data.paying || !this.data.offer || this.data.soldOut || this.data.pending) return;
      // WeChat shows the subscription prompt only from a tap: ask now, and let the answer come
      // before the payment sheet, so the two never stand over each other.
      const asked = askSubscribe(['voucher_paid', 'voucher_redeemed', 'voucher_refunded']);
      this.setData({ paying: true, buyError: null, unpaid: false });
      await asked;
      let pending: Pending;
      try {
        const made = await createOrder(this.data.offerId, this.data.quantity);
        pending = { orderId: made.order.id, payByText: formatRelative(made.order.payBy), payment: made.payment };
      } catch (err) {
        this.setData({ paying: false });
        this.showBuyError(err);
        // What is left may have changed: show the offer as it now stands.
        if (err instanceof ApiError && (err.code === 'SOLD_OUT' || err.code === 'OFFER_UNAVAILABLE')) void this.load();
        return;
      }
      this.setData({ pending });
      await this.pay();
    },

    /** Pays the order made here (again, after the sheet was closed). */
    async pay(): Promise<void> {
      const pending = this.data.pending;
      if (!pending) return;
      this.setData({ paying: true, buyError: null });
      try {
        await payOrder(pending.orderId, pending.payment);
      } catch (err) {
        const cancelled = err instanceof ApiError && err.code === PAY_CANCELLED;
        this.setData({ paying: false, unpaid: true });
        if (!cancelled) this.showBuyError(err);
        return;
      }
      this.setData({ paying: false });
      wx.redirectTo({ url: `${ORDER_URL}?id=${pending.orderId}` });
    },

    showBuyError(err: unknown): void {
      const code = err instanceof ApiError ? err.code : '';
      this.setData({
        buyError: { code, message: messageOf(err), hint: BUY_HINTS[code] || '', toCard: code === 'CARD_INACTIVE' },
      });
    },

    openOrder(): void {
      const pending = this.data.pending;
      if (pending) wx.redirectTo({ url: `${ORDER_URL}?id=${pending.orderId}` });
    },

    openCard(): void {
      wx.navigateTo({ url: CARD_URL });
    },

    openMerchant(): void {
      if (getCurrentPages().length > 1) wx.navigateBack({ delta: 1 });
      else wx.redirectTo({ url: `/packages/merchants/pages/detail/detail?id=${this.data.merchantId}` });
    },
  },
});
