import {
  getProvider,
  kindLabel,
  listSlots,
  modeLabel,
  ratingText,
  serviceTypeLabel,
  type Provider,
  type Slot,
} from '../../../../services/legal-aid';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatClock } from '../../../../utils/format';
import { dayKey, dayParts, dayTitle } from '../../lib/days';

interface ProfileView {
  id: number;
  name: string;
  kindText: string;
  firm: string;
  specialties: string[];
  servicesText: string;
  modesText: string;
  languagesText: string;
  intro: string;
  address: string;
  ratingText: string;
  servedText: string;
}

interface SlotView {
  id: number;
  timeText: string;
  full: boolean;
  ariaLabel: string;
}

/** A day with times: the chip says the date, the weekday and how many places are free. */
interface DayView {
  key: string;
  dateText: string;
  weekday: string;
  freeText: string;
  /** Every time of the day is taken: shown, but cannot be chosen. */
  full: boolean;
  ariaLabel: string;
  title: string;
  slots: SlotView[];
}

/** The day last chosen for a provider, so coming back shows the same day. */
const dayStoreKey = (providerId: number) => `legalAid.day.${providerId}`;

function groupByDay(slots: Slot[], now: Date): DayView[] {
  const days: DayView[] = [];
  for (const s of slots) {
    const key = dayKey(s.startsAt);
    let day = days.length ? days[days.length - 1] : null;
    if (!day || day.key !== key) {
      const parts = dayParts(s.startsAt, now);
      day = {
        key,
        dateText: parts.dateText,
        weekday: parts.weekday,
        freeText: '',
        full: true,
        ariaLabel: '',
        title: dayTitle(s.startsAt, now),
        slots: [],
      };
      days.push(day);
    }
    const full = s.remaining <= 0;
    const time = `${formatClock(s.startsAt)}–${formatClock(s.endsAt)}`;
    day.slots.push({
      id: s.id,
      // The start is what people remember; the whole range is read out by screen readers.
      timeText: formatClock(s.startsAt),
      full,
      ariaLabel: full ? `${time}，已约满，可登记候补` : `${time}，还有 ${s.remaining} 个名额`,
    });
  }
  for (const day of days) {
    const free = day.slots.filter((x) => !x.full).length;
    day.full = free === 0;
    day.freeText = free ? `${free} 个空闲` : '已约满';
    day.ariaLabel = `${day.dateText} ${day.weekday}，${day.freeText}`;
  }
  return days;
}

const toProfile = (p: Provider): ProfileView => ({
  id: p.id,
  name: p.name,
  kindText: kindLabel(p.kind),
  firm: p.firm,
  specialties: p.specialties,
  servicesText: p.serviceTypes.map(serviceTypeLabel).join('、'),
  modesText: p.modes.map(modeLabel).join('、'),
  languagesText: p.languages.join('、'),
  intro: p.intro,
  address: p.address || '',
  ratingText: ratingText(p),
  servedText: `已服务 ${p.servedCount} 人次`,
});

/**
 * One provider: the profile, then the next two weeks as a row of days (each with how many times
 * are free; a fully booked day shown but not choosable) and the chosen day's times as large
 * buttons. The chosen day is remembered when coming back. A full time in an open day can still be
 * chosen: the booking page offers the waitlist.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    id: 0,
    serviceType: '',
    state: 'loading' as 'loading' | 'ready' | 'error',
    error: '',
    profile: null as ProfileView | null,
    days: [] as DayView[],
    dayKey: '',
    day: null as DayView | null,
    slots: [] as Slot[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const id = Number(query.id) || 0;
      const remembered = wx.getStorageSync(dayStoreKey(id));
      this.setData({
        rootFontSize: rootFontSize(),
        id,
        serviceType: query.serviceType || '',
        dayKey: typeof remembered === 'string' ? remembered : '',
      });
      void this.load();
    },

    onShow(): void {
      // Back from booking: the places left have changed; the chosen day stays.
      if (this.data.profile) void this.loadSlots();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      if (!this.data.profile) this.setData({ state: 'loading', error: '' });
      try {
        const results = await Promise.all([getProvider(this.data.id), listSlots(this.data.id)]);
        const provider = results[0];
        this.setData({ state: 'ready', error: '', profile: toProfile(provider) });
        this.showSlots(results[1].items);
        wx.setNavigationBarTitle({ title: provider.name });
      } catch (err) {
        this.setData({ state: 'error', error: messageOf(err) });
      }
    },

    async loadSlots(): Promise<void> {
      try {
        this.showSlots((await listSlots(this.data.id)).items);
      } catch {
        // The times shown stay; booking checks the places again anyway.
      }
    },

    /** Shows the days; the chosen one stays chosen while it still has free times, else the first that has. */
    showSlots(slots: Slot[]): void {
      const days = groupByDay(slots, new Date());
      const kept = days.filter((d) => d.key === this.data.dayKey && !d.full)[0];
      const first = days.filter((d) => !d.full)[0];
      const day = kept || first || null;
      this.setData({ slots, days, dayKey: day ? day.key : '', day });
    },

    chooseDay(e: WechatMiniprogram.TouchEvent): void {
      const key = String(e.currentTarget.dataset.key);
      const day = this.data.days.filter((d) => d.key === key)[0];
      if (!day || day.full) return;
      wx.setStorageSync(dayStoreKey(this.data.id), key);
      this.setData({ dayKey: key, day });
    },

    retry(): void {
      void this.load();
    },

    book(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const slot = this.data.slots.filter((s) => s.id === id)[0];
      const profile = this.data.profile;
      if (!slot || !profile) return;
      wx.setStorageSync(dayStoreKey(this.data.id), this.data.dayKey);
      const parts = [
        `slotId=${slot.id}`,
        `serviceTypes=${slot.serviceTypes.join(',')}`,
        `modes=${slot.modes.join(',')}`,
        `startsAt=${encodeURIComponent(slot.startsAt)}`,
        `providerName=${encodeURIComponent(profile.name)}`,
      ];
      if (slot.remaining <= 0) parts.push('full=1');
      if (this.data.serviceType) parts.push(`serviceType=${this.data.serviceType}`);
      wx.navigateTo({ url: `/packages/legal-aid/pages/book/book?${parts.join('&')}` });
    },
  },
});
