import type { Response } from 'supertest';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { bookingBody, providerWithSlots } from './helpers/legal-aid';

/**
 * The provider's desk: a provider sees the name and phone of the holders of their own
 * appointments (a phone consultation needs the number) and nobody else's; check-in opens on the
 * appointment's day in Asia/Shanghai.
 */

/** Monday 23 November 2026, 10:00 in Shanghai. */
const START = new Date('2026-11-23T10:00:00+08:00');
const shanghai = (local: string) => new Date(`${local}+08:00`);

const PHONE_A = '13911112222';
const PHONE_C = '13800001111';

type Provider = Awaited<ReturnType<typeof providerWithSlots>>;

describe('the provider desk', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(START);
  });
  afterAll(() => t.close());

  async function holder(identity?: { name: string; phone: string }): Promise<Session> {
    const s = await loginHolder(t, unique('holder'));
    if (identity) {
      await t.http
        .put('/api/v1/me/identity')
        .set(s.auth)
        .send({ ...identity, idNumber: idNumber('19700101'), category: 'veteran' })
        .expect(200);
    }
    return s;
  }

  async function slotAt(providerId: number, local: string): Promise<number> {
    const res = await t.http.get(`/api/v1/legal-aid/providers/${providerId}/slots`).expect(200);
    const slot = res.body.items.find((s: { startsAt: string }) => s.startsAt.startsWith(local));
    if (!slot) throw new Error(`no open slot at ${local}`);
    return slot.id;
  }

  const book = async (h: Session, p: Provider, local: string, mode = 'phone') =>
    (
      await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(await slotAt(p.providerId, local), { mode }))
        .expect(201)
    ).body as { id: number };
  const desk = (who: Session, query: Record<string, unknown> = {}) =>
    t.http.get('/api/v1/provider/appointments').query(query).set(who.auth).expect(200);
  const itemOf = (res: Response, id: number) => res.body.items.find((a: { id: number }) => a.id === id);

  /** Runs `work` with the clock at `when` and fresh sessions for the given accounts, then puts the clock back. */
  async function atTime<T>(when: Date, sessions: Session[], work: (renewed: Session[]) => Promise<T>): Promise<T> {
    const saved = t.clock.now();
    t.clock.set(when);
    try {
      const renewed: Session[] = [];
      for (const s of sessions) {
        const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
        s.refreshToken = res.body.refreshToken;
        renewed.push({
          ...s,
          accessToken: res.body.accessToken,
          refreshToken: res.body.refreshToken,
          auth: { Authorization: `Bearer ${res.body.accessToken}` },
        });
      }
      return await work(renewed);
    } finally {
      t.clock.set(saved);
    }
  }

  it('shows a provider the name and phone of the holders of their own appointments, and nobody else’s', async () => {
    const one = await providerWithSlots(t);
    const two = await providerWithSlots(t);
    const a = await holder({ name: '陈卫国', phone: PHONE_A });
    const b = await holder();
    const c = await holder({ name: '李红', phone: PHONE_C });
    const apptA = await book(a, one, '2026-11-24T09:00');
    const apptB = await book(b, one, '2026-11-24T09:30', 'onsite');
    const apptC = await book(c, two, '2026-11-24T09:00');

    const mine = await desk(one.lawyer);
    expect(itemOf(mine, apptA.id)).toMatchObject({ mode: 'phone', holder: { name: '陈卫国', phone: PHONE_A } });
    // A holder who bound no identity has nothing to show.
    expect(itemOf(mine, apptB.id).holder).toBeNull();
    expect(itemOf(mine, apptC.id)).toBeUndefined();
    expect(JSON.stringify(mine.body)).not.toContain(PHONE_C);

    const theirs = await desk(two.lawyer);
    expect(theirs.body.items.map((x: { id: number }) => x.id)).toEqual([apptC.id]);
    expect(itemOf(theirs, apptC.id).holder).toEqual({ name: '李红', phone: PHONE_C });
    expect(JSON.stringify(theirs.body)).not.toContain(PHONE_A);
    // Asking for another provider's list gives one's own.
    expect(JSON.stringify((await desk(two.lawyer, { providerId: one.providerId })).body)).not.toContain(PHONE_A);
    // Another provider cannot act on it either.
    await t.http.post(`/api/v1/provider/appointments/${apptA.id}/no-show`).set(two.lawyer.auth).expect(404);

    // The desk's staff view keeps what it had: no names or numbers.
    const staffView = await desk(one.staff, { providerId: one.providerId });
    expect(itemOf(staffView, apptA.id)).toMatchObject({ holderAccountId: a.userId });
    expect(itemOf(staffView, apptA.id)).not.toHaveProperty('holder');
    expect(JSON.stringify(staffView.body)).not.toContain(PHONE_A);

    // Holders' own views are unchanged: nothing of anyone else.
    const holderView = (await t.http.get('/api/v1/legal-aid/appointments/mine').set(a.auth).expect(200)).body;
    expect(holderView.items[0]).not.toHaveProperty('holder');
    expect(JSON.stringify(holderView)).not.toContain(PHONE_C);
    expect(JSON.stringify(holderView)).not.toContain('李红');
    await t.http.get('/api/v1/provider/appointments').set(a.auth).expect(403);

    // Each reading of numbers is audited by appointment, without the numbers; nothing is logged.
    const admin = await loginStaff(t, ['admin']);
    const audit = await t.http
      .get('/api/v1/staff/audit-logs')
      .query({ targetType: 'legal_provider', targetId: String(one.providerId), limit: 100 })
      .set(admin.auth)
      .expect(200);
    const reads = audit.body.items.filter(
      (e: { action: string }) => e.action === 'legal_appointment.holder_phone_read',
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]).toMatchObject({ actorAccountId: one.lawyer.userId, detail: { appointmentIds: [apptA.id] } });
    expect(JSON.stringify(audit.body)).not.toContain(PHONE_A);
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(PHONE_A);
    expect(logs).not.toContain(PHONE_C);
  });

  it('gives the phone only while the appointment is live; the name stays', async () => {
    const p = await providerWithSlots(t);
    const h = await holder({ name: '王军', phone: PHONE_A });
    const appt = await book(h, p, '2026-11-25T10:00');
    expect(itemOf(await desk(p.lawyer), appt.id).holder).toEqual({ name: '王军', phone: PHONE_A });
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(h.auth).expect(200);
    const after = await desk(p.lawyer);
    expect(itemOf(after, appt.id)).toMatchObject({ status: 'cancelled', holder: { name: '王军', phone: null } });
    expect(JSON.stringify(after.body)).not.toContain(PHONE_A);
  });

  it('checks in no earlier than the appointment’s day in Shanghai', async () => {
    const p = await providerWithSlots(t);
    const h = await holder({ name: '赵刚', phone: PHONE_C });
    const tomorrow = await book(h, p, '2026-11-24T09:00');
    const today = await book(h, p, '2026-11-23T15:00');
    const checkIn = (who: Session, id: number) =>
      t.http.post(`/api/v1/provider/appointments/${id}/check-in`).set(who.auth);

    const early = await checkIn(p.lawyer, tomorrow.id).expect(409);
    expect(early.body.error).toMatchObject({ code: 'TOO_EARLY', message: '预约当天才能签到' });
    expect((await checkIn(p.staff, tomorrow.id).expect(409)).body.error.code).toBe('TOO_EARLY');
    // The last second of the day before, in Shanghai (15:59:59 UTC).
    await atTime(shanghai('2026-11-23T23:59:59'), [p.lawyer], async ([lawyer]) => {
      expect((await checkIn(lawyer, tomorrow.id).expect(409)).body.error.code).toBe('TOO_EARLY');
    });
    // Midnight in Shanghai: the day has come, hours before the time itself.
    await atTime(shanghai('2026-11-24T00:00:00'), [p.lawyer], async ([lawyer]) => {
      expect((await checkIn(lawyer, tomorrow.id).expect(200)).body.status).toBe('checked_in');
      expect((await checkIn(lawyer, tomorrow.id).expect(409)).body.error.code).toBe('INVALID_TRANSITION');
    });
    // The same day, hours early.
    expect((await checkIn(p.lawyer, today.id).expect(200)).body.status).toBe('checked_in');
  });
});
