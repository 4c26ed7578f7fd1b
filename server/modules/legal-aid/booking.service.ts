import { In, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import {
  APPOINTMENT_TRANSITIONS,
  HOLDER_CANCEL_CUTOFF_MS,
  LIVE,
  MAX_FUTURE_APPOINTMENTS,
  WAITLIST_OFFER_MS,
} from './appointment.states';
import { LegalAidErrors } from './legal-aid.errors';
import { APPOINTMENT_HISTORY, appointmentHistory, recordCreated, SYSTEM, WAITLIST_HISTORY } from './legal-aid.history';
import type { AppointmentEvent } from './appointment-event.entity';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalProvider } from './legal-provider.entity';
import { LegalSlot } from './legal-slot.entity';
import { LegalWaitlist } from './legal-waitlist.entity';
import { meetingWords, PLACE, placeOf, tellHolder } from './legal-aid.notices';
import { WAITLIST_TRANSITIONS } from './waitlist.states';
import { MODE_WORDS, SERVICE_WORDS, splitList, type Mode, type ServiceType } from './legal-aid.types';

export interface BookingInput {
  slotId: number;
  serviceType: ServiceType;
  mode: Mode;
  summary: string;
}

/** Marks a transition another request got to first, where that is no error (a job's sweep). */
const GONE = new Error('transition already taken');

const liveKey = (slotId: number, accountId: number) => `${slotId}:${accountId}`;

