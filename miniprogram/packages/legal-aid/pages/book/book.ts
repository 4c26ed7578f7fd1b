import {
  bookAppointment,
  joinWaitlist,
  MODES,
  modeLabel,
  SERVICE_TYPES,
  serviceTypeLabel,
  type BookingInput,
  type Mode,
  type ServiceType,
} from '../../../../services/legal-aid';
import { askSubscribe } from '../../../../services/notifications';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatRelative } from '../../../../utils/format';

interface Option {
  value: string;
  label: string;
}

/** The shortest description of the matter the desk accepts (the server checks the same). */
const SUMMARY_MIN = 5;
const SUMMARY_TOO_SHORT = `请简要说明要咨询的事项（至少 ${SUMMARY_MIN} 个字）`;
const APPOINTMENTS_URL = '/packages/legal-aid/pages/appointments/appointments';

/** How each way of meeting goes, said before the holder chooses it. */
const MODE_HINTS: Record<string, string> = {
  onsite: '到场：按预约时间到服务地点，地址在“我的预约”里。',
  phone: '电话：服务人员按预约时间拨打您登记的手机号。',
  video: '视频：服务人员会在开始前把视频会议（腾讯会议）发到“我的预约”，点一下就能复制。',
};

const listOf = (s: string | undefined): string[] =>
  s
    ? decodeURIComponent(s)
        .split(',')
        .filter((x) => !!x)
    : [];

function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText,
      cancelText: '暂不',
      success: (res) => resolve(!!(res && res.confirm)),
      fail: () => resolve(false),
    });
  });
}

/**
 * Booking one time with a provider: which service, how to meet (from what the time offers),
 * and a few words on the matter. A time that filled up meanwhile offers the waitlist instead.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    modeHint: '',
    slotId: 0,
    providerName: '',
    whenText: '',
    full: false,
    serviceOptions: [] as Option[],
    modeOptions: [] as Option[],
    serviceType: '',
    mode: '',
    summary: '',
    errors: { summary: '', serviceType: '', mode: '' },
    submitError: '',
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const types = listOf(query.serviceTypes);
      const modes = listOf(query.modes);
      const serviceOptions: Option[] = (types.length ? types : SERVICE_TYPES.map((s) => s.value)).map((v) => ({
        value: v,
        label: serviceTypeLabel(v),
      }));
      const modeOptions: Option[] = (modes.length ? modes : MODES.map((m) => m.value)).map((v) => ({
        value: v,
        label: modeLabel(v),
      }));
      const preferred = serviceOptions.filter((o) => o.value === query.serviceType)[0];
      const startsAt = query.startsAt ? decodeURIComponent(query.startsAt) : '';
      const mode = modeOptions.length === 1 ? modeOptions[0].value : '';
      this.setData({
        rootFontSize: rootFontSize(),
        modeHint: MODE_HINTS[mode] || '',
        slotId: Number(query.slotId) || 0,
        providerName: query.providerName ? decodeURIComponent(query.providerName) : '',
        whenText: startsAt ? formatRelative(startsAt) : '',
        full: query.full === '1',
        serviceOptions,
        modeOptions,
        serviceType: preferred ? preferred.value : serviceOptions.length === 1 ? serviceOptions[0].value : '',
        mode,
      });
    },

    chooseService(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ serviceType: String(e.currentTarget.dataset.value), 'errors.serviceType': '' });
    },

    chooseMode(e: WechatMiniprogram.TouchEvent): void {
      const mode = String(e.currentTarget.dataset.value);
      this.setData({ mode, modeHint: MODE_HINTS[mode] || '', 'errors.mode': '' });
    },

    onSummaryInput(e: WechatMiniprogram.Input): void {
      this.setData({ summary: e.detail.value, 'errors.summary': '' });
    },

    async submit(): Promise<void> {
      if (this.data.submitting) return;
      const summary = this.data.summary.trim();
      const errors = {
        serviceType: this.data.serviceType ? '' : '请选择服务类型',
        mode: this.data.mode ? '' : '请选择服务方式',
        summary: summary.length < SUMMARY_MIN ? SUMMARY_TOO_SHORT : '',
      };
      if (errors.serviceType || errors.mode || errors.summary) {
        this.setData({ errors, submitError: '' });
        return;
      }
      const input: BookingInput = {
        slotId: this.data.slotId,
        serviceType: this.data.serviceType as ServiceType,
        mode: this.data.mode as Mode,
        summary,
      };
      // WeChat only shows the subscription prompt from a tap: ask now, while handling it.
      const asked = askSubscribe(['appointment_reminder']);
      this.setData({ submitting: true, errors, submitError: '' });
      try {
        await bookAppointment(input);
      } catch (err) {
        this.setData({ submitting: false });
        if (err instanceof ApiError && err.code === 'SLOT_FULL') await this.offerWaitlist(input, err.message);
        else this.showError(err);
        return;
      }
      await asked;
      this.setData({ submitting: false });
      wx.redirectTo({ url: APPOINTMENTS_URL });
    },

    async offerWaitlist(input: BookingInput, message: string): Promise<void> {
      this.setData({ full: true });
      const yes = await confirm('该时段已约满', `${message}。登记候补后，有人取消时会通知您确认。`, '登记候补');
      if (!yes) {
        this.setData({ submitError: '该时段已约满，可返回选择其他时间，或再次提交登记候补。' });
        return;
      }
      this.setData({ submitting: true, submitError: '' });
      try {
        await joinWaitlist(input);
      } catch (err) {
        this.setData({ submitting: false });
        this.showError(err);
        return;
      }
      // The reminder subscription was asked for with the tap that started the booking.
      this.setData({ submitting: false });
      wx.showToast({ title: '已登记候补', icon: 'success' });
      wx.redirectTo({ url: APPOINTMENTS_URL });
    },

    showError(err: unknown): void {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
        const detail = (err.details || []).filter((d) => d.field === 'summary')[0];
        if (detail) {
          this.setData({ 'errors.summary': detail.message });
          return;
        }
      }
      this.setData({ submitError: messageOf(err) });
    },
  },
});
