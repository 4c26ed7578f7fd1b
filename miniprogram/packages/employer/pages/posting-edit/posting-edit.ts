import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import {
  beijingToday,
  categories,
  closePosting,
  createPosting,
  myPosting,
  POSTING_TONE,
  updatePosting,
  type PostingDetail,
  type PostingInput,
} from '../../employer-api';

interface Form {
  title: string;
  category: string;
  salaryMin: string;
  salaryMax: string;
  district: string;
  address: string;
  headcount: string;
  requirements: string;
  veteranPreferred: boolean;
  veteranPreferenceText: string;
  validUntil: string;
}

const BLANK: Form = {
  title: '',
  category: '',
  salaryMin: '',
  salaryMax: '',
  district: '',
  address: '',
  headcount: '',
  requirements: '',
  veteranPreferred: true,
  veteranPreferenceText: '',
  validUntil: '',
};

const WHOLE = /^\d{1,7}$/;

/** The form as the server's body, or the problems field by field. */
function check(f: Form, today: string): { errors: Record<string, string>; body: PostingInput | null } {
  const e: Record<string, string> = {};
  const title = f.title.trim();
  if (title.length < 2 || title.length > 60) e.title = '请填写岗位名称（2 到 60 个字）';
  if (!f.category) e.category = '请选择岗位类别';
  const min = Number(f.salaryMin.trim());
  const max = Number(f.salaryMax.trim());
  if (!WHOLE.test(f.salaryMin.trim()) || min > 1_000_000) e.salaryMin = '请填写最低月薪，整数，单位元';
  if (!WHOLE.test(f.salaryMax.trim()) || max > 1_000_000) e.salaryMax = '请填写最高月薪，整数，单位元';
  else if (!e.salaryMin && max < min) e.salaryMax = '最高月薪不能低于最低月薪';
  const district = f.district.trim();
  if (!district || district.length > 32) e.district = '请填写工作区域，例如“上城区”';
  const address = f.address.trim();
  if (address.length < 2 || address.length > 200) e.address = '请填写工作地点';
  const headcount = Number(f.headcount.trim());
  if (!/^\d{1,5}$/.test(f.headcount.trim()) || headcount < 1 || headcount > 10_000)
    e.headcount = '请填写招聘人数（1 到 10000）';
  const requirements = f.requirements.trim();
  if (requirements.length < 2 || requirements.length > 1000) e.requirements = '请填写任职要求';
  if (f.veteranPreferred && f.veteranPreferenceText.trim().length > 200) e.veteranPreferenceText = '最多 200 个字';
  if (!f.validUntil) e.validUntil = '请选择招聘截止日期';
  else if (f.validUntil < today) e.validUntil = '截止日期不能早于今天';
  if (Object.keys(e).length) return { errors: e, body: null };
  const preference = f.veteranPreferenceText.trim();
  return {
    errors: {},
    body: {
      title,
      category: f.category as PostingInput['category'],
      salaryMin: min,
      salaryMax: max,
      district,
      address,
      headcount,
      requirements,
      veteranPreferred: f.veteranPreferred,
      veteranPreferenceText: f.veteranPreferred && preference ? preference : null,
      validUntil: f.validUntil,
    },
  };
}

const toForm = (p: PostingDetail): Form => ({
  title: p.title,
  category: p.category,
  salaryMin: String(p.salaryMin),
  salaryMax: String(p.salaryMax),
  district: p.district,
  address: p.address,
  headcount: String(p.headcount),
  requirements: p.requirements,
  veteranPreferred: p.veteranPreferred,
  veteranPreferenceText: p.veteranPreferenceText ?? '',
  validUntil: p.validUntil,
});

