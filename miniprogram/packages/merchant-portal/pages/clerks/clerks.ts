import { addClerk, type Clerk, listClerks, removeClerk } from '../../../../services/merchant-portal';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate } from '../../../../utils/format';
import { emptyList, PagedList } from '../../../../utils/paged-list';

interface ClerkView {
  accountId: number;
  displayName: string;
  username: string;
  since: string;
}

const toView = (c: Clerk): ClerkView => ({
  accountId: c.accountId,
  displayName: c.displayName,
  username: c.username,
  since: formatDate(c.since),
});

const BLANK = { displayName: '', username: '', password: '' };

/** Says what is wrong with a new clerk's details, field by field. */
function check(f: typeof BLANK): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.displayName.trim()) e.displayName = '请填写店员的称呼，例如“收银员小王”';
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(f.username.trim())) e.username = '登录名用 3 位以上的字母或数字，例如 laobing01';
  if (f.password.length < 10) e.password = '密码至少 10 位，请告诉店员并提醒妥善保管';
  return e;
}

const lists = new WeakMap<object, PagedList<Clerk>>();

/**
 * 店员管理: the clerks who verify at the counter, each with a login of their own. The owner adds one
 * (a name, a login name and a password to hand over) or removes one after confirming; a removed
 * clerk's login stops working at once.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    list: emptyList<ClerkView>(),
    adding: false,
    form: BLANK,
    errors: {} as Record<string, string>,
    saving: false,
    saveError: '',
    added: '',
    removing: 0,
    actionError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      const list = new PagedList<Clerk>(this, {
        emptyMessage: '还没有店员。添加后，店员用自己的登录名和密码登录，在柜台扫码核验。',
        fetch: () => listClerks(),
        view: toView,
      });
      lists.set(this, list);
      void list.first();
    },

    async onPullDownRefresh(): Promise<void> {
      await lists.get(this)?.first();
      wx.stopPullDownRefresh();
    },

    reload(): void {
      void lists.get(this)?.first();
    },

    openAdd(): void {
      this.setData({ adding: true, form: { ...BLANK }, errors: {}, saveError: '', added: '' });
    },

    cancelAdd(): void {
      this.setData({ adding: false, errors: {}, saveError: '' });
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    async save(): Promise<void> {
      if (this.data.saving) return;
      const f = this.data.form;
      const errors = check(f);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.setData({ saving: true, saveError: '' });
      try {
        await addClerk({ displayName: f.displayName.trim(), username: f.username.trim(), password: f.password });
        this.setData({
          saving: false,
          adding: false,
          added: `已添加“${f.displayName.trim()}”。请把登录名 ${f.username.trim()} 和密码告诉店员，在“我的”页选择账号密码登录。`,
        });
        await lists.get(this)?.first();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'USERNAME_TAKEN') {
          this.setData({ saving: false, errors: { username: '这个登录名已被使用，请换一个' } });
          return;
        }
        this.setData({ saving: false, saveError: messageOf(err) });
      }
    },

    remove(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const clerk = this.data.list.items.filter((c) => c.accountId === id)[0];
      if (!clerk || this.data.removing) return;
      wx.showModal({
        title: '停用这名店员？',
        content: `停用后，“${clerk.displayName}”（${clerk.username}）的账号立即不能登录和核验，且不能恢复。`,
        confirmText: '停用',
        confirmColor: '#8e0000',
        cancelText: '不停用',
        success: (r) => {
          if (r.confirm) void this.doRemove(id);
        },
      });
    },

    async doRemove(id: number): Promise<void> {
      this.setData({ removing: id, actionError: '', added: '' });
      try {
        await removeClerk(id);
        this.setData({ removing: 0 });
        wx.showToast({ title: '已停用', icon: 'success' });
        await lists.get(this)?.first();
      } catch (err) {
        this.setData({ removing: 0, actionError: messageOf(err) });
      }
    },
  },
});
