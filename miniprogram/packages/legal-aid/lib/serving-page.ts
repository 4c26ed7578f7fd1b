import {
  checkInAppointment,
  completeAppointment,
  deskCancelAppointment,
  markNoShow,
  modeLabel,
  providerAppointments,
  saveNotes,
  serviceTypeLabel,
  setMeeting,
  type DeskAppointment,
} from '../../../services/legal-aid';
import { messageOf } from '../../../services/request';
import { hasRole } from '../../../services/session';
import { rootFontSize } from '../../../utils/font-size';
import { formatClock } from '../../../utils/format';
import { dayKey, dayParts, dayTitle, spacedPhone } from './days';

/** The state in a word, and the chip's colour: waiting, in progress, done, or not going ahead. */
const STATUS: Record<string, { text: string; tone: string }> = {
  booked: { text: '待服务', tone: 'warn' },
  checked_in: { text: '已签到', tone: 'info' },
  completed: { text: '已完成', tone: 'ok' },
  cancelled: { text: '已取消', tone: 'neutral' },
  no_show: { text: '未到场', tone: 'danger' },
};

export interface ServingView {
  id: number;
  day: string;
  status: string;
  statusText: string;
  tone: string;
  timeText: string;
  serviceText: string;
  modeText: string;
  mode: string;
  summary: string;
  /** The provider's own appointments: who booked (empty when they bound no identity). */
  holderName: string;
  /** The number to call, while the appointment is live; empty otherwise. */
  phone: string;
  phoneText: string;
  /** The desk's view: whose appointment it is. */
  providerName: string;
  notes: string;
  meetingLink: string;
  cancelText: string;
  canCheckIn: boolean;
  canComplete: boolean;
  canNoShow: boolean;
  canCancel: boolean;
  canNotes: boolean;
  canMeeting: boolean;
}

export interface DayChip {
  key: string;
  /** Appointments not cancelled. */
  count: number;
  dateText: string;
  weekday: string;
  countText: string;
  ariaLabel: string;
}

interface Editing {
  id: number;
  kind: '' | 'notes' | 'meeting';
  text: string;
  error: string;
}

const DAY_URL = '/packages/legal-aid/pages/day/day';

const noEditing = (): Editing => ({ id: 0, kind: '', text: '', error: '' });

export function toServingView(a: DeskAppointment): ServingView {
  const can = (action: string) => a.allowedActions.indexOf(action) >= 0;
  const phone = (a.holder && a.holder.phone) || '';
  const status = STATUS[a.status] || { text: a.status, tone: 'neutral' };
  return {
    id: a.id,
    day: dayKey(a.startsAt),
    status: a.status,
    statusText: status.text,
    tone: status.tone,
    timeText: formatClock(a.startsAt),
    serviceText: serviceTypeLabel(a.serviceType),
    modeText: `${modeLabel(a.mode)}服务`,
    mode: a.mode,
    summary: a.summary,
    holderName: a.holder ? a.holder.name : '',
    phone,
    phoneText: spacedPhone(phone),
    providerName: a.providerName || '',
    notes: a.privateNotes || '',
    meetingLink: a.meetingLink || '',
    cancelText:
      a.status === 'cancelled'
        ? a.cancelledBy === 'staff'
          ? `服务窗口已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`
          : '预约人已取消'
        : '',
    canCheckIn: can('check_in'),
    canComplete: can('complete'),
    canNoShow: can('no_show'),
    canCancel: can('cancel'),
    canNotes: can('notes'),
    canMeeting: can('meeting'),
  };
}

/** Today first (even with nothing on it), then every day that has appointments, each with its count. */
export function daysOf(items: DeskAppointment[], now: Date): DayChip[] {
  const today = dayKey(now);
  const seen: Record<string, { at: string; count: number }> = {};
  const order: string[] = [];
  seen[today] = { at: now.toISOString(), count: 0 };
  order.push(today);
  for (const a of items) {
    const key = dayKey(a.startsAt);
    if (!seen[key]) {
      seen[key] = { at: a.startsAt, count: 0 };
      order.push(key);
    }
    if (a.status !== 'cancelled') seen[key].count += 1;
  }
  return order.map((key) => {
    const parts = dayParts(seen[key].at, now);
    const countText = seen[key].count ? `${seen[key].count} 个预约` : '没有预约';
    return {
      key,
      count: seen[key].count,
      dateText: parts.dateText,
      weekday: parts.weekday,
      countText,
      ariaLabel: `${parts.dateText} ${parts.weekday}，${countText}`,
    };
  });
}

function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText,
      cancelText: '不了',
      success: (res) => resolve(!!(res && res.confirm)),
      fail: () => resolve(false),
    });
  });
}

/** Asks the desk for the reason of a cancellation (the holder is told it); '' when they gave up. */
function askReason(): Promise<string> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '取消这个预约',
      editable: true,
      placeholderText: '请写取消原因，会告知预约人',
      confirmText: '取消预约',
      cancelText: '不取消',
      success: (res) => resolve(res && res.confirm ? String(res.content || '').trim() : ''),
      fail: () => resolve(''),
    });
  });
}

/**
 * The page of a day's appointments at the legal desk, for a provider (their own, with who booked
 * and the number to call) or for the desk's staff (everyone's, with whose appointment it is). The
 * server decides what each may do (`allowedActions`): the buttons follow it.
 */
