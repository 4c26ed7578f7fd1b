import {
  ACTOR_WORDS,
  APPLICATION_STATUS_TONE,
  APPLICATION_STATUS_WORDS,
  CARD_STATUS_TONE,
  CARD_STATUS_WORDS,
  CARD_STEP_WORDS,
  isOpenApplication,
  KIND_WORDS,
  mine,
  myCard,
  qrToken,
  reportLost,
  type Application,
  type Card,
} from '../../../../services/cards';
import { privateFilePath } from '../../../../services/files';
import { categoryLabel } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate, formatDateTime } from '../../../../utils/format';
import { brighten, QrRefresh, restoreScreen } from '../../../../utils/counter-screen';
import { matrixToRuns, tokenToMatrix, type QrRun } from '../../../../utils/qr';

/** Width of the drawn code, quiet zone included; the holder's photo sits beside it. */
const QR_WIDTH_RPX = 400;

// Timers and the screen's brightness live outside the page's data: they are not something to render.
const qrTimers = new QrRefresh();
/** Whether the page is on screen: a code that arrives after the page was left starts no timer. */
let visible = false;

/** Everything the page started for the code: timers, brightness, screen on. */
function leave(): void {
  visible = false;
  qrTimers.stop();
  restoreScreen();
}

interface CardView extends Omit<Card, 'history'> {
  statusLabel: string;
  statusTone: string;
  statusHint: string;
  categoryLabel: string;
  issuedDate: string;
  /** The server allows 挂失 now. */
  canReportLost: boolean;
  history: Array<{ key: number; step: string; toLabel: string; when: string; by: string; reason: string }>;
}

/** The newest application, when there is one: an open one takes the place of 申领 / 补领 / 换领. */
interface LatestApplication {
  id: number;
  kindLabel: string;
  statusLabel: string;
  statusTone: string;
  statusHint: string;
  open: boolean;
  /** Sent back for more information and still editable: 修改 leads. */
  canEdit: boolean;
  /** What the reviewer asked for, when sent back. */
  reason: string;
}

const toView = (c: Card): CardView =>
  Object.assign({}, c, {
    statusLabel: CARD_STATUS_WORDS[c.status].label,
    statusTone: CARD_STATUS_TONE[c.status],
    statusHint: CARD_STATUS_WORDS[c.status].hint,
    categoryLabel: categoryLabel(c.category),
    issuedDate: formatDate(c.issuedAt),
    canReportLost: c.allowedActions.indexOf('report_lost') >= 0,
    // Newest step first: that is the one the holder comes to read.
    history: c.history
      .map((h, i) => ({
        key: i,
        step: CARD_STEP_WORDS[h.action] || h.action,
        toLabel: CARD_STATUS_WORDS[h.to].label,
        when: formatDateTime(h.at),
        by: ACTOR_WORDS[h.by] || h.by,
        reason: h.reason || '',
      }))
      .reverse(),
  });

const toLatest = (a: Application): LatestApplication => ({
  id: a.id,
  kindLabel: KIND_WORDS[a.kind] || KIND_WORDS.new,
  statusLabel: APPLICATION_STATUS_WORDS[a.status].label,
  statusTone: APPLICATION_STATUS_TONE[a.status],
  statusHint: APPLICATION_STATUS_WORDS[a.status].hint,
  open: isOpenApplication(a.status),
  canEdit: a.status === 'needs_info' && a.allowedActions.indexOf('edit') >= 0,
  reason: a.status === 'needs_info' && a.reason ? a.reason : '',
});

