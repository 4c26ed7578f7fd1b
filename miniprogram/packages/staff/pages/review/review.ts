import {
  ACTOR_WORDS,
  APPLICATION_STATUS_TONE,
  APPLICATION_STATUS_WORDS,
  DECLARATION_QUESTIONS,
  KIND_WORDS,
  type ApplicationStatus,
} from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { get, privateFilePath, review, type Decision, type StaffApplication } from '../../../../services/staff';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate, formatDateTime } from '../../../../utils/format';

/**
 * The decisions a reviewer can take here, in the order shown, each with its button's look: approve
 * is the main step, sending back an ordinary one, refusing the one that cannot be undone. Which
 * appear is the server's call.
 */
const DECISIONS: Array<{ key: Decision; label: string; look: string; done: string; confirm: string }> = [
  { key: 'approve', label: '通过', look: 'primary', done: '已通过', confirm: '确定审核通过这份申请吗？' },
  {
    key: 'request_info',
    label: '退回补充',
    look: 'secondary',
    done: '已退回补充',
    confirm: '确定退回申请人补充材料吗？申请人会收到您填写的原因。',
  },
  {
    key: 'reject',
    label: '不通过',
    look: 'danger',
    done: '已作不通过处理',
    confirm: '确定不通过这份申请吗？申请人会收到您填写的原因。',
  },
];

/** What to say when a reason is needed and missing. */
const REASON_NEEDED: Record<string, string> = {
  reject: '请填写不通过的原因，申请人会看到它',
  request_info: '请填写需要补充的内容，申请人会看到它',
};

interface FileView {
  fileId: number;
  path: string;
  failed: boolean;
  /** A PDF (a scanned certificate, say): opened as a document, not shown as a picture. */
  pdf: boolean;
}

const isPdf = (path: string) => /\.pdf$/i.test(path);

interface View {
  id: number;
  status: ApplicationStatus;
  statusLabel: string;
  statusTone: string;
  kindLabel: string;
  categoryLabel: string;
  caseByCase: boolean;
  waiting: string;
  submittedAt: string;
  applicant: {
    name: string;
    genderLabel: string;
    birthDate: string;
    idNumberMasked: string;
    phoneMasked: string;
    verified: boolean;
  };
  stationName: string;
  deliveryLabel: string;
  address: string;
  reason: string;
  deadline: string;
  declarations: Array<{ key: string; text: string; yes: boolean }>;
  history: Array<{ key: number; fromLabel: string; toLabel: string; when: string; by: string; reason: string }>;
}

const statusLabel = (s: ApplicationStatus | null) => (s ? APPLICATION_STATUS_WORDS[s].label : '');

function toView(a: StaffApplication): View {
  return {
    id: a.id,
    status: a.status,
    statusLabel: statusLabel(a.status),
    statusTone: APPLICATION_STATUS_TONE[a.status] || 'neutral',
    kindLabel: KIND_WORDS[a.kind] || '',
    categoryLabel: categoryLabel(a.category),
    caseByCase: a.caseByCase,
    waiting: a.waitingDays === null ? '' : `已等待 ${a.waitingDays} 天`,
    submittedAt: a.submittedAt ? formatDateTime(a.submittedAt) : '',
    applicant: {
      name: a.applicant.name,
      genderLabel: a.applicant.gender === 'F' ? '女' : '男',
      birthDate: a.applicant.birthDate ? formatDate(a.applicant.birthDate) : '',
      idNumberMasked: a.applicant.idNumberMasked,
      phoneMasked: a.applicant.phoneMasked,
      verified: a.applicant.verified,
    },
    stationName: a.station ? a.station.name : '',
    deliveryLabel: a.delivery === 'mail' ? '邮寄' : '到服务站领取',
    address: a.delivery === 'mail' && a.address ? a.address : '',
    reason: a.reason || '',
    deadline: a.status === 'needs_info' && a.needsInfoDeadline ? formatDateTime(a.needsInfoDeadline) : '',
    declarations: DECLARATION_QUESTIONS.map((q) => ({ key: q.key, text: q.text, yes: !!a.declarations[q.key] })),
    history: a.history
      .map((h, i) => ({
        key: i,
        fromLabel: statusLabel(h.from),
        toLabel: statusLabel(h.to),
        when: formatDateTime(h.at),
        by: ACTOR_WORDS[h.by] || h.by,
        reason: h.reason || '',
      }))
      .reverse(),
  };
}

