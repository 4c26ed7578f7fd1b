import { openDatabase } from '../server/db/data-source';
import { createContainer } from '../server/container';
import { runJob } from '../server/jobs/job';
import { legalRemindersJob } from '../server/modules/legal-aid/legal-reminders.job';
import { LegalAppointment } from '../server/modules/legal-aid/legal-appointment.entity';
import { LegalSlot } from '../server/modules/legal-aid/legal-slot.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder } from './helpers/factories';
import { bookingBody, EVERY_DAY, openSlots, providerWithSlots } from './helpers/legal-aid';

describe('legal aid: choose, book, be reminded, be served, rate', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lets exactly one of 20 concurrent bookings take a place of capacity 1', async () => {
    const { providerId } = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId);
    const holders = await Promise.all(Array.from({ length: 20 }, () => loginHolder(t)));
    const results = await Promise.all(
      holders.map((h) => t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slot.id))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SLOT_FULL')).toBe(true);
    const row = await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slot.id });
    expect(row.booked).toBe(1);
    expect(await t.container.db.manager.countBy(LegalAppointment, { slotId: slot.id })).toBe(1);
  });

  it('gives a cancelled place to the first waiting holder, who takes it', async () => {
    const { providerId } = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId, 30);
    const first = await loginHolder(t);
    const waiter = await loginHolder(t);
    const booked = await t.http
      .post('/api/v1/legal-aid/appointments')
      .set(first.auth)
      .send(bookingBody(slot.id))
      .expect(201);
    const full = await t.http
      .post('/api/v1/legal-aid/appointments')
      .set(waiter.auth)
      .send(bookingBody(slot.id))
      .expect(409);
    expect(full.body.error.code).toBe('SLOT_FULL');
    const w = await t.http.post('/api/v1/legal-aid/waitlist').set(waiter.auth).send(bookingBody(slot.id)).expect(201);
    await t.http.post(`/api/v1/legal-aid/appointments/${booked.body.id}/cancel`).set(first.auth).expect(200);

    const mine = await t.http.get('/api/v1/legal-aid/appointments/mine').set(waiter.auth).expect(200);
    expect(mine.body.waitlist[0]).toMatchObject({
      id: w.body.id,
      status: 'offered',
      allowedActions: ['accept', 'leave'],
    });
    // The place is held: nobody else can book it meanwhile.
    const other = await loginHolder(t);
    await t.http.post('/api/v1/legal-aid/appointments').set(other.auth).send(bookingBody(slot.id)).expect(409);
    const taken = await t.http.post(`/api/v1/legal-aid/waitlist/${w.body.id}/accept`).set(waiter.auth).expect(201);
    expect(taken.body.status).toBe('booked');
    expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slot.id })).booked).toBe(1);
  });

  it('reminds 24 h and 2 h before, each once however often the job runs', async () => {
    const { providerId } = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId, 30);
    const h = await loginHolder(t);
    const appt = await t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slot.id)).expect(201);
    const start = new Date(slot.startsAt).getTime();
    const reminders = () =>
      t.container.db.manager.countBy(OutboxMessage, {
        recipientAccountId: h.userId,
        idempotencyKey: `appointment:${appt.body.id}:remind:24h`,
      });
    const reminders2h = () =>
      t.container.db.manager.countBy(OutboxMessage, {
        recipientAccountId: h.userId,
        idempotencyKey: `appointment:${appt.body.id}:remind:2h`,
      });
    const before = t.clock.now();
    try {
      t.clock.set(new Date(start - 25 * 3_600_000));
      await runJob(legalRemindersJob, t.container);
      expect(await reminders()).toBe(0);
      t.clock.set(new Date(start - 23 * 3_600_000));
      await runJob(legalRemindersJob, t.container);
      await runJob(legalRemindersJob, t.container);
      expect(await reminders()).toBe(1);
      t.clock.set(new Date(start - 90 * 60_000));
      await runJob(legalRemindersJob, t.container);
      await runJob(legalRemindersJob, t.container);
      expect(await reminders2h()).toBe(1);
      expect(await reminders()).toBe(1);
    } finally {
      t.clock.set(before);
    }
  });

  it('is served by its provider only, then rated by its holder once', async () => {
    const { providerId, lawyer } = await providerWithSlots(t);
    const other = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId);
    const h = await loginHolder(t);
    const appt = await t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slot.id)).expect(201);
    await t.http.post(`/api/v1/provider/appointments/${appt.body.id}/check-in`).set(other.lawyer.auth).expect(404);
    // Check-in opens on the appointment's day: serve it a few minutes before its start.
    const before = t.clock.now();
    t.clock.set(new Date(new Date(slot.startsAt).getTime() - 5 * 60_000));
    try {
      const renew = async (refreshToken: string) => {
        const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
        return { Authorization: `Bearer ${refreshed.body.accessToken}` };
      };
      const lawyerAuth = await renew(lawyer.refreshToken);
      const holderAuth = await renew(h.refreshToken);
      await t.http.post(`/api/v1/provider/appointments/${appt.body.id}/check-in`).set(lawyerAuth).expect(200);
      const done = await t.http
        .post(`/api/v1/provider/appointments/${appt.body.id}/complete`)
        .set(lawyerAuth)
        .send({ notes: '已建议申请劳动仲裁' })
        .expect(200);
      expect(done.body.privateNotes).toBe('已建议申请劳动仲裁');
      const theirs = await t.http.get('/api/v1/legal-aid/appointments/mine').set(holderAuth).expect(200);
      expect(JSON.stringify(theirs.body)).not.toContain('劳动仲裁');
      expect(theirs.body.items[0].allowedActions).toEqual(['review']);
      await t.http
        .post(`/api/v1/legal-aid/appointments/${appt.body.id}/review`)
        .set(holderAuth)
        .send({ rating: 5, comment: '非常耐心' })
        .expect(200);
      const again = await t.http
        .post(`/api/v1/legal-aid/appointments/${appt.body.id}/review`)
        .set(holderAuth)
        .send({ rating: 1 })
        .expect(409);
      expect(again.body.error.code).toBe('ALREADY_RATED');
    } finally {
      t.clock.set(before);
    }
    const profile = await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200);
    expect(profile.body).toMatchObject({ averageRating: 5, ratingCount: 1, servedCount: 1 });
  });
});

