import { fileComplaint, getMerchant, type Merchant, type Offer } from '../../../../services/merchants';
import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate } from '../../../../utils/format';

interface MerchantView {
  id: number;
  name: string;
  categoryName: string;
  address: string;
  lat: number;
  lng: number;
  contactPhone: string;
  intro: string;
}

interface OfferView {
  id: number;
  title: string;
  discountText: string;
  description: string;
  kindText: string;
  priceText: string;
  whoText: string;
  limitText: string;
  validityText: string;
  /** A voucher bought here and shown at the counter. */
  isVoucher: boolean;
  stockText: string;
  soldOut: boolean;
}

/** The shortest a complaint may be (the server checks the same). */
const COMPLAINT_MIN = 5;

const yuan = (fen: number) => `¥${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}`;

function validity(o: Offer): string {
  if (o.validFrom && o.validTo) return `${formatDate(o.validFrom)} 至 ${formatDate(o.validTo)}`;
  if (o.validTo) return `${formatDate(o.validTo)} 止`;
  if (o.validFrom) return `${formatDate(o.validFrom)} 起`;
  return '长期有效';
}

function priceText(o: Offer): string {
  if (o.kind === 'voucher' && o.priceFen && o.faceValueFen)
    return `${yuan(o.priceFen)} 买 面值 ${yuan(o.faceValueFen)}`;
  const parts: string[] = [];
  if (o.faceValueFen) parts.push(`面值 ${yuan(o.faceValueFen)}`);
  if (o.priceFen) parts.push(`售价 ${yuan(o.priceFen)}`);
  return parts.join('，');
}

/** What is left of a voucher: null stock has no limit. */
function stockText(o: Offer): string {
  if (o.kind !== 'voucher' || o.stockLeft === null) return '';
  return o.stockLeft > 0 ? `剩余 ${o.stockLeft} 张` : '已售罄';
}

const toOfferView = (o: Offer): OfferView => ({
  id: o.id,
  title: o.title,
  discountText: o.discountText,
  description: o.description,
  kindText: o.kind === 'voucher' ? '代金券' : '折扣',
  priceText: priceText(o),
  whoText: o.eligibleCategories.length ? o.eligibleCategories.map(categoryLabel).join('、') : '所有优抚对象',
  limitText: o.perPersonDailyLimit
    ? o.kind === 'voucher'
      ? `每人每天限购 ${o.perPersonDailyLimit} 张`
      : `每人每天限用 ${o.perPersonDailyLimit} 次`
    : '不限次数',
  validityText: validity(o),
  isVoucher: o.kind === 'voucher',
  stockText: stockText(o),
  soldOut: o.kind === 'voucher' && o.stockLeft !== null && o.stockLeft <= 0,
});

const toView = (m: Merchant): MerchantView => ({
  id: m.id,
  name: m.name,
  categoryName: m.category ? m.category.name : '',
  address: m.address,
  lat: m.lat,
  lng: m.lng,
  contactPhone: m.contactPhone,
  intro: m.intro || '',
});

/**
 * A merchant's page: where it is (opens the map), how to call, what it offers holders and on what
 * terms (a voucher with its price, face value and what is left, and 购买); and a way to tell the
 * bureau when a discount was refused.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    loading: true,
    error: '',
    merchant: null as MerchantView | null,
    offers: [] as OfferView[],
    complaintOpen: false,
    complaintText: '',
    complaintError: '',
    complaintSending: false,
    complaintSent: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ id: Number(query.id) || 0, rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const m = await getMerchant(this.data.id);
        this.setData({ loading: false, merchant: toView(m), offers: m.offers.map(toOfferView) });
        wx.setNavigationBarTitle({ title: m.name });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    openLocation(): void {
      const m = this.data.merchant;
      if (!m) return;
      wx.openLocation({ latitude: m.lat, longitude: m.lng, name: m.name, address: m.address, scale: 17 });
    },

    call(): void {
      const m = this.data.merchant;
      if (!m || !m.contactPhone) return;
      wx.makePhoneCall({ phoneNumber: m.contactPhone });
    },

    openComplaint(): void {
      this.setData({ complaintOpen: true, complaintSent: false, complaintError: '' });
    },

    closeComplaint(): void {
      this.setData({ complaintOpen: false, complaintText: '', complaintError: '' });
    },

    onComplaintInput(e: WechatMiniprogram.Input): void {
      this.setData({ complaintText: e.detail.value, complaintError: '' });
    },

    async submitComplaint(): Promise<void> {
      if (this.data.complaintSending) return;
      const text = this.data.complaintText.trim();
      if (text.length < COMPLAINT_MIN) {
        this.setData({ complaintError: `请写明遇到的情况（至少 ${COMPLAINT_MIN} 个字）` });
        return;
      }
      this.setData({ complaintSending: true, complaintError: '' });
      try {
        await fileComplaint(this.data.id, text);
        this.setData({ complaintSending: false, complaintOpen: false, complaintText: '', complaintSent: true });
        wx.showToast({ title: '已提交', icon: 'success' });
      } catch (err) {
        this.setData({ complaintSending: false, complaintError: messageOf(err) });
      }
    },

    /** 购买: the voucher's buying page (a sold-out one has no button to press). */
    buy(e: WechatMiniprogram.CustomEvent): void {
      const offer = this.data.offers.filter((o) => o.id === Number(e.currentTarget.dataset.id))[0];
      if (!offer || !offer.isVoucher || offer.soldOut) return;
      wx.navigateTo({ url: `/packages/vouchers/pages/buy/buy?offerId=${offer.id}&merchantId=${this.data.id}` });
    },

    openMyComplaints(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/complaints/complaints' });
    },
  },
});
