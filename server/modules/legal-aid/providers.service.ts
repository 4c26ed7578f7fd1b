import { In, MoreThan, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../../lib/working-days';
import { Account } from '../auth/account.entity';
import { rolesOf } from '../auth/accounts.service';
import { setFileUses } from '../files/file-use.service';
import { canAttachFile } from '../files/files.policy';
import { StoredFile } from '../files/stored-file.entity';
import { recordAudit } from '../staff/audit.service';
import { LegalAidErrors } from './legal-aid.errors';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalDayOff } from './legal-day-off.entity';
import { LegalProvider } from './legal-provider.entity';
import { LegalSchedule } from './legal-schedule.entity';
import { LegalSlot } from './legal-slot.entity';
import { LegalWaitlist } from './legal-waitlist.entity';
import { joinList, type Mode, type ServiceType } from './legal-aid.types';
import { generateSlots, SCHEDULE_CHANGE } from './slot-generation';

export interface ProviderInput {
  name: string;
  kind: LegalProvider['kind'];
  firm: string;
  specialties: string[];
  serviceTypes: ServiceType[];
  modes: Mode[];
  languages: string[];
  intro: string;
  photoFileId?: number | null;
  accountId?: number | null;
  active?: boolean;
  address?: string | null;
  location?: { latitude: number; longitude: number } | null;
}

export interface ScheduleInput {
  weekday: number;
  start: string; // HH:MM
  end: string;
  slotMinutes: number;
  capacity: number;
  serviceTypes: ServiceType[];
  modes: Mode[];
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Providers' published profiles (点将台), their weekly hours, days off and bookable times. */
export class ProvidersService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(serviceType?: ServiceType): Promise<LegalProvider[]> {
    // The desk has tens of providers, not thousands: the service-type filter runs here.
    const all = await this.db.manager.find(LegalProvider, { where: { active: true }, order: { id: 'ASC' } });
    return all.filter((p) => !serviceType || p.serviceTypes.split(',').includes(serviceType));
  }

  async get(id: number): Promise<LegalProvider> {
    const p = await this.db.manager.findOneBy(LegalProvider, { id, active: true });
    if (!p) throw notFound('服务人员不存在');
    return p;
  }

  /** Open slots of a provider between two instants, with the places left. */
  async slots(providerId: number, from: Date, to: Date): Promise<LegalSlot[]> {
    await this.get(providerId);
    const now = this.clock.now();
    const start = from.getTime() > now.getTime() ? from : now;
    return this.db.manager
      .createQueryBuilder(LegalSlot, 's')
      .where('s.provider_id = :p AND s.status = :open AND s.starts_at > :from AND s.starts_at < :to', {
        p: providerId,
        open: 'open',
        from: start,
        to,
      })
      .orderBy('s.starts_at', 'ASC')
      .limit(500)
      .getMany();
  }