describe('legal aid: booking race across two instances', () => {
  it('never exceeds capacity with two DataSources', async () => {
    const t = await createTestContext();
    const secondDb = await openDatabase(t.config.database);
    try {
      const second = await createContainer(t.config, { db: secondDb, clock: t.clock, logger: t.container.logger });
      const { providerId } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId);
      const holders = await Promise.all(Array.from({ length: 20 }, () => loginHolder(t)));
      const outcomes = await Promise.allSettled(
        holders.map((h, i) =>
          (i % 2 ? second : t.container).services.booking.book(
            { accountId: h.userId, roles: ['holder'] },
            { slotId: slot.id, serviceType: 'consultation', mode: 'phone', summary: '遗产继承咨询' },
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(rejected.every((r) => r.reason.code === 'SLOT_FULL')).toBe(true);
      expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slot.id })).booked).toBe(1);
    } finally {
      await secondDb.close();
      await t.close();
    }
  });
});

describe('legal aid: a provider taken off the desk', () => {
  it('cannot be booked even with a known slot id', async () => {
    const t = await createTestContext();
    try {
      const { providerId, staff, lawyer } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId);
      await t.http
        .put(`/api/v1/staff/legal-aid/providers/${providerId}`)
        .set(staff.auth)
        .send({
          name: '王律师',
          kind: 'lawyer',
          firm: '拥军律师事务所',
          specialties: [],
          serviceTypes: ['consultation'],
          modes: ['onsite'],
          accountId: lawyer.userId,
          active: false,
        })
        .expect(200);
      const h = await loginHolder(t);
      const res = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id))
        .expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});

describe('legal aid: hours changed back and forth', () => {
  it('reopens a slot closed by a change of hours when the hours cover it again', async () => {
    const t = await createTestContext();
    try {
      const { providerId, staff } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId);
      const h = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth).expect(200);
      // Hours moved away: the slot (with a cancelled booking on record) is closed, not deleted.
      const evening = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '18:00',
        end: '19:00',
        slotMinutes: 30,
        capacity: 1,
        serviceTypes: ['consultation'],
        modes: ['phone'],
      }));
      await t.http
        .put(`/api/v1/staff/legal-aid/providers/${providerId}/schedule`)
        .set(staff.auth)
        .send({ schedules: evening })
        .expect(200);
      expect((await openSlots(t, providerId)).map((s) => s.id)).not.toContain(slot.id);
      expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slot.id })).status).toBe('cancelled');
      // Hours moved back: the same slot is open again.
      await t.http
        .put(`/api/v1/staff/legal-aid/providers/${providerId}/schedule`)
        .set(staff.auth)
        .send({ schedules: EVERY_DAY })
        .expect(200);
      expect((await openSlots(t, providerId)).map((s) => s.id)).toContain(slot.id);
    } finally {
      await t.close();
    }
  });
});
