import { In, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import { rawDate } from '../../lib/personal-data';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { transition } from '../../lib/state-machine';
import type { NotificationsService } from '../notifications/notifications.service';
import { wechatTime } from '../../lib/notice-template';
import {
  type AppointmentStatus,
  APPOINTMENT_TRANSITIONS,
  HOLDER_CANCEL_CUTOFF_MS,
  LIVE,
  MAX_FUTURE_APPOINTMENTS,
  WAITLIST_OFFER_MS,
} from './appointment.states';
import { LegalAidErrors } from './legal-aid.errors';
import type { HolderAppointment } from './legal-aid.presenter';
import { APPOINTMENT_HISTORY, appointmentHistory, recordCreated, SYSTEM, WAITLIST_HISTORY } from './legal-aid.history';
import type { AppointmentEvent } from './appointment-event.entity';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalProvider } from './legal-provider.entity';
import { LegalSlot } from './legal-slot.entity';
import { LegalWaitlist } from './legal-waitlist.entity';
import { meetingWords, PLACE, placeOf, tellHolder } from './legal-aid.notices';
import { WAITLIST_TRANSITIONS } from './waitlist.states';
import {
  type AppointmentProvider,
  MODE_WORDS,
  SERVICE_WORDS,
  splitList,
  type Mode,
  type ServiceType,
} from './legal-aid.types';

export interface BookingInput {
  slotId: number;
  serviceType: ServiceType;
  mode: Mode;
  summary: string;
}

/** A new appointment with what its answer shows, as the transaction wrote it: nothing is read back. */
export interface NewAppointment {
  appointment: LegalAppointment;
  /** Undefined once the provider is no longer active (the public profile is gone). */
  provider: AppointmentProvider | undefined;
  history: AppointmentEvent[];
}

/** A slot with its provider, read together. */
interface SlotWithProvider {
  id: number;
  providerId: number;
  startsAt: Date;
  status: 'open' | 'cancelled';
  serviceTypes: string;
  modes: string;
  booked: number;
  capacity: number;
  provider: AppointmentProvider & { firm: string; active: boolean };
}

/** What giving up a place needs of its slot. */
interface SlotPlaces {
  status: 'open' | 'cancelled';
  startsAt: Date;
  /** Someone waits for the slot: a freed place may be offered instead of returned. */
  waiting: boolean;
}

/** Whether anyone waits for the slot `s` (the waitlist's slot index answers it). */
const WAITING = 'EXISTS (SELECT 1 FROM legal_waitlist w WHERE w.slot_id = s.id AND w.status = :waiting)';

/** A provider's public part from a raw row (the active flag is the caller's to check). */
const providerFromRow = (r: Record<string, unknown>): AppointmentProvider => ({
  id: Number(r.provider_id),
  name: String(r.name),
  address: r.address === null ? null : String(r.address),
  latE6: r.lat_e6 === null ? null : Number(r.lat_e6),
  lngE6: r.lng_e6 === null ? null : Number(r.lng_e6),
});

/** Where the holder stands before booking a slot: a live place in it already, and future appointments. */
interface HolderStanding {
  hasPlace: boolean;
  future: number;
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
   * 2. One read gives the slot, its provider and where the holder stands: the slot must be open, in
   *    the future, of an active provider, and offer the service type and mode.
   * 3. One place per person per slot (the unique live key has the last word), at most three future
   *    appointments.
   * 4. The guarded increment `booked < capacity` is what keeps capacity under concurrent bookings.
   */
  async book(principal: Principal, input: BookingInput): Promise<NewAppointment> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      await this.lockHolder(em, principal.accountId);
      const { slot, standing } = await this.bookableSlot(em, input, principal.accountId, now);
      if (standing.hasPlace) throw LegalAidErrors.alreadyBooked();
      if (standing.future >= MAX_FUTURE_APPOINTMENTS) throw LegalAidErrors.tooManyAppointments(MAX_FUTURE_APPOINTMENTS);
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

