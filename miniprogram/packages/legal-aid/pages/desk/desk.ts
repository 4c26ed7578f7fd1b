import {
  checkInAppointment,
  modeLabel,
  providerAppointments,
  serviceTypeLabel,
  type DeskAppointment,
} from '../../../../services/legal-aid';
import { messageOf } from '../../../../services/request';
import { formatDateTime } from '../../../../utils/format';

const STATUS_WORDS: Record<string, string> = {
  booked: '待服务',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '未到场',
};

interface DeskView {
  id: number;
  status: string;
  statusText: string;
  whenText: string;
  serviceText: string;
  modeText: string;
  summary: string;
  holderName: string;
  /** Shown as a call button for a phone consultation that is still live. */
  phone: string;
  canCall: boolean;
  canCheckIn: boolean;
}

const toView = (a: DeskAppointment): DeskView => {
  const phone = (a.holder && a.holder.phone) || '';
  return {
    id: a.id,
    status: a.status,
    statusText: STATUS_WORDS[a.status] || a.status,
    whenText: formatDateTime(a.startsAt),
    serviceText: serviceTypeLabel(a.serviceType),
    modeText: modeLabel(a.mode),
    summary: a.summary,
    holderName: a.holder ? a.holder.name : '（未登记身份）',
    phone,
    canCall: a.mode === 'phone' && !!phone,
    canCheckIn: a.status === 'booked',
  };
};

/**
 * 我的服务预约 (providers): the provider's own appointments with who booked them, a call button for
 * phone consultations, and check-in on the day. The phone number stays in this page's data only.
 */
Component({
  data: {
    items: [] as DeskView[],
    loaded: false,
    loading: false,
    error: '',
    actionError: '',
    busy: false,
  },
  methods: {
    onLoad(): void {
      void this.load();
    },

    onShow(): void {
      if (this.data.loaded) void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await providerAppointments();
        this.setData({ items: page.items.map(toView), loaded: true, loading: false });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    call(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const item = this.data.items.filter((x) => x.id === id)[0];
      if (!item || !item.canCall) return;
      wx.makePhoneCall({ phoneNumber: item.phone });
    },

    async checkIn(e: WechatMiniprogram.TouchEvent): Promise<void> {
      if (this.data.busy) return;
      const id = Number(e.currentTarget.dataset.id);
      this.setData({ busy: true, actionError: '' });
      try {
        await checkInAppointment(id);
        wx.showToast({ title: '已签到', icon: 'success' });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      }
      this.setData({ busy: false });
      await this.load();
    },
  },
});
