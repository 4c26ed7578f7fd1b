import { In, type EntityManager } from 'typeorm';
import type { TransitionActor } from '../../lib/state-machine';
import { AppointmentEvent } from './appointment-event.entity';
import { WaitlistEvent } from './waitlist-event.entity';

/** Where appointments' and waitlist entries' transitions write their history rows. */
export const APPOINTMENT_HISTORY = { entity: AppointmentEvent, subjectKey: 'appointmentId' } as const;
export const WAITLIST_HISTORY = { entity: WaitlistEvent, subjectKey: 'waitlistId' } as const;

/** The system acting on its own: jobs, and places passed down the waitlist. */
export const SYSTEM: TransitionActor = { accountId: null, role: 'system' };

/** The first history row of a new appointment or waitlist entry (it has no `from`). */
export async function recordCreated(
  em: EntityManager,
  kind: 'appointment' | 'waitlist',
  id: number,
  actor: TransitionActor,
  at: Date,
): Promise<void> {
  const common = {
    fromStatus: null,
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
    createdAt: at,
  };
  if (kind === 'appointment') {
    await em.insert(AppointmentEvent, { ...common, appointmentId: id, action: 'book', toStatus: 'booked' });
  } else {
    await em.insert(WaitlistEvent, { ...common, waitlistId: id, action: 'join', toStatus: 'waiting' });
  }
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
