import { AppointmentEvent } from '../server/modules/legal-aid/appointment-event.entity';
import { LegalAppointment } from '../server/modules/legal-aid/legal-appointment.entity';
import { LegalSlot } from '../server/modules/legal-aid/legal-slot.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, type Session } from './helpers/factories';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';
import { statementsDuring } from './helpers/statements';

/**
 * Booking and cancelling are hot paths: each is held to the statements it needs, measured on each
 * database (the rate limit and the notice, which other modules own, included), and checked for
 * everything a smaller budget could tempt one to drop.
 */
const BUDGET = {
  // Rate limit, BEGIN, [MySQL: the holder's lock], slot + provider + the holder's standing, guarded
  // increment, appointment, history row, the notice (outbox and conversation), COMMIT.
  book: { sqlite: 18, mysql: 17 },
  // Rate limit, BEGIN, appointment + provider + slot, the transition (its guarded update and history
  // row: the status was just read), the place returned, COMMIT, the history for the answer.
  cancel: { sqlite: 10, mysql: 8 },
};

/** The statements on the legal desk's own tables. */
const ownTables = (statements: string[]) => statements.filter((q) => /legal_|appointment_event|waitlist_event/.test(q));

/** Nothing is read back once the transaction is over: the answer comes from what it wrote. */
const afterCommit = (statements: string[]) => statements.slice(statements.lastIndexOf('COMMIT') + 1);

