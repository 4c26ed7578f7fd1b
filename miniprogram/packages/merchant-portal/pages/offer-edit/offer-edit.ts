import {
  createOffer,
  listMyOffers,
  type MyOffer,
  type OfferInput,
  updateOffer,
} from '../../../../services/merchant-portal';
import { HOLDER_CATEGORIES, type HolderCategory } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { toFen, yuan } from '../../offer-text';

type Kind = 'discount' | 'voucher';

interface Form {
  title: string;
  description: string;
  kind: Kind;
  discountText: string;
  price: string;
  faceValue: string;
  /** Vouchers: how many are for sale; empty for not limited. */
  stock: string;
  limit: string;
  categories: HolderCategory[];
  validFrom: string;
  validTo: string;
}

interface CategoryChoice {
  value: HolderCategory;
  label: string;
  on: boolean;
}

const BLANK: Form = {
  title: '',
  description: '',
  kind: 'discount',
  discountText: '',
  price: '',
  faceValue: '',
  stock: '',
  limit: '1',
  categories: [],
  validFrom: '',
  validTo: '',
};

/** A Beijing calendar day of an instant, `YYYY-MM-DD`. */
const dayOf = (iso: string | null): string =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '';

const formOf = (o: MyOffer): Form => ({
  title: o.title,
  description: o.description,
  kind: o.kind,
  discountText: o.discountText,
  price: o.priceFen != null ? yuan(o.priceFen) : '',
  faceValue: o.faceValueFen != null ? yuan(o.faceValueFen) : '',
  stock: o.stockTotal != null ? String(o.stockTotal) : '',
  limit: o.perPersonDailyLimit ? String(o.perPersonDailyLimit) : '',
  categories: o.eligibleCategories,
  validFrom: dayOf(o.validFrom),
  validTo: dayOf(o.validTo),
});

const choicesOf = (on: HolderCategory[]): CategoryChoice[] =>
  HOLDER_CATEGORIES.map((c) => ({ value: c.value, label: c.label, on: on.indexOf(c.value) >= 0 }));

/** The most vouchers an offer may put on sale (the server's bound). */
const STOCK_MAX = 100_000;

/**
 * Vouchers already held by orders (sold, or waiting for payment) of an offer with a stock: the stock
 * cannot go below them. Unknown, so 0, for an offer without a limit; the server checks it too.
 */
const takenOf = (o: MyOffer): number => (o.stockTotal != null ? Math.max(0, o.stockTotal - (o.stockLeft ?? 0)) : 0);

/**
 * Checks the form and makes the server's body, or says what to fix, field by field. `taken`: the
 * vouchers of the offer already held by orders.
 */
function toInput(f: Form, taken = 0): { input?: OfferInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = f.title.trim();
  const discountText = f.discountText.trim();
  if (title.length < 2) errors.title = '请填写优惠名称（至少 2 个字）';
  if (!discountText) errors.discountText = '请填写优惠内容，例如“8 折”“免费停车 2 小时”';
  let priceFen: number | null = null;
  let faceValueFen: number | null = null;
  let stockTotal: number | null = null;
  if (f.kind === 'voucher') {
    priceFen = toFen(f.price);
    faceValueFen = toFen(f.faceValue);
    if (!priceFen) errors.price = '请填写售价（元）';
    if (!faceValueFen) errors.faceValue = '请填写面值（元）';
    if (priceFen && faceValueFen && priceFen > faceValueFen) errors.price = '售价不能高于面值';
    const stock = f.stock.trim();
    if (stock) {
      stockTotal = Number(stock);
      if (!/^\d+$/.test(stock) || stockTotal < 1 || stockTotal > STOCK_MAX)
        errors.stock = '请填写 1 到 100000 之间的整数，不限量就留空';
      else if (stockTotal < taken) errors.stock = `已售出或待支付 ${taken} 张，库存不能少于 ${taken}`;
    }
  }
  let limit: number | null = null;
  if (f.limit.trim()) {
    limit = Number(f.limit.trim());
    if (!/^\d+$/.test(f.limit.trim()) || limit < 1 || limit > 100)
      errors.limit = '请填写 1 到 100 之间的整数，不限就留空';
  }
  if (f.validFrom && f.validTo && f.validTo < f.validFrom) errors.validTo = '结束日期不能早于开始日期';
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      title,
      description: f.description.trim(),
      kind: f.kind,
      discountText,
      priceFen,
      faceValueFen,
      stockTotal,
      perPersonDailyLimit: limit,
      eligibleCategories: f.categories,
      validFrom: f.validFrom ? `${f.validFrom}T00:00:00+08:00` : null,
      validTo: f.validTo ? `${f.validTo}T23:59:59+08:00` : null,
    },
  };
}

