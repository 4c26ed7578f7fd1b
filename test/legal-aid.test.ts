import { LessThanOrEqual } from 'typeorm';
import { runJob } from '../server/jobs/job';
import { legalRemindersJob } from '../server/modules/legal-aid/legal-reminders.job';
import { legalSlotsJob } from '../server/modules/legal-aid/legal-slots.job';
import { LegalAppointment } from '../server/modules/legal-aid/legal-appointment.entity';
import { LegalSlot } from '../server/modules/legal-aid/legal-slot.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, signInWithPassword, unique, type Session } from './helpers/factories';
import { bookingBody, providerWithSlots } from './helpers/legal-aid';

/** Monday 23 November 2026, 10:00 in Shanghai: every test starts here. */
const START = new Date('2026-11-23T10:00:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Staff = Awaited<ReturnType<typeof loginStaff>>;
type Holder = Session & { name: string };
interface SlotItem {
  id: number;
  startsAt: string;
  endsAt: string;
  remaining: number;
}
interface Notice {
  title: string;
  body: string;
}

/** A local Shanghai time as an instant: `shanghai('2026-11-24T09:00')`. */
const shanghai = (local: string) => new Date(`${local}:00+08:00`);
/** How notices write a time: `2026年11月23日 12:00`. */
const noticeTime = (iso: string) =>
  `${iso.slice(0, 4)}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日 ${iso.slice(11, 16)}`;

async function freshContext(): Promise<TestContext> {
  const t = await createTestContext();
  t.clock.set(START);
  return t;
}

/** Runs `work` with the clock at `when`, then puts it back. */
async function atTime<T>(t: TestContext, when: Date, work: () => Promise<T>): Promise<T> {
  const saved = t.clock.now();
  t.clock.set(when);
  try {
    return await work();
  } finally {
    t.clock.set(saved);
  }
}

async function newHolder(t: TestContext): Promise<Holder> {
  const name = unique('holder');
  return { ...(await loginHolder(t, name)), name };
}

/** The same holder, signed in again (after the clock moved past the token's life). */
async function holderAgain(t: TestContext, h: Holder): Promise<Holder> {
  const s = await loginHolder(t, h.name);
  expect(s.userId).toBe(h.userId);
  return { ...s, name: h.name };
}

/** The same staff or lawyer account (made by `loginStaff`), signed in again with its password. */
async function staffAgain(t: TestContext, s: Session): Promise<Session> {
  const { username, password } = s as Session & Partial<Pick<Staff, 'username' | 'password'>>;
  if (!username || !password) throw new Error('this session has no password login');
  // Staff sign in with their second factor as well.
  const body = await signInWithPassword(t, { username, password });
  return {
    ...s,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

const profile = (extra: Record<string, unknown> = {}) => ({
  name: '李明律师',
  kind: 'lawyer',
  firm: '拥军律师事务所',
  specialties: ['劳动争议', '婚姻家庭'],
  serviceTypes: ['consultation', 'legal_aid'],
  modes: ['onsite', 'phone'],
  intro: '长期为退役军人提供法律服务',
  ...extra,
});

const hours = (weekday: number, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  weekday,
  start,
  end,
  slotMinutes: 60,
  capacity: 1,
  serviceTypes: ['consultation', 'legal_aid', 'mediation'],
  modes: ['onsite', 'phone', 'video'],
  ...extra,
});

async function slotsOf(t: TestContext, providerId: number): Promise<SlotItem[]> {
  const to = new Date(t.clock.now().getTime() + 40 * DAY).toISOString();
  const res = await t.http.get(`/api/v1/legal-aid/providers/${providerId}/slots`).query({ to }).expect(200);
  return res.body.items;
}

/** The provider's slot starting at a Shanghai local time, e.g. `2026-11-24T09:00`. */
async function slotAt(t: TestContext, providerId: number, local: string): Promise<SlotItem> {
  const slot = (await slotsOf(t, providerId)).find((s) => s.startsAt.startsWith(local));
  if (!slot) throw new Error(`no open slot at ${local}`);
  return slot;
}

async function remainingOf(t: TestContext, providerId: number, slotId: number): Promise<number | undefined> {
  return (await slotsOf(t, providerId)).find((s) => s.id === slotId)?.remaining;
}

const book = (t: TestContext, h: Session, slotId: number, extra: Record<string, unknown> = {}) =>
  t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slotId, extra));

const wait = (t: TestContext, h: Session, slotId: number) =>
  t.http.post('/api/v1/legal-aid/waitlist').set(h.auth).send(bookingBody(slotId));

async function mine(t: TestContext, h: Session) {
  return (await t.http.get('/api/v1/legal-aid/appointments/mine').set(h.auth).expect(200)).body;
}

async function noticesOf(t: TestContext, h: Session): Promise<Notice[]> {
  return (await t.http.get('/api/v1/me/timeline').query({ limit: 100 }).set(h.auth).expect(200)).body.items;
}

const outboxCount = (t: TestContext, key: string) =>
  t.container.db.manager.countBy(OutboxMessage, { idempotencyKey: key });