/**
 * 发布岗位 / 修改岗位: an approved employer writes a posting (title, category, monthly salary range in
 * yuan, where, how many, requirements, whether veterans are preferred and how, the last day it is
 * open). Opened with `?id=` it edits that posting while it is recruiting, and can close it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    id: 0,
    /** The posting's state when editing; a closed or taken-down one is read-only. */
    status: '',
    statusText: '',
    tone: '',
    takedownReason: '',
    editable: true,
    categories: [] as string[],
    categoryIndex: -1,
    today: beijingToday(),
    form: BLANK,
    errors: {} as Record<string, string>,
    saving: false,
    saveError: '',
    closing: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = Number(query.id) || 0;
      this.setData({ rootFontSize: rootFontSize(), id, today: beijingToday() });
      wx.setNavigationBarTitle({ title: id ? '修改岗位' : '发布岗位' });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      try {
        const [cats, posting] = await Promise.all([
          categories(),
          this.data.id ? myPosting(this.data.id) : Promise.resolve(null),
        ]);
        const form = posting ? toForm(posting) : { ...BLANK };
        this.setData({
          state: 'ready',
          categories: cats.items,
          categoryIndex: cats.items.indexOf(form.category),
          form,
          errors: {},
          ...(posting ? this.statusOf(posting) : {}),
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    statusOf(p: PostingDetail): Record<string, unknown> {
      return {
        status: p.status,
        statusText: p.statusText,
        tone: POSTING_TONE[p.status],
        takedownReason: p.takedownReason ?? '',
        editable: p.status === 'published',
      };
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', saveError: '' });
    },

    onCategory(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const c = this.data.categories[index];
      if (!c) return;
      this.setData({ categoryIndex: index, 'form.category': c, 'errors.category': '' });
    },

    togglePreference(): void {
      if (!this.data.editable) return;
      this.setData({ 'form.veteranPreferred': !this.data.form.veteranPreferred });
    },

    onDate(e: WechatMiniprogram.PickerChange): void {
      this.setData({ 'form.validUntil': String(e.detail.value), 'errors.validUntil': '' });
    },

    async save(): Promise<void> {
      if (this.data.saving || !this.data.editable) return;
      const { errors, body } = check(this.data.form, this.data.today);
      if (!body) {
        this.setData({ errors, saveError: '还有内容需要填写或修改，请看红字提示' });
        return;
      }
      this.setData({ saving: true, saveError: '' });
      try {
        if (this.data.id) await updatePosting(this.data.id, body);
        else await createPosting(body);
        this.setData({ saving: false });
        wx.showToast({ title: this.data.id ? '已保存' : '已发布', icon: 'success' });
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        this.setData({ saving: false });
        const fieldErrors: Record<string, string> = {};
        if (err instanceof ApiError) {
          for (const d of err.details || []) if (d.field) fieldErrors[d.field] = d.message;
        }
        this.setData({ errors: fieldErrors, saveError: messageOf(err) });
        // Closed or taken down meanwhile: show it as it now stands.
        if (err instanceof ApiError && err.code === 'INVALID_TRANSITION') void this.refreshStatus();
      }
    },

    async refreshStatus(): Promise<void> {
      try {
        this.setData(this.statusOf(await myPosting(this.data.id)));
      } catch {
        // The message already shown says what happened.
      }
    },

    close(): void {
      if (!this.data.id || this.data.closing || !this.data.editable) return;
      wx.showModal({
        title: '停止招聘',
        content: `确定停止招聘“${this.data.form.title}”吗？停止后求职者不能再投递，已收到的投递仍可处理。`,
        confirmText: '停止招聘',
        cancelText: '不停止',
        success: (r) => {
          if (r.confirm) void this.doClose();
        },
      });
    },

    async doClose(): Promise<void> {
      this.setData({ closing: true, saveError: '' });
      try {
        const p = await closePosting(this.data.id);
        this.setData({ closing: false, ...this.statusOf(p) });
        wx.showToast({ title: '已停止招聘', icon: 'success' });
      } catch (err) {
        this.setData({ closing: false, saveError: messageOf(err) });
        if (err instanceof ApiError && err.code === 'INVALID_TRANSITION') void this.refreshStatus();
      }
    },
  },
});
