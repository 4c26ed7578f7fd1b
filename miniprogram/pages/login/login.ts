import { logout } from '../../services/auth';
import { ApiError, loginWithPassword, messageOf, verifySecondFactor } from '../../services/request';
import { loadSession } from '../../services/session';
import { rootFontSize } from '../../utils/font-size';

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
    rootFontSize: rootFontSize(),
    signedIn: false,
    viaPassword: false,
    roleLabels: [] as string[],
    username: '',
    password: '',
    error: '',
    submitting: false,
    /** 'password', then for admin and district accounts 'code' (the authenticator's), or 'notEnrolled'. */
    step: 'password',
    mfaToken: '',
    code: '',
    useRecovery: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
    },

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
      else if (field === 'code') this.setData({ code: e.detail.value, error: '' });
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
      let result: Awaited<ReturnType<typeof loginWithPassword>>;
      try {
        result = await loginWithPassword(username, password);
      } catch (err) {
        this.setData({ submitting: false, error: messageOf(err) });
        return;
      }
      if (result.kind === 'secondFactor') {
        this.setData({
          submitting: false,
          password: '',
          mfaToken: result.mfaToken,
          step: result.enrolled ? 'code' : 'notEnrolled',
          code: '',
          useRecovery: false,
        });
        return;
      }
      this.setData({ submitting: false, password: '' });
      wx.reLaunch({ url: '/pages/index/index' });
    },

    /** The second step of admin and district accounts: the six-digit code, or a recovery code. */
    async submitCode(): Promise<void> {
      if (this.data.submitting) return;
      const code = this.data.code.replace(/\s+/g, '');
      if (!this.data.useRecovery && !/^\d{6}$/.test(code)) {
        this.setData({ error: '请输入身份验证器上的 6 位数字' });
        return;
      }
      if (this.data.useRecovery && !code) {
        this.setData({ error: '请输入一个恢复码' });
        return;
      }
      this.setData({ submitting: true, error: '' });
      try {
        await verifySecondFactor(this.data.mfaToken, this.data.useRecovery ? { recoveryCode: code } : { code });
      } catch (err) {
        // The step is good for five minutes: after that, the password again.
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
          this.setData({
            submitting: false,
            step: 'password',
            mfaToken: '',
            code: '',
            error: '验证超时，请重新输入密码登录',
          });
          return;
        }
        this.setData({ submitting: false, code: '', error: messageOf(err) });
        return;
      }
      this.setData({ submitting: false, code: '', mfaToken: '', step: 'password' });
      wx.reLaunch({ url: '/pages/index/index' });
    },

    toggleRecovery(): void {
      this.setData({ useRecovery: !this.data.useRecovery, code: '', error: '' });
    },

    backToPassword(): void {
      this.setData({ step: 'password', mfaToken: '', code: '', error: '' });
    },

    async signOut(): Promise<void> {
      await logout();
      this.setData({ username: '', password: '', error: '' });
      this.refreshSession();
      wx.showToast({ title: '已退出登录', icon: 'success' });
    },
  },
});