describe('legal aid providers', () => {
  let t: TestContext;
  let staff: Staff;
  beforeAll(async () => {
    t = await freshContext();
    staff = await loginStaff(t, ['district_staff']);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, who: Session = staff) =>
    t.http.post('/api/v1/staff/legal-aid/providers').set(who.auth).send(body);
  const listed = async (serviceType?: string) =>
    (
      (
        await t.http
          .get('/api/v1/legal-aid/providers')
          .query(serviceType ? { serviceType } : {})
          .expect(200)
      ).body.items as Array<{ id: number }>
    ).map((p) => p.id);

  it('lists providers by service type, with rating and cases served', async () => {
    const counsellor = await create(
      profile({ name: '周心理咨询师', kind: 'counsellor', serviceTypes: ['counselling'], modes: ['phone', 'video'] }),
    ).expect(201);
    const lawyer = await create(profile()).expect(201);
    expect(counsellor.body).toMatchObject({
      serviceTypes: ['counselling'],
      averageRating: null,
      ratingCount: 0,
      servedCount: 0,
    });

    const counselling = await listed('counselling');
    expect(counselling).toContain(counsellor.body.id);
    expect(counselling).not.toContain(lawyer.body.id);
    const legalAid = await listed('legal_aid');
    expect(legalAid).toContain(lawyer.body.id);
    expect(legalAid).not.toContain(counsellor.body.id);
    expect(await listed()).toEqual(expect.arrayContaining([counsellor.body.id, lawyer.body.id]));
    await t.http.get('/api/v1/legal-aid/providers').query({ serviceType: 'astrology' }).expect(400);
  });

  it('hides an inactive provider from the list, and its page and times are not found', async () => {
    const p = await create(profile({ name: '赵调解员', kind: 'mediator', serviceTypes: ['mediation'] })).expect(201);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(2, '09:00', '11:00')] })
      .expect(200);
    await t.http.get(`/api/v1/legal-aid/providers/${p.body.id}`).expect(200);

    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}`)
      .set(staff.auth)
      .send(profile({ name: '赵调解员', kind: 'mediator', serviceTypes: ['mediation'], active: false }))
      .expect(200);
    expect(await listed()).not.toContain(p.body.id);
    expect(await listed('mediation')).not.toContain(p.body.id);
    await t.http.get(`/api/v1/legal-aid/providers/${p.body.id}`).expect(404);
    await t.http.get(`/api/v1/legal-aid/providers/${p.body.id}/slots`).expect(404);

    // Made active again, the profile is back as it was.
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}`)
      .set(staff.auth)
      .send(profile({ name: '赵调解员', kind: 'mediator', serviceTypes: ['mediation'], active: true }))
      .expect(200);
    expect(await listed('mediation')).toContain(p.body.id);
  });

  it('refuses a profile without service types', async () => {
    const empty = await create(profile({ serviceTypes: [] })).expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const { serviceTypes: _omitted, ...missing } = profile();
    await create(missing).expect(400);
  });

  it('links a profile only to a lawyer login, and each login to one profile', async () => {
    const holder = await newHolder(t);
    const linkHolder = await create(profile({ accountId: holder.userId })).expect(400);
    expect(linkHolder.body.error.code).toBe('VALIDATION_FAILED');
    const clerk = await loginStaff(t, ['district_staff']);
    await create(profile({ accountId: clerk.userId })).expect(400);
    await create(profile({ accountId: 99_999_999 })).expect(400);

    const lawyer = await loginStaff(t, ['lawyer']);
    await create(profile({ accountId: lawyer.userId })).expect(201);
    const twice = await create(profile({ name: '钱律师', accountId: lawyer.userId })).expect(409);
    expect(twice.body.error.code).toBe('ACCOUNT_LINKED');
    const other = await create(profile({ name: '孙律师' })).expect(201);
    const relink = await t.http
      .put(`/api/v1/staff/legal-aid/providers/${other.body.id}`)
      .set(staff.auth)
      .send(profile({ name: '孙律师', accountId: lawyer.userId }))
      .expect(409);
    expect(relink.body.error.code).toBe('ACCOUNT_LINKED');
  });

  it('lets only staff create or edit profiles', async () => {
    const holder = await newHolder(t);
    const lawyer = await loginStaff(t, ['lawyer']);
    await create(profile(), holder).expect(403);
    await create(profile(), lawyer).expect(403);
    const p = await create(profile()).expect(201);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}`)
      .set(holder.auth)
      .send(profile({ active: false }))
      .expect(403);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}/schedule`)
      .set(holder.auth)
      .send({ schedules: [hours(2, '09:00', '11:00')] })
      .expect(403);
    await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.body.id}/days-off`)
      .set(lawyer.auth)
      .send({ day: '2026-11-24' })
      .expect(403);
    await t.http.get(`/api/v1/legal-aid/providers/${p.body.id}`).expect(200);
  });
});

describe('legal aid weekly hours and slots', () => {
  let t: TestContext;
  let staff: Staff;
  beforeAll(async () => {
    t = await freshContext();
    staff = await loginStaff(t, ['district_staff']);
  });
  afterAll(() => t.close());

  async function providerWith(schedules: unknown[]): Promise<{ id: number; slotsMade: number }> {
    const p = await t.http.post('/api/v1/staff/legal-aid/providers').set(staff.auth).send(profile()).expect(201);
    const s = await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}/schedule`)
      .set(staff.auth)
      .send({ schedules })
      .expect(200);
    return { id: p.body.id, slotsMade: s.body.slotsMade };
  }

  it('makes slots only on the scheduled weekdays and hours, from now to 14 days ahead, every place free', async () => {
    // Mondays 08:00–12:00 in hours for two; Thursdays 14:00–15:30 in half hours for one.
    const p = await providerWith([
      hours(1, '08:00', '12:00', { capacity: 2 }),
      hours(4, '14:00', '15:30', { slotMinutes: 30 }),
    ]);
    const slots = await slotsOf(t, p.id);
    for (const s of slots) {
      expect(s.startsAt).toMatch(/\+08:00$/);
      expect(s.endsAt).toMatch(/\+08:00$/);
    }
    // Today (a Monday, now 10:00) keeps only 11:00; Monday 7 December is beyond the 14 days.
    expect(slots.map((s) => [s.startsAt.slice(0, 16), s.endsAt.slice(11, 16), s.remaining])).toEqual([
      ['2026-11-23T11:00', '12:00', 2],
      ['2026-11-26T14:00', '14:30', 1],
      ['2026-11-26T14:30', '15:00', 1],
      ['2026-11-26T15:00', '15:30', 1],
      ['2026-11-30T08:00', '09:00', 2],
      ['2026-11-30T09:00', '10:00', 2],
      ['2026-11-30T10:00', '11:00', 2],
      ['2026-11-30T11:00', '12:00', 2],
      ['2026-12-03T14:00', '14:30', 1],
      ['2026-12-03T14:30', '15:00', 1],
      ['2026-12-03T15:00', '15:30', 1],
    ]);
    expect(p.slotsMade).toBe(11);
    expect(
      await t.container.db.manager.countBy(LegalSlot, { providerId: p.id, startsAt: LessThanOrEqual(t.clock.now()) }),
    ).toBe(0);
  });

  it('refuses hours shorter than one slot', async () => {
    const p = await t.http.post('/api/v1/staff/legal-aid/providers').set(staff.auth).send(profile()).expect(201);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(2, '09:00', '09:30')] })
      .expect(400);
    await t.http
      .put('/api/v1/staff/legal-aid/providers/99999999/schedule')
      .set(staff.auth)
      .send({ schedules: [hours(2, '09:00', '11:00')] })
      .expect(404);
  });

  it('remakes the free slots when the hours change, but keeps a booked one', async () => {
    const p = await providerWith([hours(2, '09:00', '11:00')]);
    const kept = await slotAt(t, p.id, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = await book(t, h, kept.id).expect(201);

    const changed = await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(2, '14:00', '16:00')] })
      .expect(200);
    expect(changed.body.slotsMade).toBe(4);
    const slots = await slotsOf(t, p.id);
    expect(slots.map((s) => [s.startsAt.slice(0, 16), s.remaining])).toEqual([
      ['2026-11-24T09:00', 0],
      ['2026-11-24T14:00', 1],
      ['2026-11-24T15:00', 1],
      ['2026-12-01T14:00', 1],
      ['2026-12-01T15:00', 1],
    ]);
    expect(slots[0].id).toBe(kept.id);
    const m = await mine(t, h);
    expect(m.items).toEqual([expect.objectContaining({ id: appt.body.id, status: 'booked', startsAt: kept.startsAt })]);
  });

  it('removes a day off’s free slots, keeps a booked one, and refuses the same day twice', async () => {
    const p = await providerWith([hours(4, '14:00', '15:30', { slotMinutes: 30 })]);
    const booked = await slotAt(t, p.id, '2026-11-26T14:30');
    const h = await newHolder(t);
    await book(t, h, booked.id).expect(201);

    const off = await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.id}/days-off`)
      .set(staff.auth)
      .send({ day: '2026-11-26', reason: '出庭' })
      .expect(201);
    expect(off.body).toEqual({ keptBooked: 1 });
    const afterOff = ['2026-11-26T14:30', '2026-12-03T14:00', '2026-12-03T14:30', '2026-12-03T15:00'];
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterOff);

    const again = await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.id}/days-off`)
      .set(staff.auth)
      .send({ day: '2026-11-26' })
      .expect(409);
    expect(again.body.error.code).toBe('DAY_OFF_EXISTS');
    // Neither the daily job nor new hours bring the day's times back.
    await runJob(legalSlotsJob, t.container);
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterOff);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(4, '14:00', '15:30', { slotMinutes: 30 })] })
      .expect(200);
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterOff);
    expect((await mine(t, h)).items[0]).toMatchObject({ status: 'booked' });
  });

  // A slot whose only booking was cancelled is free: a day off takes it off.
  it('takes off a slot whose only booking was cancelled: it is free', async () => {
    const p = await providerWith([hours(4, '14:00', '15:00')]);
    const slot = await slotAt(t, p.id, '2026-11-26T14:00');
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(h.auth).expect(200);

    const off = await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.id}/days-off`)
      .set(staff.auth)
      .send({ day: '2026-11-26' })
      .expect(201);
    expect(off.body).toEqual({ keptBooked: 0 });
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(['2026-12-03T14:00']);
    expect((await book(t, await newHolder(t), slot.id)).status).not.toBe(201);
  });

  // A free slot of the old hours goes when the hours change, even if a booking of it was cancelled.
  it('drops a free slot of the old hours even when a booking of it was cancelled', async () => {
    const p = await providerWith([hours(2, '09:00', '10:00')]);
    const slot = await slotAt(t, p.id, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(h.auth).expect(200);

    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(2, '14:00', '15:00')] })
      .expect(200);
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual([
      '2026-11-24T14:00',
      '2026-12-01T14:00',
    ]);
    expect((await mine(t, h)).items).toEqual([expect.objectContaining({ id: appt.id, status: 'cancelled' })]);
  });

  // A time the desk cancelled stays cancelled when the weekly hours are saved again.
  it('keeps a time the desk cancelled cancelled when the weekly hours are saved again', async () => {
    const p = await providerWith([hours(2, '09:00', '11:00')]);
    const slot = await slotAt(t, p.id, '2026-11-24T09:00');
    await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(staff.auth)
      .send({ reason: '律师当日出差' })
      .expect(200);
    const afterCancel = ['2026-11-24T10:00', '2026-12-01T09:00', '2026-12-01T10:00'];
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterCancel);
    await runJob(legalSlotsJob, t.container);
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterCancel);

    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: [hours(2, '09:00', '11:00')] })
      .expect(200);
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(afterCancel);
  });

  it('reports no kept bookings for a day off nobody booked', async () => {
    const p = await providerWith([hours(4, '14:00', '15:00')]);
    const off = await t.http
      .post(`/api/v1/staff/legal-aid/providers/${p.id}/days-off`)
      .set(staff.auth)
      .send({ day: '2026-12-03' })
      .expect(201);
    expect(off.body).toEqual({ keptBooked: 0 });
    expect((await slotsOf(t, p.id)).map((s) => s.startsAt.slice(0, 16))).toEqual(['2026-11-26T14:00']);
  });
});

describe('legal aid daily slots job', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  it('keeps active providers’ slots made 14 days ahead, making nothing twice', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const daily = [1, 2, 3, 4, 5, 6, 7].map((wd) => hours(wd, '14:00', '15:00'));
    const p = await t.http.post('/api/v1/staff/legal-aid/providers').set(staff.auth).send(profile()).expect(201);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.body.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: daily })
      .expect(200);
    const gone = await t.http
      .post('/api/v1/staff/legal-aid/providers')
      .set(staff.auth)
      .send(profile({ name: '已离任律师' }))
      .expect(201);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${gone.body.id}/schedule`)
      .set(staff.auth)
      .send({ schedules: daily })
      .expect(200);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${gone.body.id}`)
      .set(staff.auth)
      .send(profile({ name: '已离任律师', active: false }))
      .expect(200);

    expect((await slotsOf(t, p.body.id)).map((s) => s.startsAt.slice(0, 16))).toHaveLength(14);
    expect(await runJob(legalSlotsJob, t.container)).toEqual({ made: 0 });

    await atTime(t, new Date(START.getTime() + 2 * DAY), async () => {
      expect(await runJob(legalSlotsJob, t.container)).toEqual({ made: 2 });
      expect(await runJob(legalSlotsJob, t.container)).toEqual({ made: 0 });
      const slots = await slotsOf(t, p.body.id);
      expect(slots).toHaveLength(14);
      expect(slots[0].startsAt.slice(0, 16)).toBe('2026-11-25T14:00');
      expect(slots.slice(-2).map((s) => s.startsAt.slice(0, 16))).toEqual(['2026-12-07T14:00', '2026-12-08T14:00']);
    });
  });
});

describe('legal aid booking', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  it('refuses a slot whose time has passed', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-23T10:30');
    await atTime(t, new Date(START.getTime() + 45 * MINUTE), async () => {
      const h = await newHolder(t);
      const res = await book(t, h, slot.id).expect(409);
      expect(res.body.error.code).toBe('SLOT_IN_PAST');
    });
  });

  it('refuses a slot the desk cancelled', async () => {
    const { providerId, staff } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(staff.auth)
      .send({ reason: '律师临时出庭' })
      .expect(200);
    const h = await newHolder(t);
    const res = await book(t, h, slot.id).expect(409);
    expect(res.body.error.code).toBe('SLOT_CANCELLED');
  });

  it('refuses a service or a way of meeting the slot does not offer', async () => {
    const { providerId } = await providerWithSlots(t, {
      schedules: [hours(2, '09:00', '11:00', { serviceTypes: ['consultation'], modes: ['phone'] })],
    });
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const service = await book(t, h, slot.id, { serviceType: 'counselling', mode: 'phone' }).expect(400);
    expect(service.body.error.code).toBe('VALIDATION_FAILED');
    const mode = await book(t, h, slot.id, { mode: 'onsite' }).expect(400);
    expect(mode.body.error.code).toBe('VALIDATION_FAILED');
    await book(t, h, slot.id, { mode: 'phone' }).expect(201);
  });

  it('answers 404 for an unknown slot', async () => {
    const h = await newHolder(t);
    await book(t, h, 99_999_999).expect(404);
  });

  it('refuses the same holder twice in one slot, leaving the other place to someone else', async () => {
    const { providerId } = await providerWithSlots(t, { capacity: 2 });
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    expect(slot.remaining).toBe(2);
    const h = await newHolder(t);
    await book(t, h, slot.id).expect(201);
    const twice = await book(t, h, slot.id, { mode: 'phone' }).expect(409);
    expect(twice.body.error.code).toBe('ALREADY_BOOKED');
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
    const other = await newHolder(t);
    await book(t, other, slot.id).expect(201);
    expect(await remainingOf(t, providerId, slot.id)).toBe(0);
    const full = await book(t, await newHolder(t), slot.id).expect(409);
    expect(full.body.error.code).toBe('SLOT_FULL');
  });

  it('allows at most three future appointments; cancelled and past ones do not count', async () => {
    const { providerId } = await providerWithSlots(t);
    const h = await newHolder(t);
    const three = await Promise.all(
      ['2026-11-23T10:30', '2026-11-23T11:00', '2026-11-24T14:00'].map((at) => slotAt(t, providerId, at)),
    );
    const booked = [];
    for (const s of three) booked.push((await book(t, h, s.id).expect(201)).body);
    const fourth = await slotAt(t, providerId, '2026-11-25T09:00');
    const refused = await book(t, h, fourth.id).expect(409);
    expect(refused.body.error.code).toBe('TOO_MANY_APPOINTMENTS');

    await t.http.post(`/api/v1/legal-aid/appointments/${booked[2].id}/cancel`).set(h.auth).expect(200);
    await book(t, h, fourth.id).expect(201);
    const fifth = await slotAt(t, providerId, '2026-11-25T09:30');
    expect((await book(t, h, fifth.id).expect(409)).body.error.code).toBe('TOO_MANY_APPOINTMENTS');

    // Once this morning's two are over, only one future appointment is left.
    await atTime(t, shanghai('2026-11-23T11:45'), async () => {
      const again = await holderAgain(t, h);
      await book(t, again, fifth.id).expect(201);
    });
  });

  it('lets exactly three of four simultaneous bookings by one holder through', async () => {
    const { providerId } = await providerWithSlots(t);
    const h = await newHolder(t);
    const slots = await Promise.all(
      ['2026-11-24T09:00', '2026-11-24T10:00', '2026-11-24T11:00', '2026-11-24T12:00'].map((at) =>
        slotAt(t, providerId, at),
      ),
    );
    const results = await Promise.all(slots.map((s) => book(t, h, s.id)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('TOO_MANY_APPOINTMENTS');
    expect(await t.container.db.manager.countBy(LegalAppointment, { accountId: h.userId, status: 'booked' })).toBe(3);
    const left = await Promise.all(slots.map((s) => remainingOf(t, providerId, s.id)));
    expect(left.filter((r) => r === 0)).toHaveLength(3);
    expect(left.filter((r) => r === 1)).toHaveLength(1);
  });

  it('asks for a summary of at least five characters', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const res = await book(t, h, slot.id, { summary: '离婚' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
  });

  it('is for holders: staff and providers cannot book', async () => {
    const { providerId, staff, lawyer } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    await book(t, staff, slot.id).expect(403);
    await book(t, lawyer, slot.id).expect(403);
    await t.http.post('/api/v1/legal-aid/appointments').send(bookingBody(slot.id)).expect(401);
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
  });
});

describe('legal aid cancelling by the holder', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  it('cancels more than two hours ahead and gives the place back', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = await book(t, h, slot.id).expect(201);
    expect(appt.body.allowedActions).toEqual(['cancel']);
    expect(await remainingOf(t, providerId, slot.id)).toBe(0);
    const cancelled = await t.http
      .post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`)
      .set(h.auth)
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'holder', allowedActions: [] });
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
    await book(t, await newHolder(t), slot.id).expect(201);
  });

  it('refuses within two hours of the start; exactly two hours ahead is still allowed', async () => {
    const { providerId } = await providerWithSlots(t);
    const near = await slotAt(t, providerId, '2026-11-24T09:00');
    const later = await slotAt(t, providerId, '2026-11-24T09:30');
    const h = await newHolder(t);
    const a = await book(t, h, near.id).expect(201);
    const b = await book(t, h, later.id).expect(201);
    await atTime(t, shanghai('2026-11-24T07:30'), async () => {
      const again = await holderAgain(t, h);
      const late = await t.http.post(`/api/v1/legal-aid/appointments/${a.body.id}/cancel`).set(again.auth).expect(409);
      expect(late.body.error.code).toBe('CANCEL_TOO_LATE');
      await t.http.post(`/api/v1/legal-aid/appointments/${b.body.id}/cancel`).set(again.auth).expect(200);
      const m = await mine(t, again);
      expect(m.items.find((x: { id: number }) => x.id === a.body.id)).toMatchObject({
        status: 'booked',
        allowedActions: [],
      });
    });
    expect(await remainingOf(t, providerId, near.id)).toBe(0);
  });

  it('does not let a holder cancel someone else’s appointment', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const owner = await newHolder(t);
    const appt = await book(t, owner, slot.id).expect(201);
    const stranger = await newHolder(t);
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(stranger.auth).expect(404);
    expect((await mine(t, owner)).items[0]).toMatchObject({ id: appt.body.id, status: 'booked' });
    expect(await remainingOf(t, providerId, slot.id)).toBe(0);
  });

  it('refuses a second cancellation and frees the place only once', async () => {
    const { providerId } = await providerWithSlots(t, { capacity: 2 });
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = await book(t, h, slot.id).expect(201);
    await book(t, await newHolder(t), slot.id).expect(201);
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth).expect(200);
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
    const twice = await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth).expect(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
  });
});