describe('booking and cancelling a legal-aid appointment, in statements', () => {
  let t: TestContext;
  let kind: 'sqlite' | 'mysql';
  beforeAll(async () => {
    t = await createTestContext();
    kind = t.container.db.kind;
  });
  afterAll(() => t.close());

  const book = (h: Session, slotId: number, extra: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/legal-aid/appointments').set(h.auth).send(bookingBody(slotId, extra));
  const mine = async (h: Session) =>
    (await t.http.get('/api/v1/legal-aid/appointments/mine').set(h.auth).expect(200)).body;

  /** A provider with an office on the map, so the answer's place has an address and coordinates. */
  async function providerWithOffice(capacity: number) {
    const p = await providerWithSlots(t, { capacity });
    const profile = (await t.http.get(`/api/v1/legal-aid/providers/${p.providerId}`).expect(200)).body;
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${p.providerId}`)
      .set(p.staff.auth)
      .send({
        name: profile.name,
        kind: profile.kind,
        firm: profile.firm,
        specialties: profile.specialties,
        serviceTypes: profile.serviceTypes,
        modes: profile.modes,
        intro: profile.intro,
        accountId: p.lawyer.userId,
        address: '长宁区法律服务中心 3 楼',
        location: { latitude: 31.220123, longitude: 121.424567 },
      })
      .expect(200);
    return p;
  }

  it('books within its budget, answers what a later read shows, and keeps the history row and the notice', async () => {
    // A time with milliseconds: the answer must show the history time as the database keeps it.
    t.clock.set(new Date(Date.UTC(2026, 10, 23, 2, 0, 0, 678)));
    const { providerId } = await providerWithOffice(5);
    const slots = await openSlots(t, providerId);
    const h = await loginHolder(t);
    await book(h, slots[0].id).expect(201);

    let res: { status: number; body: { id: number } & Record<string, unknown> } | undefined;
    const statements = await statementsDuring(t.container.db, async () => {
      res = await book(h, slots[1].id);
    });
    expect(res?.status).toBe(201);
    expect(statements.length).toBeLessThanOrEqual(BUDGET.book[kind]);
    // The slot with its provider and the holder's standing, the increment, the appointment, its history.
    expect(ownTables(statements)).toHaveLength(4);
    expect(afterCommit(statements)).toEqual([]);

    const body = res!.body;
    expect(body).toMatchObject({
      status: 'booked',
      provider: { id: providerId },
      place: { address: '长宁区法律服务中心 3 楼', latitude: 31.220123, longitude: 121.424567 },
      allowedActions: ['cancel'],
      history: [{ action: 'book', from: null, to: 'booked', by: 'holder', reason: null }],
    });
    // Built in the transaction, the answer is what reading the appointment back gives.
    expect((await mine(h)).items.find((a: { id: number }) => a.id === body.id)).toEqual(body);

    const db = t.container.db.manager;
    expect(await db.countBy(AppointmentEvent, { appointmentId: body.id, action: 'book' })).toBe(1);
    expect(await db.countBy(OutboxMessage, { idempotencyKey: `appointment:${body.id}:booked` })).toBe(1);
    expect((await db.findOneByOrFail(LegalSlot, { id: slots[1].id })).booked).toBe(1);
    const timeline = (await t.http.get('/api/v1/me/timeline').query({ limit: 100 }).set(h.auth).expect(200)).body;
    expect(timeline.items.filter((n: { body: string }) => n.body.includes('已为您预约'))).toHaveLength(2);
  });

  it('refuses as before, in the same order, and leaves nothing behind', async () => {
    const { providerId, staff } = await providerWithSlots(t, { capacity: 1 });
    const slots = await openSlots(t, providerId);
    const h = await loginHolder(t);
    await book(h, slots[0].id).expect(201);
    const db = t.container.db.manager;
    const before = {
      appointments: await db.countBy(LegalAppointment, { accountId: h.userId }),
      outbox: await db.countBy(OutboxMessage, { recipientAccountId: h.userId }),
    };

    // The holder's own booking filled the slot: it is theirs already, not full.
    expect((await book(h, slots[0].id).expect(409)).body.error.code).toBe('ALREADY_BOOKED');
    expect((await book(await loginHolder(t), slots[0].id).expect(409)).body.error.code).toBe('SLOT_FULL');
    expect((await book(h, slots[1].id, { serviceType: 'counselling' }).expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    await book(h, 99_999_999).expect(404);
    await book(h, slots[1].id).expect(201);
    await book(h, slots[2].id).expect(201);
    // Three future appointments: the fourth is refused, but a slot already theirs says so first.
    expect((await book(h, slots[3].id).expect(409)).body.error.code).toBe('TOO_MANY_APPOINTMENTS');
    expect((await book(h, slots[2].id).expect(409)).body.error.code).toBe('ALREADY_BOOKED');

    expect(await db.countBy(LegalAppointment, { accountId: h.userId })).toBe(before.appointments + 2);
    expect(await db.countBy(OutboxMessage, { recipientAccountId: h.userId })).toBe(before.outbox + 2);
    expect((await db.findOneByOrFail(LegalSlot, { id: slots[3].id })).booked).toBe(0);

    // A provider no longer active has no bookable slots.
    const profile = (await t.http.get(`/api/v1/legal-aid/providers/${providerId}`).expect(200)).body;
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${providerId}`)
      .set(staff.auth)
      .send({
        name: profile.name,
        kind: profile.kind,
        firm: profile.firm,
        specialties: profile.specialties,
        serviceTypes: profile.serviceTypes,
        modes: profile.modes,
        intro: profile.intro,
        active: false,
      })
      .expect(200);
    expect((await book(await loginHolder(t), slots[4].id).expect(404)).body.error.code).toBe('NOT_FOUND');
  });

  it('cancels within its budget, answers what a later read shows, and offers the place to the first waiting', async () => {
    const { providerId } = await providerWithOffice(1);
    const slots = await openSlots(t, providerId, 30);
    const h = await loginHolder(t);
    const free = (await book(h, slots[0].id).expect(201)).body;

    let res: { status: number; body: { id: number } & Record<string, unknown> } | undefined;
    const statements = await statementsDuring(t.container.db, async () => {
      res = await t.http.post(`/api/v1/legal-aid/appointments/${free.id}/cancel`).set(h.auth);
    });
    expect(res?.status).toBe(200);
    expect(statements.length).toBeLessThanOrEqual(BUDGET.cancel[kind]);
    expect(ownTables(statements)).toHaveLength(5);
    expect(res!.body).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'holder',
      allowedActions: [],
      history: [
        { action: 'book', to: 'booked' },
        { action: 'cancel', from: 'booked', to: 'cancelled', by: 'holder' },
      ],
    });
    expect((await mine(h)).items.find((a: { id: number }) => a.id === free.id)).toEqual(res!.body);
    expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slots[0].id })).booked).toBe(0);

    // With someone waiting, the freed place is held for them and they hear of it.
    const taken = (await book(h, slots[1].id).expect(201)).body;
    const waiter = await loginHolder(t);
    const w = await t.http.post('/api/v1/legal-aid/waitlist').set(waiter.auth).send(bookingBody(slots[1].id));
    expect(w.status).toBe(201);
    await t.http.post(`/api/v1/legal-aid/appointments/${taken.id}/cancel`).set(h.auth).expect(200);
    expect((await mine(waiter)).waitlist[0]).toMatchObject({ id: w.body.id, status: 'offered' });
    expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slots[1].id })).booked).toBe(1);
    expect(
      await t.container.db.manager.countBy(OutboxMessage, { idempotencyKey: `waitlist:${w.body.id}:offered` }),
    ).toBe(1);
    // Two hours before the start, cancelling is the desk's call.
    t.clock.set(new Date(new Date(slots[2].startsAt).getTime() - 3_600_000));
    const late = await loginHolder(t);
    const lateAppt = (await book(late, slots[2].id).expect(201)).body;
    expect(lateAppt.allowedActions).toEqual([]);
    const refused = await t.http.post(`/api/v1/legal-aid/appointments/${lateAppt.id}/cancel`).set(late.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CANCEL_TOO_LATE');
    expect((await t.container.db.manager.findOneByOrFail(LegalSlot, { id: slots[2].id })).booked).toBe(1);
  });
});
