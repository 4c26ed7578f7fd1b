import { ApiError, messageOf } from '../../../../services/request';
import {
  getOrder,
  money,
  ORDER_ACTOR_WORDS,
  ORDER_STATUS_TONE,
  ORDER_STATUS_WORDS,
  ORDER_STEP_WORDS,
  PAY_CANCELLED,
  payOrder,
  REFUND_STATUS_WORDS,
  refundOrder,
  VOUCHER_STATUS_WORDS,
  voucherQr,
  type Order,
  type Refund,
} from '../../../../services/vouchers';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime, formatRelative } from '../../../../utils/format';
import { brighten, QrRefresh, restoreScreen } from '../../../../utils/counter-screen';
import { matrixToRuns, tokenToMatrix, type QrRun } from '../../../../utils/qr';

/** Width of the drawn code, quiet zone included: as large as the screen allows. */
const QR_WIDTH_RPX = 560;
/** The server takes a reason of 2 to 80 characters; shorter is no reason. */
const REASON_MIN = 2;
const REASON_MAX = 80;

// Timers live outside the page's data: they are not something to render.
const qrTimers = new QrRefresh();
/** Whether the page is on screen: a code that arrives after the page was left starts no timer. */
let visible = false;

/** Everything the page started for a code: timers, brightness, screen on. */
function leave(): void {
  visible = false;
  qrTimers.stop();
  restoreScreen();
}

interface VoucherView {
  id: number;
  seq: number;
  status: string;
  statusText: string;
  redeemedText: string;
  /** Unused, paid and not expired: its QR code can be shown at the counter. */
  canShow: boolean;
}

interface RefundView {
  status: string;
  statusText: string;
  amountText: string;
  voucherCount: number;
  reason: string;
  succeededText: string;
  done: boolean;
}

interface OrderView {
  id: number;
  merchantId: number;
  title: string;
  status: string;
  statusText: string;
  tone: string;
  amountText: string;
  unitText: string;
  faceText: string;
  quantity: number;
  outTradeNo: string;
  createdText: string;
  paidText: string;
  payByText: string;
  validText: string;
  expired: boolean;
  unused: number;
  vouchers: VoucherView[];
  canPay: boolean;
  canRefund: boolean;
  refundAmountText: string;
  refund: RefundView | null;
  history: Array<{ key: number; step: string; toText: string; when: string; by: string; reason: string }>;
}

const toRefundView = (r: Refund): RefundView => ({
  status: r.status,
  statusText: REFUND_STATUS_WORDS[r.status] || r.status,
  amountText: money(r.amountFen),
  voucherCount: r.voucherCount,
  reason: r.reason,
  succeededText: r.succeededAt ? formatDateTime(r.succeededAt) : '',
  done: r.status === 'success',
});

function toView(o: Order, now: number): OrderView {
  const expired = !!o.validTo && Date.parse(o.validTo) <= now;
  const usable = o.status === 'paid' && !expired;
  const unused = o.vouchers.filter((v) => v.status === 'unused').length;
  return {
    id: o.id,
    merchantId: o.merchantId,
    title: o.title,
    status: o.status,
    statusText: o.statusText,
    tone: ORDER_STATUS_TONE[o.status] || 'neutral',
    amountText: money(o.amountFen),
    unitText: money(o.unitPriceFen),
    faceText: money(o.faceValueFen),
    quantity: o.quantity,
    outTradeNo: o.outTradeNo,
    createdText: formatDateTime(o.createdAt),
    paidText: o.paidAt ? formatDateTime(o.paidAt) : '',
    payByText: formatRelative(o.payBy),
    validText: o.validTo ? `${formatDateTime(o.validTo)} 前有效` : '长期有效',
    expired,
    unused,
    vouchers: o.vouchers.map((v) => ({
      id: v.id,
      seq: v.seq,
      status: v.status,
      statusText: v.status === 'unused' && expired ? '已过期' : VOUCHER_STATUS_WORDS[v.status],
      redeemedText: v.redeemedAt ? `使用时间：${formatDateTime(v.redeemedAt)}` : '',
      canShow: usable && v.status === 'unused',
    })),
    canPay: o.status === 'created' && !!o.payment,
    // The holder may refund unused vouchers before they expire (staff handle the rest).
    canRefund: usable && unused > 0,
    refundAmountText: money(unused * o.unitPriceFen),
    refund: o.refund ? toRefundView(o.refund) : null,
    // Newest step first: that is the one the holder comes to read.
    history: o.history
      .map((h, i) => ({
        key: i,
        step: ORDER_STEP_WORDS[h.action] || h.action,
        toText: (ORDER_STATUS_WORDS as Record<string, string>)[h.to] || h.to,
        when: formatDateTime(h.at),
        by: ORDER_ACTOR_WORDS[h.by] || h.by,
        reason: h.reason || '',
      }))
      .reverse(),
  };
}

