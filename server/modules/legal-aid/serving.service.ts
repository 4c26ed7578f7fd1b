import { Between, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { clampInstant } from '../../http/bounds';
import { forbidden, notFound } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition, type TransitionActor } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import { isStaff } from '../../lib/principal';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import type { PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import { APPOINTMENT_TRANSITIONS, LIVE, type AppointmentStatus } from './appointment.states';
import type { BookingService } from './booking.service';
import { LegalAidErrors } from './legal-aid.errors';
import { APPOINTMENT_HISTORY, appointmentHistory, WAITLIST_HISTORY } from './legal-aid.history';
import type { AppointmentEvent } from './appointment-event.entity';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalProvider } from './legal-provider.entity';
import { LegalSlot } from './legal-slot.entity';
import { LegalWaitlist } from './legal-waitlist.entity';
import { meetingWords, PLACE, placeOf, tellHolder } from './legal-aid.notices';
import { deskActions } from './legal-aid.presenter';
import { type HolderContact, SERVICE_WORDS } from './legal-aid.types';
import { LEGAL_AID_PAGES } from './legal-aid.pages';
import { WAITLIST_TRANSITIONS } from './waitlist.states';

/** The desk in role terms for history rows: staff, or the provider serving. */
const deskActor = (p: Principal): TransitionActor => ({
  accountId: p.accountId,
  role: isStaff(p.roles) ? 'staff' : 'provider',
});

/** Holders with this many no-shows are flagged for staff. */
export const NO_SHOW_FLAG = 2;
const SHANGHAI = 8 * 3_600_000;

/** The desk's side: providers serve their appointments; staff cancel, see figures and flags. */
export class ServingService {
  constructor(
    private readonly db: Database,
    private readonly booking: BookingService,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleService,
    private readonly clock: Clock,
  ) {}

  /**
   * A provider sees their own appointments only; staff see any provider's.
   * The calling provider's own appointments come with the holder's name and, while the appointment
   * is live (booked or checked in), the phone number to reach them; `contacts` has no entry for
   * anyone else's. Each reading of phone numbers is audited by appointment id, never logged.
   */
  async appointments(
    principal: Principal,
    filter: { providerId?: number; status?: AppointmentStatus; from?: Date; to?: Date },
    requestId: string,
  ): Promise<{
    appointments: LegalAppointment[];
    contacts: Map<number, HolderContact | null>;
    providers: Map<number, LegalProvider>;
  }> {
    const own = await this.db.manager.findOneBy(LegalProvider, { accountId: principal.accountId });
    const where: FindOptionsWhere<LegalAppointment> = {};
    if (isStaff(principal.roles)) {
      if (filter.providerId) where.providerId = filter.providerId;
    } else {
      if (!own) throw forbidden('您的账号未关联服务人员资料');
      where.providerId = own.id;
    }
    if (filter.status) where.status = filter.status;
    // By default the day as it is in Shanghai from its start: today's and the coming appointments.
    const from = filter.from ?? new Date(Date.parse(`${shanghaiDate(this.clock.now())}T00:00:00+08:00`));
    const to = filter.to ?? clampInstant(new Date(from.getTime() + 30 * 86_400_000));
    where.startsAt = Between(from, to);
    const appointments = await this.db.manager.find(LegalAppointment, {
      where,
      order: { startsAt: 'ASC', id: 'ASC' },
      take: 500,
    });

    const providerIds = [...new Set(appointments.map((a) => a.providerId))];
    const providers = new Map(
      (providerIds.length ? await this.db.manager.findBy(LegalProvider, { id: In(providerIds) }) : []).map((p) => [
        p.id,
        p,
      ]),
    );
    const contacts = new Map<number, HolderContact | null>();
    const mine = own ? appointments.filter((a) => a.providerId === own.id) : [];
    if (mine.length === 0) return { appointments, contacts, providers };
    const holders = await this.people.contactsOf(mine.map((a) => a.accountId));
    for (const a of mine) {
      const c = holders.get(a.accountId);
      contacts.set(a.id, c ? { name: c.name, phone: LIVE.includes(a.status) ? c.phone : null } : null);
    }
    const revealed = mine.filter((a) => contacts.get(a.id)?.phone).map((a) => a.id);
    if (revealed.length) {
      const now = this.clock.now();
      await this.db.transaction((em) =>
        recordAudit(
          em,
          {
            actorAccountId: principal.accountId,
            action: 'legal_appointment.holder_phone_read',
            targetType: 'legal_provider',
            targetId: own!.id,
            detail: { appointmentIds: revealed },
            requestId,
          },
          now,
        ),
      );
    }
    return { appointments, contacts, providers };
  }

