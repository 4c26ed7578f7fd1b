import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { transition } from '../server/lib/state-machine';
import { APPOINTMENT_TRANSITIONS } from '../server/modules/legal-aid/appointment.states';
import { AppointmentEvent } from '../server/modules/legal-aid/appointment-event.entity';
import { APPOINTMENT_HISTORY } from '../server/modules/legal-aid/legal-aid.history';
import { LegalAppointment } from '../server/modules/legal-aid/legal-appointment.entity';
import { WaitlistEvent } from '../server/modules/legal-aid/waitlist-event.entity';
import { MerchantComplaintEvent } from '../server/modules/merchants/merchant-complaint-event.entity';
import { MerchantEvent } from '../server/modules/merchants/merchant-event.entity';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';
import { approvedMerchant, CENTRE, licenceNo } from './helpers/merchants';
import { statementsDuring } from './helpers/statements';

/**
 * Every lifecycle moves through one transition helper: each status change writes exactly one
 * history row (who in role terms, from, to, reason), a move the table forbids is 409 with no row,
 * and of two racing moves only one lands, with one row.
 */
describe('lifecycle history', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const rows = <H extends ObjectLiteral>(entity: EntityTarget<H>, where: Partial<H>) =>
    t.container.db.manager.find(entity, { where: where as never, order: { id: 'ASC' } as never });

  const renew = async (s: Session): Promise<Session> => {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    s.refreshToken = res.body.refreshToken;
    return {
      ...s,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  };

  describe('merchants', () => {
    it('writes one row per review, suspension and restoration, shown in the staff view', async () => {
      const applicant = await loginHolder(t);
      const applied = await t.http
        .post('/api/v1/merchant-applications')
        .set(applicant.auth)
        .send({
          name: '拥军历史测试商户',
          licenseNo: licenceNo(),
          categoryId: 2,
          address: '上海市黄浦区人民大道 100 号',
          lat: CENTRE.lat,
          lng: CENTRE.lng,
          contactPhone: '021-63210000',
        })
        .expect(201);
      const id: number = applied.body.id;
      const staff = await loginStaff(t, ['district_staff']);
      expect(await rows(MerchantEvent, { merchantId: id })).toEqual([
        expect.objectContaining({ action: 'apply', fromStatus: null, toStatus: 'pending', actorRole: 'applicant' }),
      ]);

      const approved = await t.http
        .post(`/api/v1/staff/merchant-applications/${id}/review`)
        .set(staff.auth)
        .send({ decision: 'approve' })
        .expect(200);
      expect(approved.body.history.map((h: { action: string }) => h.action)).toEqual(['apply', 'approve']);
      const suspended = await t.http
        .post(`/api/v1/staff/merchants/${id}/suspend`)
        .set(staff.auth)
        .send({ reason: '多次投诉属实' })
        .expect(200);
      expect(suspended.body.history[2]).toMatchObject({
        action: 'suspend',
        from: 'active',
        to: 'suspended',
        by: 'staff',
        reason: '多次投诉属实',
      });

      const history = await rows(MerchantEvent, { merchantId: id });
      expect(history).toHaveLength(3);
      expect(history[1]).toMatchObject({
        action: 'approve',
        fromStatus: 'pending',
        toStatus: 'active',
        actorAccountId: staff.userId,
        actorRole: 'staff',
        reason: null,
      });
      expect(history[2]).toMatchObject({ actorAccountId: staff.userId, reason: '多次投诉属实' });

      const listed = await t.http.get('/api/v1/staff/merchants').query({ status: 'suspended' }).set(staff.auth);
      expect(listed.status).toBe(200);
      const item = listed.body.items.find((m: { id: number }) => m.id === id);
      expect(item.history).toHaveLength(3);
    });

    it('refuses a move the table forbids with 409 and no row', async () => {
      const { merchantId, staff } = await approvedMerchant(t);
      const before = (await rows(MerchantEvent, { merchantId })).length;
      const again = await t.http
        .post(`/api/v1/staff/merchant-applications/${merchantId}/review`)
        .set(staff.auth)
        .send({ decision: 'approve' })
        .expect(409);
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
      await t.http.post(`/api/v1/staff/merchants/${merchantId}/restore`).set(staff.auth).expect(409);
      expect(await rows(MerchantEvent, { merchantId })).toHaveLength(before);
    });

    it('lets one of two racing suspensions through, with one row', async () => {
      const { merchantId, staff } = await approvedMerchant(t);
      const results = await Promise.all(
        [0, 1].map(() =>
          t.http.post(`/api/v1/staff/merchants/${merchantId}/suspend`).set(staff.auth).send({ reason: '投诉属实' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await rows(MerchantEvent, { merchantId, action: 'suspend' })).toHaveLength(1);
    });
  });

  describe('complaints', () => {
    it('writes one row when staff settle, none for a second settlement', async () => {
      const { merchantId } = await approvedMerchant(t);
      // Complaints come from holders with an active card.
      const bureau = await createBureau(t);
      const holder = await readyHolder(t);
      const application = await submittedApplication(t, holder, bureau.stationId);
      await issuedCard(
        t,
        bureau,
        application,
        unique('LH')
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 24)
          .padEnd(8, '0'),
      );
      const filed = await t.http
        .post(`/api/v1/merchants/${merchantId}/complaints`)
        .set(holder.auth)
        .send({ text: '拒绝给予优待，态度恶劣' });
      if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
      const id: number = filed.body.id;
      const staff = await loginStaff(t, ['district_staff']);
      const resolve = () =>
        t.http
          .post(`/api/v1/staff/complaints/${id}/resolve`)
          .set(staff.auth)
          .send({ outcome: 'dismissed', resolution: '经核实不属实' });
      const results = await Promise.all([resolve(), resolve()]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const history = await rows(MerchantComplaintEvent, { complaintId: id });
      expect(history.map((h) => h.action)).toEqual(['file', 'dismiss']);
      expect(history[1]).toMatchObject({
        fromStatus: 'open',
        toStatus: 'dismissed',
        actorAccountId: staff.userId,
        actorRole: 'staff',
        reason: '经核实不属实',
      });
    });
  });

  describe('appointments', () => {
    it('writes a row for booking, the holder cancelling, and shows it in the holder view', async () => {
      const { providerId } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId, 30);
      const h = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      expect(appt.body.history).toEqual([expect.objectContaining({ action: 'book', from: null, to: 'booked' })]);
      const cancelled = await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.history[1]).toMatchObject({
        action: 'cancel',
        from: 'booked',
        to: 'cancelled',
        by: 'holder',
      });
      const history = await rows(AppointmentEvent, { appointmentId: appt.body.id });
      expect(history).toHaveLength(2);
      expect(history[1]).toMatchObject({ actorAccountId: h.userId, actorRole: 'holder', reason: null });

      // Cancelled already: the table forbids it, and nothing is written.
      const again = await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth).expect(409);
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
      expect(await rows(AppointmentEvent, { appointmentId: appt.body.id })).toHaveLength(2);
      const mine = await t.http.get('/api/v1/legal-aid/appointments/mine').set(h.auth).expect(200);
      const item = mine.body.items.find((a: { id: number }) => a.id === appt.body.id);
      expect(item.history.map((e: { action: string }) => e.action)).toEqual(['book', 'cancel']);
      expect(item.allowedActions).toEqual([]);
    });

    it('lets one of two racing cancellations through, with one row', async () => {
      const { providerId } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId, 30);
      const h = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      const results = await Promise.all(
        [0, 1].map(() => t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(h.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await rows(AppointmentEvent, { appointmentId: appt.body.id, action: 'cancel' })).toHaveLength(1);
    });

    it('writes the provider’s check-in and completion (no private notes) and shows them at the desk', async () => {
      const { providerId, lawyer } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId);
      const h = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      const before = t.clock.now();
      t.clock.set(new Date(new Date(slot.startsAt).getTime() - 5 * 60_000));
      try {
        const desk = await renew(lawyer);
        await t.http.post(`/api/v1/provider/appointments/${appt.body.id}/check-in`).set(desk.auth).expect(200);
        const done = await t.http
          .post(`/api/v1/provider/appointments/${appt.body.id}/complete`)
          .set(desk.auth)
          .send({ notes: '已建议申请劳动仲裁' })
          .expect(200);
        expect(done.body.history.map((e: { action: string }) => e.action)).toEqual(['book', 'check_in', 'complete']);
        expect(JSON.stringify(done.body.history)).not.toContain('劳动仲裁');
        // Completed: a no-show is no longer allowed, and writes nothing.
        await t.http.post(`/api/v1/provider/appointments/${appt.body.id}/no-show`).set(desk.auth).expect(409);
        const history = await rows(AppointmentEvent, { appointmentId: appt.body.id });
        expect(history.slice(1)).toEqual([
          expect.objectContaining({ fromStatus: 'booked', toStatus: 'checked_in', actorRole: 'provider' }),
          expect.objectContaining({ fromStatus: 'checked_in', toStatus: 'completed', actorAccountId: lawyer.userId }),
        ]);
        const listed = await t.http.get('/api/v1/provider/appointments').set(desk.auth).expect(200);
        const item = listed.body.items.find((a: { id: number }) => a.id === appt.body.id);
        expect(item.history).toHaveLength(3);
      } finally {
        t.clock.set(before);
      }
    });

    it('writes a row for each appointment and waitlist entry a cancelled slot takes with it', async () => {
      const { providerId, staff } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId, 30);
      const booker = await loginHolder(t);
      const waiter = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(booker.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      const w = await t.http.post('/api/v1/legal-aid/waitlist').set(waiter.auth).send(bookingBody(slot.id)).expect(201);
      await t.http
        .post(`/api/v1/staff/legal-aid/slots/${slot.id}/cancel`)
        .set(staff.auth)
        .send({ reason: '律师临时出差' })
        .expect(200);
      expect(await rows(AppointmentEvent, { appointmentId: appt.body.id, action: 'cancel' })).toEqual([
        expect.objectContaining({
          fromStatus: 'booked',
          toStatus: 'cancelled',
          actorAccountId: staff.userId,
          actorRole: 'staff',
          reason: '律师临时出差',
        }),
      ]);
      expect(await rows(WaitlistEvent, { waitlistId: w.body.id })).toEqual([
        expect.objectContaining({ action: 'join', fromStatus: null, toStatus: 'waiting', actorRole: 'holder' }),
        expect.objectContaining({
          action: 'cancel',
          fromStatus: 'waiting',
          toStatus: 'cancelled',
          reason: '律师临时出差',
        }),
      ]);
    });
  });

  describe('waitlist entries', () => {
    it('writes the system’s offer and expiry, and the holder leaving; an expired offer cannot be taken', async () => {
      const { providerId } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId, 30);
      const booker = await loginHolder(t);
      const first = await loginHolder(t);
      const second = await loginHolder(t);
      const appt = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(booker.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      const w1 = await t.http.post('/api/v1/legal-aid/waitlist').set(first.auth).send(bookingBody(slot.id)).expect(201);
      const w2 = await t.http
        .post('/api/v1/legal-aid/waitlist')
        .set(second.auth)
        .send(bookingBody(slot.id))
        .expect(201);
      await t.http.post(`/api/v1/legal-aid/appointments/${appt.body.id}/cancel`).set(booker.auth).expect(200);
      expect(await rows(WaitlistEvent, { waitlistId: w1.body.id, action: 'offer' })).toEqual([
        expect.objectContaining({
          fromStatus: 'waiting',
          toStatus: 'offered',
          actorAccountId: null,
          actorRole: 'system',
        }),
      ]);

      const before = t.clock.now();
      t.clock.set(new Date(before.getTime() + 3 * 3_600_000));
      try {
        expect(await t.container.services.booking.expireOffers()).toBe(1);
        expect(await t.container.services.booking.expireOffers()).toBe(0);
        const late = await renew(first);
        const refused = await t.http.post(`/api/v1/legal-aid/waitlist/${w1.body.id}/accept`).set(late.auth).expect(409);
        expect(refused.body.error.code).toBe('OFFER_EXPIRED');
      } finally {
        t.clock.set(before);
      }
      expect((await rows(WaitlistEvent, { waitlistId: w1.body.id })).map((e) => [e.action, e.actorRole])).toEqual([
        ['join', 'holder'],
        ['offer', 'system'],
        ['expire', 'system'],
      ]);
      // The place passed to the next in line, who leaves it.
      expect(await rows(WaitlistEvent, { waitlistId: w2.body.id, action: 'offer' })).toHaveLength(1);
      const mine = await t.http.get('/api/v1/legal-aid/appointments/mine').set(second.auth).expect(200);
      expect(mine.body.waitlist[0].allowedActions).toEqual(['accept', 'leave']);
      const results = await Promise.all(
        [0, 1].map(() => t.http.post(`/api/v1/legal-aid/waitlist/${w2.body.id}/leave`).set(second.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 409].sort());
      expect(await rows(WaitlistEvent, { waitlistId: w2.body.id, action: 'leave' })).toEqual([
        expect.objectContaining({ fromStatus: 'offered', toStatus: 'left', actorAccountId: second.userId }),
      ]);
    });
  });
});

describe('a transition told the status its caller just read', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('reads no status of its own, and still refuses a status that moved meanwhile', async () => {
    const { providerId } = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId, 30);
    const h = await loginHolder(t);
    const booked = await t.http
      .post('/api/v1/legal-aid/appointments')
      .set(h.auth)
      .send(bookingBody(slot.id))
      .expect(201);
    const id = booked.body.id as number;
    const cancel = (known: 'booked') =>
      t.container.db.transaction((em) =>
        transition(em, {
          entity: LegalAppointment,
          id,
          table: APPOINTMENT_TRANSITIONS,
          action: 'cancel',
          actor: { accountId: h.userId, role: 'holder' },
          at: t.clock.now(),
          history: APPOINTMENT_HISTORY,
          known,
        }),
      );
    const sent = await statementsDuring(t.container.db, () => cancel('booked'));
    expect(sent.filter((q) => /^SELECT/i.test(q))).toEqual([]);
    expect(sent.filter((q) => /^(UPDATE|INSERT)/i.test(q))).toHaveLength(2);

    // Cancelled now: the caller's stale word is refused by the guarded update, and nothing is written.
    await expect(cancel('booked')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const events = await t.container.db.manager.findBy(AppointmentEvent, { appointmentId: id });
    expect(events.map((e) => e.action)).toEqual(['book', 'cancel']);
  });
});
