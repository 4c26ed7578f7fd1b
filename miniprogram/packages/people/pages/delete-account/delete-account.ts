import { deleteAccount, type DeletionPlan, getDeletionPlan } from '../../../../services/privacy';
import { ApiError, messageOf } from '../../../../services/request';
import { clearSession } from '../../../../services/session';
import { rootFontSize } from '../../../../utils/font-size';

/**
 * 注销账号: what deletion removes, what the law makes us keep (and why, and for how long), what to
 * finish first. The holder ticks that they understand, confirms once more, and is signed out; the
 * next time they open the app it is a new, empty account.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    plan: null as DeletionPlan | null,
    understood: false,
    deleting: false,
    error: '',
    done: false,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ loading: !this.data.plan, loadError: '' });
      try {
        this.setData({ loading: false, plan: await getDeletionPlan() });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    toggleUnderstood(): void {
      this.setData({ understood: !this.data.understood, error: '' });
    },

    confirmDelete(): void {
      const plan = this.data.plan;
      if (!plan || plan.blockers.length || !this.data.understood || this.data.deleting) return;
      wx.showModal({
        title: '确定注销账号？',
        content: '注销后不能恢复，您的身份信息、照片和材料会被删除。',
        confirmText: '确定注销',
        confirmColor: '#8e0000',
        cancelText: '再想想',
        success: (res) => {
          if (res.confirm) void this.remove();
        },
      });
    },

    async remove(): Promise<void> {
      this.setData({ deleting: true, error: '' });
      try {
        await deleteAccount();
      } catch (err) {
        this.setData({ deleting: false, error: messageOf(err) });
        // Something is still under way: show the list of what to finish.
        if (err instanceof ApiError && err.code === 'DELETION_BLOCKED') void this.load();
        return;
      }
      // The account is gone: this phone forgets the sign-in at once.
      clearSession();
      this.setData({ deleting: false, done: true });
    },

    goHome(): void {
      wx.reLaunch({ url: '/pages/index/index' });
    },
  },
});