  /**
   * The soonest future times of a service with a place left, across active providers, each with its
   * provider (the service assistant's "next free times"). Type names never contain one another, so
   * a LIKE on the comma list finds the slots that offer the service.
   */
  async nextOpenSlots(
    serviceType: ServiceType,
    limit: number,
  ): Promise<Array<{ slot: LegalSlot; provider: LegalProvider }>> {
    const providers = await this.list(serviceType);
    if (providers.length === 0) return [];
    const slots = await this.db.manager
      .createQueryBuilder(LegalSlot, 's')
      .where('s.provider_id IN (:...ids) AND s.status = :open AND s.starts_at > :now AND s.booked < s.capacity', {
        ids: providers.map((p) => p.id),
        open: 'open',
        now: this.clock.now(),
      })
      .andWhere('s.service_types LIKE :type', { type: `%${serviceType}%` })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit)
      .getMany();
    const byId = new Map(providers.map((p) => [p.id, p]));
    return slots.map((slot) => ({ slot, provider: byId.get(slot.providerId)! }));
  }

  /** Staff create or edit a profile; a linked login must be a lawyer account. Audited. */
  async save(
    actor: Principal,
    input: ProviderInput,
    id: number | undefined,
    requestId: string,
  ): Promise<LegalProvider> {
    return this.db.transaction(async (em) => {
      if (input.accountId) {
        if (!(await em.existsBy(Account, { id: input.accountId }))) throw validationFailed('accountId', '账号不存在');
        if (!(await rolesOf(em, input.accountId)).includes('lawyer'))
          throw validationFailed('accountId', '关联账号须为律师或调解员账号');
      }
      if (input.photoFileId) await this.checkPhoto(em, actor, input, id);
      const now = this.clock.now();
      const values = {
        name: input.name,
        kind: input.kind,
        firm: input.firm,
        specialties: joinList(input.specialties),
        serviceTypes: joinList(input.serviceTypes),
        modes: joinList(input.modes),
        languages: joinList(input.languages),
        intro: input.intro,
        photoFileId: input.photoFileId ?? null,
        accountId: input.accountId ?? null,
        address: input.address ?? null,
        latE6: input.location ? Math.round(input.location.latitude * 1e6) : null,
        lngE6: input.location ? Math.round(input.location.longitude * 1e6) : null,
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: now,
      };
      let providerId = id;
      if (providerId) {
        if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
        await onUniqueViolation(
          () => em.update(LegalProvider, { id: providerId }, values),
          LegalAidErrors.accountLinked,
        );
      } else {
        const r = await onUniqueViolation(
          () =>
            em.insert(LegalProvider, {
              ...values,
              active: input.active ?? true,
              ratingSum: 0,
              ratingCount: 0,
              servedCount: 0,
              createdAt: now,
            }),
          LegalAidErrors.accountLinked,
        );
        providerId = Number(r.identifiers[0].id);
      }
      // A replaced or removed photo stops being public with the profile.
      await setFileUses(em, input.photoFileId ? [input.photoFileId] : [], {
        ownerType: 'legal_provider',
        ownerId: providerId,
      });
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: id ? 'legal_provider.update' : 'legal_provider.create',
          targetType: 'legal_provider',
          targetId: providerId,
          detail: { name: input.name },
          requestId,
        },
        now,
      );
      return em.findOneByOrFail(LegalProvider, { id: providerId });
    });
  }

  /**
   * A profile photo becomes visible to everyone logged in, so only a `profile_photo` uploaded by
   * the staff member saving the profile or by the provider's own login may be attached (a photo
   * the profile already shows may stay). Anything else is 400 FILE_NOT_ATTACHABLE and stays private.
   */
  private async checkPhoto(
    em: EntityManager,
    actor: Principal,
    input: ProviderInput,
    id: number | undefined,
  ): Promise<void> {
    const photo = await em.findOneBy(StoredFile, { id: input.photoFileId! });
    const current = id ? await em.findOneBy(LegalProvider, { id }) : null;
    const kept = current !== null && current.photoFileId === input.photoFileId;
    const owners = kept ? [photo?.ownerAccountId] : [actor.accountId, input.accountId];
    if (!canAttachFile(photo, { purpose: 'profile_photo', owners })) throw LegalAidErrors.photoNotAttachable();
  }

  /**
   * Replaces a provider's weekly hours. Future slots nobody booked or waits for are dropped and
   * made again from the new hours; a booked slot is never deleted.
   */
  async replaceSchedule(
    actor: Principal,
    providerId: number,
    entries: ScheduleInput[],
    requestId: string,
  ): Promise<{ schedules: LegalSchedule[]; slotsMade: number }> {
    for (const [i, e] of entries.entries()) {
      if (minutes(e.end) - minutes(e.start) < e.slotMinutes)
        throw validationFailed(`schedules.${i}.end`, '结束时间须晚于开始时间至少一个时段');
    }
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
      const now = this.clock.now();
      await em.delete(LegalSchedule, { providerId });
      for (const e of entries) {
        await em.insert(LegalSchedule, {
          providerId,
          weekday: e.weekday,
          startMinute: minutes(e.start),
          endMinute: minutes(e.end),
          slotMinutes: e.slotMinutes,
          capacity: e.capacity,
          serviceTypes: joinList(e.serviceTypes),
          modes: joinList(e.modes),
          createdAt: now,
        });
      }
      await this.dropFreeFutureSlots(em, providerId, now);
      const slotsMade = await generateSlots(em, [providerId], now);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'legal_provider.schedule',
          targetType: 'legal_provider',
          targetId: providerId,
          detail: { entries: entries.length },
          requestId,
        },
        now,
      );
      return {
        schedules: await em.find(LegalSchedule, {
          where: { providerId },
          order: { weekday: 'ASC', startMinute: 'ASC' },
        }),
        slotsMade,
      };
    });
  }

  /** A day off: that day's free slots go; booked ones stay for the desk to cancel with a reason. */
  async addDayOff(
    actor: Principal,
    providerId: number,
    day: string,
    reason: string | undefined,
    requestId: string,
  ): Promise<{ keptBooked: number }> {
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
      const now = this.clock.now();
      await onUniqueViolation(
        () => em.insert(LegalDayOff, { providerId, day, reason: reason ?? null, createdAt: now }),
        LegalAidErrors.dayOffExists,
      );
      const start = new Date(`${day}T00:00:00+08:00`);
      const end = new Date(start.getTime() + 86_400_000);
      const slots = await em.find(LegalSlot, {
        where: { providerId, startsAt: MoreThan(new Date(start.getTime() - 1)), status: 'open' },
      });
      const thatDay = slots.filter((s) => s.startsAt < end);
      await this.retireFreeSlots(em, thatDay);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'legal_provider.day_off',
          targetType: 'legal_provider',
          targetId: providerId,
          detail: { day },
          requestId,
        },
        now,
      );
      return { keptBooked: thatDay.filter((s) => s.booked > 0).length };
    });
  }

  /**
   * Takes a day off back: the row goes and that day's free slots are made again from the weekly
   * hours (as when the hours are replaced). A day already past is refused: its slots are history.
   */
  async removeDayOff(
    actor: Principal,
    providerId: number,
    day: string,
    requestId: string,
  ): Promise<{ slotsMade: number }> {
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(LegalProvider, { id: providerId }))) throw notFound('服务人员不存在');
      const dayOff = await em.findOneBy(LegalDayOff, { providerId, day });
      if (!dayOff) throw notFound('该日不是休息日');
      const now = this.clock.now();
      if (day < shanghaiDate(now)) throw LegalAidErrors.dayOffPast();
      await em.delete(LegalDayOff, { id: dayOff.id });
      // Generation skips the days still off and keeps every existing slot: only this day's come back.
      const slotsMade = await generateSlots(em, [providerId], now);
      await recordAudit(
        em,
        {
          actorAccountId: actor.accountId,
          action: 'legal_provider.day_off_cancel',
          targetType: 'legal_provider',
          targetId: providerId,
          detail: { day },
          requestId,
        },
        now,
      );
      return { slotsMade };
    });
  }

  /** Keeps every active provider's slots made for the horizon (the daily job). */
  async generateAll(): Promise<number> {
    const providers = await this.db.manager.find(LegalProvider, { where: { active: true }, select: { id: true } });
    return this.db.transaction((em) =>
      generateSlots(
        em,
        providers.map((p) => p.id),
        this.clock.now(),
      ),
    );
  }

  private async dropFreeFutureSlots(em: EntityManager, providerId: number, now: Date): Promise<void> {
    // Only open slots: a time the desk cancelled stays cancelled.
    await this.retireFreeSlots(
      em,
      await em.find(LegalSlot, { where: { providerId, startsAt: MoreThan(now), status: 'open' } }),
    );
  }

  /**
   * Takes free slots out of the book: a slot nobody holds a place in (booked 0) is deleted, or,
   * when old records point to it (a cancelled booking, a waitlist entry that ended), closed as a
   * schedule change so slot generation may open it again. Slots with places taken are kept.
   */
  private async retireFreeSlots(em: EntityManager, slots: LegalSlot[]): Promise<void> {
    const free = slots.filter((s) => s.status === 'open' && s.booked === 0).map((s) => s.id);
    if (free.length === 0) return;
    const referenced = new Set([
      ...(await em.find(LegalAppointment, { where: { slotId: In(free) }, select: { slotId: true } })).map(
        (a) => a.slotId,
      ),
      ...(await em.find(LegalWaitlist, { where: { slotId: In(free) }, select: { slotId: true } })).map((w) => w.slotId),
    ]);
    const deletable = free.filter((id) => !referenced.has(id));
    const closable = free.filter((id) => referenced.has(id));
    if (deletable.length) await em.delete(LegalSlot, { id: In(deletable) });
    if (closable.length)
      await em.update(LegalSlot, { id: In(closable) }, { status: 'cancelled', cancelReason: SCHEDULE_CHANGE });
  }
}
