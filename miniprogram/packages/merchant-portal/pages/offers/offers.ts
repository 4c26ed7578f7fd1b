import { listMyOffers, type MyOffer, withdrawOffer } from '../../../../services/merchant-portal';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { emptyList, PagedList } from '../../../../utils/paged-list';
import { eligibleText, limitText, offerKindText, stockText, validityText } from '../../offer-text';

interface OfferView {
  id: number;
  title: string;
  discountText: string;
  kindText: string;
  /** Vouchers: left of how many, or not limited; empty for a discount. */
  stock: string;
  soldOut: boolean;
  validity: string;
  limit: string;
  eligible: string;
  description: string;
  active: boolean;
}

const toView = (o: MyOffer): OfferView => ({
  id: o.id,
  title: o.title,
  discountText: o.discountText,
  kindText: offerKindText(o),
  stock: stockText(o),
  soldOut: o.kind === 'voucher' && o.stockTotal != null && !o.stockLeft,
  validity: validityText(o),
  limit: limitText(o.perPersonDailyLimit),
  eligible: eligibleText(o.eligibleCategories),
  description: o.description,
  active: o.status === 'active',
});

const lists = new WeakMap<object, PagedList<MyOffer>>();

/**
 * 优惠管理: the shop's offers, newest first, with what each gives, when and to whom. The owner
 * publishes a new one, changes one, or takes one down after confirming.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<OfferView>(),
    withdrawing: 0,
    actionError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<MyOffer>(this, {
        emptyMessage: '还没有发布优惠。发布后，持证人就能在联盟商户列表里看到。',
        fetch: () => listMyOffers(),
        view: toView,
      });
      lists.set(this, list);
      void list.first();
    },

    /** Back from the edit page: show what was saved. */
    onShow(): void {
      if (this.data.list.state !== 'loading') void lists.get(this)?.first();
    },

    async onPullDownRefresh(): Promise<void> {
      await lists.get(this)?.first();
      wx.stopPullDownRefresh();
    },

    reload(): void {
      void lists.get(this)?.first();
    },

    create(): void {
      wx.navigateTo({ url: '/packages/merchant-portal/pages/offer-edit/offer-edit' });
    },

    edit(e: WechatMiniprogram.CustomEvent): void {
      wx.navigateTo({
        url: `/packages/merchant-portal/pages/offer-edit/offer-edit?id=${Number(e.currentTarget.dataset.id)}`,
      });
    },

    withdraw(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const offer = this.data.list.items.filter((o) => o.id === id)[0];
      if (!offer || this.data.withdrawing) return;
      wx.showModal({
        title: '下架这个优惠？',
        content: `「${offer.title}」下架后，持证人将看不到它，店员也不能再核验。下架后不能恢复，如需要可重新发布。`,
        confirmText: '下架',
        confirmColor: '#8e0000',
        cancelText: '不下架',
        success: (r) => {
          if (r.confirm) void this.doWithdraw(id);
        },
      });
    },

    async doWithdraw(id: number): Promise<void> {
      this.setData({ withdrawing: id, actionError: '' });
      try {
        await withdrawOffer(id);
        this.setData({ withdrawing: 0 });
        wx.showToast({ title: '已下架', icon: 'success' });
        await lists.get(this)?.first();
      } catch (err) {
        this.setData({ withdrawing: 0, actionError: messageOf(err) });
      }
    },
  },
});