  /** What the caller may do with an appointment now (they have already been allowed to see it). */
  actionsFor(principal: Principal, a: LegalAppointment): string[] {
    return deskActions(a, isStaff(principal.roles) ? 'staff' : 'provider', this.clock.now());
  }

  /** The holder's own phone number (to show them which number the provider will call), if bound. */
  async ownPhone(accountId: number): Promise<string | null> {
    return (await this.people.contactsOf([accountId])).get(accountId)?.phone ?? null;
  }

  /**
   * The provider's (or staff's) notes on an appointment, replaced: any time but on a cancelled one.
   * Only the provider and staff read them; they never reach the holder or the history.
   */
  async setNotes(principal: Principal, id: number, notes: string, requestId: string): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await this.served(em, principal, id);
      if (appt.status === 'cancelled') throw LegalAidErrors.notesOnCancelled();
      const now = this.clock.now();
      await em.update(LegalAppointment, { id }, { privateNotes: notes || null, updatedAt: now });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'legal_appointment.notes',
          targetType: 'legal_appointment',
          targetId: id,
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /**
   * The video meeting of a live video appointment, set or changed by its provider (or staff); the
   * holder is told at once, and the reminders name it.
   */
  async setMeeting(principal: Principal, id: number, link: string, requestId: string): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await this.served(em, principal, id);
      if (appt.mode !== 'video') throw LegalAidErrors.notVideo();
      if (!LIVE.includes(appt.status)) throw LegalAidErrors.meetingNotLive();
      const now = this.clock.now();
      if (appt.meetingLink === link) return appt;
      await em.update(LegalAppointment, { id }, { meetingLink: link, updatedAt: now });
      const provider = await em.findOneBy(LegalProvider, { id: appt.providerId });
      await tellHolder(this.notifications, em, {
        recipient: appt.accountId,
        serviceType: appt.serviceType,
        startsAt: appt.startsAt,
        place: placeOf({ mode: 'video', meetingLink: link }),
        remark: appt.meetingLink ? '视频会议已更改' : '视频会议已安排',
        detail:
          `${provider ? provider.name : '服务人员'}已${appt.meetingLink ? '更改' : '安排'}` +
          `${wechatTime(appt.startsAt)}的视频${SERVICE_WORDS[appt.serviceType]}。` +
          meetingWords({ mode: 'video', meetingLink: link }),
        key: `appointment:${id}:meeting:${now.getTime()}`,
      });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'legal_appointment.meeting',
          targetType: 'legal_appointment',
          targetId: id,
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /** The appointment, if the caller serves it (its provider) or is staff; another provider's is 404. */
  private async served(em: EntityManager, principal: Principal, id: number): Promise<LegalAppointment> {
    const appt = await em.findOneBy(LegalAppointment, { id });
    if (!appt) throw notFound('预约不存在');
    if (!isStaff(principal.roles)) {
      const provider = await this.ownProvider(principal, em);
      if (provider.id !== appt.providerId) throw notFound('预约不存在');
    }
    return appt;
  }

  /** The appointments' histories, oldest first (the caller has already been allowed to see them). */
  async history(ids: readonly number[]): Promise<Map<number, AppointmentEvent[]>> {
    return appointmentHistory(this.db.manager, ids);
  }