const toDecisions = (allowed: string[]) =>
  DECISIONS.filter((d) => allowed.indexOf(d.key) >= 0).map((d) => ({ key: d.key, label: d.label, look: d.look }));

/**
 * 审核申请: the application with the applicant (ID and phone masked), photo and documents (fetched
 * with the reviewer's login, never from a public address), the declarations and every step so far,
 * and the decisions the server allows this reviewer now. Reject and send-back need a reason.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    loading: true,
    error: '',
    app: null as View | null,
    photo: null as FileView | null,
    documents: [] as FileView[],
    decisions: [] as Array<{ key: Decision; label: string; look: string }>,
    reason: '',
    reasonError: '',
    deciding: false,
    actionError: '',
    notice: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ id: Number((query && query.id) || 0), rootFontSize: rootFontSize() });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ loading: !this.data.app, error: '' });
      try {
        const app = await get(this.data.id);
        const firstTime = !this.data.app;
        this.show(app);
        this.setData({ loading: false });
        if (firstTime) await this.loadFiles(app);
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    show(app: StaffApplication): void {
      this.setData({ app: toView(app), decisions: toDecisions(app.allowedActions) });
    },

    /** Photo and documents, fetched with the reviewer's login; one that fails says so in its place. */
    async loadFiles(app: StaffApplication): Promise<void> {
      const fetch = (fileId: number): Promise<FileView> =>
        privateFilePath(fileId).then(
          (path) => ({ fileId, path, failed: false, pdf: isPdf(path) }),
          () => ({ fileId, path: '', failed: true, pdf: false }),
        );
      this.setData({
        photo: { fileId: app.photoFileId, path: '', failed: false, pdf: false },
        documents: app.documentFileIds.map((fileId) => ({ fileId, path: '', failed: false, pdf: false })),
      });
      const [photo, documents] = await Promise.all([
        fetch(app.photoFileId),
        Promise.all(app.documentFileIds.map(fetch)),
      ]);
      this.setData({ photo, documents });
    },

    preview(e: WechatMiniprogram.TouchEvent): void {
      const current = String(e.currentTarget.dataset.path || '');
      if (!current) return;
      const urls: string[] = [];
      if (this.data.photo && this.data.photo.path) urls.push(this.data.photo.path);
      for (const d of this.data.documents) if (d.path && !d.pdf) urls.push(d.path);
      wx.previewImage({ urls, current });
    },

    /** A PDF among the documents opens in WeChat's document viewer. */
    openDocument(e: WechatMiniprogram.TouchEvent): void {
      const filePath = String(e.currentTarget.dataset.path || '');
      if (!filePath) return;
      wx.openDocument({
        filePath,
        fileType: 'pdf',
        fail: () => wx.showToast({ title: '文件打不开，请稍后再试', icon: 'none' }),
      });
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },

    decide(e: WechatMiniprogram.TouchEvent): void {
      if (this.data.deciding || !this.data.app) return;
      const key = String(e.currentTarget.dataset.decision) as Decision;
      const decision = DECISIONS.filter((d) => d.key === key)[0];
      if (!decision) return;
      const reason = this.data.reason.trim();
      this.setData({ actionError: '', notice: '' });
      if (key !== 'approve' && !reason) {
        this.setData({ reasonError: REASON_NEEDED[key] });
        wx.showToast({ title: '请先填写原因', icon: 'none' });
        return;
      }
      wx.showModal({
        title: decision.label,
        content: decision.confirm,
        confirmText: '确定',
        cancelText: '取消',
        success: (res) => {
          if (res.confirm) void this.send(key, key === 'approve' ? '' : reason, decision.done);
        },
      });
    },

    async send(decision: Decision, reason: string, done: string): Promise<void> {
      this.setData({ deciding: true, actionError: '', reasonError: '' });
      try {
        const app = await review(this.data.id, decision, reason || undefined);
        this.show(app);
        this.setData({ deciding: false, reason: '', notice: `${done}，当前状态：${statusLabel(app.status)}` });
        wx.showToast({ title: done, icon: 'success' });
      } catch (err) {
        // 403: the step belongs to the other level; 409: someone else decided first. Either way,
        // show the server's words and the application as it stands now.
        this.setData({ deciding: false, actionError: messageOf(err) });
        void this.load();
      }
    },

    retry(): void {
      void this.load();
    },
  },
});
