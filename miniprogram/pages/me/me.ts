import { currentActing, stopActing, type Acting } from '../../services/acting';
import { bindIdentity, categoryLabel, getMe, HOLDER_CATEGORIES, type Identity, type Me } from '../../services/people';
import { getConsent, hasCurrentConsent } from '../../services/privacy';
import { ApiError, messageOf } from '../../services/request';
import { rootFontSize } from '../../utils/font-size';
import { checkIdNumber, checkPhone } from '../../utils/id-number';

const CONSENT_PAGE = '/packages/people/pages/consent/consent';

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
 * one here, once they have agreed to the consent text for sensitive personal information (the
 * consent page comes first); an unverified identity can still be corrected; a verified one is
 * fixed (changes go through a change request staff review, 申请变更). Links to the holder's vouchers,
 * what is stored about the holder, account deletion and WeChat's privacy guide.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    roleLabels: [] as string[],
    isHolder: false,
    isProvider: false,
    isMerchant: false,
    identity: null as IdentityView | null,
    editing: false,
    form: emptyForm(),
    errors: noErrors(),
    submitError: '',
    submitting: false,
    saved: false,
    /** The holder has not agreed to the consent text now in force: binding waits for it. */
    consentNeeded: false,
    /** The consent page was opened from here: check again when the holder comes back. */
    awaitingConsent: false,
    categoryLabels: HOLDER_CATEGORIES.map((c) => c.label),
    /** 为家人代办: whom this phone acts for now (a banner says so), or null. */
    acting: null as Acting | null,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize(), acting: currentActing() });
      void this.load();
    },

    /** Back from the consent page: what was typed stays, only the consent is read again. */
    onShow(): void {
      this.setData({ acting: currentActing() });
      if (!this.data.awaitingConsent) return;
      this.setData({ awaitingConsent: false });
      void this.refreshConsent();
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
      const consentNeeded = isHolder ? await this.consentMissing() : false;
      this.setData({
        loading: false,
        roleLabels: me.roles.map((r) => ROLE_LABELS[r] || r),
        isHolder,
        isProvider: me.roles.indexOf('lawyer') >= 0,
        isMerchant: me.roles.indexOf('merchant_owner') >= 0 || me.roles.indexOf('merchant_clerk') >= 0,
        identity: toView(me.identity),
        consentNeeded,
        // A holder with nothing bound yet goes straight to the form, once consent is given.
        editing: isHolder && !me.identity && !consentNeeded,
        form: emptyForm(),
        errors: noErrors(),
      });
    },

    /**
     * True when the holder still has to agree to the current consent text. When it cannot be read,
     * the form is shown: the server refuses the binding without consent, and the page then asks.
     */
    async consentMissing(): Promise<boolean> {
      try {
        return !hasCurrentConsent(await getConsent());
      } catch {
        return false;
      }
    },

    async refreshConsent(): Promise<void> {
      const consentNeeded = await this.consentMissing();
      const bindNow = !consentNeeded && this.data.isHolder && !this.data.identity;
      this.setData({ consentNeeded, editing: this.data.editing || bindNow, submitError: '' });
    },

    openConsent(): void {
      this.setData({ awaitingConsent: true });
      wx.navigateTo({ url: CONSENT_PAGE });
    },

    retry(): void {
      void this.load();
    },

    startEdit(): void {
      const identity = this.data.identity;
      if (!identity || identity.verified) return;
      if (this.data.consentNeeded) {
        this.openConsent();
        return;
      }
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
      if (err.code === 'CONSENT_REQUIRED') {
        // The consent was withdrawn or the text changed meanwhile: read and agree first, then 提交 again.
        this.setData({ consentNeeded: true, submitError: err.message });
        this.openConsent();
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

    openMyData(): void {
      wx.navigateTo({ url: '/packages/people/pages/my-data/my-data' });
    },

    openMyFile(): void {
      wx.navigateTo({ url: '/packages/people/pages/my-file/my-file' });
    },

    openDeletion(): void {
      wx.navigateTo({ url: '/packages/people/pages/delete-account/delete-account' });
    },

    /** WeChat's own page with the app's privacy guide (隐私保护指引). */
    openPrivacyGuide(): void {
      wx.openPrivacyContract({
        fail: () => wx.showToast({ title: '暂时打不开，请稍后再试', icon: 'none' }),
      });
    },

    openMyComplaints(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/complaints/complaints' });
    },

    openNewAppeal(): void {
      wx.navigateTo({ url: '/packages/appeals/pages/new/new' });
    },

    openMyAppeals(): void {
      wx.navigateTo({ url: '/packages/appeals/pages/list/list' });
    },

    /** 家属代办: the holder's family members who act for them. */
    openProxies(): void {
      wx.navigateTo({ url: '/packages/people/pages/proxies/proxies' });
    },

    /** 为家人代办: enter a code, choose whom to act for. */
    openActFor(): void {
      wx.navigateTo({ url: '/packages/people/pages/act-for/act-for' });
    },

    /** 结束代办 on the banner. */
    endActing(): void {
      stopActing();
      this.setData({ acting: null });
    },

    /** 就业超市: job postings for veterans. */
    openJobMarket(): void {
      wx.navigateTo({ url: '/packages/employment/pages/postings/postings' });
    },

    /** 我的求职: the holder's job applications. */
    openMyJobApplications(): void {
      wx.navigateTo({ url: '/packages/employment/pages/applications/applications' });
    },

    /** 军人驿站: hotels with rooms for holders. */
    openLodging(): void {
      wx.navigateTo({ url: '/packages/lodging/pages/hotels/hotels' });
    },

    openMyLodgingBookings(): void {
      wx.navigateTo({ url: '/packages/lodging/pages/bookings/bookings' });
    },

    /** 招聘单位: register a company, publish postings, handle the applications. */
    openEmployer(): void {
      wx.navigateTo({ url: '/packages/employer/pages/home/home' });
    },

    openDesk(): void {
      wx.navigateTo({ url: '/packages/legal-aid/pages/day/day' });
    },

    /** Vouchers bought: to show at the counter, pay or refund. */
    openMyVouchers(): void {
      wx.navigateTo({ url: '/packages/vouchers/pages/orders/orders' });
    },

    openMyRedemptions(): void {
      wx.navigateTo({ url: '/packages/merchants/pages/redemptions/redemptions' });
    },

    /** The shop's pages for its owner and clerks; for anyone else, joining the alliance. */
    openShop(): void {
      wx.navigateTo({
        url: this.data.isMerchant
          ? '/packages/merchant-portal/pages/home/home'
          : '/packages/merchant-portal/pages/application/application',
      });
    },
  },
});
