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
import { dayWord, formatClock, formatDate } from '../../../../utils/format';

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
  ratingText: string;
  servedText: string;
}

interface SlotView {
  id: number;
  timeText: string;
  full: boolean;
  placesText: string;
}

interface DayView {
  key: string;
  label: string;
  slots: SlotView[];
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** 今天 / 明天, else `2026年11月25日 周三` (Beijing calendar days). */
function dayLabel(iso: string, now: Date): string {
  const word = dayWord(iso, now);
  if (word === '今天' || word === '明天') return word;
  const ms = Date.parse(iso);
  const weekday = isNaN(ms) ? '' : WEEKDAYS[new Date(ms + BEIJING_OFFSET_MS).getUTCDay()];
  return `${formatDate(iso)} ${weekday}`;
}

function groupByDay(slots: Slot[], now: Date): DayView[] {
  const days: DayView[] = [];
  for (const s of slots) {
    const key = formatDate(s.startsAt);
    let day = days.length ? days[days.length - 1] : null;
    if (!day || day.key !== key) {
      day = { key, label: dayLabel(s.startsAt, now), slots: [] };
      days.push(day);
    }
    day.slots.push({
      id: s.id,
      timeText: `${formatClock(s.startsAt)}–${formatClock(s.endsAt)}`,
      full: s.remaining <= 0,
      placesText: s.remaining <= 0 ? '候补' : `余 ${s.remaining} 位`,
    });
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
  ratingText: ratingText(p),
  servedText: `已服务 ${p.servedCount} 人次`,
});

/**
 * One provider: the profile, and the free times of the next two weeks by day with the places
 * left. A full time can still be chosen: the booking page offers the waitlist.
 */
Component({
  data: {
    id: 0,
    serviceType: '',
    loading: true,
    error: '',
    profile: null as ProfileView | null,
    days: [] as DayView[],
    slots: [] as Slot[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ id: Number(query.id) || 0, serviceType: query.serviceType || '' });
      void this.load();
    },

    onShow(): void {
      // Back from booking: the places left have changed.
      if (this.data.profile) void this.loadSlots();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const results = await Promise.all([getProvider(this.data.id), listSlots(this.data.id)]);
        const provider = results[0];
        const slots = results[1].items;
        this.setData({ loading: false, profile: toProfile(provider), slots, days: groupByDay(slots, new Date()) });
        wx.setNavigationBarTitle({ title: provider.name });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadSlots(): Promise<void> {
      try {
        const page = await listSlots(this.data.id);
        this.setData({ slots: page.items, days: groupByDay(page.items, new Date()) });
      } catch {
        // The times shown stay; booking checks the places again anyway.
      }
    },

    retry(): void {
      void this.load();
    },

    book(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const slot = this.data.slots.filter((s) => s.id === id)[0];
      const profile = this.data.profile;
      if (!slot || !profile) return;
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
