import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { ensurePrivacy } from '../../../../utils/privacy';
import { creditCodeProblem } from '../../credit-code';
import {
  applyAsEmployer,
  dayText,
  myEmployer,
  myPostings,
  POSTING_TONE,
  salaryText,
  uploadLicence,
  type Employer,
  type MyPosting,
} from '../../employer-api';

interface Form {
  companyName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

const BLANK: Form = { companyName: '', creditCode: '', contactName: '', contactPhone: '', address: '' };
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EDIT_PAGE = '/packages/employer/pages/posting-edit/posting-edit';
const APPLICATIONS_PAGE = '/packages/employer/pages/applications/applications';

/** Says what to fix, field by field. */
function check(f: Form, hasPhoto: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (f.companyName.trim().length < 2) e.companyName = '请填写单位名称（与营业执照一致）';
  const code = creditCodeProblem(f.creditCode);
  if (code) e.creditCode = code;
  if (f.contactName.trim().length < 2) e.contactName = '请填写联系人姓名';
  if (!PHONE.test(f.contactPhone.trim())) e.contactPhone = '请填写手机号或座机号（如 0571-86000000）';
  if (f.address.trim().length < 2) e.address = '请填写单位地址';
  if (!hasPhoto) e.photo = '请上传营业执照照片';
  return e;
}

/** The server's field names, as the form's. */
const FIELD_OF: Record<string, string> = { licenceFileId: 'photo' };

/** What each state of the review means for the employer. */
const STATUS_NOTE: Record<string, string> = {
  submitted: '您的申请已提交，区退役军人事务局审核通过后就能发布岗位。请耐心等待。',
  rejected: '您的申请未通过审核。请按下面的原因修改后重新申请。',
  suspended: '您的招聘单位已被暂停，岗位暂不展示。如有疑问，请联系区退役军人事务局。',
};

interface PostingView {
  id: number;
  title: string;
  statusText: string;
  tone: string;
  salary: string;
  detail: string;
  /** 查看投递（3 份）, or the plain words when none came yet. */
  applicationsLabel: string;
  open: boolean;
}

const toView = (p: MyPosting): PostingView => ({
  id: p.id,
  title: p.title,
  statusText: p.statusText,
  tone: POSTING_TONE[p.status],
  salary: salaryText(p),
  detail: `招 ${p.headcount} 人 · ${p.district} · 截止 ${dayText(p.validUntil)}`,
  applicationsLabel: p.applicationsCount > 0 ? `查看这个岗位的投递（${p.applicationsCount} 份）` : '这个岗位还没有投递',
  open: p.status === 'published',
});

/**
 * 招聘单位: a user without an employer applies here with the company's particulars and a photo of
 * its business licence (a private document only reviewers read). While the review runs, after a
 * rejection (with the reason, and applying again) or a suspension, the page says where it stands;
 * once approved, it lists the employer's postings, publishes new ones and leads to the applications.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    /** 'apply' (the form), 'status' (waiting, rejected, suspended) or 'approved'. */
    view: '',
    employer: null as Employer | null,
    statusNote: '',
    postings: [] as PostingView[],
    postingsError: '',
    form: BLANK,
    photoPath: '',
    photoFileId: 0,
    uploading: false,
    photoNote: '',
    errors: {} as Record<string, string>,
    sending: false,
    sendError: '',
    loaded: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    /** Back from a posting or the applications: the list shows what changed. */
    onShow(): void {
      if (this.data.loaded && this.data.view === 'approved') void this.loadPostings();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      let employer: Employer;
      try {
        employer = await myEmployer();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NOT_FOUND') {
          this.setData({ state: 'ready', view: 'apply', employer: null, loaded: true });
          return;
        }
        this.setData({ state: 'error', message: messageOf(err) });
        return;
      }
      this.show(employer);
    },

    show(employer: Employer): void {
      const approved = employer.status === 'approved';
      this.setData({
        state: 'ready',
        view: approved ? 'approved' : 'status',
        employer,
        statusNote: STATUS_NOTE[employer.status] || '',
        loaded: true,
      });
      if (approved) void this.loadPostings();
    },

    async loadPostings(): Promise<void> {
      try {
        const r = await myPostings();
        this.setData({ postings: r.items.map(toView), postingsError: '' });
      } catch (err) {
        this.setData({ postingsError: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    /** 重新申请 after a rejection: the form starts from what was sent; the licence photo is taken again. */
    applyAgain(): void {
      const e = this.data.employer;
      if (!e || e.status !== 'rejected') return;
      this.setData({
        view: 'apply',
        form: {
          companyName: e.companyName,
          creditCode: e.creditCode,
          contactName: e.contactName,
          contactPhone: e.contactPhone,
          address: e.address,
        },
        photoPath: '',
        photoFileId: 0,
        errors: {},
        sendError: '',
      });
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', sendError: '' });
    },

    async choosePhoto(): Promise<void> {
      if (this.data.uploading) return;
      if (!(await ensurePrivacy('用于拍摄或选择营业执照照片'))) {
        this.setData({ photoNote: '未同意隐私保护指引，无法拍照或选择照片。同意后可以再试。' });
        return;
      }
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) => {
          const file = res.tempFiles && res.tempFiles[0];
          if (file) void this.upload(file.tempFilePath);
        },
        fail: () => undefined,
      });
    },

    async upload(path: string): Promise<void> {
      this.setData({ uploading: true, photoNote: '', 'errors.photo': '' });
      try {
        const f = await uploadLicence(path);
        this.setData({ uploading: false, photoPath: path, photoFileId: f.id });
      } catch (err) {
        this.setData({ uploading: false, photoNote: `照片没能上传：${messageOf(err)}` });
      }
    },

    async submit(): Promise<void> {
      if (this.data.sending) return;
      const f = this.data.form;
      const errors = check(f, this.data.photoFileId > 0);
      if (Object.keys(errors).length) {
        this.setData({ errors, sendError: '还有内容需要填写或修改，请看红字提示' });
        return;
      }
      this.setData({ sending: true, sendError: '' });
      try {
        const employer = await applyAsEmployer({
          companyName: f.companyName.trim(),
          creditCode: f.creditCode.trim().toUpperCase(),
          contactName: f.contactName.trim(),
          contactPhone: f.contactPhone.trim(),
          address: f.address.trim(),
          licenceFileId: this.data.photoFileId,
        });
        this.setData({ sending: false, form: BLANK, photoPath: '', photoFileId: 0 });
        this.show(employer);
      } catch (err) {
        this.setData({ sending: false });
        this.showRefusal(err);
      }
    },

    showRefusal(err: unknown): void {
      if (!(err instanceof ApiError)) {
        this.setData({ sendError: messageOf(err) });
        return;
      }
      if (err.code === 'EMPLOYER_EXISTS') {
        // Applied meanwhile (another phone, say): show where that application stands.
        void this.load();
        return;
      }
      if (err.code === 'CREDIT_CODE_INVALID') {
        this.setData({ errors: { creditCode: err.message }, sendError: err.message });
        return;
      }
      if (err.code === 'FILE_NOT_ATTACHABLE') {
        this.setData({
          errors: { photo: '请重新上传营业执照照片' },
          photoPath: '',
          photoFileId: 0,
          sendError: err.message,
        });
        return;
      }
      const fieldErrors: Record<string, string> = {};
      for (const d of err.details || []) if (d.field) fieldErrors[FIELD_OF[d.field] || d.field] = d.message;
      this.setData({ errors: fieldErrors, sendError: err.message });
    },

    newPosting(): void {
      wx.navigateTo({ url: EDIT_PAGE });
    },

    openPosting(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (id) wx.navigateTo({ url: `${EDIT_PAGE}?id=${id}` });
    },

    openApplications(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      wx.navigateTo({ url: id ? `${APPLICATIONS_PAGE}?postingId=${id}` : APPLICATIONS_PAGE });
    },
  },
});