  /**
   * Check-in, completion (with private notes) or no-show, by the appointment's provider or staff.
   * Another provider's appointment is 404. Check-in opens on the appointment's day (Asia/Shanghai);
   * a no-show can only be marked once the time has begun.
   */
  async act(
    principal: Principal,
    id: number,
    action: 'check_in' | 'complete' | 'no_show',
    notes: string | undefined,
    requestId: string,
  ): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await em.findOneBy(LegalAppointment, { id });
      if (!appt) throw notFound('预约不存在');
      if (!isStaff(principal.roles)) {
        const provider = await this.ownProvider(principal, em);
        if (provider.id !== appt.providerId) throw notFound('预约不存在');
      }
      const now = this.clock.now();
      if (action === 'no_show' && appt.startsAt.getTime() > now.getTime()) throw LegalAidErrors.noShowTooEarly();
      // Check-in opens on the appointment's day (Asia/Shanghai); a settled one answers INVALID_TRANSITION below.
      if (action === 'check_in' && appt.status === 'booked' && shanghaiDate(now) < shanghaiDate(appt.startsAt)) {
        throw LegalAidErrors.checkInTooEarly();
      }
      // The private notes stay out of the history: the holder reads it.
      await transition(em, {
        entity: LegalAppointment,
        id,
        table: APPOINTMENT_TRANSITIONS,
        action,
        actor: deskActor(principal),
        at: now,
        set: {
          ...(action === 'check_in' ? {} : { liveKey: null }),
          ...(action === 'complete' && notes ? { privateNotes: notes } : {}),
          updatedAt: now,
        },
        history: APPOINTMENT_HISTORY,
      });
      if (action === 'complete') {
        await em
          .createQueryBuilder()
          .update(LegalProvider)
          .set({ servedCount: () => 'served_count + 1' })
          .where('id = :id', { id: appt.providerId })
          .execute();
        await this.notifications.notify(em, {
          recipient: appt.accountId,
          templateKey: 'service_notice',
          data: {
            title: `${SERVICE_WORDS[appt.serviceType]}已完成`,
            remark: '欢迎为本次服务评价',
            time: wechatTime(now),
          },
          page: LEGAL_AID_PAGES.appointments,
          idempotencyKey: `appointment:${id}:completed`,
        });
      }
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: `legal_appointment.${action}`,
          targetType: 'legal_appointment',
          targetId: id,
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /** The desk cancels one booking (any time) with a reason; the holder is told, the place freed. */
  async cancelAppointment(
    principal: Principal,
    id: number,
    reason: string,
    requestId: string,
  ): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await em.findOneBy(LegalAppointment, { id });
      if (!appt) throw notFound('预约不存在');
      const now = this.clock.now();
      await transition(em, {
        entity: LegalAppointment,
        id,
        table: APPOINTMENT_TRANSITIONS,
        action: 'cancel',
        actor: deskActor(principal),
        at: now,
        reason,
        set: { liveKey: null, cancelledBy: 'staff', cancelReason: reason, updatedAt: now },
        history: APPOINTMENT_HISTORY,
      });
      await this.tellCancelled(em, appt, reason, now);
      await this.booking.releasePlace(em, appt.slotId, now);
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'legal_appointment.cancel',
          targetType: 'legal_appointment',
          targetId: id,
          detail: { reason },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /**
   * Cancels a whole slot (the provider is ill, say): its bookings are cancelled and each holder is
   * told the reason and the provider's next free time; those waiting for it are told too.
   */
  async cancelSlot(
    principal: Principal,
    slotId: number,
    reason: string,
    requestId: string,
  ): Promise<{ slot: LegalSlot; cancelled: number }> {
    return this.db.transaction(async (em) => {
      const slot = await em.findOneBy(LegalSlot, { id: slotId });
      if (!slot) throw notFound('时段不存在');
      const now = this.clock.now();
      const moved = await em
        .createQueryBuilder()
        .update(LegalSlot)
        .set({ status: 'cancelled', cancelReason: reason })
        .where('id = :id AND status = :open', { id: slotId, open: 'open' })
        .execute();
      if (moved.affected !== 1) throw LegalAidErrors.slotAlreadyCancelled();
      const booked = await em.find(LegalAppointment, { where: { slotId, status: 'booked' } });
      for (const appt of booked) {
        await transition(em, {
          entity: LegalAppointment,
          id: appt.id,
          table: APPOINTMENT_TRANSITIONS,
          action: 'cancel',
          actor: deskActor(principal),
          at: now,
          reason,
          set: { liveKey: null, cancelledBy: 'staff', cancelReason: reason, updatedAt: now },
          history: APPOINTMENT_HISTORY,
        });
        await this.tellCancelled(em, appt, reason, now);
      }
      const waiting = await em.find(LegalWaitlist, { where: { slotId, status: In(['waiting', 'offered']) } });
      for (const w of waiting) {
        await transition(em, {
          entity: LegalWaitlist,
          id: w.id,
          table: WAITLIST_TRANSITIONS,
          action: 'cancel',
          actor: deskActor(principal),
          at: now,
          reason,
          set: { liveKey: null, updatedAt: now },
          history: WAITLIST_HISTORY,
        });
        await tellHolder(this.notifications, em, {
          recipient: w.accountId,
          serviceType: w.serviceType,
          startsAt: slot.startsAt,
          place: PLACE[w.mode],
          remark: '候补时段已取消',
          detail: `您候补的时段已取消：${reason}。`,
          key: `waitlist:${w.id}:slot-cancelled`,
        });
      }
      await em.update(LegalSlot, { id: slotId }, { booked: 0 });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'legal_slot.cancel',
          targetType: 'legal_slot',
          targetId: slotId,
          detail: { reason, appointments: booked.length },
          requestId,
        },
        now,
      );
      return { slot: await em.findOneByOrFail(LegalSlot, { id: slotId }), cancelled: booked.length };
    });
  }

  /** Holders with repeated no-shows, for staff to follow up. */
  async flagged(): Promise<Array<{ accountId: number; noShows: number }>> {
    const rows = await this.db.manager
      .createQueryBuilder(LegalAppointment, 'a')
      .select('a.account_id', 'accountId')
      .addSelect('COUNT(*)', 'noShows')
      .where('a.status = :s', { s: 'no_show' })
      .groupBy('a.account_id')
      .having('COUNT(*) >= :n', { n: NO_SHOW_FLAG })
      .getRawMany<{ accountId: number; noShows: string | number }>();
    return rows.map((r) => ({ accountId: Number(r.accountId), noShows: Number(r.noShows) }));
  }

  /** By service type and outcome, the no-show rate, ratings per provider, and the busiest hours. */
  async figures(days: number) {
    const now = this.clock.now();
    const since = new Date(now.getTime() - days * 86_400_000);
    const appts = await this.db.manager.find(LegalAppointment, {
      where: { startsAt: Between(since, new Date(now.getTime() + 14 * 86_400_000)) },
      select: { id: true, serviceType: true, status: true, startsAt: true, providerId: true },
    });
    const byService: Record<string, Record<string, number>> = {};
    const byHour: Record<string, number> = {};
    for (const a of appts) {
      byService[a.serviceType] ??= {};
      byService[a.serviceType][a.status] = (byService[a.serviceType][a.status] ?? 0) + 1;
      if (a.status !== 'cancelled') {
        const hour = new Date(a.startsAt.getTime() + SHANGHAI).getUTCHours();
        byHour[`${String(hour).padStart(2, '0')}:00`] = (byHour[`${String(hour).padStart(2, '0')}:00`] ?? 0) + 1;
      }
    }
    const noShows = appts.filter((a) => a.status === 'no_show').length;
    const attended = appts.filter((a) => a.status === 'completed').length;
    const providers = await this.db.manager.find(LegalProvider, { order: { id: 'ASC' } });
    return {
      days,
      byServiceType: byService,
      noShowRate: noShows + attended ? Math.round((noShows / (noShows + attended)) * 1000) / 10 : null,
      providers: providers.map((p) => ({
        id: p.id,
        name: p.name,
        servedCount: p.servedCount,
        ratingCount: p.ratingCount,
        averageRating: p.ratingCount ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : null,
      })),
      busiestHours: Object.entries(byHour)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([hour, count]) => ({ hour, count })),
    };
  }

  /** Ratings and comments of one provider, newest first (staff). */
  async ratings(providerId: number): Promise<LegalAppointment[]> {
    return this.db.manager
      .createQueryBuilder(LegalAppointment, 'a')
      .where('a.provider_id = :p AND a.rating IS NOT NULL', { p: providerId })
      .orderBy('a.rated_at', 'DESC')
      .limit(200)
      .getMany();
  }

  private async ownProvider(principal: Principal, em: EntityManager): Promise<LegalProvider> {
    const provider = await em.findOneBy(LegalProvider, { accountId: principal.accountId });
    if (!provider) throw forbidden('您的账号未关联服务人员资料');
    return provider;
  }

  private async tellCancelled(em: EntityManager, appt: LegalAppointment, reason: string, now: Date): Promise<void> {
    const next = await em
      .createQueryBuilder(LegalSlot, 's')
      .where(
        's.provider_id = :p AND s.status = :open AND s.starts_at > :now AND s.booked < s.capacity AND s.id <> :id',
        { p: appt.providerId, open: 'open', now, id: appt.slotId },
      )
      .orderBy('s.starts_at', 'ASC')
      .getOne();
    await tellHolder(this.notifications, em, {
      recipient: appt.accountId,
      serviceType: appt.serviceType,
      startsAt: appt.startsAt,
      place: placeOf(appt, await em.findOneBy(LegalProvider, { id: appt.providerId })),
      remark: '预约已被服务窗口取消',
      detail:
        `很抱歉，您的预约已取消：${reason}。` +
        (next
          ? `该服务人员最近的空闲时间是 ${wechatTime(next.startsAt)}，可在小程序中改约。`
          : '可在小程序中选择其他服务人员或时间。'),
      key: `appointment:${appt.id}:cancelled-by-desk`,
    });
  }
}