/**
 * 我的优待证: the electronic card as shown at the counter: a QR code that merchants scan, with the
 * holder's own photo beside it so the clerk can compare, the screen bright and kept on, and a
 * countdown to the next code. The code lives about a minute and is used once, so a fresh one is
 * fetched shortly before it expires (or at once with 刷新), and none while the page is out of sight.
 * A card that is not active shows why and no code. What to apply for next is offered only when no
 * application is open; an open one is shown with its status and a link instead.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    error: '',
    card: null as CardView | null,
    noCard: false,
    latest: null as LatestApplication | null,
    /** A local copy of the holder's photo; empty while it loads or when it cannot be shown. */
    photoPath: '',
    photoFileId: 0,
    photoFailed: false,
    qrRows: [] as Array<{ y: number; runs: QrRun[] }>,
    qrCell: 12,
    qrError: '',
    qrExpiresAt: '',
    qrSecondsLeft: 0,
    refreshing: false,
    reporting: false,
    actionError: '',
  },
  lifetimes: {
    detached(): void {
      leave();
    },
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
    },

    onShow(): void {
      visible = true;
      void this.load();
    },

    onHide(): void {
      leave();
    },

    onUnload(): void {
      leave();
    },

    async load(): Promise<void> {
      qrTimers.stop();
      this.setData({ loading: !this.data.card && !this.data.noCard, error: '' });
      let card: Card | null;
      try {
        card = await myCard();
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
        return;
      }
      this.setData({ loading: false, card: card ? toView(card) : null, noCard: !card });
      if (card) void this.loadPhoto(card.photoFileId);
      if (card && card.status === 'active') {
        await Promise.all([this.refreshQr(), this.loadLatest()]);
      } else {
        restoreScreen();
        this.setData({ qrRows: [], qrError: '' });
        await this.loadLatest();
      }
    },

    /** The holder's photo from the files API (their own file); fetched once per photo. */
    async loadPhoto(fileId: number | null): Promise<void> {
      if (!fileId) {
        this.setData({ photoPath: '', photoFileId: 0, photoFailed: true });
        return;
      }
      if (fileId === this.data.photoFileId && this.data.photoPath) return;
      this.setData({ photoFileId: fileId, photoFailed: false });
      try {
        const path = await privateFilePath(fileId);
        if (this.data.photoFileId === fileId) this.setData({ photoPath: path });
      } catch {
        if (this.data.photoFileId === fileId) this.setData({ photoPath: '', photoFailed: true });
      }
    },

    /** The newest application: its status, and whether it stands in the way of applying again. */
    async loadLatest(): Promise<void> {
      try {
        const page = await mine();
        const a: Application | undefined = page.items[0];
        this.setData({ latest: a ? toLatest(a) : null });
      } catch {
        this.setData({ latest: null });
      }
    },

    async refreshQr(): Promise<void> {
      qrTimers.stop();
      this.setData({ refreshing: true });
      try {
        const t = await qrToken();
        const matrix = tokenToMatrix(t.token);
        const rows = matrixToRuns(matrix).map((runs, y) => ({ y, runs }));
        this.setData({
          refreshing: false,
          qrRows: rows,
          qrCell: Math.floor(QR_WIDTH_RPX / rows.length),
          qrError: '',
          qrExpiresAt: t.expiresAt,
        });
        this.scheduleRefresh(t.expiresAt);
        if (visible) brighten();
      } catch (err) {
        this.setData({ refreshing: false, qrRows: [], qrError: messageOf(err), qrSecondsLeft: 0 });
        restoreScreen();
        // The card stopped being usable meanwhile (lost, replaced, revoked): show it as it is.
        if (err instanceof ApiError && err.code === 'CARD_INACTIVE') void this.reloadCardOnly();
      }
    },

    /** 刷新: a new code now (the shown one may have been seen by someone behind). */
    refreshNow(): void {
      if (this.data.refreshing) return;
      void this.refreshQr();
    },

    scheduleRefresh(expiresAt: string): void {
      qrTimers.stop();
      if (!visible) return;
      qrTimers.schedule(
        expiresAt,
        () => void this.refreshQr(),
        (left) => {
          if (left !== this.data.qrSecondsLeft) this.setData({ qrSecondsLeft: left });
        },
      );
    },

    async reloadCardOnly(): Promise<void> {
      try {
        const card = await myCard();
        this.setData({ card: card ? toView(card) : null, noCard: !card });
      } catch {
        // Keep what is shown; the message about the code is already there.
      }
    },

    reportLost(): void {
      if (this.data.reporting) return;
      wx.showModal({
        title: '挂失优待证',
        content: '挂失后此证立即停用，商户将无法核验。挂失后可申请补领。确定挂失吗？',
        confirmText: '挂失',
        confirmColor: '#8e0000',
        cancelText: '取消',
        success: (res) => {
          if (res.confirm) void this.doReportLost();
        },
      });
    },

    async doReportLost(): Promise<void> {
      qrTimers.stop();
      restoreScreen();
      this.setData({ reporting: true, actionError: '' });
      try {
        const card = await reportLost();
        this.setData({ reporting: false, card: toView(card), qrRows: [], qrError: '' });
        wx.showToast({ title: '已挂失', icon: 'success' });
        await this.loadLatest();
      } catch (err) {
        this.setData({ reporting: false, actionError: messageOf(err) });
        if (this.data.card && this.data.card.status === 'active') void this.refreshQr();
      }
    },

    applyReissue(): void {
      wx.navigateTo({ url: '/packages/card/pages/apply/apply?kind=reissue' });
    },

    applyExchange(): void {
      wx.navigateTo({ url: '/packages/card/pages/apply/apply?kind=exchange' });
    },

    openEligibility(): void {
      wx.navigateTo({ url: '/packages/card/pages/eligibility/eligibility' });
    },

    openLatest(): void {
      const latest = this.data.latest;
      wx.navigateTo({ url: `/packages/card/pages/application/application${latest ? `?id=${latest.id}` : ''}` });
    },

    /** A sent-back application: straight to the form, with the reviewer's words beside the fields. */
    editLatest(): void {
      const latest = this.data.latest;
      if (latest) wx.navigateTo({ url: `/packages/card/pages/apply/apply?id=${latest.id}` });
    },

    previewPhoto(): void {
      if (this.data.photoPath) wx.previewImage({ urls: [this.data.photoPath] });
    },

    retry(): void {
      void this.load();
    },
  },
});
