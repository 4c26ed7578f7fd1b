import { currentActing, stopActing, type Acting } from '../../services/acting';
import type { QuickReply } from '../../services/chat';
import { askSubscribe } from '../../services/notifications';
import { hasRole } from '../../services/session';
import { locate } from '../../utils/location';
import { ChatSession } from './conversation';
import { fontScale, rootFontSize } from '../../utils/font-size';
import { chatView, type ItemView, type NoticeView, type RatingView, type StatusView } from './view';

interface Shortcut {
  key: string;
  label: string;
  url: string;
}

/** The four services, always one tap away above the input. */
const SHORTCUTS: Shortcut[] = [
  { key: 'card', label: '优待证', url: '/packages/card/pages/card/card' },
  { key: 'merchants', label: '优待商户', url: '/packages/merchants/pages/list/list' },
  { key: 'legal', label: '法律服务', url: '/packages/legal-aid/pages/providers/providers' },
  { key: 'me', label: '我的', url: '/pages/me/me' },
];

const HOME = '/pages/index/index';

/** Above this text scale the four shortcuts no longer fit one row: they go two by two. */
const SHORTCUTS_ONE_ROW_MAX_SCALE = 1.1;

/** A quick reply that needs to know where the holder is (nearby offers). */
const wantsLocation = (reply: QuickReply) => reply.action === 'send_location' || reply.id === 'share_location';

/** Opens a page the conversation pointed to; a path without its leading slash is accepted. */
function openPage(page: string): void {
  const url = page.charAt(0) === '/' ? page : `/${page}`;
  if (url.split('?')[0] === HOME) return;
  wx.navigateTo({
    url,
    // A tab page cannot be pushed: switch to it instead (no query survives a switch).
    fail: (err) => {
      if (/tab/i.test(err.errMsg)) wx.switchTab({ url: url.split('?')[0] });
    },
  });
}

/** The corners of staff, merchants and lawyers, for those who hold the role. */
function corners(): Shortcut[] {
  const out: Shortcut[] = [];
  if (hasRole('merchant_owner') || hasRole('merchant_clerk'))
    out.push({ key: 'merchant', label: '商户核验：扫码验证优待证', url: '/packages/merchant-portal/pages/scan/scan' });
  if (hasRole('station_staff') || hasRole('district_staff'))
    out.push({ key: 'staff', label: '工作台：优待证审核', url: '/packages/staff/pages/queue/queue' });
  if (hasRole('lawyer'))
    out.push({ key: 'provider', label: '法律服务：我的服务预约', url: '/packages/legal-aid/pages/desk/desk' });
  return out;
}

// One conversation per page instance, outside `data`: it holds timers and the reading loop.
const sessions = new WeakMap<object, ChatSession>();

// Page instances that asked for the staff-reply message since they were last shown: a holder
// writing while waiting for staff is asked once per visit, not after every line.
const askedForReplies = new WeakSet<object>();