/** The server's field names, as the form's. */
const FIELD_OF: Record<string, string> = {
  priceFen: 'price',
  faceValueFen: 'faceValue',
  stockTotal: 'stock',
  perPersonDailyLimit: 'limit',
};

/**
 * 发布优惠 / 修改优惠: what the offer is called and gives (a discount at the counter, or a voucher
 * with its price, value and how many are for sale), how often a holder may use it a day, who may use it and when.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    state: 'ready',
    message: '',
    form: BLANK,
    /** Vouchers of the offer being changed already held by orders. */
    taken: 0,
    categories: choicesOf([]),
    errors: {} as Record<string, string>,
    saving: false,
    saveError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = Number(query.id) || 0;
      this.setData({ rootFontSize: rootFontSize(), id, form: { ...BLANK }, taken: 0, categories: choicesOf([]) });
      wx.setNavigationBarTitle({ title: id ? '修改优惠' : '发布优惠' });
      if (id) void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      try {
        const offer = (await listMyOffers()).items.filter((o) => o.id === this.data.id)[0];
        if (!offer || offer.status !== 'active') {
          this.setData({ state: 'empty', message: '这个优惠已下架或不存在，不能修改。' });
          return;
        }
        const form = formOf(offer);
        this.setData({ state: 'ready', form, taken: takenOf(offer), categories: choicesOf(form.categories) });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    chooseKind(e: WechatMiniprogram.TouchEvent): void {
      this.setData({
        'form.kind': e.currentTarget.dataset.kind as Kind,
        'errors.price': '',
        'errors.faceValue': '',
        'errors.stock': '',
      });
    },

    toggleCategory(e: WechatMiniprogram.TouchEvent): void {
      const value = e.currentTarget.dataset.value as HolderCategory;
      const on = this.data.form.categories.slice();
      const i = on.indexOf(value);
      if (i >= 0) on.splice(i, 1);
      else on.push(value);
      this.setData({ 'form.categories': on, categories: choicesOf(on) });
    },

    onDate(e: WechatMiniprogram.PickerChange): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: String(e.detail.value), [`errors.${field}`]: '' });
    },

    clearDate(e: WechatMiniprogram.TouchEvent): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: '', [`errors.${field}`]: '' });
    },

    async save(): Promise<void> {
      if (this.data.saving) return;
      const { input, errors } = toInput(this.data.form, this.data.taken);
      if (!input) {
        this.setData({ errors, saveError: '请按红字提示修改后再保存' });
        return;
      }
      this.setData({ saving: true, errors: {}, saveError: '' });
      try {
        if (this.data.id) await updateOffer(this.data.id, input);
        else await createOffer(input);
        this.setData({ saving: false });
        wx.showToast({ title: this.data.id ? '已保存' : '已发布', icon: 'success' });
        wx.navigateBack({});
      } catch (err) {
        const fieldErrors: Record<string, string> = {};
        if (err instanceof ApiError) {
          for (const d of err.details || []) if (d.field) fieldErrors[FIELD_OF[d.field] || d.field] = d.message;
        }
        this.setData({ saving: false, errors: fieldErrors, saveError: messageOf(err) });
      }
    },
  },
});
