import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate } from '../../../../utils/format';
import { APPLICATION_TONE, move, received, type Move, type Received } from '../../employer-api';

interface ApplicationView {
  id: number;
  title: string;
  statusText: string;
  tone: string;
  when: string;
  name: string;
  phone: string;
  skills: string;
  serviceBackground: string;
  desiredWork: string;
  interviewNote: string;
  declineReason: string;
  mayView: boolean;
  mayInterview: boolean;
  mayHire: boolean;
  mayDecline: boolean;
}

const toView = (a: Received): ApplicationView => ({
  id: a.id,
  title: a.postingTitle,
  statusText: a.statusText,
  tone: APPLICATION_TONE[a.status],
  when: `投递于 ${formatDate(a.createdAt)}`,
  name: a.profile.name,
  phone: a.profile.phone ?? '',
  skills: a.profile.skills,
  serviceBackground: a.profile.serviceBackground,
  desiredWork: a.profile.desiredWork,
  interviewNote: a.interviewNote ?? '',
  declineReason: a.status === 'declined' ? (a.declineReason ?? '') : '',
  mayView: a.allowedActions.indexOf('view') >= 0,
  mayInterview: a.allowedActions.indexOf('interview') >= 0,
  mayHire: a.allowedActions.indexOf('hire') >= 0,
  mayDecline: a.allowedActions.indexOf('decline') >= 0,
});

/**
 * 收到的投递: the applications to the employer's postings (all, or one posting's with `?postingId=`),
 * each with the profile the applicant sent. The employer moves each as the server allows: 已查看,
 * 邀请面试 (with the time and place the applicant reads), 录用 or 不录用 (both asked again first).
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    postingId: 0,
    items: [] as ApplicationView[],
    nextCursor: null as string | null,
    loadingMore: false,
    /** The application being moved, to show its button busy. */
    busyId: 0,
    /** The application whose interview invitation is being written. */
    inviteId: 0,
    inviteNote: '',
    inviteError: '',
    actionError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize(), postingId: Number(query.postingId) || 0 });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      if (this.data.items.length === 0) this.setData({ state: 'loading', message: '' });
      try {
        const res = await received({ postingId: this.data.postingId || undefined });
        this.setData({
          state: res.items.length ? 'ready' : 'empty',
          message: res.items.length ? '' : '还没有收到投递。求职者投递后会显示在这里。',
          items: res.items.map(toView),
          nextCursor: res.nextCursor,
        });
        if (this.data.postingId && res.items.length)
          wx.setNavigationBarTitle({ title: `“${res.items[0].postingTitle}”的投递` });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      if (!this.data.nextCursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const res = await received({ postingId: this.data.postingId || undefined, cursor: this.data.nextCursor });
        this.setData({ items: [...this.data.items, ...res.items.map(toView)], nextCursor: res.nextCursor });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    reload(): void {
      void this.load();
    },

    rowOf(e: WechatMiniprogram.CustomEvent): ApplicationView | null {
      const id = Number(e.currentTarget.dataset.id);
      return this.data.items.filter((a) => a.id === id)[0] || null;
    },

    markViewed(e: WechatMiniprogram.CustomEvent): void {
      const row = this.rowOf(e);
      if (row && row.mayView) void this.doMove(row.id, 'view');
    },

    startInvite(e: WechatMiniprogram.CustomEvent): void {
      const row = this.rowOf(e);
      if (row && row.mayInterview) this.setData({ inviteId: row.id, inviteNote: '', inviteError: '' });
    },

    cancelInvite(): void {
      this.setData({ inviteId: 0, inviteNote: '', inviteError: '' });
    },

    onInviteNote(e: WechatMiniprogram.Input): void {
      this.setData({ inviteNote: e.detail.value, inviteError: '' });
    },

    sendInvite(): void {
      const note = this.data.inviteNote.trim();
      if (note.length < 2 || note.length > 255) {
        this.setData({ inviteError: '请写明面试的时间和地点，例如“3月12日上午9点，拥军路1号三楼”' });
        return;
      }
      void this.doMove(this.data.inviteId, 'interview', note);
    },

    hire(e: WechatMiniprogram.CustomEvent): void {
      const row = this.rowOf(e);
      if (!row || !row.mayHire || this.data.busyId) return;
      wx.showModal({
        title: '录用',
        content: `确定录用 ${row.name}（${row.title}）吗？对方会收到录用通知，录用后不能撤销。`,
        confirmText: '确定录用',
        cancelText: '再想想',
        success: (r) => {
          if (r.confirm) void this.doMove(row.id, 'hire');
        },
      });
    },

    decline(e: WechatMiniprogram.CustomEvent): void {
      const row = this.rowOf(e);
      if (!row || !row.mayDecline || this.data.busyId) return;
      wx.showModal({
        title: '不录用',
        content: `确定不录用 ${row.name}（${row.title}）吗？可以在下面写一句原因（选填），对方能看到。`,
        editable: true,
        placeholderText: '原因（选填），如：岗位已招满',
        confirmText: '确定不录用',
        cancelText: '再想想',
        success: (r) => {
          if (!r.confirm) return;
          const reason = String((r as { content?: string }).content ?? '').trim();
          void this.doMove(row.id, 'decline', reason.length >= 2 ? reason.slice(0, 255) : undefined);
        },
      });
    },

    async doMove(id: number, action: Move, text?: string): Promise<void> {
      if (this.data.busyId) return;
      this.setData({ busyId: id, actionError: '', inviteError: '' });
      try {
        const a = await move(id, action, text);
        const items = this.data.items.map((row) => (row.id === id ? toView(a) : row));
        this.setData({ busyId: 0, items, ...(action === 'interview' ? { inviteId: 0, inviteNote: '' } : {}) });
      } catch (err) {
        this.setData({ busyId: 0 });
        if (action === 'interview' && err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
          this.setData({ inviteError: err.message });
          return;
        }
        this.setData({ actionError: messageOf(err), inviteId: 0 });
        // Moved on meanwhile (withdrawn by the applicant, say): show where each one now stands.
        if (err instanceof ApiError && err.code === 'INVALID_TRANSITION') await this.load();
      }
    },

    call(e: WechatMiniprogram.TouchEvent): void {
      const phone = String(e.currentTarget.dataset.phone || '');
      if (phone) wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
    },
  },
});
