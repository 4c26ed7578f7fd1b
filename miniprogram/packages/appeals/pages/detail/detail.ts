import {
  APPEAL_ACTOR_WORDS,
  APPEAL_STATUS_TONE,
  APPEAL_STATUS_WORDS,
  APPEAL_STEP_WORDS,
  COMMENT_MAX,
  confirmAppeal,
  CONTACT_TIME_WORDS,
  dayText,
  getAppeal,
  KIND_WORDS,
  rateAppeal,
  reopenAppeal,
  REOPEN_MAX,
  REOPEN_MIN,
  type Appeal,
} from '../../../../services/appeals';
import { privateFilePath } from '../../../../services/files';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

interface FileView {
  fileId: number;
  /** A local path to show it; empty while it loads or when it could not be fetched. */
  path: string;
  failed: boolean;
  /** A PDF: opened in WeChat's document viewer rather than shown. */
  pdf: boolean;
}

interface StepView {
  key: number;
  step: string;
  toText: string;
  when: string;
  by: string;
  /** The step's reason, outcome or promise, labelled. */
  note: string;
}

interface AppealView {
  id: number;
  kindText: string;
  category: string;
  status: string;
  statusText: string;
  tone: string;
  text: string;
  contactText: string;
  stationName: string;
  createdText: string;
  acceptedText: string;
  promisedText: string;
  overdue: boolean;
  resolvedText: string;
  outcome: string;
  rejectReason: string;
  rating: number;
  ratingStars: string;
  ratingComment: string;
  reopened: boolean;
  canConfirm: boolean;
  canReopen: boolean;
  canRate: boolean;
  history: StepView[];
}

/** What a step's note is, as the holder reads it: an outcome, a comment, else a reason; acceptance's promise says itself. */
const NOTE_WORDS: Record<string, string> = { accept: '', resolve: '办理结果：', rate: '评价：' };

const STARS = [1, 2, 3, 4, 5];
/** What each number of stars means, read out with the choice. */
const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '很满意'];

/** Private files come down with their type's extension. */
const isPdf = (path: string) => /\.pdf$/i.test(path);

const stars = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);

function toView(a: Appeal): AppealView {
  const allowed = a.allowedActions;
  const underWay = a.status === 'accepted' || a.status === 'in_progress';
  return {
    id: a.id,
    kindText: KIND_WORDS[a.kind] || a.kind,
    category: a.category,
    status: a.status,
    statusText: a.statusText,
    tone: a.overdue ? 'danger' : APPEAL_STATUS_TONE[a.status] || 'neutral',
    text: a.text,
    contactText: a.contactTime ? CONTACT_TIME_WORDS[a.contactTime] : '',
    stationName: a.stationName || '',
    createdText: formatDateTime(a.createdAt),
    acceptedText: a.acceptedAt ? formatDateTime(a.acceptedAt) : '',
    promisedText: a.promisedDate ? dayText(a.promisedDate) : '',
    overdue: a.overdue && underWay,
    resolvedText: a.resolvedAt ? formatDateTime(a.resolvedAt) : '',
    outcome: a.outcome || '',
    rejectReason: a.status === 'rejected' ? a.rejectReason || '' : '',
    rating: a.rating || 0,
    ratingStars: a.rating ? stars(a.rating) : '',
    ratingComment: a.ratingComment || '',
    reopened: a.reopenedCount > 0,
    // Only what the server allows now: it knows the status, the one reopen and the one rating.
    canConfirm: allowed.indexOf('confirm') >= 0,
    canReopen: allowed.indexOf('reopen') >= 0,
    canRate: allowed.indexOf('rate') >= 0,
    // Newest step first: that is the one the holder comes to read.
    history: a.history
      .map((h, i) => ({
        key: i,
        step: APPEAL_STEP_WORDS[h.action] || h.action,
        toText: (APPEAL_STATUS_WORDS as Record<string, string>)[h.to] || h.to,
        when: formatDateTime(h.at),
        by: APPEAL_ACTOR_WORDS[h.by] || h.by,
        note: h.reason ? `${NOTE_WORDS[h.action] ?? '原因：'}${h.reason}` : '',
      }))
      .reverse(),
  };
}