/**
 * Home: the conversation with the service assistant. The holder types or taps a suggestion and
 * gets an answer with live data and a button to the right page; notices arrive in the same
 * stream, the newest unread one pinned at the top. New messages come by a long poll while the
 * page is visible. The four services stay one tap away above the input.
 *
 * A person can take over: while the holder waits for staff or talks with them a banner at the
 * top says so (the place in the queue, or who is answering), staff's words come under their name,
 * and after staff close the conversation a card asks for a rating once. WeChat's own service
 * chat is one tap away near the top as well. Asking for a person (转人工, 联系人工客服) and the
 * first line written while waiting for staff also ask whether staff's replies may come by WeChat
 * message, for when the holder has left.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    shortcutsTwoRows: false,
    items: [] as ItemView[],
    quickReplies: [] as QuickReply[],
    scrollTo: '',
    pinned: null as NoticeView | null,
    loading: true,
    loaded: false,
    loadError: '',
    notForThisAccount: false,
    shortcuts: SHORTCUTS,
    corners: [] as Shortcut[],
    status: null as StatusView | null,
    rating: null as RatingView | null,
    placeholder: '请输入您的问题',
    /** 为家人代办: whom this phone acts for now (a banner says so), or null. */
    acting: null as Acting | null,
  },
  methods: {
    onLoad(): void {
      const session = new ChatSession();
      session.onChange = () => this.render();
      session.onToast = (title) => wx.showToast({ title, icon: 'none' });
      sessions.set(this, session);
      this.setData({ acting: currentActing() });
      void session.load();
    },

    onShow(): void {
      askedForReplies.delete(this);
      // The font size and the signed-in roles may have changed while the page was away.
      this.setData({
        rootFontSize: rootFontSize(),
        shortcutsTwoRows: fontScale() > SHORTCUTS_ONE_ROW_MAX_SCALE,
        corners: corners(),
        acting: currentActing(),
      });
      this.session()?.show();
    },

    /** 结束代办 on the banner. */
    endActing(): void {
      stopActing();
      this.setData({ acting: null });
    },

    onHide(): void {
      this.session()?.hide();
    },

    onUnload(): void {
      this.session()?.close();
      sessions.delete(this);
    },

    session(): ChatSession | undefined {
      return sessions.get(this);
    },

    render(): void {
      const s = this.session();
      if (!s) return;
      this.setData(chatView(s));
    },

    retryLoad(): void {
      void this.session()?.load();
    },

    /**
     * Asks whether WeChat may tell the holder when staff reply while they are away (the server
     * sends `chat_reply` only with a grant). Called in the tap itself, before anything is awaited:
     * WeChat shows the prompt only then. Not awaited: the holder's message goes out whatever they
     * answer, and a refusal or a failure is no error.
     */
    askForReplies(): void {
      askedForReplies.add(this);
      void askSubscribe(['chat_reply']);
    },

    onSend(e: WechatMiniprogram.CustomEvent<{ text: string }>): void {
      const text = e.detail.text;
      const s = this.session();
      // Waiting for staff, the holder may leave before the answer: the moment to ask, once a visit.
      if (s && s.state === 'waiting_staff' && !askedForReplies.has(this)) this.askForReplies();
      void s?.send({ text }, text);
    },

    /**
     * 联系人工客服: the button opens WeChat's service chat by itself. Staff answer there while
     * WeChat's reply window is open; after it closes the answer comes by `chat_reply`, which needs
     * the grant asked for here.
     */
    onContactTap(): void {
      this.askForReplies();
    },

    async onQuickReply(e: WechatMiniprogram.CustomEvent<{ reply: QuickReply }>): Promise<void> {
      const reply = e.detail.reply;
      const s = this.session();
      if (!s || !reply) return;
      if (reply.page) {
        openPage(reply.page);
        return;
      }
      // Asking for a person: staff may answer after the holder has left.
      if (reply.id === 'ask_person') this.askForReplies();
      // The server knows its quick replies by id: that is what goes back.
      const action = reply.id;
      if (wantsLocation(reply)) {
        const pos = await locate();
        if (pos.declined) {
          wx.showModal({
            title: '没有使用您的位置',
            content: '您没有同意使用位置信息，所以不能按远近查找。可以点下方「优待商户」查看全部商户。',
            showCancel: false,
            confirmText: '知道了',
          });
          return;
        }
        if (pos.fallback) {
          wx.showModal({
            title: '没有取得您的位置',
            content: '请允许使用位置信息，才能按远近查找优待商户。也可以点下方「优待商户」查看全部商户。',
            showCancel: false,
            confirmText: '知道了',
          });
          return;
        }
        await s.send({ action, location: { lat: pos.lat, lng: pos.lng } }, reply.label);
        return;
      }
      await s.send({ action }, reply.label);
    },

    onOpen(e: WechatMiniprogram.CustomEvent<{ page: string }>): void {
      if (e.detail.page) openPage(e.detail.page);
    },

    onRetry(e: WechatMiniprogram.CustomEvent<{ localId: number }>): void {
      void this.session()?.retry(e.detail.localId);
    },

    onFeedback(e: WechatMiniprogram.CustomEvent<{ messageId: number; useful: boolean }>): void {
      void this.session()?.giveFeedback(e.detail.messageId, e.detail.useful);
    },

    onRate(e: WechatMiniprogram.CustomEvent<{ score: number; comment: string }>): void {
      void this.session()?.rate(e.detail.score, e.detail.comment);
    },

    /** The pinned notice, tapped: it is read; open its page, or show it in the conversation. */
    openPinned(e: WechatMiniprogram.CustomEvent<{ id: number; page: string }>): void {
      this.session()?.unpin();
      if (e.detail.page) openPage(e.detail.page);
      else this.setData({ scrollTo: `m${e.detail.id}` });
    },

    closePinned(): void {
      this.session()?.unpin();
    },

    openNotice(e: WechatMiniprogram.CustomEvent<{ id: number; page: string }>): void {
      const s = this.session();
      if (s && s.pinnedId === e.detail.id) s.unpin();
      if (e.detail.page) openPage(e.detail.page);
    },

    openShortcut(e: WechatMiniprogram.TouchEvent): void {
      openPage(String(e.currentTarget.dataset.url));
    },
  },
});
