import { bindIdentity, categoryLabel, getMe, HOLDER_CATEGORIES, type Identity, type Me } from '../../services/people';
import { ApiError, messageOf } from '../../services/request';
import { checkIdNumber, checkPhone } from '../../utils/id-number';

const ROLE_LABELS: Record<string, string> = {
  holder: '优抚服务对象',
  merchant_owner: '商户负责人',
  merchant_clerk: '商户店员',
  lawyer: '法律服务人员',
  station_staff: '服务站工作人员',
  district_staff: '区局工作人员',
  admin: '系统管理员',
};

type Field = 'name' | 'idNumber' | 'phone' | 'category';
type FieldErrors = Record<Field, string>;

interface IdentityView extends Identity {
  categoryLabel: string;
}

const noErrors = (): FieldErrors => ({ name: '', idNumber: '', phone: '', category: '' });
const emptyForm = () => ({ name: '', idNumber: '', phone: '', categoryIndex: -1 });
const FIELDS: Field[] = ['name', 'idNumber', 'phone', 'category'];

const toView = (identity: Identity | null): IdentityView | null =>
  identity ? Object.assign({}, identity, { categoryLabel: categoryLabel(identity.category) }) : null;

/**
 * 我的: who is signed in, and the holder's identity (masked). A holder without an identity binds
 * one here; an unverified identity can still be corrected; a verified one is fixed (changes go
 * through a change request staff review, 申请变更).
 */
Component({
  data: {
    loading: true,
    loadError: '',
    roleLabels: [] as string[],
    isHolder: false,
    isProvider: false,
    identity: null as IdentityView | null,
    editing: false,
    form: emptyForm(),
    errors: noErrors(),
    submitError: '',
    submitting: false,
    saved: false,
    categoryLabels: HOLDER_CATEGORIES.map((c) => c.label),
  },
  methods: {
    onLoad(): void {
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, loadError: '' });
      let me: Me;
      try {
        me = await getMe();
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
        return;
      }
      const isHolder = me.roles.indexOf('holder') >= 0;
      this.setData({
        loading: false,
        roleLabels: me.roles.map((r) => ROLE_LABELS[r] || r),
        isHolder,
        isProvider: me.roles.indexOf('lawyer') >= 0,
        identity: toView(me.identity),
        // A holder with nothing bound yet goes straight to the form.
        editing: isHolder && !me.identity,
        form: emptyForm(),
        errors: noErrors(),
      });
    },

    retry(): void {
      void this.load();
    },

    startEdit(): void {
      const identity = this.data.identity;
      if (!identity || identity.verified) return;
      let categoryIndex = -1;
      HOLDER_CATEGORIES.forEach((c, i) => {
        if (c.value === identity.category) categoryIndex = i;
      });
      // The full ID and phone numbers are never sent back, so they are typed again.
      this.setData({
        editing: true,
        saved: false,
        submitError: '',
        errors: noErrors(),
        form: { name: identity.name, idNumber: '', phone: '', categoryIndex },
      });
    },

    cancelEdit(): void {
      this.setData({ editing: false, submitError: '', errors: noErrors(), form: emptyForm() });
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field) as Field;
      const form = Object.assign({}, this.data.form, { [field]: e.detail.value });
      const errors = Object.assign({}, this.data.errors, { [field]: '' });
      this.setData({ form, errors });
    },

    onCategoryChange(e: WechatMiniprogram.PickerChange): void {
      const form = Object.assign({}, this.data.form, { categoryIndex: Number(e.detail.value) });
      const errors = Object.assign({}, this.data.errors, { category: '' });
      this.setData({ form, errors });
    },

    async submit(): Promise<void> {
      if (this.data.submitting) return;
      const form = this.data.form;
      const errors = noErrors();
      const name = form.name.trim();
      if (!name) errors.name = '请填写姓名';
      else if (name.length < 2) errors.name = '姓名至少 2 个字';
      const id = checkIdNumber(form.idNumber);
      if (!id.ok) errors.idNumber = id.message;
      const phone = checkPhone(form.phone);
      if (!phone.ok) errors.phone = phone.message;
      const category = HOLDER_CATEGORIES[form.categoryIndex];
      if (!category) errors.category = '请选择身份类别';
      if (!id.ok || !phone.ok || errors.name || errors.category) {
        this.setData({ errors, submitError: '' });
        return;
      }

      this.setData({ submitting: true, errors, submitError: '' });
      try {
        const identity = await bindIdentity({
          name,
          idNumber: id.ok ? id.normalized : '',
          phone: phone.ok ? phone.normalized : '',
          category: category.value,
        });
        // The full numbers leave the page's data as soon as the server has them.
        this.setData({ submitting: false, identity: toView(identity), editing: false, form: emptyForm(), saved: true });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ submitting: false });
        this.showServerError(err);
      }
    },

    showServerError(err: unknown): void {
      if (!(err instanceof ApiError)) {
        this.setData({ submitError: messageOf(err) });
        return;
      }
      if (err.code === 'ID_NUMBER_INVALID' || err.code === 'ID_NUMBER_TAKEN') {
        this.setData({ errors: Object.assign(noErrors(), { idNumber: err.message }) });
        return;
      }
      if (err.code === 'VALIDATION_FAILED') {
        const detail = err.details && err.details[0];
        const field = detail && detail.field ? (detail.field as Field) : null;
        if (field && FIELDS.indexOf(field) >= 0) {
          this.setData({ errors: Object.assign(noErrors(), { [field]: detail!.message }) });
          return;
        }
      }
      this.setData({ submitError: err.message });
      // A service station has verified the identity meanwhile: show it as it now stands.
      if (err.code === 'IDENTITY_LOCKED') void this.load();
    },

    openLogin(): void {
      wx.navigateTo({ url: '/pages/login/login' });
    },

    /** A verified identity changes only through a request staff review. */
    openIdentityChange(): void {
      wx.navigateTo({ url: '/packages/people/pages/identity-change/identity-change' });
    },

    openMyComplaints(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/complaints/complaints' });
    },

    openDesk(): void {
      wx.navigateTo({ url: '/packages/legal-aid/pages/desk/desk' });
    },
  },
});
