import { privateFilePath } from '../../../../services/files';
import { getMyMerchant, listMyOffers, redeem, redeemVoucher } from '../../../../services/merchant-portal';
import type { Offer } from '../../../../services/merchants';
import { categoryLabel } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatClock } from '../../../../utils/format';
import { ensurePrivacy } from '../../../../utils/privacy';
import { yuan } from '../../offer-text';

interface OfferChoice {
  id: number;
  title: string;
  discountText: string;
}

/** A voucher taken, as the counter reads it at a glance. */
interface VoucherView {
  /** 面值 ¥50 代金券. */
  faceText: string;
  title: string;
  /** 第 2 张（本单共 3 张）. */
  seqText: string;
  /** What is left of the holder's order after this one. */
  remainingText: string;
  /** When it was taken, `HH:mm` Beijing time. */
  timeText: string;
}

interface Verdict {
  /** What was scanned: a holder's electronic card (a discount) or one of their vouchers. */
  kind: 'card' | 'voucher';
  ok: boolean;
  /** Success: the holder's masked name, category in words, and the offer applied. */
  nameMasked: string;
  categoryText: string;
  offerTitle: string;
  /** Failure: what went wrong, in words a clerk can say to the holder. */
  reason: string;
  /** Voucher success: which voucher was taken. */
  voucher: VoucherView | null;
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

/** The same for a voucher's code. */
const VOUCHER_REASONS: Record<string, string> = {
  VOUCHER_QR_INVALID: '代金券二维码无效或已过期，请持证人刷新二维码后再扫',
  VOUCHER_USED: '这张代金券已经用过或已退款',
  VOUCHER_OTHER_SHOP: '这张代金券不是本店的，不能在本店使用',
  VOUCHER_NOT_USABLE: '这张代金券现在不能用（未付款、退款中或已过期）',
  MERCHANT_INACTIVE: '商户已暂停，不能核销代金券',
};

/** A voucher's QR code carries `v1.…`; everything else is taken for a card's (`q1.…`). */
const isVoucherToken = (text: string) => text.indexOf('v1.') === 0;

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

function voucherReasonOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (VOUCHER_REASONS[err.code]) return VOUCHER_REASONS[err.code];
    const aboutToken = (err.details || []).some((d) => d.field === 'token');
    if (err.code === 'VALIDATION_FAILED' && aboutToken) return VOUCHER_REASONS.VOUCHER_QR_INVALID;
  }
  return messageOf(err);
}

/**
 * Discounts a clerk can apply to a card now: published and within their dates. Vouchers are not
 * among them: a voucher's own code says which voucher it is.
 */
function usable(offers: Offer[], now: number): OfferChoice[] {
  return offers
    .filter((o) => o.status === 'active' && o.kind !== 'voucher')
    .filter((o) => !o.validFrom || Date.parse(o.validFrom) <= now)
    .filter((o) => !o.validTo || Date.parse(o.validTo) >= now)
    .map((o) => ({ id: o.id, title: o.title, discountText: o.discountText }));
}

/**
 * 扫码核验, at the counter: the top says which shop the clerk is signed in for; the clerk picks the
 * offer, scans the holder's electronic card, and gets a verdict large enough to read at arm's
 * length: green with the card's photo, the masked name and category to compare with the person, or
 * red with the reason. A voucher's code needs no offer: scanning it takes that voucher, and the
 * verdict shows its face value and what is left of the holder's order.
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
      if (!(await ensurePrivacy('扫码核验需要使用摄像头扫描持证人的电子优待证或代金券二维码'))) {
        this.setData({ scanRefused: '未同意隐私保护指引，无法打开扫码。可在同意后再试。' });
        return;
      }
      this.setData({ scanRefused: '' });
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: (res) => {
          if (res && res.result) void this.route(res.result.trim());
        },
        // Cancelled or the camera failed: nothing was scanned, nothing to say.
        fail: () => undefined,
      });
    },

    /**
     * A voucher's code is taken as it is; a card's needs the offer it is shown for, and is not sent
     * without one (it stays unspent, so the holder shows it again once the offer is chosen).
     */
    async route(text: string): Promise<void> {
      if (isVoucherToken(text)) return this.takeVoucher(text);
      if (!this.data.offerId) {
        this.setData({ choiceError: '这是优待证二维码：请先选择本次使用的优惠，再扫一次' });
        return;
      }
      this.setData({ choiceError: '' });
      return this.verify(text);
    },

    async takeVoucher(token: string): Promise<void> {
      this.setData({ busy: true, choiceError: '' });
      let verdict: Verdict;
      try {
        const r = await redeemVoucher(token);
        verdict = {
          kind: 'voucher',
          ok: true,
          nameMasked: '',
          categoryText: '',
          offerTitle: '',
          reason: '',
          voucher: {
            faceText: `面值 ¥${yuan(r.faceValueFen)} 代金券`,
            title: r.title,
            seqText: r.quantity > 1 ? `第 ${r.seq} 张（本单共 ${r.quantity} 张）` : `第 ${r.seq} 张`,
            remainingText: r.remaining > 0 ? `本单还有 ${r.remaining} 张未使用` : '本单代金券已全部用完',
            timeText: formatClock(r.redeemedAt),
          },
        };
      } catch (err) {
        verdict = {
          kind: 'voucher',
          ok: false,
          nameMasked: '',
          categoryText: '',
          offerTitle: '',
          reason: voucherReasonOf(err),
          voucher: null,
        };
      }
      this.setData({ busy: false, verdict, photoPath: '', photoState: '' });
      wx.vibrateShort({ type: 'heavy' });
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
          kind: 'card',
          ok: true,
          nameMasked: r.holder.nameMasked,
          categoryText: categoryLabel(r.holder.category),
          offerTitle: r.offer.title,
          reason: '',
          voucher: null,
        };
      } catch (err) {
        verdict = {
          kind: 'card',
          ok: false,
          nameMasked: '',
          categoryText: '',
          offerTitle: this.data.offerTitle,
          reason: reasonOf(err),
          voucher: null,
        };
      }
      this.setData({
        busy: false,
        verdict,
        photoPath: '',
        photoState: verdict.ok ? (photoFileId ? 'loading' : 'none') : '',
        choiceError: '',
      });
      wx.vibrateShort({ type: 'heavy' });
      if (photoFileId) void this.loadPhoto(photoFileId);
    },

    /** The card's photo, readable by this shop for a few minutes after the verification. */
    async loadPhoto(fileId: number): Promise<void> {
      try {
        const path = await privateFilePath(fileId);
        if (this.cardShown()) this.setData({ photoPath: path, photoState: 'ready' });
      } catch {
        if (this.cardShown()) this.setData({ photoState: 'error' });
      }
    },

    /** A card's verdict is still on screen (the photo arrives late; the clerk may have moved on). */
    cardShown(): boolean {
      const v = this.data.verdict;
      return !!v && v.ok && v.kind === 'card';
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
