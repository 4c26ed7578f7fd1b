import { In, MoreThan } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalWaitlist } from './legal-waitlist.entity';

/** An appointment that started within these hours may still be under way: it blocks a deletion too. */
const UNDER_WAY_MS = 4 * 3600_000;

/** "12月3日" in Beijing time. */
const monthDay = (d: Date) => {
  const local = new Date(d.getTime() + 8 * 3600_000);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

/**
 * Appointments and places on a waiting list. Deleting clears what the holder wrote and the
 * provider's private notes; the appointments stay for the service's figures.
 */
export const legalAidPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const appointments = await em.find(LegalAppointment, {
      where: { accountId },
      select: { id: true, serviceType: true, mode: true, status: true, startsAt: true },
      order: { startsAt: 'DESC' },
    });
    const waitlist = await em.find(LegalWaitlist, {
      where: { accountId },
      select: { id: true, serviceType: true, status: true, createdAt: true },
      order: { id: 'DESC' },
    });
    return {
      appointments: appointments.map((a) => ({
        id: a.id,
        serviceType: a.serviceType,
        mode: a.mode,
        status: a.status,
        startsAt: isoTime(a.startsAt),
      })),
      waitlist: waitlist.map((w) => ({
        id: w.id,
        serviceType: w.serviceType,
        status: w.status,
        createdAt: isoTime(w.createdAt),
      })),
    };
  },
  async blockers(em, { accountId, now }) {
    const upcoming = await em.find(LegalAppointment, {
      where: {
        accountId,
        status: In(['booked', 'checked_in']),
        startsAt: MoreThan(new Date(now.getTime() - UNDER_WAY_MS)),
      },
      select: { id: true, startsAt: true },
      order: { startsAt: 'ASC' },
    });
    const out = upcoming.map((a) => ({
      what: `您预约了${monthDay(a.startsAt)}的法律服务`,
      action: '请先在“我的预约”中取消（临近的预约请联系律师或服务站）',
    }));
    const waiting = await em.count(LegalWaitlist, { where: { accountId, status: In(['waiting', 'offered']) } });
    if (waiting > 0) out.push({ what: '您在法律服务的候补名单上', action: '请先在“我的预约”中退出候补' });
    return out;
  },
  async erase(em, { accountId }) {
    await em.update(LegalAppointment, { accountId }, { summary: '', comment: null, privateNotes: null });
    await em.update(LegalWaitlist, { accountId }, { summary: '' });
    return undefined;
  },
});
