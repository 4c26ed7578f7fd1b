import { getVoucherSettlement, type VoucherSettlement } from '../../../../services/merchant-portal';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { money } from '../../offer-text';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar month of an instant, `YYYY-MM`. */
const beijingMonth = (now = Date.now()) => new Date(now + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

/** `2026-11` moved by `delta` months. */
function shiftMonth(month: string, delta: number): string {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  const m = (n % 12) + 1;
  return `${Math.floor(n / 12)}-${m < 10 ? `0${m}` : m}`;
}

/** `2026-11` → `2026年11月`. */
const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** `2026-11-23` → `11月23日`. */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** A count of vouchers and their amount, as one line: `3 张 ¥120.00`. */
const figure = (count: number, fen: number) => `${count} 张 ${money(fen)}`;

interface Row {
  key: string;
  label: string;
  sold: string;
  redeemed: string;
  refunded: string;
}

/** One offer's or one day's movements in the month. */
type SettlementMovements = Omit<VoucherSettlement['days'][number], 'day'>;

const rowOf = (key: string, label: string, m: SettlementMovements): Row => ({
  key,
  label,
  sold: figure(m.soldCount, m.soldFen),
  redeemed: figure(m.redeemedCount, m.redeemedFen),
  refunded: figure(m.refundedCount, m.refundedFen),
});

interface Totals {
  range: string;
  payable: string;
  sold: string;
  redeemed: string;
  refunded: string;
  unused: string;
}

const totalsOf = (s: VoucherSettlement): Totals => ({
  range: `${shortDay(s.from)} 至 ${shortDay(s.to)}`,
  payable: money(s.payableFen),
  sold: figure(s.sold.count, s.sold.amountFen),
  redeemed: figure(s.redeemed.count, s.redeemed.amountFen),
  refunded: figure(s.refunded.count, s.refunded.amountFen),
  unused: `${s.unusedCount} 张`,
});

const quiet = (s: VoucherSettlement) => !s.sold.count && !s.redeemed.count && !s.refunded.count && !s.unusedCount;

/** Answers of months the owner has since moved away from are dropped. */
const pending = new WeakMap<object, number>();

/**
 * 代金券结算: one Beijing month of the shop's vouchers (this month first): what the bureau owes the
 * shop (应结金额), how many were sold, redeemed and refunded with their amounts, how many are still
 * unused, then the same per offer and per day. For the owner only: clerks do not see money.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    month: beijingMonth(),
    monthText: monthText(beijingMonth()),
    /** The latest month that can be chosen: this one. */
    thisMonth: beijingMonth(),
    canNext: false,
    state: 'loading',
    message: '',
    totals: null as Totals | null,
    offers: [] as Row[],
    days: [] as Row[],
  },
  methods: {
    onLoad(): void {
      const month = beijingMonth();
      this.setData({ rootFontSize: rootFontSize(), thisMonth: month });
      void this.show(month);
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    onMonth(e: WechatMiniprogram.PickerChange): void {
      void this.show(String(e.detail.value).slice(0, 7));
    },

    previous(): void {
      void this.show(shiftMonth(this.data.month, -1));
    },

    next(): void {
      if (this.data.canNext) void this.show(shiftMonth(this.data.month, 1));
    },

    async show(month: string): Promise<void> {
      const chosen = month > this.data.thisMonth ? this.data.thisMonth : month;
      this.setData({ month: chosen, monthText: monthText(chosen), canNext: chosen < this.data.thisMonth });
      await this.load();
    },

    async load(): Promise<void> {
      const month = this.data.month;
      const ticket = (pending.get(this) || 0) + 1;
      pending.set(this, ticket);
      this.setData({ state: 'loading', message: '', totals: null, offers: [], days: [] });
      try {
        const s = await getVoucherSettlement(month);
        if (pending.get(this) !== ticket) return;
        this.setData({
          state: quiet(s) ? 'empty' : 'ready',
          message: quiet(s) ? `${monthText(month)}没有代金券售出、核销或退款。` : '',
          totals: totalsOf(s),
          offers: s.offers.map((o) => rowOf(String(o.offerId), o.title, o)),
          days: s.days.map((d) => rowOf(d.day, shortDay(d.day), d)),
        });
      } catch (err) {
        if (pending.get(this) !== ticket) return;
        // A clerk: the money is the owner's to see.
        if (err instanceof ApiError && err.status === 403) {
          this.setData({ state: 'denied', message: '代金券结算只有店铺负责人可以查看。' });
          return;
        }
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },
  },
});
