import {
  categoryLabel,
  CHANGE_STATUS_LABELS,
  getMe,
  HOLDER_CATEGORIES,
  myChangeRequests,
  submitChangeRequest,
  withdrawChangeRequest,
  type ChangeRequest,
  type HolderCategory,
  type Identity,
} from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';
const STATUS_TONE: Record<string, Tone> = {
  submitted: 'info',
  approved: 'ok',
  rejected: 'danger',
  withdrawn: 'neutral',
};

type Field = 'name' | 'category' | 'reason' | 'form';
type FieldErrors = Record<Field, string>;

interface RequestView {
  id: number;
  status: string;
  statusLabel: string;
  statusTone: Tone;
  /** One line per field the request changes. */
  changes: string[];
  reason: string;
  decisionReason: string;
  createdAt: string;
  canWithdraw: boolean;
  history: Array<{ key: number; label: string; when: string; reason: string }>;
}

const HISTORY_LABELS: Record<string, string> = {
  submit: '提交申请',
  approve: '审核通过',
  reject: '审核未通过',
  withdraw: '撤回申请',
};
/** The picker's first choice keeps the category as it is. */
const CATEGORY_CHOICES = ['不变更'].concat(HOLDER_CATEGORIES.map((c) => c.label));

const noErrors = (): FieldErrors => ({ name: '', category: '', reason: '', form: '' });
const emptyForm = () => ({ name: '', categoryIndex: 0, reason: '' });

function toView(r: ChangeRequest): RequestView {
  const changes: string[] = [];
  if (r.changes.name) changes.push(`姓名：${r.previous.name} → ${r.changes.name}`);
  if (r.changes.category)
    changes.push(`身份类别：${categoryLabel(r.previous.category)} → ${categoryLabel(r.changes.category)}`);
  if (r.changes.idNumberMasked) changes.push(`身份证号码：${r.previous.idNumberMasked} → ${r.changes.idNumberMasked}`);
  if (r.changes.phoneMasked) changes.push(`手机号码：→ ${r.changes.phoneMasked}`);
  return {
    id: r.id,
    status: r.status,
    statusLabel: CHANGE_STATUS_LABELS[r.status] || r.status,
    statusTone: STATUS_TONE[r.status] || 'neutral',
    changes,
    reason: r.reason,
    decisionReason: r.decisionReason || '',
    createdAt: formatDateTime(r.createdAt),
    canWithdraw: r.allowedActions.indexOf('withdraw') >= 0,
    history: r.history
      .map((h, i) => ({
        key: i,
        label: HISTORY_LABELS[h.action] || h.action,
        when: formatDateTime(h.at),
        reason: h.reason || '',
      }))
      .reverse(),
  };
}

/**
 * 身份信息变更: a verified identity is not edited directly. The holder asks for a new name and/or
 * category with a reason; staff review it. Only one request is open at a time; the page lists every
 * request with its status and steps, and an open one can be withdrawn.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    identity: null as (Identity & { categoryLabel: string }) | null,
    requests: [] as RequestView[],
    hasOpen: false,
    form: emptyForm(),
    errors: noErrors(),
    categoryChoices: CATEGORY_CHOICES,
    submitting: false,
    submitError: '',
    notice: '',
    withdrawing: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loadError: '' });
      try {
        const [me, list] = await Promise.all([getMe(), myChangeRequests()]);
        const requests = list.items.map(toView);
        this.setData({
          loading: false,
          identity: me.identity
            ? Object.assign({}, me.identity, { categoryLabel: categoryLabel(me.identity.category) })
            : null,
          requests,
          hasOpen: requests.some((r) => r.status === 'submitted'),
        });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      this.setData({ loading: true });
      void this.load();
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field) as 'name' | 'reason';
      this.setData({
        form: Object.assign({}, this.data.form, { [field]: e.detail.value }),
        errors: Object.assign({}, this.data.errors, { [field]: '', form: '' }),
      });
    },

    onCategoryChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({
        form: Object.assign({}, this.data.form, { categoryIndex: Number(e.detail.value) }),
        errors: Object.assign({}, this.data.errors, { category: '', form: '' }),
      });
    },

    async submit(): Promise<void> {
      const identity = this.data.identity;
      if (this.data.submitting || !identity) return;
      const form = this.data.form;
      const errors = noErrors();
      const name = form.name.trim();
      const choice = form.categoryIndex > 0 ? HOLDER_CATEGORIES[form.categoryIndex - 1] : null;
      const category: HolderCategory | null = choice && choice.value !== identity.category ? choice.value : null;
      const newName = name && name !== identity.name ? name : '';
      if (name && name.length < 2) errors.name = '姓名至少 2 个字';
      if (!newName && !category && !errors.name) errors.form = '请填写新的姓名，或选择新的身份类别';
      const reason = form.reason.trim();
      if (reason.length < 2) errors.reason = '请说明变更的原因，如已在派出所办理更名';
      if (errors.name || errors.form || errors.reason) {
        this.setData({ errors, submitError: '' });
        return;
      }

      this.setData({ submitting: true, errors, submitError: '', notice: '' });
      try {
        await submitChangeRequest(
          Object.assign({ reason }, newName ? { name: newName } : {}, category ? { category } : {}),
        );
        this.setData({ submitting: false, form: emptyForm(), notice: '变更申请已提交，工作人员审核后会通知您' });
        wx.showToast({ title: '已提交', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ submitting: false });
        this.showServerError(err);
      }
    },

    showServerError(err: unknown): void {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
        const detail = err.details && err.details[0];
        const field = detail && detail.field;
        if (field === 'name' || field === 'category' || field === 'reason') {
          this.setData({ errors: Object.assign(noErrors(), { [field]: detail!.message }) });
          return;
        }
      }
      this.setData({ submitError: messageOf(err) });
      // The consent text changed since the holder agreed: read and agree first; what was typed stays.
      if (err instanceof ApiError && err.code === 'CONSENT_REQUIRED') {
        wx.navigateTo({ url: '/packages/people/pages/consent/consent' });
        return;
      }
      // Another request is open, or the identity changed meanwhile: show things as they stand.
      if (err instanceof ApiError && (err.code === 'CHANGE_REQUEST_EXISTS' || err.code === 'IDENTITY_NOT_VERIFIED'))
        void this.load();
    },

    withdraw(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      if (this.data.withdrawing || !id) return;
      wx.showModal({
        title: '撤回申请',
        content: '确定撤回这份变更申请吗？撤回后可以重新提交。',
        confirmText: '撤回',
        cancelText: '取消',
        success: (res) => {
          if (res.confirm) void this.sendWithdraw(id);
        },
      });
    },

    async sendWithdraw(id: number): Promise<void> {
      this.setData({ withdrawing: true, submitError: '', notice: '' });
      try {
        await withdrawChangeRequest(id);
        this.setData({ withdrawing: false, notice: '变更申请已撤回' });
        await this.load();
      } catch (err) {
        this.setData({ withdrawing: false, submitError: messageOf(err) });
        void this.load();
      }
    },
  },
});
