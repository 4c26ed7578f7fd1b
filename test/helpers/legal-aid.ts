import type { TestContext } from './context';
import { loginStaff, unique, type Session } from './factories';

/** Every day of the week, 09:00–17:00 in 30-minute slots: slots exist whatever day the tests run. */
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
  slotMinutes: 30,
  capacity: 1,
  serviceTypes: ['consultation', 'legal_aid', 'mediation'],
  modes: ['onsite', 'phone', 'video'],
}));

/** A provider with a lawyer login, weekly hours and generated slots. */
export async function providerWithSlots(
  t: TestContext,
  opts: { capacity?: number; schedules?: unknown[] } = {},
): Promise<{ providerId: number; staff: Session; lawyer: Session }> {
  const staff = await loginStaff(t, ['district_staff']);
  const lawyer = await loginStaff(t, ['lawyer']);
  const created = await t.http
    .post('/api/v1/staff/legal-aid/providers')
    .set(staff.auth)
    .send({
      name: `王${unique('').slice(-3)}律师`.slice(0, 10),
      kind: 'lawyer',
      firm: '拥军律师事务所',
      specialties: ['劳动争议', '婚姻家庭'],
      serviceTypes: ['consultation', 'legal_aid', 'mediation'],
      modes: ['onsite', 'phone', 'video'],
      intro: '从事法律援助工作十余年',
      accountId: lawyer.userId,
    })
    .expect(201);
  const schedules = opts.schedules ?? EVERY_DAY.map((s) => ({ ...s, capacity: opts.capacity ?? 1 }));
  await t.http
    .put(`/api/v1/staff/legal-aid/providers/${created.body.id}/schedule`)
    .set(staff.auth)
    .send({ schedules })
    .expect(200);
  return { providerId: created.body.id, staff, lawyer };
}

/** Open slots of the provider, soonest first, more than `hoursAhead` hours away. */
export async function openSlots(
  t: TestContext,
  providerId: number,
  hoursAhead = 3,
): Promise<Array<{ id: number; startsAt: string; remaining: number }>> {
  const res = await t.http.get(`/api/v1/legal-aid/providers/${providerId}/slots`).expect(200);
  const after = t.clock.now().getTime() + hoursAhead * 3_600_000;
  return res.body.items.filter((s: { startsAt: string }) => new Date(s.startsAt).getTime() > after);
}

export const bookingBody = (slotId: number, extra: Record<string, unknown> = {}) => ({
  slotId,
  serviceType: 'consultation',
  mode: 'onsite',
  summary: '工伤赔偿问题咨询',
  ...extra,
});
