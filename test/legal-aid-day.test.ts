import type { Response } from 'supertest';
import { runJob } from '../server/jobs/job';
import { legalRemindersJob } from '../server/modules/legal-aid/legal-reminders.job';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { bookingBody, providerWithSlots } from './helpers/legal-aid';

/**
 * The provider's own day: today's and the coming appointments with what may be done on each,
 * notes only the provider and staff read, and the video meeting the provider sets and the holder
 * sees; the holder's page says where or how each appointment takes place.
 */

/** Monday 23 November 2026, 10:00 in Shanghai. */
const START = new Date('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;
const PHONE = '13812341234';
const LINK = 'https://meeting.tencent.com/dm/abc123 会议号 123 456 789';

type Provider = Awaited<ReturnType<typeof providerWithSlots>>;

describe('the provider’s day', () => {
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
  const mine = async (h: Session) =>
    (await t.http.get('/api/v1/legal-aid/appointments/mine').set(h.auth).expect(200)).body.items as Array<
      Record<string, unknown> & { id: number }
    >;
  /** Runs `work` with the clock at `when` and fresh sessions for the given accounts, then puts the clock back. */
  async function atTime<T>(when: Date, sessions: Session[], work: (renewed: Session[]) => Promise<T>): Promise<T> {
    const saved = t.clock.now();
    t.clock.set(when);
    try {
      const renewed: Session[] = [];
      for (const s of sessions) {
        const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
        s.refreshToken = res.body.refreshToken;
        renewed.push({ ...s, auth: { Authorization: `Bearer ${res.body.accessToken}` } });
      }
      return await work(renewed);
    } finally {
      t.clock.set(saved);
    }
  }
  const notesOf = (who: Session, id: number, notes: string) =>
    t.http.put(`/api/v1/provider/appointments/${id}/notes`).set(who.auth).send({ notes });
  const meetingOf = (who: Session, id: number, meetingLink: string) =>
    t.http.put(`/api/v1/provider/appointments/${id}/meeting`).set(who.auth).send({ meetingLink });

  it('lists from the start of today in Shanghai, with the actions the provider may take now', async () => {
    const p = await providerWithSlots(t);
    const h = await holder({ name: '陈卫国', phone: PHONE });
    const today = await book(h, p, '2026-11-23T15:00');
    const tomorrow = await book(h, p, '2026-11-24T09:00', 'video');

    const day = await desk(p.lawyer);
    expect(day.body.items.map((a: { id: number }) => a.id)).toEqual([today.id, tomorrow.id]);
    // Check-in from the appointment's day; no-show only once it has begun; notes always; the meeting for video.
    expect(itemOf(day, today.id)).toMatchObject({
      providerName: expect.any(String),
      holder: { name: '陈卫国', phone: PHONE },
      allowedActions: ['check_in', 'complete', 'notes'],
    });
    expect(itemOf(day, tomorrow.id).allowedActions).toEqual(['complete', 'notes', 'meeting']);

    // Past 15:00 the no-show can be marked; staff also get cancel.
    await atTime(new Date('2026-11-23T15:10:00+08:00'), [p.lawyer, p.staff], async ([lawyer, staff]) => {
      const later = await desk(lawyer);
      expect(itemOf(later, today.id).allowedActions).toEqual(['check_in', 'complete', 'no_show', 'notes']);
      const staffView = await desk(staff, { providerId: p.providerId });
      expect(itemOf(staffView, today.id).allowedActions).toEqual([
        'check_in',
        'complete',
        'no_show',
        'cancel',
        'notes',
      ]);
      const checked = await t.http.post(`/api/v1/provider/appointments/${today.id}/check-in`).set(lawyer.auth);
      expect(checked.status).toBe(200);
      expect(checked.body.allowedActions).toEqual(['complete', 'notes']);
    });

    // An appointment of yesterday is no longer in the default list (from 00:00 today, Shanghai).
    await atTime(new Date('2026-11-24T00:30:00+08:00'), [p.lawyer], async ([lawyer]) => {
      const next = await desk(lawyer);
      expect(next.body.items.map((a: { id: number }) => a.id)).toEqual([tomorrow.id]);
    });
  });

  it('keeps the provider’s notes from the holder, and from other providers', async () => {
    const p = await providerWithSlots(t);
    const other = await providerWithSlots(t);
    const h = await holder({ name: '李红', phone: PHONE });
    const appt = await book(h, p, '2026-11-25T10:00');

    const saved = await notesOf(p.lawyer, appt.id, '  已电话联系，需补充工伤认定书  ');
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ privateNotes: '已电话联系，需补充工伤认定书', status: 'booked' });
    expect(itemOf(await desk(p.lawyer), appt.id).privateNotes).toBe('已电话联系，需补充工伤认定书');
    expect(itemOf(await desk(p.staff, { providerId: p.providerId }), appt.id).privateNotes).toBe(
      '已电话联系，需补充工伤认定书',
    );
    // Replaced, not appended; an empty text clears them.
    await notesOf(p.staff, appt.id, '窗口已核实材料').expect(200);
    expect(itemOf(await desk(p.lawyer), appt.id).privateNotes).toBe('窗口已核实材料');

    // Another provider: 404, and nothing written.
    expect((await notesOf(other.lawyer, appt.id, '越权').expect(404)).body.error.code).toBe('NOT_FOUND');
    // The holder cannot write them, nor read them.
    await notesOf(h, appt.id, '我自己写的').expect(403);
    const holderView = await mine(h);
    expect(JSON.stringify(holderView)).not.toContain('窗口已核实材料');
    expect(holderView[0]).not.toHaveProperty('privateNotes');

    // Audited, without the text.
    const admin = await loginStaff(t, ['admin']);
    const audit = await t.http
      .get('/api/v1/staff/audit-logs')
      .query({ targetType: 'legal_appointment', targetId: String(appt.id), limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'legal_appointment.notes')).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toContain('窗口已核实材料');

    // A cancelled appointment takes no more notes.
    await t.http.post(`/api/v1/legal-aid/appointments/${appt.id}/cancel`).set(h.auth).expect(200);
    expect((await notesOf(p.lawyer, appt.id, '取消后').expect(409)).body.error.code).toBe('INVALID_TRANSITION');
    expect(itemOf(await desk(p.lawyer), appt.id).allowedActions).toEqual([]);
  });

  it('makes video real: the provider sets the meeting, the holder sees it and is told, reminders name it', async () => {
    const p = await providerWithSlots(t);
    const other = await providerWithSlots(t);
    const h = await holder({ name: '王军', phone: PHONE });
    const video = await book(h, p, '2026-11-24T15:00', 'video');
    const phone = await book(h, p, '2026-11-24T16:00', 'phone');

    // Until it is set the holder's page says so (null), and the booking notice says it will come.
    expect((await mine(h)).find((a) => a.id === video.id)).toMatchObject({ mode: 'video', meetingLink: null });
    const booked = await t.container.db.manager.findOneByOrFail(OutboxMessage, {
      idempotencyKey: `appointment:${video.id}:booked`,
    });
    expect(booked.body).toContain('会议链接由服务人员在开始前发到小程序');

    expect((await meetingOf(other.lawyer, video.id, LINK).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await meetingOf(p.lawyer, phone.id, LINK).expect(409)).body.error.code).toBe('NOT_VIDEO');
    expect((await meetingOf(p.lawyer, video.id, '123').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    await meetingOf(h, video.id, LINK).expect(403);

    const set = await meetingOf(p.lawyer, video.id, LINK).expect(200);
    expect(set.body).toMatchObject({ meetingLink: LINK });
    expect((await mine(h)).find((a) => a.id === video.id)).toMatchObject({ meetingLink: LINK });
    // The phone appointment never shows a meeting.
    expect((await mine(h)).find((a) => a.id === phone.id)).toMatchObject({ meetingLink: null });

    const told = await t.container.db.manager.find(OutboxMessage, { where: { recipientAccountId: h.userId } });
    const notice = told.find((m) => m.idempotencyKey.startsWith(`appointment:${video.id}:meeting:`));
    expect(notice?.body).toContain(LINK);
    // Setting the same link again tells nobody twice.
    await meetingOf(p.lawyer, video.id, LINK).expect(200);
    expect(
      (await t.container.db.manager.find(OutboxMessage, { where: { recipientAccountId: h.userId } })).filter((m) =>
        m.idempotencyKey.startsWith(`appointment:${video.id}:meeting:`),
      ),
    ).toHaveLength(1);

    // The 2-hour reminder names the meeting.
    const start = new Date('2026-11-24T15:00:00+08:00').getTime();
    t.clock.set(new Date(start - 1.5 * HOUR));
    try {
      await runJob(legalRemindersJob, t.container);
    } finally {
      t.clock.set(START);
    }
    const reminder = await t.container.db.manager.findOneByOrFail(OutboxMessage, {
      idempotencyKey: `appointment:${video.id}:remind:2h`,
    });
    expect(reminder.body).toContain(LINK);

    // Once settled, the meeting cannot be set any more; the holder still reads the old one.
    await t.http.post(`/api/v1/legal-aid/appointments/${video.id}/cancel`).set(h.auth).expect(200);
    expect((await meetingOf(p.lawyer, video.id, `${LINK}-2`).expect(409)).body.error.code).toBe('INVALID_TRANSITION');
    expect((await mine(h)).find((a) => a.id === video.id)).toMatchObject({ status: 'cancelled', meetingLink: LINK });
  });

  it('tells the holder where or how: the office with its map, or the masked number to be called', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const p = await providerWithSlots(t);
    const h = await holder({ name: '赵刚', phone: PHONE });
    const onsite = await book(h, p, '2026-11-25T09:00', 'onsite');
    const phone = await book(h, p, '2026-11-25T09:30', 'phone');

    // No office given: the district desk's window, without a map.
    let items = await mine(h);
    expect(items.find((a) => a.id === onsite.id)).toMatchObject({
      place: { address: '区退役军人服务中心法律服务窗口', latitude: null, longitude: null },
      callTo: null,
      meetingLink: null,
    });
    expect(items.find((a) => a.id === phone.id)).toMatchObject({ place: null, callTo: '138****1234' });
    expect(JSON.stringify(items)).not.toContain(PHONE);

    // The office with coordinates.
    const profile = (await t.http.get(`/api/v1/legal-aid/providers/${p.providerId}`).expect(200)).body;
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.providerId}`)
      .set(staff.auth)
      .send({
        name: profile.name,
        kind: profile.kind,
        firm: profile.firm,
        specialties: profile.specialties,
        serviceTypes: profile.serviceTypes,
        modes: profile.modes,
        intro: profile.intro,
        accountId: p.lawyer.userId,
        address: '和平路 18 号拥军律师事务所 3 楼',
        location: { latitude: 30.274085, longitude: 120.15507 },
      })
      .expect(200);
    expect((await t.http.get(`/api/v1/legal-aid/providers/${p.providerId}`).expect(200)).body.address).toBe(
      '和平路 18 号拥军律师事务所 3 楼',
    );
    items = await mine(h);
    expect(items.find((a) => a.id === onsite.id)).toMatchObject({
      place: { address: '和平路 18 号拥军律师事务所 3 楼', latitude: 30.274085, longitude: 120.15507 },
    });

    // A holder without a bound number has nothing to show.
    const bare = await holder();
    const bareAppt = await book(bare, p, '2026-11-25T10:00', 'phone');
    expect((await mine(bare)).find((a) => a.id === bareAppt.id)).toMatchObject({ callTo: null });
  });
});