/**
 * One voucher order. Unpaid: 去支付 (the same payment as at the order) and the time to pay by.
 * Paid: each voucher with its state, and 出示 for an unused one: its QR code, large, with the
 * screen bright, replaced shortly before it expires (a code lives 60 seconds and is used once),
 * none fetched while the page is out of sight. 退款 returns the unused vouchers after a confirm,
 * with an optional reason; the refund's state and the order's history follow below.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    loading: true,
    loaded: false,
    loadError: '',
    order: null as OrderView | null,
    paying: false,
    payNote: '',
    actionError: '',
    refunding: false,
    /** The voucher whose code is shown (0: none). */
    showingId: 0,
    showingSeq: 0,
    qrRows: [] as Array<{ y: number; runs: QrRun[] }>,
    qrCell: 12,
    qrError: '',
    qrExpiresAt: '',
    qrSecondsLeft: 0,
    qrLoading: false,
  },
  lifetimes: {
    detached(): void {
      leave();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      visible = true;
      this.setData({ rootFontSize: rootFontSize(), id: Number(query.id) || 0 });
      void this.load();
    },

    onShow(): void {
      visible = true;
      if (!this.data.loaded) return;
      // Back on screen: the order as it now stands, and a fresh code for the one shown.
      void this.load().then(() => {
        if (this.data.showingId) void this.refreshQr();
      });
    },

    onHide(): void {
      leave();
    },

    onUnload(): void {
      leave();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: !this.data.loaded, loadError: '' });
      try {
        const o = await getOrder(this.data.id);
        const view = toView(o, Date.now());
        this.setData({ loading: false, loaded: true, order: view });
        // The shown voucher was used or refunded meanwhile: its code goes away.
        const shown = view.vouchers.filter((v) => v.id === this.data.showingId)[0];
        if (this.data.showingId && (!shown || !shown.canShow)) this.closeQr();
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    /** 去支付: the order's own payment, then the order as the server now has it. */
    async pay(): Promise<void> {
      if (this.data.paying) return;
      this.setData({ paying: true, payNote: '', actionError: '' });
      try {
        const o = await getOrder(this.data.id);
        if (o.status !== 'created' || !o.payment) {
          // Paid (or closed) meanwhile: nothing to pay.
          this.setData({ paying: false, order: toView(o, Date.now()) });
          return;
        }
        await payOrder(o.id, o.payment);
      } catch (err) {
        const cancelled = err instanceof ApiError && err.code === PAY_CANCELLED;
        const order = this.data.order;
        this.setData({
          paying: false,
          payNote: cancelled ? `未支付。订单保留到 ${order ? order.payByText : '15 分钟后'}，可以随时回来支付。` : '',
          actionError: cancelled ? '' : messageOf(err),
        });
        return;
      }
      this.setData({ paying: false });
      wx.showToast({ title: '支付成功', icon: 'success' });
      await this.load();
    },

    /** 出示: this voucher's code at the counter. */
    async showQr(e: WechatMiniprogram.CustomEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      const v = this.data.order ? this.data.order.vouchers.filter((x) => x.id === id)[0] : undefined;
      if (!v || !v.canShow) return;
      this.setData({ showingId: id, showingSeq: v.seq, qrRows: [], qrError: '', qrSecondsLeft: 0 });
      await this.refreshQr();
    },

    closeQr(): void {
      qrTimers.stop();
      restoreScreen();
      this.setData({ showingId: 0, showingSeq: 0, qrRows: [], qrError: '', qrExpiresAt: '', qrSecondsLeft: 0 });
    },

    /** 刷新: a new code now (the shown one may have been seen by someone behind). */
    refreshNow(): void {
      if (this.data.qrLoading) return;
      void this.refreshQr();
    },

    async refreshQr(): Promise<void> {
      qrTimers.stop();
      const id = this.data.showingId;
      if (!id) return;
      this.setData({ qrLoading: true });
      try {
        const t = await voucherQr(this.data.id, id);
        // Put away, or another voucher chosen, while the code was on its way.
        if (this.data.showingId !== id) return;
        const rows = matrixToRuns(tokenToMatrix(t.token)).map((runs, y) => ({ y, runs }));
        this.setData({
          qrLoading: false,
          qrRows: rows,
          qrCell: Math.floor(QR_WIDTH_RPX / rows.length),
          qrError: '',
          qrExpiresAt: t.expiresAt,
        });
        this.scheduleRefresh(t.expiresAt);
        if (visible) brighten();
      } catch (err) {
        if (this.data.showingId !== id) return;
        this.setData({ qrLoading: false, qrRows: [], qrError: messageOf(err), qrSecondsLeft: 0 });
        restoreScreen();
        // Used at the counter, refunded or expired: show the vouchers as they now stand.
        if (err instanceof ApiError && (err.code === 'VOUCHER_USED' || err.code === 'VOUCHER_NOT_USABLE')) {
          void this.reloadKeepingMessage(err.message);
        }
      }
    },

    /** Reloads the order and keeps the code's message where the code was. */
    async reloadKeepingMessage(message: string): Promise<void> {
      await this.load();
      if (!this.data.showingId) this.setData({ actionError: message });
    },

    scheduleRefresh(expiresAt: string): void {
      qrTimers.stop();
      if (!visible) return;
      qrTimers.schedule(
        expiresAt,
        () => void this.refreshQr(),
        (left) => {
          if (left !== this.data.qrSecondsLeft) this.setData({ qrSecondsLeft: left });
        },
      );
    },

    /** 退款: asks first (with a place for a reason), then refunds the unused vouchers. */
    refund(): void {
      const order = this.data.order;
      if (!order || !order.canRefund || this.data.refunding) return;
      wx.showModal({
        title: '申请退款',
        content: `退回 ${order.unused} 张未使用的代金券，共 ${order.refundAmountText}，钱款原路退回。退款后这些代金券不能再使用。`,
        editable: true,
        placeholderText: '退款原因（可不填）',
        confirmText: '确认退款',
        confirmColor: '#8e0000',
        cancelText: '不退了',
        success: (res) => {
          if (res.confirm) void this.doRefund(res.content || '');
        },
      });
    },

    async doRefund(typed: string): Promise<void> {
      const text = typed.trim().slice(0, REASON_MAX);
      this.closeQr();
      this.setData({ refunding: true, actionError: '' });
      try {
        const answer = await refundOrder(this.data.id, text.length >= REASON_MIN ? text : undefined);
        if (this.data.order) this.setData({ 'order.refund': toRefundView(answer.refund), 'order.canRefund': false });
        wx.showToast({ title: '已申请退款', icon: 'success' });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      }
      this.setData({ refunding: false });
      await this.load();
    },

    openMerchant(): void {
      const order = this.data.order;
      if (order) wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${order.merchantId}` });
    },

    openOrders(): void {
      wx.redirectTo({ url: '/packages/vouchers/pages/orders/orders' });
    },
  },
});