/** Holders book, cancel, wait for a full time, take an offered place, and rate the service. */
export class BookingService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Books a place in a slot.
   * 1. On MySQL the holder's account row is locked, so their own bookings run one at a time (the
   *    three-appointment limit holds under concurrency); SQLite runs transactions one at a time.
   * 2. The slot must be open, in the future, and offer the service type and mode.
   * 3. One place per person per slot (a unique live key), at most three future appointments.
   * 4. The guarded increment `booked < capacity` is what keeps capacity under concurrent bookings.
   */
  async book(principal: Principal, input: BookingInput): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      await this.lockHolder(em, principal.accountId);
      const slot = await this.bookableSlot(em, input, now);
      await this.checkNotBooked(em, slot.id, principal.accountId);
      await this.checkQuota(em, principal.accountId, now);
      const taken = await em
        .createQueryBuilder()
        .update(LegalSlot)
        .set({ booked: () => 'booked + 1' })
        .where('id = :id AND status = :open AND booked < capacity AND starts_at > :now', {
          id: slot.id,
          open: 'open',
          now,
        })
        .execute();
      if (taken.affected !== 1) throw LegalAidErrors.slotFull();
      return this.createAppointment(em, slot, principal.accountId, input, now);
    });
  }

  /** Cancels the holder's booking until two hours before; the freed place goes to the waitlist. */
  async cancel(principal: Principal, id: number): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await em.findOneBy(LegalAppointment, { id, accountId: principal.accountId });
      if (!appt) throw notFound('预约不存在');
      const now = this.clock.now();
      if (appt.status === 'booked' && appt.startsAt.getTime() - now.getTime() < HOLDER_CANCEL_CUTOFF_MS) {
        throw LegalAidErrors.cancelTooLate();
      }
      await transition(em, {
        entity: LegalAppointment,
        id,
        table: APPOINTMENT_TRANSITIONS,
        action: 'cancel',
        actor: { accountId: principal.accountId, role: 'holder' },
        at: now,
        set: { liveKey: null, cancelledBy: 'holder', updatedAt: now },
        history: APPOINTMENT_HISTORY,
      });
      await this.releasePlace(em, appt.slotId, now);
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /** Waits for a full slot; the first waiting holder is offered the next place that frees up. */
  async joinWaitlist(principal: Principal, input: BookingInput): Promise<LegalWaitlist> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const slot = await this.bookableSlot(em, input, now);
      if (slot.booked < slot.capacity) throw LegalAidErrors.slotAvailable();
      await this.checkNotBooked(em, slot.id, principal.accountId);
      try {
        const r = await em.insert(LegalWaitlist, {
          slotId: slot.id,
          accountId: principal.accountId,
          serviceType: input.serviceType,
          mode: input.mode,
          summary: input.summary,
          status: 'waiting',
          liveKey: liveKey(slot.id, principal.accountId),
          offerExpiresAt: null,
          createdAt: now,
          updatedAt: now,
        });
        const id = Number(r.identifiers[0].id);
        await recordCreated(em, 'waitlist', id, { accountId: principal.accountId, role: 'holder' }, now);
        return em.findOneByOrFail(LegalWaitlist, { id });
      } catch (err) {
        if (isUniqueViolation(err)) throw LegalAidErrors.alreadyWaiting();
        throw err;
      }
    });
  }

  /** Takes the place offered from the waitlist (held for the holder until the offer expires). */
  async acceptOffer(principal: Principal, waitlistId: number): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const w = await em.findOneBy(LegalWaitlist, { id: waitlistId, accountId: principal.accountId });
      if (!w) throw notFound('候补不存在');
      const now = this.clock.now();
      await this.lockHolder(em, principal.accountId);
      await this.checkQuota(em, principal.accountId, now);
      await transition(em, {
        entity: LegalWaitlist,
        id: waitlistId,
        table: WAITLIST_TRANSITIONS,
        action: 'accept',
        actor: { accountId: principal.accountId, role: 'holder' },
        at: now,
        set: { liveKey: null, updatedAt: now },
        guard: { where: 'offer_expires_at > :now', params: { now } },
        history: WAITLIST_HISTORY,
        moved: LegalAidErrors.offerExpired,
      });
      const slot = await em.findOneByOrFail(LegalSlot, { id: w.slotId });
      // The place was held in `booked` when it was offered: no increment here.
      return this.createAppointment(em, slot, principal.accountId, w, now);
    });
  }

  /** Leaves the waitlist; an offer not taken passes to the next in line. */
  async leaveWaitlist(principal: Principal, waitlistId: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const w = await em.findOneBy(LegalWaitlist, { id: waitlistId, accountId: principal.accountId });
      if (!w) throw notFound('候补不存在');
      const now = this.clock.now();
      const { from } = await transition(em, {
        entity: LegalWaitlist,
        id: waitlistId,
        table: WAITLIST_TRANSITIONS,
        action: 'leave',
        actor: { accountId: principal.accountId, role: 'holder' },
        at: now,
        set: { liveKey: null, updatedAt: now },
        history: WAITLIST_HISTORY,
        moved: LegalAidErrors.notWaiting,
      });
      if (from === 'offered') await this.releasePlace(em, w.slotId, now);
    });
  }

  /** Offers that ran out pass to the next waiting holder (the reminders job calls this). */
  async expireOffers(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.manager.find(LegalWaitlist, {
      where: { status: 'offered', offerExpiresAt: LessThanOrEqual(now) },
    });
    let expired = 0;
    for (const w of due) {
      await this.db.transaction(async (em) => {
        // Taken or left meanwhile: nothing to expire.
        const moved = await transition(em, {
          entity: LegalWaitlist,
          id: w.id,
          table: WAITLIST_TRANSITIONS,
          action: 'expire',
          actor: SYSTEM,
          at: now,
          set: { liveKey: null, updatedAt: now },
          history: WAITLIST_HISTORY,
          moved: () => GONE,
        }).catch((err: unknown) => {
          if (err === GONE) return null;
          throw err;
        });
        if (moved) {
          expired += 1;
          await this.releasePlace(em, w.slotId, now);
        }
      });
    }
    return expired;
  }

  /** Rates a completed appointment once (1–5, an optional comment). */
  async rate(principal: Principal, id: number, rating: number, comment: string | undefined): Promise<LegalAppointment> {
    return this.db.transaction(async (em) => {
      const appt = await em.findOneBy(LegalAppointment, { id, accountId: principal.accountId });
      if (!appt) throw notFound('预约不存在');
      if (appt.status !== 'completed') throw LegalAidErrors.notCompleted();
      const now = this.clock.now();
      const r = await em
        .createQueryBuilder()
        .update(LegalAppointment)
        .set({ rating, comment: comment ?? null, ratedAt: now, updatedAt: now })
        .where('id = :id AND rating IS NULL', { id })
        .execute();
      if (r.affected !== 1) throw LegalAidErrors.alreadyRated();
      await em
        .createQueryBuilder()
        .update(LegalProvider)
        .set({ ratingSum: () => `rating_sum + ${Number(rating)}`, ratingCount: () => 'rating_count + 1' })
        .where('id = :id', { id: appt.providerId })
        .execute();
      return em.findOneByOrFail(LegalAppointment, { id });
    });
  }

  /** The appointments' histories, oldest first (the caller has already been allowed to see them). */
  async history(ids: readonly number[]): Promise<Map<number, AppointmentEvent[]>> {
    return appointmentHistory(this.db.manager, ids);
  }

  /** A holder's appointments, newest first (at most 100), for staff already allowed to read their file. */
  async appointmentsOf(accountId: number): Promise<LegalAppointment[]> {
    return this.db.manager.find(LegalAppointment, {
      where: { accountId },
      order: { startsAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  async mine(principal: Principal): Promise<{
    appointments: LegalAppointment[];
    waitlist: LegalWaitlist[];
    providers: Map<number, LegalProvider>;
    slots: Map<number, LegalSlot>;
  }> {
    const em = this.db.manager;
    const appointments = await em.find(LegalAppointment, {
      where: { accountId: principal.accountId },
      order: { startsAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    const waitlist = await em.find(LegalWaitlist, {
      where: { accountId: principal.accountId, status: In(['waiting', 'offered']) },
      order: { id: 'DESC' },
    });
    const slotIds = [...new Set([...appointments.map((a) => a.slotId), ...waitlist.map((w) => w.slotId)])];
    const slots = slotIds.length ? await em.findBy(LegalSlot, { id: In(slotIds) }) : [];
    const providerIds = [...new Set(slots.map((s) => s.providerId))];
    const providers = providerIds.length ? await em.findBy(LegalProvider, { id: In(providerIds) }) : [];
    return {
      appointments,
      waitlist,
      providers: new Map(providers.map((p) => [p.id, p])),
      slots: new Map(slots.map((s) => [s.id, s])),
    };
  }

  /**
   * A place in the slot has been given up: held for the first waiting holder (with a notice and
   * a time limit), or returned to the slot when nobody waits or the slot is past or cancelled.
   */
  async releasePlace(em: EntityManager, slotId: number, now: Date): Promise<void> {
    const slot = await em.findOneByOrFail(LegalSlot, { id: slotId });
    if (slot.status === 'open' && slot.startsAt.getTime() > now.getTime()) {
      const next = await em.findOne(LegalWaitlist, { where: { slotId, status: 'waiting' }, order: { id: 'ASC' } });
      if (next) {
        const expiresAt = new Date(Math.min(now.getTime() + WAITLIST_OFFER_MS, slot.startsAt.getTime() - 30 * 60_000));
        if (expiresAt.getTime() > now.getTime()) {
          await transition(em, {
            entity: LegalWaitlist,
            id: next.id,
            table: WAITLIST_TRANSITIONS,
            action: 'offer',
            actor: SYSTEM,
            at: now,
            set: { offerExpiresAt: expiresAt, updatedAt: now },
            history: WAITLIST_HISTORY,
          });
          await tellHolder(this.notifications, em, {
            recipient: next.accountId,
            serviceType: next.serviceType,
            startsAt: slot.startsAt,
            place: PLACE[next.mode],
            remark: `候补空出，请于${wechatTime(expiresAt).slice(12)}前确认`,
            detail: `您候补的时段空出一个名额，已为您保留，请在 ${wechatTime(expiresAt)} 前在小程序中确认，逾期将让给下一位。`,
            key: `waitlist:${next.id}:offered`,
          });
          return;
        }
      }
    }
    await em
      .createQueryBuilder()
      .update(LegalSlot)
      .set({ booked: () => 'booked - 1' })
      .where('id = :id AND booked > 0', { id: slotId })
      .execute();
  }

  private async lockHolder(em: EntityManager, accountId: number): Promise<void> {
    if (this.db.kind === 'mysql') await em.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [accountId]);
  }

  private async bookableSlot(
    em: EntityManager,
    input: { slotId: number; serviceType: ServiceType; mode: Mode },
    now: Date,
  ): Promise<LegalSlot> {
    const slot = await em.findOneBy(LegalSlot, { id: input.slotId });
    if (!slot || !(await em.existsBy(LegalProvider, { id: slot.providerId, active: true })))
      throw notFound('时段不存在');
    if (slot.status === 'cancelled') throw LegalAidErrors.slotCancelled();
    if (slot.startsAt.getTime() <= now.getTime()) throw LegalAidErrors.slotInPast();
    if (!splitList<ServiceType>(slot.serviceTypes).includes(input.serviceType))
      throw validationFailed('serviceType', '该时段不提供此项服务');
    if (!splitList<Mode>(slot.modes).includes(input.mode))
      throw validationFailed('mode', `该时段不提供${MODE_WORDS[input.mode]}服务`);
    return slot;
  }

  private async checkNotBooked(em: EntityManager, slotId: number, accountId: number): Promise<void> {
    if (await em.existsBy(LegalAppointment, { liveKey: liveKey(slotId, accountId) })) {
      throw LegalAidErrors.alreadyBooked();
    }
  }

  private async checkQuota(em: EntityManager, accountId: number, now: Date): Promise<void> {
    const future = await em.countBy(LegalAppointment, { accountId, status: In([...LIVE]), startsAt: MoreThan(now) });
    if (future >= MAX_FUTURE_APPOINTMENTS) throw LegalAidErrors.tooManyAppointments(MAX_FUTURE_APPOINTMENTS);
  }

  private async createAppointment(
    em: EntityManager,
    slot: LegalSlot,
    accountId: number,
    input: { serviceType: ServiceType; mode: Mode; summary: string },
    now: Date,
  ): Promise<LegalAppointment> {
    let id: number;
    try {
      const r = await em.insert(LegalAppointment, {
        slotId: slot.id,
        providerId: slot.providerId,
        accountId,
        serviceType: input.serviceType,
        mode: input.mode,
        summary: input.summary,
        startsAt: slot.startsAt,
        status: 'booked',
        liveKey: liveKey(slot.id, accountId),
        cancelledBy: null,
        cancelReason: null,
        privateNotes: null,
        meetingLink: null,
        rating: null,
        comment: null,
        ratedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      id = Number(r.identifiers[0].id);
      await recordCreated(em, 'appointment', id, { accountId, role: 'holder' }, now);
    } catch (err) {
      if (isUniqueViolation(err)) throw LegalAidErrors.alreadyBooked();
      throw err;
    }
    const provider = await em.findOneByOrFail(LegalProvider, { id: slot.providerId });
    await tellHolder(this.notifications, em, {
      recipient: accountId,
      serviceType: input.serviceType,
      startsAt: slot.startsAt,
      place: placeOf({ mode: input.mode }, provider),
      remark: `已预约${provider.name}`,
      detail:
        `已为您预约${provider.name}（${provider.firm}）的${SERVICE_WORDS[input.serviceType]}，` +
        `${MODE_WORDS[input.mode]}进行。${meetingWords({ mode: input.mode })}开始前 24 小时和 2 小时会提醒您。`,
      key: `appointment:${id}:booked`,
    });
    return em.findOneByOrFail(LegalAppointment, { id });
  }
}