/**
 * One appeal or errand: where it stands, what was asked, the attachments (private files: photos
 * shown, PDFs opened in WeChat's viewer), the station and the day promised once accepted, the
 * outcome once resolved or the reason it was not taken up, and every step as a timeline. The holder's actions are the server's `allowedActions`
 * only: 确认办结 (after a confirm), 不满意，重新办理 (with a reason, once) and 评价 (1 to 5 stars and
 * an optional comment, once).
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    loading: true,
    loaded: false,
    loadError: '',
    appeal: null as AppealView | null,
    files: [] as FileView[],
    actionError: '',
    /** The action on its way: 'confirm' | 'reopen' | 'rate' | ''. */
    acting: '',
    reopenOpen: false,
    reopenReason: '',
    reopenError: '',
    reopenMax: REOPEN_MAX,
    rateOpen: false,
    starOptions: STARS,
    stars: 0,
    starWord: '',
    comment: '',
    commentMax: COMMENT_MAX,
    rateError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize(), id: Number(query && query.id) || 0 });
      void this.load();
    },

    onShow(): void {
      if (this.data.loaded) void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: !this.data.loaded, loadError: '' });
      try {
        this.show(await getAppeal(this.data.id));
        this.setData({ loading: false, loaded: true });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    /** Shows the appeal as the server has it; the photos come in the background. */
    show(a: Appeal): void {
      const view = toView(a);
      const known: Record<number, FileView> = {};
      for (const f of this.data.files) known[f.fileId] = f;
      const files = a.fileIds.map((fileId) => known[fileId] || { fileId, path: '', failed: false, pdf: false });
      this.setData({
        appeal: view,
        files,
        // A form whose action is no longer allowed closes.
        reopenOpen: this.data.reopenOpen && view.canReopen,
        rateOpen: this.data.rateOpen && view.canRate,
      });
      for (const f of files) if (!f.path && !f.failed) void this.fetchFile(f.fileId);
    },

    async fetchFile(fileId: number): Promise<void> {
      let path = '';
      try {
        path = await privateFilePath(fileId);
      } catch {
        // Shown as a placeholder that says it could not be opened.
      }
      this.setData({
        files: this.data.files.map((f) =>
          f.fileId === fileId ? { fileId, path, failed: !path, pdf: isPdf(path) } : f,
        ),
      });
    },

    previewFile(e: WechatMiniprogram.TouchEvent): void {
      const current = String(e.currentTarget.dataset.path || '');
      const urls = this.data.files.filter((f) => f.path && !f.pdf).map((f) => f.path);
      if (current) wx.previewImage({ urls, current });
    },

    openPdf(e: WechatMiniprogram.TouchEvent): void {
      const filePath = String(e.currentTarget.dataset.path || '');
      if (!filePath) return;
      wx.openDocument({
        filePath,
        fileType: 'pdf',
        fail: () => wx.showToast({ title: '文件打不开，请稍后再试', icon: 'none' }),
      });
    },

    /** 确认办结: asks first, as it closes the matter. */
    confirm(): void {
      const a = this.data.appeal;
      if (!a || !a.canConfirm || this.data.acting) return;
      wx.showModal({
        title: '确认办结',
        content: a.canReopen
          ? '确认后这件事就办完了，不能再申请重新办理。如不满意，请点“不满意，重新办理”。'
          : '确认后这件事就办完了。',
        confirmText: '确认办结',
        cancelText: '再看看',
        success: (res) => {
          if (res.confirm) void this.act('confirm', () => confirmAppeal(this.data.id), '已确认办结');
        },
      });
    },

    openReopen(): void {
      if (!this.data.appeal || !this.data.appeal.canReopen) return;
      this.setData({ reopenOpen: true, rateOpen: false, reopenError: '', actionError: '' });
    },

    closeReopen(): void {
      this.setData({ reopenOpen: false, reopenReason: '', reopenError: '' });
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.setData({ reopenReason: e.detail.value, reopenError: '' });
    },

    /** 提交重新办理: a reason is needed, and this can be done once. */
    async sendReopen(): Promise<void> {
      if (this.data.acting) return;
      const reason = this.data.reopenReason.trim();
      if (reason.length < REOPEN_MIN) {
        this.setData({ reopenError: '请说明哪里不满意、还需要怎样办理' });
        return;
      }
      const done = await this.act('reopen', () => reopenAppeal(this.data.id, reason.slice(0, REOPEN_MAX)), '已提交');
      if (done) this.setData({ reopenOpen: false, reopenReason: '' });
    },

    openRate(): void {
      if (!this.data.appeal || !this.data.appeal.canRate) return;
      this.setData({ rateOpen: true, reopenOpen: false, rateError: '', actionError: '' });
    },

    closeRate(): void {
      this.setData({ rateOpen: false, stars: 0, starWord: '', comment: '', rateError: '' });
    },

    chooseStars(e: WechatMiniprogram.TouchEvent): void {
      const n = Number(e.currentTarget.dataset.value);
      if (n >= 1 && n <= 5) this.setData({ stars: n, starWord: STAR_WORDS[n], rateError: '' });
    },

    onCommentInput(e: WechatMiniprogram.Input): void {
      this.setData({ comment: e.detail.value });
    },

    /** 提交评价: 1 to 5 stars, the comment if any; once. */
    async sendRating(): Promise<void> {
      if (this.data.acting) return;
      const n = this.data.stars;
      if (n < 1 || n > 5) {
        this.setData({ rateError: '请点星星打分（1 到 5 颗）' });
        return;
      }
      const comment = this.data.comment.trim().slice(0, COMMENT_MAX);
      const done = await this.act('rate', () => rateAppeal(this.data.id, n, comment || undefined), '感谢您的评价');
      if (done) this.setData({ rateOpen: false, stars: 0, starWord: '', comment: '' });
    },

    /** Runs one of the holder's actions and shows the appeal as it then stands; true when it went through. */
    async act(name: string, run: () => Promise<Appeal>, done: string): Promise<boolean> {
      this.setData({ acting: name, actionError: '' });
      try {
        const a = await run();
        this.setData({ acting: '' });
        this.show(a);
        wx.showToast({ title: done, icon: 'success' });
        return true;
      } catch (err) {
        this.setData({ acting: '', actionError: messageOf(err) });
        // It may have moved meanwhile (or been rated elsewhere): show what is allowed now.
        await this.load();
        return false;
      }
    },

    openList(): void {
      wx.redirectTo({ url: '/packages/appeals/pages/list/list' });
    },
  },
});
