import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff } from './helpers/factories';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';

/**
 * What the console's legal-aid desk reads to plan: every provider (retired ones too), a provider's
 * weekly hours as they are entered and days off ahead, and every slot of a week with places taken.
 */

/** Monday 23 November 2026, 10:00 in Shanghai. */
const START = new Date('2026-11-23T10:00:00+08:00');

describe('the legal-aid desk as the console reads it', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(START);
  });
  afterAll(() => t.close());

  it('lists every provider, retired ones with their state, for staff only', async () => {
    const p = await providerWithSlots(t);
    const retired = await providerWithSlots(t);
    const profile = (await t.http.get(`/api/v1/legal-aid/providers/${retired.providerId}`).expect(200)).body;
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${retired.providerId}`)
      .set(p.staff.auth)
      .send({
        name: profile.name,
        kind: profile.kind,
        firm: profile.firm,
        specialties: profile.specialties,
        serviceTypes: profile.serviceTypes,
        modes: profile.modes,
        accountId: retired.lawyer.userId,
        active: false,
      })
      .expect(200);
    const res = await t.http.get('/api/v1/staff/legal-aid/providers').set(p.staff.auth).expect(200);
    const byId = new Map(res.body.items.map((x: { id: number }) => [x.id, x]));
    expect(byId.get(p.providerId)).toMatchObject({ active: true, accountId: p.lawyer.userId, location: null });
    expect(byId.get(retired.providerId)).toMatchObject({ active: false });
    // Retired ones come last.
    expect(res.body.items.at(-1).active).toBe(false);

    await t.http.get('/api/v1/staff/legal-aid/providers').set(p.lawyer.auth).expect(403);
    await t.http
      .get('/api/v1/staff/legal-aid/providers')
      .set((await loginHolder(t)).auth)
      .expect(403);
  });

  it('gives the weekly hours as they are replaced and the days off from today on', async () => {
    const schedules = [
      {
        weekday: 2,
        start: '14:00',
        end: '17:30',
        slotMinutes: 30,
        capacity: 2,
        serviceTypes: ['mediation'],
        modes: ['onsite'],
      },
      {
        weekday: 1,
        start: '09:00',
        end: '12:00',
        slotMinutes: 60,
        capacity: 1,
        serviceTypes: ['consultation'],
        modes: ['phone', 'video'],
      },
    ];
    const p = await providerWithSlots(t, { schedules });
    const dayOff = (day: string, reason?: string) =>
      t.http
        .post(`/api/v1/staff/legal-aid/providers/${p.providerId}/days-off`)
        .set(p.staff.auth)
        .send({ day, ...(reason ? { reason } : {}) })
        .expect(201);
    await dayOff('2026-11-30', '外出培训');
    await dayOff('2026-11-20'); // in the past: not shown

    const res = await t.http
      .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/schedule`)
      .set(p.staff.auth)
      .expect(200);
    expect(res.body.schedules).toEqual([schedules[1], schedules[0]]);
    expect(res.body.daysOff).toEqual([{ day: '2026-11-30', reason: '外出培训' }]);

    // What was read can be sent back unchanged.
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.providerId}/schedule`)
      .set(p.staff.auth)
      .send({ schedules: res.body.schedules })
      .expect(200);
    await t.http.get('/api/v1/staff/legal-aid/providers/999999/schedule').set(p.staff.auth).expect(404);
  });

  it('gives every slot of a week, booked and cancelled ones too, with the places taken', async () => {
    const p = await providerWithSlots(t);
    const holder = await loginHolder(t);
    const [first, second] = await openSlots(t, p.providerId);
    await t.http.post('/api/v1/legal-aid/appointments').set(holder.auth).send(bookingBody(first.id)).expect(201);
    await t.http
      .post(`/api/v1/staff/legal-aid/slots/${second.id}/cancel`)
      .set(p.staff.auth)
      .send({ reason: '律师临时出庭' })
      .expect(200);

    const week = {
      from: new Date('2026-11-23T00:00:00+08:00').toISOString(),
      to: new Date('2026-11-30T00:00:00+08:00').toISOString(),
    };
    const res = await t.http
      .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/desk-slots`)
      .query(week)
      .set(p.staff.auth)
      .expect(200);
    const byId = new Map(res.body.items.map((s: { id: number }) => [s.id, s]));
    expect(byId.get(first.id)).toMatchObject({ booked: 1, capacity: 1, status: 'open', cancelReason: null });
    expect(byId.get(second.id)).toMatchObject({ status: 'cancelled', cancelReason: '律师临时出庭' });
    // 7 days × 16 half-hours, less Monday's 09:00–10:30 (made only from 10:00 on, starting after now).
    expect(res.body.items).toHaveLength(7 * 16 - 3);
    const starts = res.body.items.map((s: { startsAt: string }) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);

    await t.http
      .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/desk-slots`)
      .query({ from: week.from })
      .set(p.staff.auth)
      .expect(400);
    const station = await loginStaff(t, ['station_staff']);
    await t.http
      .get(`/api/v1/staff/legal-aid/providers/${p.providerId}/desk-slots`)
      .query(week)
      .set(station.auth)
      .expect(403);
  });
});
