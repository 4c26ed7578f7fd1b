import { getMyMerchant, type MerchantStatus, refreshRoles } from '../../../../services/merchant-portal';
import { ApiError, messageOf, request } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

/** A merchant's state in words and the tone of its chip. */
const STATUS: Record<MerchantStatus, { text: string; tone: string; note: string }> = {
  active: { text: '营业中', tone: 'ok', note: '' },
  pending: { text: '审核中', tone: 'info', note: '入盟申请正在审核，通过后即可发布优惠。' },
  rejected: { text: '未通过', tone: 'danger', note: '入盟申请未通过。' },
  suspended: {
    text: '已暂停',
    tone: 'danger',
    note: '本店已被暂停：持证人看不到本店，也不能扫码核验。如有疑问请联系区退役军人事务局。',
  },
};

interface ShopView {
  name: string;
  address: string;
  contactPhone: string;
  statusText: string;
  tone: string;
  note: string;
  reason: string;
  isOwner: boolean;
}

const go = (url: string) => () => wx.navigateTo({ url });

/**
 * 店铺管理, the shop's home: which shop, its state, and the way to everything the owner runs:
 * the counter, the offers, the clerks, the figures and the vouchers' monthly settlement. A clerk
 * sees only the counter and the records. Someone who is not (or not yet) in a shop is led to the
 * application.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    notMember: false,
    shop: null as ShopView | null,
    /** The shop is a 军人驿站: its desk is one of the entries. */
    lodgingDesk: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load(true);
    },

    onShow(): void {
      // Back from the offers or clerks: the shop's state may have changed.
      if (this.data.shop) void this.load(false);
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load(false);
      wx.stopPullDownRefresh();
    },

    reload(): void {
      void this.load(true);
    },

    async load(renewRoles: boolean): Promise<void> {
      if (!this.data.shop) this.setData({ state: 'loading', message: '' });
      try {
        const me = await getMyMerchant();
        const s = STATUS[me.merchant.status];
        this.setData({
          state: 'ready',
          notMember: false,
          shop: {
            name: me.merchant.name,
            address: me.merchant.address,
            contactPhone: me.merchant.contactPhone,
            statusText: s.text,
            tone: s.tone,
            note: s.note,
            reason: me.merchant.reason || '',
            isOwner: me.role === 'owner',
          },
        });
        void this.checkLodgingDesk();
      } catch (err) {
        // Approved since the last login: the owner's role arrives with a new token.
        if (renewRoles && err instanceof ApiError && err.status === 403 && (await refreshRoles())) {
          await this.load(false);
          return;
        }
        if (err instanceof ApiError && err.status === 403) {
          this.setData({ state: 'ready', notMember: true, shop: null });
          return;
        }
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    /** Whether the shop is a 军人驿站; the desk entry stays hidden when it is not or cannot be told. */
    async checkLodgingDesk(): Promise<void> {
      try {
        const desk = await request<{ isHotel: boolean }>('/api/v1/lodging/desk');
        this.setData({ lodgingDesk: desk.isHotel === true });
      } catch {
        this.setData({ lodgingDesk: false });
      }
    },

    openLodgingDesk: go('/packages/merchant-portal/pages/lodging-desk/lodging-desk'),
    openScan: go('/packages/merchant-portal/pages/scan/scan'),
    openOffers: go('/packages/merchant-portal/pages/offers/offers'),
    openClerks: go('/packages/merchant-portal/pages/clerks/clerks'),
    openFigures: go('/packages/merchant-portal/pages/figures/figures'),
    openSettlement: go('/packages/merchant-portal/pages/settlement/settlement'),
    openRedemptions: go('/packages/merchant-portal/pages/redemptions/redemptions'),
    openApplication: go('/packages/merchant-portal/pages/application/application'),
  },
});