  /**
   * Cancels the holder's booking until two hours before; the freed place goes to the waitlist.
   * The answer is the appointment as cancelled here, with its provider from the same first read.
   */
  async cancel(
    principal: Principal,
    id: number,
  ): Promise<{ appointment: HolderAppointment; provider: AppointmentProvider | undefined }> {
    return this.db.transaction(async (em) => {
      const found = await this.ownAppointment(em, id, principal.accountId);
      if (!found) throw notFound('预约不存在');
      const { appointment: appt, provider, slot } = found;
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
        known: appt.status,
      });
      await this.releasePlace(em, appt.slotId, now, slot);
      return { appointment: { ...appt, status: 'cancelled', cancelledBy: 'holder' }, provider };
    });
  }

  /** Waits for a full slot; the first waiting holder is offered the next place that frees up. */
  async joinWaitlist(principal: Principal, input: BookingInput): Promise<LegalWaitlist> {
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const { slot, standing } = await this.bookableSlot(em, input, principal.accountId, now);
      if (slot.booked < slot.capacity) throw LegalAidErrors.slotAvailable();
      if (standing.hasPlace) throw LegalAidErrors.alreadyBooked();
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
  async acceptOffer(principal: Principal, waitlistId: number): Promise<NewAppointment> {
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
      const slot = (await this.slotWithProvider(em, w.slotId))?.slot;
      if (!slot) throw notFound('时段不存在');
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
  async releasePlace(em: EntityManager, slotId: number, now: Date, known?: SlotPlaces): Promise<void> {
    const slot = known ?? (await this.slotPlaces(em, slotId));
    // Nobody waits (the common case): no waitlist to look through.
    if (slot.waiting && slot.status === 'open' && slot.startsAt.getTime() > now.getTime()) {
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

  /** What giving up a place needs of its slot: open and in the future, and whether anyone waits for it. */
  private async slotPlaces(em: EntityManager, slotId: number): Promise<SlotPlaces> {
    const r = await em
      .createQueryBuilder()
      .select(['s.status AS status', 's.starts_at AS starts_at'])
      .addSelect(WAITING, 'waiting')
      .from(LegalSlot, 's')
      .where('s.id = :slotId', { slotId, waiting: 'waiting' })
      .getRawOne<Record<string, unknown>>();
    if (!r) throw new Error(`slot ${slotId} not found`);
    return {
      status: r.status as SlotPlaces['status'],
      startsAt: rawDate(r.starts_at) as Date,
      waiting: Number(r.waiting) > 0,
    };
  }

  /**
   * The holder's own appointment with what cancelling it needs, in one read: the columns the
   * holder's view shows, its provider, and its slot's places.
   */
  private async ownAppointment(
    em: EntityManager,
    id: number,
    accountId: number,
  ): Promise<
    | {
        appointment: HolderAppointment & { slotId: number };
        provider: AppointmentProvider | undefined;
        slot: SlotPlaces;
      }
    | undefined
  > {
    const r = await em
      .createQueryBuilder()
      .select([
        'a.slot_id AS slot_id',
        'a.status AS status',
        'a.service_type AS service_type',
        'a.mode AS mode',
        'a.summary AS summary',
        'a.starts_at AS starts_at',
        'a.cancelled_by AS cancelled_by',
        'a.cancel_reason AS cancel_reason',
        'a.rating AS rating',
        'a.comment AS comment',
        'a.meeting_link AS meeting_link',
        'p.id AS provider_id',
        'p.name AS name',
        'p.address AS address',
        'p.lat_e6 AS lat_e6',
        'p.lng_e6 AS lng_e6',
        'p.active AS active',
        's.status AS slot_status',
        's.starts_at AS slot_starts_at',
      ])
      .addSelect(WAITING, 'waiting')
      .from(LegalAppointment, 'a')
      .innerJoin(LegalProvider, 'p', 'p.id = a.provider_id')
      .innerJoin(LegalSlot, 's', 's.id = a.slot_id')
      .where('a.id = :id AND a.account_id = :accountId', { id, accountId, waiting: 'waiting' })
      .getRawOne<Record<string, unknown>>();
    if (!r) return undefined;
    return {
      appointment: {
        id,
        slotId: Number(r.slot_id),
        status: r.status as AppointmentStatus,
        serviceType: r.service_type as ServiceType,
        mode: r.mode as Mode,
        summary: String(r.summary),
        startsAt: rawDate(r.starts_at) as Date,
        cancelledBy: (r.cancelled_by ?? null) as HolderAppointment['cancelledBy'],
        cancelReason: r.cancel_reason === null ? null : String(r.cancel_reason),
        rating: r.rating === null ? null : Number(r.rating),
        comment: r.comment === null ? null : String(r.comment),
        meetingLink: r.meeting_link === null ? null : String(r.meeting_link),
      },
      provider: Number(r.active) ? providerFromRow(r) : undefined,
      slot: {
        status: r.slot_status as SlotPlaces['status'],
        startsAt: rawDate(r.slot_starts_at) as Date,
        waiting: Number(r.waiting) > 0,
      },
    };
  }

  private async lockHolder(em: EntityManager, accountId: number): Promise<void> {
    if (this.db.kind === 'mysql') await em.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [accountId]);
  }

  /**
   * The slot with its provider and, for a holder, where they stand in one statement: whether they
   * hold a live place in it (its live key) and how many future appointments they have.
   */
  private async slotWithProvider(
    em: EntityManager,
    slotId: number,
    holder?: { accountId: number; now: Date },
  ): Promise<{ slot: SlotWithProvider; standing: HolderStanding | null } | undefined> {
    const q = em
      .createQueryBuilder()
      .select([
        's.provider_id AS provider_id',
        's.starts_at AS starts_at',
        's.status AS status',
        's.service_types AS service_types',
        's.modes AS modes',
        's.booked AS booked',
        's.capacity AS capacity',
        'p.name AS name',
        'p.firm AS firm',
        'p.address AS address',
        'p.lat_e6 AS lat_e6',
        'p.lng_e6 AS lng_e6',
        'p.active AS active',
      ])
      .from(LegalSlot, 's')
      .innerJoin(LegalProvider, 'p', 'p.id = s.provider_id')
      .where('s.id = :slotId', { slotId });
    if (holder) {
      q.addSelect('(SELECT COUNT(*) FROM legal_appointment a WHERE a.live_key = :liveKey)', 'has_place')
        .addSelect(
          '(SELECT COUNT(*) FROM legal_appointment a WHERE a.account_id = :accountId AND a.status IN (:...live) AND a.starts_at > :now)',
          'future',
        )
        .setParameters({
          liveKey: liveKey(slotId, holder.accountId),
          accountId: holder.accountId,
          live: [...LIVE],
          now: holder.now,
        });
    }
    const r = await q.getRawOne<Record<string, unknown>>();
    if (!r) return undefined;
    return {
      slot: {
        id: slotId,
        providerId: Number(r.provider_id),
        startsAt: rawDate(r.starts_at) as Date,
        status: r.status as SlotWithProvider['status'],
        serviceTypes: String(r.service_types),
        modes: String(r.modes),
        booked: Number(r.booked),
        capacity: Number(r.capacity),
        provider: { ...providerFromRow(r), firm: String(r.firm), active: Boolean(Number(r.active)) },
      },
      standing: holder ? { hasPlace: Number(r.has_place) > 0, future: Number(r.future) } : null,
    };
  }

  /** The slot must exist with an active provider, be open, in the future, and offer the service type and mode. */
  private async bookableSlot(
    em: EntityManager,
    input: { slotId: number; serviceType: ServiceType; mode: Mode },
    accountId: number,
    now: Date,
  ): Promise<{ slot: SlotWithProvider; standing: HolderStanding }> {
    const found = await this.slotWithProvider(em, input.slotId, { accountId, now });
    if (!found?.standing || !found.slot.provider.active) throw notFound('时段不存在');
    const { slot, standing } = found;
    if (slot.status === 'cancelled') throw LegalAidErrors.slotCancelled();
    if (slot.startsAt.getTime() <= now.getTime()) throw LegalAidErrors.slotInPast();
    if (!splitList<ServiceType>(slot.serviceTypes).includes(input.serviceType))
      throw validationFailed('serviceType', '该时段不提供此项服务');
    if (!splitList<Mode>(slot.modes).includes(input.mode))
      throw validationFailed('mode', `该时段不提供${MODE_WORDS[input.mode]}服务`);
    return { slot, standing };
  }

  private async checkQuota(em: EntityManager, accountId: number, now: Date): Promise<void> {
    const future = await em.countBy(LegalAppointment, { accountId, status: In([...LIVE]), startsAt: MoreThan(now) });
    if (future >= MAX_FUTURE_APPOINTMENTS) throw LegalAidErrors.tooManyAppointments(MAX_FUTURE_APPOINTMENTS);
  }

  /**
   * `now` as a `datetime` column keeps it: whole seconds on MySQL (MariaDB drops the fraction, MySQL
   * rounds it), milliseconds on SQLite. Rows written with it read back unchanged, so an answer built
   * in the transaction shows what a later read of the same rows shows.
   */
  private asStored(now: Date): Date {
    return this.db.kind === 'mysql' ? new Date(now.getTime() - (now.getTime() % 1000)) : now;
  }

  private async createAppointment(
    em: EntityManager,
    slot: SlotWithProvider,
    accountId: number,
    input: { serviceType: ServiceType; mode: Mode; summary: string },
    now: Date,
  ): Promise<NewAppointment> {
    const at = this.asStored(now);
    const row = {
      slotId: slot.id,
      providerId: slot.providerId,
      accountId,
      serviceType: input.serviceType,
      mode: input.mode,
      summary: input.summary,
      startsAt: slot.startsAt,
      status: 'booked' as const,
      liveKey: liveKey(slot.id, accountId),
      cancelledBy: null,
      cancelReason: null,
      privateNotes: null,
      meetingLink: null,
      rating: null,
      comment: null,
      ratedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    let appointment: LegalAppointment;
    let booked: AppointmentEvent;
    try {
      const r = await em.insert(LegalAppointment, { ...row });
      appointment = { ...row, id: Number(r.identifiers[0].id) };
      booked = await recordCreated(em, 'appointment', appointment.id, { accountId, role: 'holder' }, at);
    } catch (err) {
      if (isUniqueViolation(err)) throw LegalAidErrors.alreadyBooked();
      throw err;
    }
    const { provider } = slot;
    await tellHolder(this.notifications, em, {
      recipient: accountId,
      serviceType: input.serviceType,
      startsAt: slot.startsAt,
      place: placeOf({ mode: input.mode }, provider),
      remark: `已预约${provider.name}`,
      detail:
        `已为您预约${provider.name}（${provider.firm}）的${SERVICE_WORDS[input.serviceType]}，` +
        `${MODE_WORDS[input.mode]}进行。${meetingWords({ mode: input.mode })}开始前 24 小时和 2 小时会提醒您。`,
      key: `appointment:${appointment.id}:booked`,
    });
    return {
      appointment,
      provider: provider.active
        ? {
            id: provider.id,
            name: provider.name,
            address: provider.address,
            latE6: provider.latE6,
            lngE6: provider.lngE6,
          }
        : undefined,
      history: [booked],
    };
  }
}