export function servingPage(opts: { desk: boolean }): void {
  Component({
    data: {
      desk: opts.desk,
      rootFontSize: rootFontSize(),
      state: 'loading' as 'loading' | 'ready' | 'error',
      loadError: '',
      loaded: false,
      days: [] as DayChip[],
      dayKey: '',
      dayTitle: '',
      all: [] as ServingView[],
      items: [] as ServingView[],
      emptyText: '',
      actionError: '',
      busyId: 0,
      editing: noEditing(),
    },
    methods: {
      onLoad(): void {
        this.setData({ rootFontSize: rootFontSize() });
        // A provider who opened the desk gets their own day instead.
        if (opts.desk && hasRole('lawyer') && !hasRole('district_staff') && !hasRole('admin')) {
          wx.redirectTo({ url: DAY_URL });
          return;
        }
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
        if (!this.data.loaded) this.setData({ state: 'loading', loadError: '' });
        try {
          const page = await providerAppointments();
          const now = new Date();
          const days = daysOf(page.items, now);
          // The day chosen stays; at first, today, or the next day with work when today has none.
          const keep =
            days.filter((d) => d.key === this.data.dayKey)[0] ||
            (days[0].count ? days[0] : days.filter((d) => d.count > 0)[0]);
          this.setData({
            state: 'ready',
            loaded: true,
            days,
            all: page.items.map(toServingView),
          });
          this.showDay(keep ? keep.key : days[0].key);
        } catch (err) {
          this.setData({ state: 'error', loadError: messageOf(err) });
        }
      },

      showDay(key: string): void {
        const items = this.data.all.filter((x) => x.day === key);
        const day = this.data.days.filter((d) => d.key === key)[0];
        this.setData({
          dayKey: key,
          dayTitle: items.length ? dayTitle(`${key}T12:00:00+08:00`) : '',
          items,
          emptyText: day ? `${day.dateText}没有预约` : '没有预约',
        });
      },

      chooseDay(e: WechatMiniprogram.TouchEvent): void {
        const key = String(e.currentTarget.dataset.key);
        if (key === this.data.dayKey) return;
        this.setData({ editing: noEditing(), actionError: '' });
        this.showDay(key);
      },

      reload(): void {
        void this.load();
      },

      call(e: WechatMiniprogram.TouchEvent): void {
        const item = this.data.items.filter((x) => x.id === Number(e.currentTarget.dataset.id))[0];
        if (!item || !item.phone) return;
        wx.makePhoneCall({ phoneNumber: item.phone });
      },

      /** Runs one step on an appointment, then shows the day as it now stands. */
      async act(id: number, run: () => Promise<unknown>, done: string): Promise<boolean> {
        if (this.data.busyId) return false;
        this.setData({ busyId: id, actionError: '' });
        let ok = true;
        try {
          await run();
          wx.showToast({ title: done, icon: 'success' });
        } catch (err) {
          ok = false;
          this.setData({ actionError: messageOf(err) });
        }
        this.setData({ busyId: 0 });
        await this.load();
        return ok;
      },

      async checkIn(e: WechatMiniprogram.TouchEvent): Promise<void> {
        const id = Number(e.currentTarget.dataset.id);
        await this.act(id, () => checkInAppointment(id), '已签到');
      },

      async complete(e: WechatMiniprogram.TouchEvent): Promise<void> {
        const id = Number(e.currentTarget.dataset.id);
        if (!(await confirm('服务完成', '确认这次服务已经完成？完成后预约人可以评价。', '已完成'))) return;
        await this.act(id, () => completeAppointment(id), '已完成');
      },

      async noShow(e: WechatMiniprogram.TouchEvent): Promise<void> {
        const id = Number(e.currentTarget.dataset.id);
        if (!(await confirm('预约人未到场', '确认预约人没有来（或电话联系不上）？这会记入其预约记录。', '确认未到场')))
          return;
        await this.act(id, () => markNoShow(id), '已记录');
      },

      async cancel(e: WechatMiniprogram.TouchEvent): Promise<void> {
        const id = Number(e.currentTarget.dataset.id);
        const reason = await askReason();
        if (!reason) return;
        if (reason.length < 2) {
          this.setData({ actionError: '取消原因至少写 2 个字' });
          return;
        }
        await this.act(id, () => deskCancelAppointment(id, reason), '已取消');
      },

      startNotes(e: WechatMiniprogram.TouchEvent): void {
        const item = this.data.items.filter((x) => x.id === Number(e.currentTarget.dataset.id))[0];
        if (!item) return;
        this.setData({ editing: { id: item.id, kind: 'notes', text: item.notes, error: '' } });
      },

      startMeeting(e: WechatMiniprogram.TouchEvent): void {
        const item = this.data.items.filter((x) => x.id === Number(e.currentTarget.dataset.id))[0];
        if (!item) return;
        this.setData({ editing: { id: item.id, kind: 'meeting', text: item.meetingLink, error: '' } });
      },

      onEditInput(e: WechatMiniprogram.Input): void {
        this.setData({ 'editing.text': e.detail.value, 'editing.error': '' });
      },

      closeEditing(): void {
        this.setData({ editing: noEditing() });
      },

      async saveEditing(): Promise<void> {
        const editing = this.data.editing;
        if (!editing.id || this.data.busyId) return;
        const text = editing.text.trim();
        if (editing.kind === 'meeting' && text.length < 6) {
          this.setData({ 'editing.error': '请填写会议链接或会议号（例如腾讯会议的 9 位会议号）' });
          return;
        }
        this.setData({ busyId: editing.id });
        try {
          if (editing.kind === 'meeting') await setMeeting(editing.id, text);
          else await saveNotes(editing.id, text);
        } catch (err) {
          this.setData({ busyId: 0, 'editing.error': messageOf(err) });
          return;
        }
        this.setData({ busyId: 0, editing: noEditing() });
        wx.showToast({ title: editing.kind === 'meeting' ? '已发给预约人' : '已保存', icon: 'success' });
        await this.load();
      },
    },
  });
}
