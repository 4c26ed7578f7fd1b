import { money, myOrders, ORDER_STATUS_TONE, type OrderSummary } from '../../../../services/vouchers';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime, formatRelative } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface OrderRow {
  id: number;
  title: string;
  status: string;
  statusText: string;
  tone: string;
  amountText: string;
  countText: string;
  whenText: string;
  /** Unpaid: the time to pay by. */
  payByText: string;
}

const EMPTY = '还没有代金券。在联盟商户的页面可以购买代金券，到店出示使用。';

function countText(o: OrderSummary): string {
  const all = `共 ${o.quantity} 张`;
  if (typeof o.unused !== 'number' || (o.status !== 'paid' && o.status !== 'redeemed')) return all;
  return o.unused > 0 ? `${all}，${o.unused} 张未使用` : `${all}，已全部使用`;
}

const toRow = (o: OrderSummary): OrderRow => ({
  id: o.id,
  title: o.title,
  status: o.status,
  statusText: o.statusText,
  tone: ORDER_STATUS_TONE[o.status] || 'neutral',
  amountText: money(o.amountFen),
  countText: countText(o),
  whenText: formatDateTime(o.createdAt),
  payByText: o.status === 'created' ? formatRelative(o.payBy) : '',
});

const lists = new WeakMap<object, PagedList<OrderSummary>>();

/**
 * 我的代金券: the holder's voucher orders, newest first, a page at a time: what was bought, its
 * status in words, how many are still to use; an unpaid one says until when it can be paid. Each
 * opens the order's page (vouchers, QR codes, refund, history).
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<OrderRow>(),
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<OrderSummary>(this, {
        emptyMessage: EMPTY,
        fetch: (cursor) => myOrders(cursor ? { cursor } : {}),
        view: toRow,
      });
      lists.set(this, list);
      void list.first();
    },

    /** Back from an order (paid, used, refunded there): the list as it now stands. */
    onShow(): void {
      const list = lists.get(this);
      if (list && this.data.list.state !== 'loading') void list.first();
    },

    async onPullDownRefresh(): Promise<void> {
      await lists.get(this)?.first();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void lists.get(this)?.more();
    },

    reload(): void {
      void lists.get(this)?.first();
    },

    /** The empty block leads to the merchants; the error block loads again. */
    onStateAction(): void {
      if (this.data.list.state === 'empty') this.openMerchants();
      else this.reload();
    },

    loadMore(): void {
      void lists.get(this)?.more();
    },

    openOrder(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (id) wx.navigateTo({ url: `/packages/vouchers/pages/order/order?id=${id}` });
    },

    openMerchants(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/list/list' });
    },
  },
});
