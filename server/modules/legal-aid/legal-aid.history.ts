import { In, type EntityManager } from 'typeorm';
import type { TransitionActor } from '../../lib/state-machine';
import { AppointmentEvent } from './appointment-event.entity';
import { WaitlistEvent } from './waitlist-event.entity';

/** Where appointments' and waitlist entries' transitions write their history rows. */
export const APPOINTMENT_HISTORY = { entity: AppointmentEvent, subjectKey: 'appointmentId' } as const;
export const WAITLIST_HISTORY = { entity: WaitlistEvent, subjectKey: 'waitlistId' } as const;

/** The system acting on its own: jobs, and places passed down the waitlist. */
export const SYSTEM: TransitionActor = { accountId: null, role: 'system' };

/**
 * The first history row of a new appointment or waitlist entry (it has no `from`), returned as
 * written: the caller's answer shows it without reading it back.
 */
export async function recordCreated(
  em: EntityManager,
  kind: 'appointment',
  id: number,
  actor: TransitionActor,
  at: Date,
): Promise<AppointmentEvent>;
export async function recordCreated(
  em: EntityManager,
  kind: 'waitlist',
  id: number,
  actor: TransitionActor,
  at: Date,
): Promise<WaitlistEvent>;
export async function recordCreated(
  em: EntityManager,
  kind: 'appointment' | 'waitlist',
  id: number,
  actor: TransitionActor,
  at: Date,
): Promise<AppointmentEvent | WaitlistEvent> {
  const common = {
    fromStatus: null,
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
    createdAt: at,
  };
  if (kind === 'appointment') {
    const row = { ...common, appointmentId: id, action: 'book', toStatus: 'booked' as const };
    const r = await em.insert(AppointmentEvent, row);
    return { ...row, id: Number(r.identifiers[0].id) };
  }
  const row = { ...common, waitlistId: id, action: 'join', toStatus: 'waiting' as const };
  const r = await em.insert(WaitlistEvent, row);
  return { ...row, id: Number(r.identifiers[0].id) };
}

/** Each appointment's history, oldest first. */
export async function appointmentHistory(
  em: EntityManager,
  ids: readonly number[],
): Promise<Map<number, AppointmentEvent[]>> {
  const byId = new Map<number, AppointmentEvent[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await em.find(AppointmentEvent, { where: { appointmentId: In([...ids]) }, order: { id: 'ASC' } });
  for (const r of rows) byId.get(r.appointmentId)?.push(r);
  return byId;
}
