import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff } from './helpers/factories';
import { bookingBody, providerWithSlots } from './helpers/legal-aid';

/**
 * Taking a day off back: the day's free times are made again from the weekly hours, booked ones
 * stay as they are, a day already past is refused and an unknown day is 404. Audited.
 */

/** Monday 23 November 2026, 10:00 in Shanghai. */
const START = new Date('2026-11-23T10:00:00+08:00');

/** Thursdays 14:00–15:30 in half hours, one place each. */
const THURSDAYS = [
  {
    weekday: 4,
    start: '14:00',
    end: '15:30',
    slotMinutes: 30,
    capacity: 1,
    serviceTypes: ['consultation'],
    modes: ['onsite'],
  },
];

describe('removing a day off', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(START);
  });
  afterAll(() => t.close());

  /** Every slot of Thursday 26 November, open or not, as `HH:MM status booked`. */
  async function thursday(staff: { auth: Record<string, string> }, providerId: number): Promise<string[]> {
    const res = await t.http
      .get(`/api/v1/staff/legal-aid/providers/${providerId}/desk-slots`)
      .query({ from: '2026-11-26T00:00:00+08:00', to: '2026-11-27T00:00:00+08:00' })
      .set(staff.auth)
      .expect(200);
    return res.body.items.map(
      (s: { startsAt: string; status: string; booked: number }) =>
        `${s.startsAt.slice(11, 16)} ${s.status} ${s.booked}`,
    );
  }

  const removal = (staff: { auth: Record<string, string> }, providerId: number, day: string) =>
    t.http.delete(`/api/v1/staff/legal-aid/providers/${providerId}/days-off/${day}`).set(staff.auth);

  it('brings the day’s free slots back from the weekly hours, booked ones untouched, and is audited', async () => {
    const p = await providerWithSlots(t, { schedules: THURSDAYS });
    expect(await thursday(p.staff, p.providerId)).toEqual(['14:00 open 0', '14:30 open 0', '15:00 open 0']);

    // 14:00 is booked and stays; 14:30 had a booking that was cancelled (closed, not deleted).
    const slots = (
      await t.http
        .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/desk-slots`)
        .query({ from: '2026-11-26T00:00:00+08:00', to: '2026-11-27T00:00:00+08:00' })
        .set(p.staff.auth)
        .expect(200)
    ).body.items as Array<{ id: number }>;
    const keeper = await loginHolder(t);
    await t.http.post('/api/v1/legal-aid/appointments').set(keeper.auth).send(bookingBody(slots[0].id)).expect(201);
    const quitter = await loginHolder(t);
    const gone = await t.http
      .post('/api/v1/legal-aid/appointments')
      .set(quitter.auth)
      .send(bookingBody(slots[1].id))
      .expect(201);
    await t.http.post(`/api/v1/legal-aid/appointments/${gone.body.id}/cancel`).set(quitter.auth).expect(200);

    await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off`)
      .set(p.staff.auth)
      .send({ day: '2026-11-26', reason: '出庭' })
      .expect(201);
    expect(await thursday(p.staff, p.providerId)).toEqual(['14:00 open 1', '14:30 cancelled 0']);

    const res = await removal(p.staff, p.providerId, '2026-11-26').expect(200);
    expect(res.body).toEqual({ slotsMade: 2 });
    expect(await thursday(p.staff, p.providerId)).toEqual(['14:00 open 1', '14:30 open 0', '15:00 open 0']);
    const plan = await t.http
      .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/schedule`)
      .set(p.staff.auth)
      .expect(200);
    expect(plan.body.daysOff).toEqual([]);

    // Gone once: a second removal finds nothing.
    const again = await removal(p.staff, p.providerId, '2026-11-26').expect(404);
    expect(again.body.error.code).toBe('NOT_FOUND');

    const admin = await loginStaff(t, ['admin']);
    const audit = await t.http
      .get('/api/v1/staff/audit-logs')
      .query({ targetType: 'legal_provider', targetId: String(p.providerId), limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('legal_provider.day_off_cancel');
  });

  it('takes today’s day off back too, making only the times still ahead', async () => {
    const p = await providerWithSlots(t, {
      schedules: [{ ...THURSDAYS[0], weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 }],
    });
    await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off`)
      .set(p.staff.auth)
      .send({ day: '2026-11-23' })
      .expect(201);
    // It is 10:00: only 11:00 is still to come.
    expect((await removal(p.staff, p.providerId, '2026-11-23').expect(200)).body).toEqual({ slotsMade: 1 });
  });

  it('refuses a day already past, and an unknown day or provider is 404', async () => {
    const p = await providerWithSlots(t, { schedules: THURSDAYS });
    await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off`)
      .set(p.staff.auth)
      .send({ day: '2026-11-19' })
      .expect(201);
    const past = await removal(p.staff, p.providerId, '2026-11-19').expect(409);
    expect(past.body.error.code).toBe('DAY_OFF_PAST');
    // Still there: nothing changed.
    const admin = await loginStaff(t, ['admin']);
    const audit = await t.http
      .get('/api/v1/staff/audit-logs')
      .query({ targetType: 'legal_provider', targetId: String(p.providerId), limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).not.toContain('legal_provider.day_off_cancel');

    const unknownDay = await removal(p.staff, p.providerId, '2026-12-03').expect(404);
    expect(unknownDay.body.error.code).toBe('NOT_FOUND');
    const unknownProvider = await removal(p.staff, 999_999, '2026-12-03').expect(404);
    expect(unknownProvider.body.error.code).toBe('NOT_FOUND');
    const badDay = await removal(p.staff, p.providerId, '2026-13-40').expect(400);
    expect(badDay.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('is for staff only', async () => {
    const p = await providerWithSlots(t, { schedules: THURSDAYS });
    await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off`)
      .set(p.staff.auth)
      .send({ day: '2026-11-26' })
      .expect(201);
    await removal(p.lawyer, p.providerId, '2026-11-26').expect(403);
    await removal(await loginHolder(t), p.providerId, '2026-11-26').expect(403);
    await t.http.delete(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off/2026-11-26`).expect(401);
  });
});