describe('legal aid waitlist', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  /** A slot of one place tomorrow at 09:00, taken by `booker`. */
  async function fullSlot() {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const booker = await newHolder(t);
    const appt = await book(t, booker, slot.id).expect(201);
    return { providerId, slot, booker, appt: appt.body as { id: number } };
  }

  const waitEntry = async (h: Session) =>
    (await mine(t, h)).waitlist as Array<{
      id: number;
      status: string;
      offerExpiresAt: string | null;
      slot: { id: number };
    }>;

  it('only a full slot can be waited for, and only once', async () => {
    const { providerId } = await providerWithSlots(t);
    const free = await slotAt(t, providerId, '2026-11-24T10:00');
    const early = await wait(t, await newHolder(t), free.id).expect(409);
    expect(early.body.error.code).toBe('SLOT_AVAILABLE');

    const { slot, booker } = await fullSlot();
    const w = await newHolder(t);
    const entry = await wait(t, w, slot.id).expect(201);
    expect(entry.body.status).toBe('waiting');
    const twice = await wait(t, w, slot.id).expect(409);
    expect(twice.body.error.code).toBe('ALREADY_WAITING');
    const own = await wait(t, booker, slot.id).expect(409);
    expect(own.body.error.code).toBe('ALREADY_BOOKED');
  });

  it('offers a freed place to the first in line with a time limit, then to the next when it runs out', async () => {
    const { providerId, slot, booker, appt } = await fullSlot();
    const first = await newHolder(t);
    const second = await newHolder(t);
    const w1 = (await wait(t, first, slot.id).expect(201)).body;
    const w2 = (await wait(t, second, slot.id).expect(201)).body;
    expect(await noticesOf(t, second)).toHaveLength(0);

    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(booker.auth).expect(200);
    const [offer] = await waitEntry(first);
    expect(offer).toMatchObject({ id: w1.id, status: 'offered' });
    expect(offer.offerExpiresAt).toBe('2026-11-23T12:00:00.000+08:00');
    const told = await noticesOf(t, first);
    expect(told.filter((n) => n.body.includes(noticeTime(offer.offerExpiresAt!)))).toHaveLength(1);
    expect(await waitEntry(second)).toEqual([expect.objectContaining({ id: w2.id, status: 'waiting' })]);
    expect(await noticesOf(t, second)).toHaveLength(0);
    // The place is held for the first in line.
    expect(await remainingOf(t, providerId, slot.id)).toBe(0);
    expect((await book(t, await newHolder(t), slot.id).expect(409)).body.error.code).toBe('SLOT_FULL');

    await atTime(t, new Date(new Date(offer.offerExpiresAt!).getTime() + MINUTE), async () => {
      const late = await holderAgain(t, first);
      const tooLate = await t.http.post(`/api/v1/legal-aid/waitlist/${w1.id}/accept`).set(late.auth).expect(409);
      expect(tooLate.body.error.code).toBe('OFFER_EXPIRED');

      await runJob(legalRemindersJob, t.container);
      const next = await holderAgain(t, second);
      const [passed] = await waitEntry(next);
      expect(passed).toMatchObject({ id: w2.id, status: 'offered' });
      expect(
        (await noticesOf(t, next)).filter((n) => n.body.includes(noticeTime(passed.offerExpiresAt!))),
      ).toHaveLength(1);
      expect(await waitEntry(late)).toEqual([]);
      expect(
        (await t.http.post(`/api/v1/legal-aid/waitlist/${w1.id}/accept`).set(late.auth).expect(409)).body.error.code,
      ).toBe('OFFER_EXPIRED');

      // Running the job again changes nothing.
      await runJob(legalRemindersJob, t.container);
      expect(await waitEntry(next)).toEqual([expect.objectContaining({ id: w2.id, status: 'offered' })]);

      const taken = await t.http.post(`/api/v1/legal-aid/waitlist/${w2.id}/accept`).set(next.auth).expect(201);
      expect(taken.body).toMatchObject({ status: 'booked', startsAt: slot.startsAt });
      expect(await remainingOf(t, providerId, slot.id)).toBe(0);
      expect(await waitEntry(next)).toEqual([]);
    });
  });

  it('passes the place on when the offered holder leaves', async () => {
    const { slot, booker, appt } = await fullSlot();
    const first = await newHolder(t);
    const second = await newHolder(t);
    const w1 = (await wait(t, first, slot.id).expect(201)).body;
    const w2 = (await wait(t, second, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(booker.auth).expect(200);
    expect((await waitEntry(first))[0]).toMatchObject({ id: w1.id, status: 'offered' });

    await t.http.post(`/api/v1/legal-aid/waitlist/${w1.id}/leave`).set(first.auth).expect(204);
    expect(await waitEntry(first)).toEqual([]);
    const [offer] = await waitEntry(second);
    expect(offer).toMatchObject({ id: w2.id, status: 'offered' });
    expect((await noticesOf(t, second)).filter((n) => n.body.includes(noticeTime(offer.offerExpiresAt!)))).toHaveLength(
      1,
    );
    await t.http.post(`/api/v1/legal-aid/waitlist/${w2.id}/accept`).set(second.auth).expect(201);
  });

  it('returns the place to the slot when nobody else waits', async () => {
    const { providerId, slot, booker, appt } = await fullSlot();
    const only = await newHolder(t);
    const w = (await wait(t, only, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(booker.auth).expect(200);
    expect(await remainingOf(t, providerId, slot.id)).toBe(0);
    await t.http.post(`/api/v1/legal-aid/waitlist/${w.id}/leave`).set(only.auth).expect(204);
    expect(await remainingOf(t, providerId, slot.id)).toBe(1);
    await book(t, await newHolder(t), slot.id).expect(201);
  });

  it('returns the place to the slot when the last offer runs out', async () => {
    const { providerId, slot, booker, appt } = await fullSlot();
    const only = await newHolder(t);
    await wait(t, only, slot.id).expect(201);
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(booker.auth).expect(200);
    const [offer] = await waitEntry(only);
    await atTime(t, new Date(new Date(offer.offerExpiresAt!).getTime() + MINUTE), async () => {
      await runJob(legalRemindersJob, t.container);
      expect(await remainingOf(t, providerId, slot.id)).toBe(1);
    });
  });
});

describe('legal aid desk cancellations', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  it('cancels a slot with a reason: holders hear it and the provider’s next free time; waiters are told', async () => {
    const { providerId, staff } = await providerWithSlots(t, { capacity: 2 });
    const slot = await slotAt(t, providerId, '2026-11-23T11:00');
    const nextFree = (await slotsOf(t, providerId)).find((s) => s.id !== slot.id && s.remaining > 0)!;
    expect(nextFree.startsAt.slice(0, 16)).toBe('2026-11-23T10:30');
    const h1 = await newHolder(t);
    const h2 = await newHolder(t);
    const a1 = (await book(t, h1, slot.id).expect(201)).body;
    const a2 = (await book(t, h2, slot.id).expect(201)).body;
    const waiter = await newHolder(t);
    await wait(t, waiter, slot.id).expect(201);

    const reason = '律师临时出庭';
    const res = await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(staff.auth)
      .send({ reason })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelled: 2 });

    for (const [h, a] of [
      [h1, a1],
      [h2, a2],
    ] as const) {
      expect((await mine(t, h)).items).toEqual([
        expect.objectContaining({ id: a.id, status: 'cancelled', cancelledBy: 'staff', cancelReason: reason }),
      ]);
      const told = (await noticesOf(t, h)).filter((n) => n.body.includes(reason));
      expect(told).toHaveLength(1);
      expect(told[0].body).toContain(noticeTime(nextFree.startsAt));
    }
    expect((await noticesOf(t, waiter)).filter((n) => n.body.includes(reason))).toHaveLength(1);
    expect((await mine(t, waiter)).waitlist).toEqual([]);
    expect((await slotsOf(t, providerId)).map((s) => s.id)).not.toContain(slot.id);

    const twice = await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(staff.auth)
      .send({ reason })
      .expect(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
    // The holders can book again elsewhere: the cancelled ones do not count.
    await book(t, h1, nextFree.id).expect(201);
  });

  it('cancels one appointment with a reason, even within two hours, and offers the place to the waitlist', async () => {
    const { providerId, staff } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    const waiter = await newHolder(t);
    const w = (await wait(t, waiter, slot.id).expect(201)).body;

    await atTime(t, shanghai('2026-11-24T08:00'), async () => {
      const desk = await staffAgain(t, staff);
      const reason = '当事人已和解';
      const res = await t.http
        .post(`/api/v1/staff/legal-aid/appointments/${appt.id}/cancel`)
        .set(desk.auth)
        .send({ reason })
        .expect(200);
      expect(res.body).toMatchObject({ id: appt.id, status: 'cancelled', cancelledBy: 'staff', cancelReason: reason });
      const holder = await holderAgain(t, h);
      expect((await noticesOf(t, holder)).filter((n) => n.body.includes(reason))).toHaveLength(1);
      const next = await holderAgain(t, waiter);
      expect((await mine(t, next)).waitlist).toEqual([expect.objectContaining({ id: w.id, status: 'offered' })]);
      const twice = await t.http
        .post(`/api/v1/staff/legal-aid/appointments/${appt.id}/cancel`)
        .set(desk.auth)
        .send({ reason })
        .expect(409);
      expect(twice.body.error.code).toBe('INVALID_TRANSITION');
      await t.http.post(`/api/v1/legal-aid/waitlist/${w.id}/accept`).set(next.auth).expect(201);
    });
  });

  it('needs a reason, and only staff may cancel for the desk', async () => {
    const { providerId, staff, lawyer } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`).set(staff.auth).send({}).expect(400);
    await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(h.auth)
      .send({ reason: '无故取消' })
      .expect(403);
    await t.http
      .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
      .set(lawyer.auth)
      .send({ reason: '无故取消' })
      .expect(403);
    await t.http
      .post(`/api/v1/staff/legal-aid/appointments/${appt.id}/cancel`)
      .set(h.auth)
      .send({ reason: '无故取消' })
      .expect(403);
    await t.http
      .post('/api/v1/staff/legal-aid/slots/99999999/cancel')
      .set(staff.auth)
      .send({ reason: '律师临时出庭' })
      .expect(404);
    expect((await mine(t, h)).items[0]).toMatchObject({ status: 'booked' });
  });
});

describe('legal aid serving', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  const desk = (who: Session, query: Record<string, unknown> = {}) =>
    t.http.get('/api/v1/provider/appointments').query(query).set(who.auth);
  const act = (who: Session, id: number, step: 'check-in' | 'complete' | 'no-show', body?: object) =>
    t.http
      .post(`/api/v1/provider/appointments/${id}/${step}`)
      .set(who.auth)
      .send(body ?? {});
  const ids = (res: { body: { items: Array<{ id: number }> } }) => res.body.items.map((a) => a.id);

  it('shows a provider their own appointments only, and staff any provider’s', async () => {
    const one = await providerWithSlots(t);
    const two = await providerWithSlots(t);
    const h = await newHolder(t);
    const a1 = (await book(t, h, (await slotAt(t, one.providerId, '2026-11-24T09:00')).id).expect(201)).body;
    const a2 = (await book(t, h, (await slotAt(t, two.providerId, '2026-11-24T10:00')).id).expect(201)).body;

    const own = await desk(one.lawyer).expect(200);
    expect(ids(own)).toContain(a1.id);
    expect(ids(own)).not.toContain(a2.id);
    expect(own.body.items.find((a: { id: number }) => a.id === a1.id)).toMatchObject({
      holderAccountId: h.userId,
      summary: '工伤赔偿问题咨询',
    });
    const theirs = await desk(two.lawyer).expect(200);
    expect(ids(theirs)).toEqual([a2.id]);
    // A provider cannot look at another's by asking for it.
    expect(ids(await desk(one.lawyer, { providerId: two.providerId }).expect(200))).not.toContain(a2.id);
    const staffView = await desk(one.staff, { providerId: two.providerId }).expect(200);
    expect(ids(staffView)).toContain(a2.id);
    expect(ids(staffView)).not.toContain(a1.id);

    const unlinked = await loginStaff(t, ['lawyer']);
    expect((await desk(unlinked).expect(403)).body.error.code).toBe('FORBIDDEN');
    await act(unlinked, a1.id, 'check-in').expect(403);
    await act(two.lawyer, a1.id, 'check-in').expect(404);
  });

  it('marks a no-show only once the time has begun, and flags a holder with repeated no-shows', async () => {
    const { providerId, lawyer, staff } = await providerWithSlots(t);
    const h = await newHolder(t);
    const once = await newHolder(t);
    const a = (await book(t, h, (await slotAt(t, providerId, '2026-11-23T10:30')).id).expect(201)).body;
    const b = (await book(t, h, (await slotAt(t, providerId, '2026-11-23T11:00')).id).expect(201)).body;
    const c = (await book(t, once, (await slotAt(t, providerId, '2026-11-23T11:30')).id).expect(201)).body;

    const early = await act(lawyer, a.id, 'no-show').expect(409);
    expect(early.body.error.code).toBe('TOO_EARLY');
    const flaggedBefore = (await t.http.get('/api/v1/staff/legal-aid/flagged').set(staff.auth).expect(200)).body.items;
    expect(flaggedBefore.map((f: { accountId: number }) => f.accountId)).not.toContain(h.userId);

    await atTime(t, shanghai('2026-11-23T11:40'), async () => {
      const provider = await staffAgain(t, lawyer);
      expect((await act(provider, a.id, 'no-show').expect(200)).body.status).toBe('no_show');
      expect((await act(provider, c.id, 'no-show').expect(200)).body.status).toBe('no_show');
      expect((await act(provider, a.id, 'no-show').expect(409)).body.error.code).toBe('INVALID_TRANSITION');
      const afterOne = (
        await t.http
          .get('/api/v1/staff/legal-aid/flagged')
          .set((await staffAgain(t, staff)).auth)
          .expect(200)
      ).body.items;
      expect(afterOne.map((f: { accountId: number }) => f.accountId)).not.toContain(h.userId);

      const deskStaff = await staffAgain(t, staff);
      expect((await act(deskStaff, b.id, 'no-show').expect(200)).body.status).toBe('no_show');
      const flagged = (await t.http.get('/api/v1/staff/legal-aid/flagged').set(deskStaff.auth).expect(200)).body.items;
      expect(flagged).toContainEqual({ accountId: h.userId, noShows: 2 });
      expect(flagged.map((f: { accountId: number }) => f.accountId)).not.toContain(once.userId);
      const holder = await holderAgain(t, h);
      await t.http.get('/api/v1/staff/legal-aid/flagged').set(holder.auth).expect(403);
    });
  });

  it('completes from booked or from checked in, once, with notes only the provider and staff see', async () => {
    const { providerId, lawyer, staff } = await providerWithSlots(t);
    const other = await providerWithSlots(t);
    const h = await newHolder(t);
    const neighbour = await newHolder(t);
    const a = (await book(t, h, (await slotAt(t, providerId, '2026-11-24T09:00')).id).expect(201)).body;
    const b = (await book(t, h, (await slotAt(t, providerId, '2026-11-24T09:30')).id).expect(201)).body;
    await book(t, neighbour, (await slotAt(t, providerId, '2026-11-24T10:00')).id).expect(201);

    // Check-in opens on the appointment's day.
    expect((await act(lawyer, a.id, 'check-in').expect(409)).body.error.code).toBe('TOO_EARLY');
    await atTime(t, shanghai('2026-11-24T08:50'), async () => {
      expect((await act(await staffAgain(t, lawyer), a.id, 'check-in').expect(200)).body.status).toBe('checked_in');
    });
    const notesA = '当事人存在工伤认定争议，建议申请劳动仲裁';
    const notesB = '婚姻财产需补充证据材料';
    const doneA = await act(lawyer, a.id, 'complete', { notes: notesA }).expect(200);
    expect(doneA.body).toMatchObject({ status: 'completed', privateNotes: notesA });
    const doneB = await act(staff, b.id, 'complete', { notes: notesB }).expect(200);
    expect(doneB.body).toMatchObject({ status: 'completed', privateNotes: notesB });
    expect((await act(lawyer, a.id, 'complete', { notes: '改写' }).expect(409)).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
    await act(lawyer, a.id, 'check-in').expect(409);

    const holderView = await mine(t, h);
    expect(holderView.items.map((x: { status: string }) => x.status)).toEqual(['completed', 'completed']);
    for (const item of holderView.items) expect(item).not.toHaveProperty('privateNotes');
    const everythingTheHolderSees = JSON.stringify([
      holderView,
      await noticesOf(t, h),
      await mine(t, neighbour),
      await noticesOf(t, neighbour),
    ]);
    expect(everythingTheHolderSees).not.toContain(notesA);
    expect(everythingTheHolderSees).not.toContain(notesB);
    expect(everythingTheHolderSees).not.toContain('劳动仲裁');

    const providerView = (await desk(lawyer).expect(200)).body.items;
    expect(providerView.find((x: { id: number }) => x.id === a.id).privateNotes).toBe(notesA);
    const staffView = (await desk(staff, { providerId }).expect(200)).body.items;
    expect(staffView.find((x: { id: number }) => x.id === b.id).privateNotes).toBe(notesB);
    expect(JSON.stringify((await desk(other.lawyer).expect(200)).body)).not.toContain(notesA);

    const profileAfter = await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200);
    expect(profileAfter.body.servedCount).toBe(2);
  });

  it('keeps holders out of the provider desk', async () => {
    const { providerId } = await providerWithSlots(t);
    const h = await newHolder(t);
    const a = (await book(t, h, (await slotAt(t, providerId, '2026-11-24T09:00')).id).expect(201)).body;
    await desk(h).expect(403);
    await act(h, a.id, 'check-in').expect(403);
    await act(h, a.id, 'complete', { notes: '自己完成' }).expect(403);
    await act(h, a.id, 'no-show').expect(403);
    expect((await mine(t, h)).items[0]).toMatchObject({ status: 'booked' });
  });
});

describe('legal aid ratings', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  const complete = (who: Session, id: number) =>
    t.http.post(`/api/v1/provider/appointments/${id}/complete`).set(who.auth).send({}).expect(200);

  it('rates a completed appointment once, from 1 to 5, and updates the provider’s profile', async () => {
    const { providerId, lawyer } = await providerWithSlots(t);
    const h = await newHolder(t);
    const h2 = await newHolder(t);
    const a = (await book(t, h, (await slotAt(t, providerId, '2026-11-24T09:00')).id).expect(201)).body;
    const b = (await book(t, h2, (await slotAt(t, providerId, '2026-11-24T09:30')).id).expect(201)).body;
    const review = (who: Session, id: number, body: object) =>
      t.http.post(`/api/v1/legal-aid/appointments/${id}/review`).set(who.auth).send(body);

    const early = await review(h, a.id, { rating: 5 }).expect(409);
    expect(early.body.error.code).toBe('INVALID_TRANSITION');
    await complete(lawyer, a.id);
    await complete(lawyer, b.id);

    for (const rating of [6, 0, 4.5]) await review(h, a.id, { rating }).expect(400);
    await review(h2, a.id, { rating: 1 }).expect(404);

    const rated = await review(h, a.id, { rating: 4, comment: '解答很耐心' }).expect(200);
    expect(rated.body).toMatchObject({ rating: 4, comment: '解答很耐心', allowedActions: [] });
    expect((await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200)).body).toMatchObject({
      averageRating: 4,
      ratingCount: 1,
    });

    const again = await review(h, a.id, { rating: 1 }).expect(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200)).body).toMatchObject({
      averageRating: 4,
      ratingCount: 1,
    });

    await review(h2, b.id, { rating: 5 }).expect(200);
    expect((await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200)).body).toMatchObject({
      averageRating: 4.5,
      ratingCount: 2,
      servedCount: 2,
    });
  });
});

describe('legal aid reminders', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  const keys = (id: number) => ({
    booked: `appointment:${id}:booked`,
    day: `appointment:${id}:remind:24h`,
    soon: `appointment:${id}:remind:2h`,
  });

  it('confirms a booking at once, with one notice', async () => {
    const { providerId } = await providerWithSlots(t);
    const h = await newHolder(t);
    const appt = (await book(t, h, (await slotAt(t, providerId, '2026-11-24T09:00')).id).expect(201)).body;
    const rows = await t.container.db.manager.findBy(OutboxMessage, { idempotencyKey: keys(appt.id).booked });
    expect(rows).toHaveLength(1);
    expect(rows[0].recipientAccountId).toBe(h.userId);
    expect(await noticesOf(t, h)).toHaveLength(1);
  });

  it('reminds 24 hours and 2 hours before, each exactly once however often the job runs', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T15:00');
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    const k = keys(appt.id);
    const start = new Date(slot.startsAt).getTime();
    const runs: Array<[number, number, number]> = [
      // hours before the start, then how many 24 h and 2 h reminders exist after the job ran there
      [28, 0, 0],
      [25, 0, 0],
      [23.5, 1, 0],
      [23, 1, 0],
      [12, 1, 0],
      [3, 1, 0],
      [1.75, 1, 1],
      [1.5, 1, 1],
      [0.5, 1, 1],
      [0.1, 1, 1],
    ];
    for (const [before, day, soon] of runs) {
      await atTime(t, new Date(start - before * HOUR), async () => {
        await runJob(legalRemindersJob, t.container);
        await runJob(legalRemindersJob, t.container);
      });
      expect([before, await outboxCount(t, k.day), await outboxCount(t, k.soon)]).toEqual([before, day, soon]);
    }
    expect(await t.container.db.manager.countBy(OutboxMessage, { recipientAccountId: h.userId })).toBe(3);
  });

  it('skips the 24-hour reminder of a booking made 10 hours before, but sends the 2-hour one', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T09:00');
    const start = new Date(slot.startsAt).getTime();
    const h = await newHolder(t);
    const appt = await atTime(
      t,
      new Date(start - 10 * HOUR),
      async () => (await book(t, await holderAgain(t, h), slot.id).expect(201)).body,
    );
    const k = keys(appt.id);
    for (const before of [9.5, 9, 5, 2.5]) {
      await atTime(t, new Date(start - before * HOUR), () => runJob(legalRemindersJob, t.container));
    }
    expect(await outboxCount(t, k.day)).toBe(0);
    expect(await outboxCount(t, k.soon)).toBe(0);
    for (const before of [1.9, 1, 0.25]) {
      await atTime(t, new Date(start - before * HOUR), () => runJob(legalRemindersJob, t.container));
    }
    expect(await outboxCount(t, k.day)).toBe(0);
    expect(await outboxCount(t, k.soon)).toBe(1);
  });

  it('sends no reminder for a cancelled appointment', async () => {
    const { providerId } = await providerWithSlots(t);
    const slot = await slotAt(t, providerId, '2026-11-24T15:00');
    const start = new Date(slot.startsAt).getTime();
    const h = await newHolder(t);
    const appt = (await book(t, h, slot.id).expect(201)).body;
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(h.auth).expect(200);
    for (const before of [23, 12, 1.5, 0.5]) {
      await atTime(t, new Date(start - before * HOUR), () => runJob(legalRemindersJob, t.container));
    }
    expect(await outboxCount(t, keys(appt.id).day)).toBe(0);
    expect(await outboxCount(t, keys(appt.id).soon)).toBe(0);
    expect(await t.container.db.manager.countBy(OutboxMessage, { recipientAccountId: h.userId })).toBe(1);
  });
});

describe('legal aid figures', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await freshContext();
  });
  afterAll(() => t.close());

  it('counts by service type and outcome, with the no-show rate, ratings and busiest hours', async () => {
    const { providerId, staff } = await providerWithSlots(t, {
      schedules: [hours(2, '09:00', '12:00', { capacity: 5 }), hours(2, '14:00', '15:00', { capacity: 5 })],
    });
    const at = (local: string) => slotAt(t, providerId, local).then((s) => s.id);
    const nine = await at('2026-11-24T09:00');
    const ten = await at('2026-11-24T10:00');
    const eleven = await at('2026-11-24T11:00');
    const two = await at('2026-11-24T14:00');
    const plan: Array<[number, string, string]> = [
      [nine, 'consultation', 'completed'],
      [nine, 'consultation', 'completed'],
      [nine, 'consultation', 'no_show'],
      [ten, 'consultation', 'completed'],
      [ten, 'mediation', 'completed'],
      [eleven, 'consultation', 'booked'],
      [two, 'consultation', 'cancelled'],
    ];
    const made: Array<{ id: number; holder: Holder; outcome: string }> = [];
    for (const [slotId, serviceType, outcome] of plan) {
      const holder = await newHolder(t);
      const appt = (await book(t, holder, slotId, { serviceType }).expect(201)).body;
      made.push({ id: appt.id, holder, outcome });
    }
    for (const m of made) {
      if (m.outcome === 'completed')
        await t.http.post(`/api/v1/provider/appointments/${m.id}/complete`).set(staff.auth).send({}).expect(200);
      if (m.outcome === 'cancelled')
        await t.http.post(`/api/v1/legal-aid/appointments/${m.id}/cancel`).set(m.holder.auth).expect(200);
    }
    const [first, second] = made;
    await t.http
      .post(`/api/v1/legal-aid/appointments/${first.id}/review`)
      .set(first.holder.auth)
      .send({ rating: 4 })
      .expect(200);
    await t.http
      .post(`/api/v1/legal-aid/appointments/${second.id}/review`)
      .set(second.holder.auth)
      .send({ rating: 5 })
      .expect(200);

    await atTime(t, shanghai('2026-11-24T09:10'), async () => {
      const desk = await staffAgain(t, staff);
      await t.http.post(`/api/v1/provider/appointments/${made[2].id}/no-show`).set(desk.auth).expect(200);

      const figures = (await t.http.get('/api/v1/staff/legal-aid/figures').set(desk.auth).expect(200)).body;
      expect(figures.byServiceType).toEqual({
        consultation: { completed: 3, no_show: 1, booked: 1, cancelled: 1 },
        mediation: { completed: 1 },
      });
      // One no-show against four completed: 1 / (1 + 4) = 20 %.
      expect(figures.noShowRate).toBe(20);
      expect(figures.providers.find((p: { id: number }) => p.id === providerId)).toMatchObject({
        averageRating: 4.5,
        ratingCount: 2,
        servedCount: 4,
      });
      // Hours of the start in Shanghai (09:00 is 01:00 UTC).
      expect(figures.busiestHours.slice(0, 3)).toEqual([
        { hour: '09:00', count: 3 },
        { hour: '10:00', count: 2 },
        { hour: '11:00', count: 1 },
      ]);

      const holder = await holderAgain(t, first.holder);
      await t.http.get('/api/v1/staff/legal-aid/figures').set(holder.auth).expect(403);
      const lawyer = await loginStaff(t, ['lawyer']);
      await t.http.get('/api/v1/staff/legal-aid/figures').set(lawyer.auth).expect(403);
    });
  });
});
