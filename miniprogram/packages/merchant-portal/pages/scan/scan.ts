import { privateFilePath } from '../../../../services/files';
import { getMyMerchant, listMyOffers, redeem } from '../../../../services/merchant-portal';
import type { Offer } from '../../../../services/merchants';
import { categoryLabel } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { ensurePrivacy } from '../../../../utils/privacy';

interface OfferChoice {
  id: number;
  title: string;
  discountText: string;
}

interface Verdict {
  ok: boolean;
  /** Success: the holder's masked name, category in words, and the offer applied. */
  nameMasked: string;
  categoryText: string;
  offerTitle: string;
  /** Failure: what went wrong, in words a clerk can say to the holder. */
  reason: string;
}

/** The shop the clerk is signed in for, as the top of the page says it. */
interface ShopView {
  name: string;
  address: string;
  roleText: string;
  isOwner: boolean;
  suspended: boolean;
}

/** What the clerk reads for each refusal: short, and says what to do where there is something to do. */
const REASONS: Record<string, string> = {
  QR_INVALID: '二维码无效或已过期，请持证人刷新',
  QR_USED: '二维码已使用',
  CARD_INACTIVE: '优待证已挂失或停用',
  LIMIT_REACHED: '今日次数已用完',
  CATEGORY_NOT_ELIGIBLE: '不适用于该优抚类别',
  OFFER_UNAVAILABLE: '优惠已下架或不在有效期',
  NOT_FOUND: '优惠不存在',
  MERCHANT_INACTIVE: '商户已暂停',
};

/** The offer last used at this counter is chosen again next time. */
const LAST_OFFER_KEY = 'rongyou.portal.offerId';

function reasonOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (REASONS[err.code]) return REASONS[err.code];
    // Something scanned that is not a card's code at all (a shop's own QR, say).
    const aboutToken = (err.details || []).some((d) => d.field === 'qrToken');
    if (err.code === 'VALIDATION_FAILED' && aboutToken) return REASONS.QR_INVALID;
  }
  return messageOf(err);
}

/** Offers a clerk can apply now: published and within their dates. */
function usable(offers: Offer[], now: number): OfferChoice[] {
  return offers
    .filter((o) => o.status === 'active')
    .filter((o) => !o.validFrom || Date.parse(o.validFrom) <= now)
    .filter((o) => !o.validTo || Date.parse(o.validTo) >= now)
    .map((o) => ({ id: o.id, title: o.title, discountText: o.discountText }));
}

/**
 * 扫码核验, at the counter: the top says which shop the clerk is signed in for; the clerk picks the
 * offer, scans the holder's electronic card, and gets a verdict large enough to read at arm's
 * length: green with the card's photo, the masked name and category to compare with the person, or
 * red with the reason.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    shop: null as ShopView | null,
    shopError: '',
    offers: [] as OfferChoice[],
    offerId: 0,
    offerTitle: '',
    offersLoading: true,
    offersError: '',
    choiceError: '',
    scanRefused: '',
    busy: false,
    verdict: null as Verdict | null,
    /** The card's photo as a local file; `photoState` is loading, ready, none or error. */
    photoPath: '',
    photoState: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.loadShop();
      void this.loadOffers();
    },

    async onPullDownRefresh(): Promise<void> {
      await Promise.all([this.loadShop(), this.loadOffers()]);
      wx.stopPullDownRefresh();
    },

    async loadShop(): Promise<void> {
      try {
        const me = await getMyMerchant();
        this.setData({
          shopError: '',
          shop: {
            name: me.merchant.name,
            address: me.merchant.address,
            roleText: me.role === 'owner' ? '负责人' : '店员',
            isOwner: me.role === 'owner',
            suspended: me.merchant.status !== 'active',
          },
        });
      } catch (err) {
        this.setData({ shop: null, shopError: messageOf(err) });
      }
    },

    async loadOffers(): Promise<void> {
      this.setData({ offersLoading: true, offersError: '' });
      try {
        const page = await listMyOffers();
        const offers = usable(page.items, Date.now());
        const last = Number(wx.getStorageSync(LAST_OFFER_KEY)) || 0;
        let chosen = offers.filter((o) => o.id === this.data.offerId || o.id === last)[0];
        if (!chosen && offers.length === 1) chosen = offers[0];
        this.setData({
          offers,
          offersLoading: false,
          offerId: chosen ? chosen.id : 0,
          offerTitle: chosen ? chosen.title : '',
        });
      } catch (err) {
        this.setData({ offersLoading: false, offersError: messageOf(err) });
      }
    },

    chooseOffer(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const offer = this.data.offers.filter((o) => o.id === id)[0];
      if (!offer) return;
      wx.setStorageSync(LAST_OFFER_KEY, offer.id);
      this.setData({ offerId: offer.id, offerTitle: offer.title, choiceError: '' });
    },

    async scan(): Promise<void> {
      if (this.data.busy) return;
      if (!this.data.offerId) {
        this.setData({ choiceError: '请先选择本次使用的优惠' });
        return;
      }
      if (!(await ensurePrivacy('扫码核验需要使用摄像头扫描持证人的电子优待证二维码'))) {
        this.setData({ scanRefused: '未同意隐私保护指引，无法打开扫码。可在同意后再试。' });
        return;
      }
      this.setData({ scanRefused: '' });
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: (res) => {
          if (res && res.result) void this.verify(res.result);
        },
        // Cancelled or the camera failed: nothing was scanned, nothing to say.
        fail: () => undefined,
      });
    },

    async verify(qrToken: string): Promise<void> {
      const offerId = this.data.offerId;
      this.setData({ busy: true });
      let verdict: Verdict;
      let photoFileId: number | null = null;
      try {
        const r = await redeem(qrToken, offerId);
        photoFileId = r.holder.photoFileId;
        verdict = {
          ok: true,
          nameMasked: r.holder.nameMasked,
          categoryText: categoryLabel(r.holder.category),
          offerTitle: r.offer.title,
          reason: '',
        };
      } catch (err) {
        verdict = {
          ok: false,
          nameMasked: '',
          categoryText: '',
          offerTitle: this.data.offerTitle,
          reason: reasonOf(err),
        };
      }
      this.setData({
        busy: false,
        verdict,
        photoPath: '',
        photoState: verdict.ok ? (photoFileId ? 'loading' : 'none') : '',
      });
      wx.vibrateShort({ type: 'heavy' });
      if (photoFileId) void this.loadPhoto(photoFileId);
    },

    /** The card's photo, readable by this shop for a few minutes after the verification. */
    async loadPhoto(fileId: number): Promise<void> {
      try {
        const path = await privateFilePath(fileId);
        if (this.data.verdict && this.data.verdict.ok) this.setData({ photoPath: path, photoState: 'ready' });
      } catch {
        if (this.data.verdict && this.data.verdict.ok) this.setData({ photoState: 'error' });
      }
    },

    reset(): void {
      this.setData({ verdict: null, photoPath: '', photoState: '' });
    },

    openRedemptions(): void {
      wx.navigateTo({ url: '/packages/merchant-portal/pages/redemptions/redemptions' });
    },

    openHome(): void {
      wx.navigateTo({ url: '/packages/merchant-portal/pages/home/home' });
    },
  },
});
