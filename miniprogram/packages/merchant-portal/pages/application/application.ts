import {
  type MerchantStatus,
  type MyApplication,
  myApplication,
  refreshRoles,
} from '../../../../services/merchant-portal';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

/** Each state in words: the chip, and what happens next. */
const STATES: Record<MerchantStatus, { text: string; tone: string; next: string }> = {
  pending: {
    text: '审核中',
    tone: 'info',
    next: '区退役军人事务局正在审核您的申请，一般几个工作日内完成。结果会通过消息通知您，也可以随时回到这里查看。',
  },
  active: {
    text: '已通过',
    tone: 'ok',
    next: '您的店铺已加入拥军优待联盟。现在可以发布优惠、添加店员，在柜台扫码核验。',
  },
  rejected: {
    text: '未通过',
    tone: 'danger',
    next: '请根据上面的原因修改后重新申请。如有疑问，可以联系区退役军人事务局。',
  },
  suspended: {
    text: '已暂停',
    tone: 'danger',
    next: '您的店铺已被暂停，持证人暂时看不到您的店。如有疑问，请联系区退役军人事务局。',
  },
};

const STEP_WORDS: Record<string, string> = {
  pending: '提交申请',
  active: '审核通过',
  rejected: '审核未通过',
  suspended: '店铺被暂停',
};

interface AppView {
  name: string;
  status: MerchantStatus;
  statusText: string;
  tone: string;
  next: string;
  reason: string;
  categoryName: string;
  address: string;
  contactPhone: string;
  licenseNo: string;
  submittedAt: string;
  steps: Array<{ key: string; text: string; at: string; reason: string }>;
}

const toView = (a: MyApplication): AppView => {
  const s = STATES[a.status];
  return {
    name: a.name,
    status: a.status,
    statusText: s.text,
    tone: s.tone,
    next: s.next,
    reason: a.reason || '',
    categoryName: a.categoryName || '',
    address: a.address,
    contactPhone: a.contactPhone,
    licenseNo: a.licenseNo,
    submittedAt: formatDateTime(a.createdAt),
    steps: a.history.map((h, i) => ({
      key: `${i}`,
      text: STEP_WORDS[h.to] || h.to,
      at: formatDateTime(h.at),
      reason: h.reason || '',
    })),
  };
};

/**
 * 入盟申请进度: where the shop's application stands (submitted, approved, rejected with the reason,
 * suspended), what happens next, and the way on: to the shop's pages once approved, back to the
 * form after a rejection.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    app: null as AppView | null,
    opening: false,
    openError: '',
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
      if (!this.data.app) this.setData({ state: 'loading', message: '' });
      try {
        const a = await myApplication();
        if (!a) {
          this.setData({ state: 'empty', message: '您还没有提交过入盟申请。', app: null });
          return;
        }
        this.setData({ state: 'ready', message: '', app: toView(a) });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    /** The state block's button: apply when there is nothing yet, else try loading again. */
    onStateAction(): void {
      if (this.data.state === 'empty') this.apply();
      else void this.load();
    },

    apply(): void {
      wx.redirectTo({ url: '/packages/merchant-portal/pages/apply/apply' });
    },

    /** The owner's role comes with a new token: take one, then open the shop's pages. */
    async openShop(): Promise<void> {
      if (this.data.opening) return;
      this.setData({ opening: true, openError: '' });
      const ok = await refreshRoles();
      this.setData({ opening: false });
      if (!ok) {
        this.setData({ openError: '登录已过期，请在“我的”页重新登录后再进入店铺管理。' });
        return;
      }
      wx.redirectTo({ url: '/packages/merchant-portal/pages/home/home' });
    },
  },
});
