import { type Figures, getFigures } from '../../../../services/merchant-portal';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** A Beijing calendar day `days` before today, `YYYY-MM-DD`. */
const beijingDay = (daysAgo: number, now = Date.now()) =>
  new Date(now + BEIJING_OFFSET_MS - daysAgo * DAY_MS).toISOString().slice(0, 10);

/** `2026-11-23` → `11月23日`. */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

interface Span {
  key: string;
  label: string;
  days: number;
}

const SPANS: Span[] = [
  { key: '7', label: '近 7 天', days: 7 },
  { key: '30', label: '近 30 天', days: 30 },
  { key: '90', label: '近 90 天', days: 90 },
];

interface Bar {
  key: string;
  label: string;
  count: number;
  /** Width of the bar in percent of the largest. */
  width: number;
}

const bars = <T>(rows: T[], key: (r: T) => string, label: (r: T) => string, count: (r: T) => number): Bar[] => {
  const max = rows.reduce((m, r) => Math.max(m, count(r)), 0) || 1;
  return rows.map((r) => ({
    key: key(r),
    label: label(r),
    count: count(r),
    width: Math.max(4, Math.round((count(r) / max) * 100)),
  }));
};

/**
 * 经营数据: how the shop's offers were used over the last 7, 30 or 90 days: the total, how many
 * different holders, today's count, each day (busiest days visible at a glance) and each offer.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    spans: SPANS,
    span: '30',
    state: 'loading',
    message: '',
    range: '',
    total: 0,
    uniqueHolders: 0,
    today: 0,
    perDay: [] as Bar[],
    perOffer: [] as Bar[],
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    chooseSpan(e: WechatMiniprogram.TouchEvent): void {
      const span = String(e.currentTarget.dataset.key);
      if (span === this.data.span) return;
      this.setData({ span });
      void this.load();
    },

    async load(): Promise<void> {
      const span = SPANS.filter((s) => s.key === this.data.span)[0] || SPANS[1];
      this.setData({ state: 'loading', message: '' });
      try {
        const f: Figures = await getFigures({ from: beijingDay(span.days - 1), to: beijingDay(0) });
        this.setData({
          state: f.total ? 'ready' : 'empty',
          message: f.total ? '' : `${span.label}还没有核验记录。`,
          range: `${shortDay(f.from)} 至 ${shortDay(f.to)}`,
          total: f.total,
          uniqueHolders: f.uniqueHolders,
          today: f.today,
          perDay: bars(
            f.perDay,
            (d) => d.day,
            (d) => shortDay(d.day),
            (d) => d.count,
          ),
          perOffer: bars(
            f.perOffer,
            (o) => String(o.offerId),
            (o) => o.title,
            (o) => o.count,
          ),
        });
      } catch (err) {
        // A clerk: nothing to retry, the figures are the owner's.
        if (err instanceof ApiError && err.status === 403) {
          this.setData({
            state: 'denied',
            message: '经营数据只有店铺负责人可以查看。今日核验次数可在“核验记录”中查看。',
          });
          return;
        }
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },
  },
});
