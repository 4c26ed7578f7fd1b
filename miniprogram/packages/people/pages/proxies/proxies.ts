import { askSubscribe } from '../../../../services/notifications';
import {
  invite,
  linkActions,
  myLinks,
  RELATIONS,
  revokeLink,
  SERVICES,
  type ProxyLink,
  type ProxyService,
  type Relation,
} from '../../../../services/proxies';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

const TONES: Record<string, string> = { active: 'ok', invited: 'warn', revoked: 'neutral', expired: 'neutral' };

/** One of the holder's family members, with what they did lately. */
interface LinkView {
  id: number;
  who: string;
  relation: string;
  servicesText: string;
  statusText: string;
  tone: string;
  mayRevoke: boolean;
  since: string;
  actions: Array<{ id: number; at: string; what: string; ok: boolean }>;
  actionsError: string;
}

interface ServiceOption {
  value: ProxyService;
  label: string;
  hint: string;
  chosen: boolean;
}

const options = (chosen: ProxyService[]): ServiceOption[] =>
  SERVICES.map((s) => ({ value: s.value, label: s.label, hint: s.hint, chosen: chosen.indexOf(s.value) >= 0 }));

function toView(l: ProxyLink): LinkView {
  const waiting = l.status === 'invited';
  return {
    id: l.id,
    who: l.name || (waiting ? '等待家人输入邀请码' : '家人'),
    relation: l.relation,
    servicesText: l.servicesText,
    statusText: l.statusText,
    tone: TONES[l.status] || 'neutral',
    mayRevoke: l.mayRevoke,
    since:
      waiting && l.expiresAt
        ? `邀请码 ${formatDateTime(l.expiresAt)} 前有效`
        : `${formatDateTime(l.activatedAt || l.createdAt)} 起`,
    actions: [],
    actionsError: '',
  };
}

/**
 * 家属代办 (the holder's side): invite a family member — how they are related and what they may do,
 * each a big choice — and get a one-time code, shown large with how to pass it on; the family
 * members who act for the holder, with their status, services and 撤销; and the latest things each
 * one did, so the holder always sees who acted.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    loading: true,
    loadError: '',
    links: [] as LinkView[],
    ended: [] as LinkView[],
    relations: RELATIONS,
    relation: '' as Relation | '',
    services: options([]),
    chosen: [] as ProxyService[],
    formError: '',
    inviting: false,
    code: '',
    codeExpires: '',
    revokingId: 0,
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
      this.setData({ loading: true, loadError: '' });
      try {
        const mine = await myLinks();
        const views = mine.asHolder.map(toView);
        const current = views.filter((v) => v.mayRevoke);
        this.setData({ loading: false, links: current, ended: views.filter((v) => !v.mayRevoke).slice(0, 5) });
        await this.loadActions(mine.asHolder.filter((l) => l.status === 'active').map((l) => l.id));
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    /** The latest things each active family member did (a few each). */
    async loadActions(ids: number[]): Promise<void> {
      for (const id of ids) {
        const index = this.data.links.map((l) => l.id).indexOf(id);
        if (index < 0) continue;
        try {
          const page = await linkActions(id);
          const actions = page.items.map((a) => ({ id: a.id, at: formatDateTime(a.at), what: a.what, ok: a.ok }));
          this.setData({ [`links[${index}].actions`]: actions });
        } catch (err) {
          this.setData({ [`links[${index}].actionsError`]: messageOf(err) });
        }
      }
    },

    retry(): void {
      void this.load();
    },

    chooseRelation(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ relation: String(e.currentTarget.dataset.value) as Relation, formError: '' });
    },

    toggleService(e: WechatMiniprogram.TouchEvent): void {
      const value = String(e.currentTarget.dataset.value) as ProxyService;
      const chosen =
        this.data.chosen.indexOf(value) >= 0
          ? this.data.chosen.filter((s) => s !== value)
          : this.data.chosen.concat([value]);
      this.setData({ chosen, services: options(chosen), formError: '' });
    },

    /** 生成邀请码: a one-time code for the family member, shown this once. */
    createInvitation(): void {
      if (this.data.inviting) return;
      if (!this.data.relation) {
        this.setData({ formError: '请选择这位家人和您的关系' });
        return;
      }
      if (!this.data.chosen.length) {
        this.setData({ formError: '请至少选择一项可以代办的业务' });
        return;
      }
      // From the holder's tap: whether to hear by WeChat message when the family member joins.
      const asked = askSubscribe(['service_notice']);
      void this.sendInvitation(asked);
    },

    async sendInvitation(asked: Promise<unknown>): Promise<void> {
      this.setData({ inviting: true, formError: '' });
      try {
        const res = await invite({ relation: this.data.relation as Relation, services: this.data.chosen });
        await asked;
        this.setData({
          inviting: false,
          code: res.code,
          codeExpires: formatDateTime(res.expiresAt),
          relation: '',
          chosen: [],
          services: options([]),
        });
        await this.load();
      } catch (err) {
        this.setData({
          inviting: false,
          formError:
            err instanceof ApiError && err.code === 'IDENTITY_REQUIRED'
              ? '请先在“我的”中登记身份信息，再邀请家人代办'
              : messageOf(err),
        });
      }
    },

    copyCode(): void {
      if (!this.data.code) return;
      wx.setClipboardData({ data: this.data.code });
    },

    closeCode(): void {
      this.setData({ code: '', codeExpires: '' });
    },

    /** 撤销: asks first; the family member cannot act for the holder from that moment. */
    revoke(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const link = this.data.links.filter((l) => l.id === id)[0];
      if (!link || this.data.revokingId) return;
      wx.showModal({
        title: '撤销代办',
        content: `撤销后，${link.who}（${link.relation}）立即不能再为您办理业务。`,
        confirmText: '撤销',
        cancelText: '不撤销',
        success: (res) => {
          if (res.confirm) void this.sendRevoke(id);
        },
      });
    },

    async sendRevoke(id: number): Promise<void> {
      this.setData({ revokingId: id });
      try {
        await revokeLink(id);
        wx.showToast({ title: '已撤销', icon: 'success' });
      } catch (err) {
        wx.showToast({ title: messageOf(err), icon: 'none' });
      }
      this.setData({ revokingId: 0 });
      await this.load();
    },
  },
});
