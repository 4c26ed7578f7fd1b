import { type MyRedemption, myRedemptions } from '../../../../services/merchants';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface RedemptionView {
  id: number;
  merchantId: number;
  merchantName: string;
  offerTitle: string;
  when: string;
}

const EMPTY = '还没有使用记录。在联盟商户出示电子优待证、店员扫码后，记录会显示在这里。';

const toView = (r: MyRedemption): RedemptionView => ({
  id: r.id,
  merchantId: r.merchant ? r.merchant.id : 0,
  merchantName: r.merchant ? r.merchant.name : '联盟商户',
  offerTitle: r.offer.title,
  when: formatDateTime(r.at),
});

const lists = new WeakMap<object, PagedList<MyRedemption>>();

/**
 * 我的优待使用记录: every discount the holder used, newest first, a page at a time: where, which
 * offer and when. A use the holder does not recognise, or a discount refused, leads to the
 * merchant's page, where they can report it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<RedemptionView>(),
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<MyRedemption>(this, {
        emptyMessage: EMPTY,
        fetch: (cursor) => myRedemptions(cursor ? { cursor } : {}),
        view: toView,
      });
      lists.set(this, list);
      void list.first();
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

    loadMore(): void {
      void lists.get(this)?.more();
    },

    openMerchant(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (id) wx.navigateTo({ url: `/packages/merchants/pages/detail/detail?id=${id}` });
    },

    openComplaints(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/complaints/complaints' });
    },
  },
});
