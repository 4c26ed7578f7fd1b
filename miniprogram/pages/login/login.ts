import { logout } from '../../services/auth';
import { loginWithPassword, messageOf } from '../../services/request';
import { loadSession } from '../../services/session';

const ROLE_LABELS: Record<string, string> = {
  holder: '优抚服务对象',
  merchant_owner: '商户负责人',
  merchant_clerk: '商户店员',
  lawyer: '法律服务人员',
  station_staff: '服务站工作人员',
  district_staff: '区局工作人员',
  admin: '系统管理员',
};

/**
 * Account login for service-station and district staff, lawyers and merchant clerks, with the
 * username and password the bureau gave them. Holders never need this page: WeChat signs them in.
 */
Component({
  data: {
    signedIn: false,
    viaPassword: false,
    roleLabels: [] as string[],
    username: '',
    password: '',
    error: '',
    submitting: false,
  },
  methods: {
    onShow(): void {
      this.refreshSession();
    },

    refreshSession(): void {
      const session = loadSession();
      this.setData({
        signedIn: !!session,
        viaPassword: !!session && session.via === 'password',
        roleLabels: session ? session.roles.map((r) => ROLE_LABELS[r] || r) : [],
      });
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      if (field === 'username') this.setData({ username: e.detail.value, error: '' });
      else if (field === 'password') this.setData({ password: e.detail.value, error: '' });
    },

    async submit(): Promise<void> {
      if (this.data.submitting) return;
      const username = this.data.username.trim();
      const password = this.data.password;
      if (!username || !password) {
        this.setData({ error: !username ? '请填写用户名' : '请填写密码' });
        return;
      }
      this.setData({ submitting: true, error: '' });
      try {
        await loginWithPassword(username, password);
      } catch (err) {
        this.setData({ submitting: false, error: messageOf(err) });
        return;
      }
      this.setData({ submitting: false, password: '' });
      wx.reLaunch({ url: '/pages/index/index' });
    },

    async signOut(): Promise<void> {
      await logout();
      this.setData({ username: '', password: '', error: '' });
      this.refreshSession();
      wx.showToast({ title: '已退出登录', icon: 'success' });
    },
  },
});
