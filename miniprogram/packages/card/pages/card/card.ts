import {
  ACTOR_WORDS,
  APPLICATION_STATUS_WORDS,
  CARD_STATUS_WORDS,
  CARD_STEP_WORDS,
  mine,
  myCard,
  qrToken,
  reportLost,
  type Application,
  type Card,
} from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { formatDate, formatDateTime } from '../../../../utils/format';
import { matrixToRuns, tokenToMatrix, type QrRun } from '../../../../utils/qr';

/** A new code is fetched this long before the shown one expires. */
const REFRESH_BEFORE_MS = 10 * 1000;
/** When the phone's clock disagrees with the server's so much that the expiry makes no sense. */
const FALLBACK_REFRESH_MS = 50 * 1000;
const MAX_REFRESH_MS = 10 * 60 * 1000;
/** Width of the drawn code, quiet zone included. */
const QR_WIDTH_RPX = 520;

// The refresh timer lives outside the page's data: it is not something to render.
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** Whether the page is on screen: a code that arrives after the page was left starts no timer. */
let visible = false;

function stopRefresh(): void {
  if (refreshTimer !== null) clearTimeout(refreshTimer);
  refreshTimer = null;
}

interface CardView extends Omit<Card, 'history'> {
  statusLabel: string;
  statusHint: string;
  categoryLabel: string;
  issuedDate: string;
  /** The server allows 挂失 now. */
  canReportLost: boolean;
  history: Array<{ key: number; step: string; toLabel: string; when: string; by: string; reason: string }>;
}

interface LatestApplication {
  id: number;
  statusLabel: string;
}

const toView = (c: Card): CardView =>
  Object.assign({}, c, {
    statusLabel: CARD_STATUS_WORDS[c.status].label,
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

/**
 * 我的优待证: the electronic card with a QR code that merchants scan. The code lives about a
 * minute and is used once, so a fresh one is fetched shortly before it expires, and none while
 * the page is out of sight. A card that is not active shows why and no code; a lost card can be
 * reissued. Without a card: the way to apply, and the latest application.
 */
Component({
  data: {
    loading: true,
    error: '',
    card: null as CardView | null,
    noCard: false,
    latest: null as LatestApplication | null,
    qrRows: [] as Array<{ y: number; runs: QrRun[] }>,
    qrCell: 12,
    qrError: '',
    qrExpiresAt: '',
    reporting: false,
    actionError: '',
  },
  lifetimes: {
    detached(): void {
      visible = false;
      stopRefresh();
    },
  },
  methods: {
    onShow(): void {
      visible = true;
      void this.load();
    },

    onHide(): void {
      visible = false;
      stopRefresh();
    },

    onUnload(): void {
      visible = false;
      stopRefresh();
    },

    async load(): Promise<void> {
      stopRefresh();
      this.setData({ loading: !this.data.card && !this.data.noCard, error: '' });
      let card: Card | null;
      try {
        card = await myCard();
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
        return;
      }
      this.setData({ loading: false, card: card ? toView(card) : null, noCard: !card });
      if (card && card.status === 'active') {
        await this.refreshQr();
      } else {
        this.setData({ qrRows: [], qrError: '' });
        await this.loadLatest();
      }
    },

    /** The newest application, to link to when there is no usable card. */
    async loadLatest(): Promise<void> {
      try {
        const page = await mine();
        const a: Application | undefined = page.items[0];
        this.setData({ latest: a ? { id: a.id, statusLabel: APPLICATION_STATUS_WORDS[a.status].label } : null });
      } catch {
        this.setData({ latest: null });
      }
    },

    async refreshQr(): Promise<void> {
      stopRefresh();
      try {
        const t = await qrToken();
        const matrix = tokenToMatrix(t.token);
        const rows = matrixToRuns(matrix).map((runs, y) => ({ y, runs }));
        this.setData({
          qrRows: rows,
          qrCell: Math.floor(QR_WIDTH_RPX / rows.length),
          qrError: '',
          qrExpiresAt: t.expiresAt,
        });
        this.scheduleRefresh(t.expiresAt);
      } catch (err) {
        this.setData({ qrRows: [], qrError: messageOf(err) });
        // The card stopped being usable meanwhile (lost, replaced, revoked): show it as it is.
        if (err instanceof ApiError && err.code === 'CARD_INACTIVE') void this.reloadCardOnly();
      }
    },

    scheduleRefresh(expiresAt: string): void {
      stopRefresh();
      if (!visible) return;
      let delay = Date.parse(expiresAt) - Date.now() - REFRESH_BEFORE_MS;
      if (isNaN(delay) || delay < 1000 || delay > MAX_REFRESH_MS) delay = FALLBACK_REFRESH_MS;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void this.refreshQr();
      }, delay);
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
        cancelText: '取消',
        success: (res) => {
          if (res.confirm) void this.doReportLost();
        },
      });
    },

    async doReportLost(): Promise<void> {
      stopRefresh();
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

    retry(): void {
      void this.load();
    },
  },
});
