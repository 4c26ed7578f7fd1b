import type { Response } from 'supertest';
import { LodgingBookingEvent } from '../server/modules/lodging/lodging-booking-event.entity';
import { LodgingBooking } from '../server/modules/lodging/lodging-booking.entity';
import { LodgingNight } from '../server/modules/lodging/lodging-night.entity';
import { lodgingPersonalData } from '../server/modules/lodging/lodging.personal-data';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, type Session } from './helpers/factories';
import { approvedMerchant } from './helpers/merchants';

/**
 * 军人驿站 through the routes: staff sign merchants as 驿站 and set their quota; guests book a night
 * within the window and the limits; the quota holds under concurrent bookings; the desk of the hotel
 * (and no other) confirms stays and marks no-shows; the guest cancels until 18:00 on the night; two
 * no-shows keep a guest away for 30 days; staff review the proof; the figures match a hand count.
 */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

/** A Beijing wall-clock time as an instant. */
const beijing = (day: string, hm = '10:00') => new Date(`${day}T${hm}:00+08:00`);

interface Hotel {
  id: number;
  merchantId: number;
  desk: Session;
}

describe('军人驿站 (lodging)', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ env: { ACCESS_TOKEN_TTL_SECONDS: '3600', REFRESH_TOKEN_TTL_DAYS: '365' } });
  });
  afterAll(() => t.close());

  const district = () => loginStaff(t, ['district_staff']);
  const db = () => t.container.db.manager;

  /** Moves the clock to a Beijing time; sessions made before a long jump are renewed with `renew`. */
  const setClock = (day: string, hm = '10:00') => t.clock.set(beijing(day, hm));

  /** The same session with fresh tokens (after the clock moved past the access token's life). */
  async function renew(s: Session): Promise<Session> {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    s.accessToken = res.body.accessToken;
    s.refreshToken = res.body.refreshToken;
    s.auth = { Authorization: `Bearer ${res.body.accessToken}` };
    return s;
  }

  /** An approved merchant signed as a 驿站 by district staff; its owner works the desk. */
  async function hotel(body: Record<string, unknown> = {}): Promise<Hotel> {
    const { owner, merchantId } = await approvedMerchant(t, { name: '拥军宾馆' });
    const staff = await district();
    const res = await t.http
      .post('/api/v1/staff/lodging/hotels')
      .set(staff.auth)
      .send({ merchantId, ...body })
      .expect(201);
    return { id: res.body.id, merchantId, desk: owner };
  }

  const book = (h: Session, body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/lodging/bookings')
      .set(h.auth)
      .send({ guestKind: 'serving_soldier', guestName: '李卫国', phone: '13900002222', ...body });
  const booked = async (h: Session, body: Record<string, unknown>) => (await book(h, body).expect(201)).body;
  const desk = (s: Session, id: number, step: string, body?: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/lodging/desk/bookings/${id}/${step}`)
      .set(s.auth)
      .send(body ?? {});
  const staffStep = (s: Session, id: number, step: string, body?: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/staff/lodging/bookings/${id}/${step}`)
      .set(s.auth)
      .send(body ?? {});
  const freeOn = async (s: Session, hotelId: number, night: string) => {
    const res = await t.http.get(`/api/v1/lodging/hotels/${hotelId}`).set(s.auth).expect(200);
    return res.body.nights.find((n: { night: string }) => n.night === night)?.free;
  };
  const counter = async (hotelId: number, night: string) =>
    (await db().findOneBy(LodgingNight, { hotelId, night }))?.booked ?? 0;

  async function uploadDocument(s: Session): Promise<number> {
    const res = await t.http
      .post('/api/v1/files')
      .set(s.auth)
      .field('purpose', 'document')
      .attach('file', Buffer.from('%PDF-1.7\n士兵证\n%%EOF'), { filename: 'proof.pdf', contentType: 'application/pdf' })
      .expect(201);
    return res.body.id;
  }

  it('signs a merchant as a 驿站 with two rooms by default, the shop’s name and address; staff change and pause it', async () => {
    setClock('2027-03-10');
    const staff = await district();
    const { owner, merchantId } = await approvedMerchant(t, { name: '迎宾宾馆' });
    const created = await t.http
      .post('/api/v1/staff/lodging/hotels')
      .set(staff.auth)
      .send({ merchantId, rules: '每晚一间，需出示证件', closedNights: ['2027-03-12'] })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '迎宾宾馆',
      address: '上海市黄浦区人民大道 100 号',
      dailyQuota: 2,
      status: 'active',
      merchantOpen: true,
      closedNights: ['2027-03-12'],
    });
    expect(created.body.nights).toHaveLength(15);
    expect(created.body.nights[0]).toEqual({ night: '2027-03-10', free: 2 });
    expect(created.body.nights[2]).toEqual({ night: '2027-03-12', free: 0 });
    const id = created.body.id;

    await refused(
      t.http.post('/api/v1/staff/lodging/hotels').set(staff.auth).send({ merchantId }),
      409,
      'LODGING_HOTEL_EXISTS',
    );
    await refused(
      t.http.post('/api/v1/staff/lodging/hotels').set(staff.auth).send({ merchantId: 999999 }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      t.http.post('/api/v1/staff/lodging/hotels').set(staff.auth).send({ merchantId, dailyQuota: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(t.http.post('/api/v1/staff/lodging/hotels').set(owner.auth).send({ merchantId }), 403, 'FORBIDDEN');
    const admin = await loginStaff(t, ['admin']);
    await refused(t.http.post(`/api/v1/staff/lodging/hotels/${id}/pause`).set(admin.auth), 403, 'FORBIDDEN');

    const changed = await t.http
      .put(`/api/v1/staff/lodging/hotels/${id}`)
      .set(staff.auth)
      .send({ dailyQuota: 5, closedNights: [] })
      .expect(200);
    expect(changed.body).toMatchObject({ dailyQuota: 5, closedNights: [] });
    expect(changed.body.nights[2]).toEqual({ night: '2027-03-12', free: 5 });

    const guest = await loginHolder(t);
    const listed = async () =>
      (await t.http.get('/api/v1/lodging/hotels').set(guest.auth).expect(200)).body.items.map(
        (h: { id: number }) => h.id,
      );
    expect(await listed()).toContain(id);
    await t.http.post(`/api/v1/staff/lodging/hotels/${id}/pause`).set(staff.auth).expect(200);
    expect(await listed()).not.toContain(id);
    // Staff still see a paused one, and what it is.
    const staffList = (await t.http.get('/api/v1/staff/lodging/hotels').set(admin.auth).expect(200)).body.items;
    expect(staffList.find((x: { id: number }) => x.id === id)).toMatchObject({ status: 'paused', merchantId });
    await refused(t.http.get('/api/v1/staff/lodging/hotels').set(guest.auth), 403, 'FORBIDDEN');
    await refused(t.http.get(`/api/v1/lodging/hotels/${id}`).set(guest.auth), 404, 'NOT_FOUND');
    await refused(book(guest, { hotelId: id, night: '2027-03-11' }), 409, 'LODGING_CLOSED');
    await t.http.post(`/api/v1/staff/lodging/hotels/${id}/resume`).set(staff.auth).expect(200);
    expect(await listed()).toContain(id);

    const audits = await db().find(AuditLog, { where: { targetType: 'lodging_hotel', targetId: String(id) } });
    expect(audits.map((a) => a.action).sort()).toEqual(
      ['lodging.hotel_active', 'lodging.hotel_create', 'lodging.hotel_paused', 'lodging.hotel_update'].sort(),
    );
  });

  it('books only from today to 14 days ahead, not on closed nights, and refuses bad input writing nothing', async () => {
    setClock('2027-03-20');
    const h = await hotel({ closedNights: ['2027-03-22'] });
    const guest = await loginHolder(t);
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ hotelId: h.id, night: '2027-03-19' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-04-04' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-3-21' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-03-21', guestKind: 'veteran' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-03-21', phone: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-03-21', guestName: '' }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: h.id, night: '2027-03-21', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ hotelId: 999999, night: '2027-03-21' }, 404, 'NOT_FOUND'],
      [{ hotelId: h.id, night: '2027-03-22' }, 409, 'LODGING_CLOSED'],
    ];
    for (const [body, status, code] of bad) await refused(book(guest, body), status, code);
    expect(await db().countBy(LodgingBooking, { accountId: guest.userId })).toBe(0);
    expect(await counter(h.id, '2027-03-21')).toBe(0);

    // The window's edges: today and 14 days ahead.
    await booked(guest, { hotelId: h.id, night: '2027-03-20' });
    await booked(guest, { hotelId: h.id, night: '2027-04-03' });
  });

  it('holds the quota under 10 bookings at once for 2 rooms: exactly 2 succeed, the rest get LODGING_FULL', async () => {
    setClock('2027-04-01');
    const h = await hotel();
    const guests = await Promise.all(Array.from({ length: 10 }, () => loginHolder(t)));
    const results = await Promise.all(guests.map((g) => book(g, { hotelId: h.id, night: '2027-04-05' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers).toHaveLength(8);
    for (const r of losers)
      expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 409, code: 'LODGING_FULL' });
    expect(await db().countBy(LodgingBooking, { hotelId: h.id, night: '2027-04-05' })).toBe(2);
    expect(await counter(h.id, '2027-04-05')).toBe(2);
    expect(await freeOn(guests[0], h.id, '2027-04-05')).toBe(0);
    expect(await freeOn(guests[0], h.id, '2027-04-06')).toBe(2);
  });

  it('allows one booking per guest per night and at most 3 upcoming; a cancelled night may be booked again', async () => {
    setClock('2027-04-10');
    const a = await hotel();
    const b = await hotel();
    const guest = await loginHolder(t);
    const first = await booked(guest, { hotelId: a.id, night: '2027-04-11' });
    await refused(book(guest, { hotelId: b.id, night: '2027-04-11' }), 409, 'ALREADY_BOOKED');
    await booked(guest, { hotelId: a.id, night: '2027-04-12' });
    await booked(guest, { hotelId: b.id, night: '2027-04-13' });
    await refused(book(guest, { hotelId: b.id, night: '2027-04-14' }), 409, 'LIMIT_REACHED');
    expect(await counter(b.id, '2027-04-14')).toBe(0);

    await t.http.post(`/api/v1/lodging/bookings/${first.id}/cancel`).set(guest.auth).expect(200);
    await booked(guest, { hotelId: b.id, night: '2027-04-11' });
    expect(await counter(a.id, '2027-04-11')).toBe(0);
    expect(await counter(b.id, '2027-04-11')).toBe(1);
  });

  it('holds one night per guest and the limit of 3 when one guest books several at once', async () => {
    setClock('2027-04-20');
    const a = await hotel({ dailyQuota: 5 });
    const b = await hotel({ dailyQuota: 5 });
    const guest = await loginHolder(t);
    const sameNight = await Promise.all([a, b].map((h) => book(guest, { hotelId: h.id, night: '2027-04-21' })));
    expect(sameNight.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(sameNight.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_BOOKED');
    await booked(guest, { hotelId: a.id, night: '2027-04-22' });
    const nights = ['2027-04-23', '2027-04-24', '2027-04-25'];
    const racing = await Promise.all(nights.map((night) => book(guest, { hotelId: a.id, night })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of racing.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('LIMIT_REACHED');
    expect(await db().countBy(LodgingBooking, { accountId: guest.userId })).toBe(3);
    expect((await counter(a.id, '2027-04-21')) + (await counter(b.id, '2027-04-21'))).toBe(1);
  });

  it('hides the 驿站 of a suspended shop and closes its desk', async () => {
    setClock('2027-04-26');
    const h = await hotel();
    const guest = await loginHolder(t);
    const b = await booked(guest, { hotelId: h.id, night: '2027-04-26' });
    const staff = await district();
    await t.http
      .post(`/api/v1/staff/merchants/${h.merchantId}/suspend`)
      .set(staff.auth)
      .send({ reason: '多次拒绝接待' })
      .expect(200);
    const listed = (await t.http.get('/api/v1/lodging/hotels').set(guest.auth).expect(200)).body.items;
    expect(listed.map((x: { id: number }) => x.id)).not.toContain(h.id);
    await refused(book(guest, { hotelId: h.id, night: '2027-04-27' }), 409, 'LODGING_CLOSED');
    await refused(t.http.get('/api/v1/lodging/desk/bookings').set(h.desk.auth), 409, 'MERCHANT_INACTIVE');
    await refused(desk(h.desk, b.id, 'check-in'), 409, 'MERCHANT_INACTIVE');
    const isDesk = (await t.http.get('/api/v1/lodging/desk').set(h.desk.auth).expect(200)).body;
    expect(isDesk.isHotel).toBe(false);
  });

  it('runs booked → checked_in with history, notices, the desk’s masked and full phone, and refuses the rest', async () => {
    setClock('2027-05-01');
    const h = await hotel();
    const guest = await loginHolder(t);
    const created = await booked(guest, {
      hotelId: h.id,
      night: '2027-05-03',
      guestKind: 'family',
      guestName: '张秀英',
    });
    expect(created).toMatchObject({
      status: 'booked',
      hotelId: h.id,
      hotelName: '拥军宾馆',
      address: '上海市黄浦区人民大道 100 号',
      guestKind: 'family',
      phoneMasked: '*******2222',
      proofStatus: 'none',
      deskChecksProof: true,
      allowedActions: ['cancel'],
    });
    expect(created.history).toEqual([
      expect.objectContaining({ action: 'book', from: null, to: 'booked', by: 'guest' }),
    ]);
    const mine = (await t.http.get('/api/v1/lodging/bookings/mine').set(guest.auth).expect(200)).body.items;
    expect(mine.map((b: { id: number; allowedActions: string[] }) => [b.id, b.allowedActions])).toEqual([
      [created.id, ['cancel']],
    ]);
    const stored = await db().findOneByOrFail(LodgingBooking, { id: created.id });
    expect(stored.phoneCipher).not.toContain('13900002222');

    // Before the night: the desk sees the booking, the phone and name masked; it may not check in yet.
    const upcoming = (await t.http.get('/api/v1/lodging/desk/bookings').set(h.desk.auth).expect(200)).body;
    expect(upcoming.items).toEqual([
      expect.objectContaining({ id: created.id, guestName: '张**', phone: '*******2222', allowedActions: ['cancel'] }),
    ]);
    await refused(desk(h.desk, created.id, 'check-in'), 409, 'TOO_EARLY');
    await refused(desk(h.desk, created.id, 'no-show'), 409, 'TOO_EARLY');

    // On the night: the phone in full.
    setClock('2027-05-03', '20:00');
    await renew(h.desk);
    await renew(guest);
    const tonight = (
      await t.http.get('/api/v1/lodging/desk/bookings').query({ night: '2027-05-03' }).set(h.desk.auth).expect(200)
    ).body;
    expect(tonight.items[0]).toMatchObject({
      guestName: '张秀英',
      phone: '13900002222',
      deskChecksProof: true,
      allowedActions: ['check_in', 'no_show', 'cancel'],
    });
    const checked = await desk(h.desk, created.id, 'check-in').expect(200);
    expect(checked.body).toMatchObject({ status: 'checked_in', allowedActions: [] });
    await refused(desk(h.desk, created.id, 'check-in'), 409, 'INVALID_TRANSITION');
    await refused(desk(h.desk, created.id, 'no-show'), 409, 'INVALID_TRANSITION');
    await refused(desk(h.desk, created.id, 'cancel', { reason: '客满' }), 409, 'INVALID_TRANSITION');
    await refused(
      t.http.post(`/api/v1/lodging/bookings/${created.id}/cancel`).set(guest.auth),
      409,
      'INVALID_TRANSITION',
    );
    const staff = await district();
    await refused(staffStep(staff, created.id, 'cancel', { reason: '重复预订' }), 409, 'INVALID_TRANSITION');

    const detail = (await t.http.get(`/api/v1/lodging/bookings/${created.id}`).set(guest.auth).expect(200)).body;
    expect(detail.history.map((s: { action: string; by: string }) => `${s.action}:${s.by}`)).toEqual([
      'book:guest',
      'check_in:desk',
    ]);
    expect(detail.allowedActions).toEqual([]);
    const notices = await db().find(OutboxMessage, {
      where: { recipientAccountId: guest.userId },
      order: { id: 'ASC' },
    });
    expect(notices.map((n) => n.title)).toEqual(['军人驿站预订成功', '军人驿站已入住']);
    // A tap on a notice opens 我的驿站预订.
    expect(new Set(notices.map((n) => n.page))).toEqual(new Set(['packages/lodging/pages/bookings/bookings']));
    const audits = await db().find(AuditLog, {
      where: { targetType: 'lodging_booking', targetId: String(created.id) },
    });
    expect(audits.map((a) => a.action)).toContain('lodging.desk_checked_in');

    // The next morning until noon the desk may still confirm a stay; after, it may not.
    const late = await booked(guest, { hotelId: h.id, night: '2027-05-04' });
    setClock('2027-05-05', '12:00');
    await renew(h.desk);
    await refused(desk(h.desk, late.id, 'check-in'), 409, 'LODGING_CHECK_IN_CLOSED');
    await desk(h.desk, late.id, 'no-show').expect(200);
  });

  it('lets the guest cancel until 18:00 on the night, freeing the room; the hotel and staff cancel with a reason', async () => {
    setClock('2027-06-01', '09:00');
    const h = await hotel({ dailyQuota: 3 });
    const guest = await loginHolder(t);
    const other = await loginHolder(t);
    const third = await loginHolder(t);
    const early = await booked(guest, { hotelId: h.id, night: '2027-06-01' });
    const late = await booked(other, { hotelId: h.id, night: '2027-06-01' });
    const byHotel = await booked(third, { hotelId: h.id, night: '2027-06-01' });
    expect(await freeOn(guest, h.id, '2027-06-01')).toBe(0);

    setClock('2027-06-01', '17:59');
    for (const s of [guest, other, third, h.desk]) await renew(s);
    const cancelled = await t.http.post(`/api/v1/lodging/bookings/${early.id}/cancel`).set(guest.auth).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedActions: [] });
    expect(await freeOn(guest, h.id, '2027-06-01')).toBe(1);

    setClock('2027-06-01', '18:00');
    const view = (await t.http.get(`/api/v1/lodging/bookings/${late.id}`).set(other.auth).expect(200)).body;
    expect(view.allowedActions).toEqual([]);
    const listed = (await t.http.get('/api/v1/lodging/bookings/mine').set(other.auth).expect(200)).body.items;
    expect(listed[0].allowedActions).toEqual([]);
    await refused(t.http.post(`/api/v1/lodging/bookings/${late.id}/cancel`).set(other.auth), 409, 'CANCEL_TOO_LATE');
    // Another guest's booking is not found.
    await refused(t.http.post(`/api/v1/lodging/bookings/${late.id}/cancel`).set(guest.auth), 404, 'NOT_FOUND');
    await refused(t.http.get(`/api/v1/lodging/bookings/${late.id}`).set(guest.auth), 404, 'NOT_FOUND');
    expect((await db().findOneByOrFail(LodgingBooking, { id: late.id })).status).toBe('booked');

    await refused(desk(h.desk, byHotel.id, 'cancel', {}), 400, 'VALIDATION_FAILED');
    const hotelCancel = await desk(h.desk, byHotel.id, 'cancel', { reason: '房间漏水无法入住' }).expect(200);
    expect(hotelCancel.body.status).toBe('cancelled');
    const seen = (await t.http.get(`/api/v1/lodging/bookings/${byHotel.id}`).set(third.auth).expect(200)).body;
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: '房间漏水无法入住' });
    expect(seen.history.at(-1)).toMatchObject({ action: 'cancel', by: 'desk', reason: '房间漏水无法入住' });
    const notice = await db().findOneOrFail(OutboxMessage, {
      where: { recipientAccountId: third.userId },
      order: { id: 'DESC' },
    });
    expect(notice.body).toContain('房间漏水无法入住');

    const staff = await district();
    const staffCancelled = await staffStep(staff, late.id, 'cancel', { reason: '驿站临时停业' }).expect(200);
    expect(staffCancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '驿站临时停业' });
    expect(await counter(h.id, '2027-06-01')).toBe(0);
    expect(await db().countBy(LodgingBookingEvent, { action: 'cancel', bookingId: late.id })).toBe(1);
  });

  it('marks a no-show from 18:00 on the night; two in 90 days keep the guest from booking for 30 days', async () => {
    setClock('2027-07-01');
    const h = await hotel();
    const guest = await loginHolder(t);
    const first = await booked(guest, { hotelId: h.id, night: '2027-07-02' });
    setClock('2027-07-02', '17:59');
    await renew(h.desk);
    await refused(desk(h.desk, first.id, 'no-show'), 409, 'TOO_EARLY');
    setClock('2027-07-02', '18:00');
    const marked = await desk(h.desk, first.id, 'no-show').expect(200);
    expect(marked.body.status).toBe('no_show');
    await refused(desk(h.desk, first.id, 'check-in'), 409, 'INVALID_TRANSITION');

    // One no-show does not block; a second 60 days later does, for 30 days after it.
    setClock('2027-08-31');
    await renew(guest);
    await renew(h.desk);
    const second = await booked(guest, { hotelId: h.id, night: '2027-08-31' });
    setClock('2027-08-31', '23:00');
    await renew(h.desk);
    await desk(h.desk, second.id, 'no-show').expect(200);
    setClock('2027-09-01');
    await renew(guest);
    const blocked = await refused(book(guest, { hotelId: h.id, night: '2027-09-02' }), 409, 'LODGING_BLOCKED');
    expect(blocked.body.error.message).toContain('2027-09-30');
    setClock('2027-09-29');
    await renew(guest);
    await refused(book(guest, { hotelId: h.id, night: '2027-09-30' }), 409, 'LODGING_BLOCKED');
    setClock('2027-09-30');
    await renew(guest);
    await booked(guest, { hotelId: h.id, night: '2027-09-30' });

    // Two no-shows more than 90 days apart do not block.
    const spaced = await loginHolder(t);
    await t.container.db.transaction(async (em) => {
      const base = {
        hotelId: h.id,
        accountId: spaced.userId,
        guestKind: 'serving_soldier' as const,
        guestName: '赵强',
        phoneCipher: 'x',
        phoneLast4: '0000',
        proofFileId: null,
        proofStatus: 'none' as const,
        status: 'no_show' as const,
        cancelReason: null,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      };
      await em.insert(LodgingBooking, { ...base, night: '2027-05-01', nightKey: `${spaced.userId}:2027-05-01` });
      await em.insert(LodgingBooking, { ...base, night: '2027-09-20', nightKey: `${spaced.userId}:2027-09-20` });
    });
    await booked(spaced, { hotelId: h.id, night: '2027-10-01' });
  });

  it('keeps each desk to its own hotel; a shop that is no 驿站 and a guest have no desk', async () => {
    setClock('2027-10-10');
    const mine = await hotel();
    const theirs = await hotel();
    const guest = await loginHolder(t);
    const b = await booked(guest, { hotelId: mine.id, night: '2027-10-10' });
    await renew(theirs.desk);
    const list = (await t.http.get('/api/v1/lodging/desk/bookings').set(theirs.desk.auth).expect(200)).body;
    expect(list.hotelId).toBe(theirs.id);
    expect(list.items).toEqual([]);
    const night = (
      await t.http.get('/api/v1/lodging/desk/bookings').query({ night: '2027-10-10' }).set(theirs.desk.auth).expect(200)
    ).body;
    expect(night.items).toEqual([]);
    for (const step of ['check-in', 'no-show']) await refused(desk(theirs.desk, b.id, step), 404, 'NOT_FOUND');
    await refused(desk(theirs.desk, b.id, 'cancel', { reason: '不是本店' }), 404, 'NOT_FOUND');
    expect((await db().findOneByOrFail(LodgingBooking, { id: b.id })).status).toBe('booked');

    const { owner: plainShop } = await approvedMerchant(t);
    await refused(t.http.get('/api/v1/lodging/desk/bookings').set(plainShop.auth), 404, 'NOT_FOUND');
    // The portal shows the desk to a 驿站's shop only.
    const is = (s: Session) => t.http.get('/api/v1/lodging/desk').set(s.auth).expect(200);
    expect((await is(theirs.desk)).body).toEqual({ isHotel: true, hotelId: theirs.id, hotelName: '拥军宾馆' });
    expect((await is(plainShop)).body).toEqual({ isHotel: false, hotelId: null, hotelName: null });
    await refused(t.http.get('/api/v1/lodging/desk/bookings').set(guest.auth), 403, 'FORBIDDEN');
    await refused(desk(guest, b.id, 'check-in'), 403, 'FORBIDDEN');
  });

  it('has staff review the proof: approved, the desk need not check; rejected, the booking is cancelled with the reason', async () => {
    setClock('2027-11-01');
    const h = await hotel();
    const guest = await loginHolder(t);
    const stranger = await loginHolder(t);
    const proof = await uploadDocument(guest);
    const strangerProof = await uploadDocument(stranger);
    await refused(
      book(guest, { hotelId: h.id, night: '2027-11-02', proofFileId: strangerProof }),
      400,
      'FILE_NOT_ATTACHABLE',
    );
    expect(await counter(h.id, '2027-11-02')).toBe(0);

    const withProof = await booked(guest, { hotelId: h.id, night: '2027-11-02', proofFileId: proof });
    expect(withProof).toMatchObject({ proofStatus: 'pending', deskChecksProof: true });
    const staff = await district();
    const got = (await t.http.get(`/api/v1/staff/lodging/bookings/${withProof.id}`).set(staff.auth).expect(200)).body;
    expect(got).toMatchObject({ proofFileId: proof, allowedActions: ['approve_proof', 'reject_proof', 'cancel'] });

    // The proof: the guest and district staff read it; the hotel's desk and strangers do not.
    const read = (s: Session) => t.http.get(`/api/v1/files/${proof}`).set(s.auth);
    await read(guest).expect(200);
    await read(staff).expect(200);
    await refused(read(h.desk), 404, 'NOT_FOUND');
    await refused(read(stranger), 404, 'NOT_FOUND');

    const approved = await staffStep(staff, withProof.id, 'approve-proof').expect(200);
    expect(approved.body).toMatchObject({ status: 'booked', proofStatus: 'approved', deskChecksProof: false });
    expect(approved.body.allowedActions).toEqual(['cancel']);
    await refused(staffStep(staff, withProof.id, 'approve-proof'), 409, 'INVALID_TRANSITION');
    await refused(staffStep(staff, withProof.id, 'reject-proof', { reason: '证件不清晰' }), 409, 'INVALID_TRANSITION');

    const proof2 = await uploadDocument(guest);
    const toReject = await booked(guest, { hotelId: h.id, night: '2027-11-03', proofFileId: proof2 });
    await refused(staffStep(staff, toReject.id, 'reject-proof', {}), 400, 'VALIDATION_FAILED');
    const station = await loginStaff(t, ['station_staff']);
    await refused(staffStep(station, toReject.id, 'reject-proof', { reason: '证件不清晰' }), 403, 'FORBIDDEN');
    const rejected = await staffStep(staff, toReject.id, 'reject-proof', { reason: '证件照片不清晰' }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'cancelled',
      proofStatus: 'rejected',
      cancelReason: '证件照片不清晰',
    });
    expect(rejected.body.history.at(-1)).toMatchObject({
      action: 'reject_proof',
      by: 'staff',
      reason: '证件照片不清晰',
    });
    expect(await counter(h.id, '2027-11-03')).toBe(0);
    const notices = await db().find(OutboxMessage, {
      where: { recipientAccountId: guest.userId },
      order: { id: 'ASC' },
    });
    expect(notices.map((n) => n.title)).toEqual([
      '军人驿站预订成功',
      '军人驿站证明材料已通过',
      '军人驿站预订成功',
      '军人驿站证明材料未通过',
    ]);
    expect(notices.at(-1)!.body).toContain('证件照片不清晰');

    // Staff's list, filtered, and the read audited.
    const list = (
      await t.http
        .get('/api/v1/staff/lodging/bookings')
        .query({ hotelId: h.id, status: 'cancelled' })
        .set(staff.auth)
        .expect(200)
    ).body;
    expect(list.items.map((b: { id: number }) => b.id)).toEqual([toReject.id]);
    const pending = (
      await t.http
        .get('/api/v1/staff/lodging/bookings')
        .query({ hotelId: h.id, proofStatus: 'approved' })
        .set(staff.auth)
        .expect(200)
    ).body;
    expect(pending.items.map((b: { id: number }) => b.id)).toEqual([withProof.id]);
    const reads = await db().find(AuditLog, { where: { actorAccountId: staff.userId } });
    expect(reads.map((a) => a.action)).toEqual(
      expect.arrayContaining(['lodging.bookings_read', 'lodging.booking_read']),
    );
    await refused(t.http.get('/api/v1/staff/lodging/bookings').set(h.desk.auth), 403, 'FORBIDDEN');
  });

  it('gives a month’s figures per hotel matching a hand count', async () => {
    setClock('2028-01-01');
    const h = await hotel({ dailyQuota: 5, closedNights: ['2028-01-10'] });
    const empty = await hotel({ dailyQuota: 1 });
    const guests = await Promise.all(Array.from({ length: 5 }, () => loginHolder(t)));
    // Five bookings on the 2nd: two stays, one no-show, one cancelled, one left booked.
    const ids: number[] = [];
    for (const g of guests) ids.push((await booked(g, { hotelId: h.id, night: '2028-01-02' })).id);
    await t.http.post(`/api/v1/lodging/bookings/${ids[3]}/cancel`).set(guests[3].auth).expect(200);
    setClock('2028-01-02', '20:00');
    await renew(h.desk);
    await desk(h.desk, ids[0], 'check-in').expect(200);
    await desk(h.desk, ids[1], 'check-in').expect(200);
    await desk(h.desk, ids[2], 'no-show').expect(200);

    const staff = await district();
    const res = await t.http
      .get('/api/v1/staff/lodging/figures')
      .query({ month: '2028-01' })
      .set(staff.auth)
      .expect(200);
    const row = res.body.hotels.find((r: { hotelId: number }) => r.hotelId === h.id);
    // Quota 5 over 31 nights, one closed: 150 free room-nights; 2 stays.
    expect(row).toEqual({
      hotelId: h.id,
      hotelName: '拥军宾馆',
      // Not cancelled: the two stays, the no-show and the one still booked.
      booked: 4,
      stays: 2,
      noShows: 1,
      cancellations: 1,
      freeRoomNights: 150,
      occupancy: Math.round((2 / 150) * 10000) / 10000,
    });
    const quiet = res.body.hotels.find((r: { hotelId: number }) => r.hotelId === empty.id);
    expect(quiet).toMatchObject({ booked: 0, stays: 0, freeRoomNights: 31, occupancy: 0 });
    const feb = await t.http
      .get('/api/v1/staff/lodging/figures')
      .query({ month: '2028-02' })
      .set(staff.auth)
      .expect(200);
    expect(feb.body.hotels.find((r: { hotelId: number }) => r.hotelId === h.id)).toMatchObject({ booked: 0 });
    await refused(
      t.http.get('/api/v1/staff/lodging/figures').query({ month: '2028-13' }).set(staff.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('shows bookings in 我的信息; deleting the account cancels upcoming ones, frees the rooms and clears name and phone', async () => {
    setClock('2028-03-01');
    const h = await hotel();
    const guest = await loginHolder(t);
    const past = await booked(guest, { hotelId: h.id, night: '2028-03-01' });
    setClock('2028-03-01', '20:00');
    await renew(h.desk);
    await desk(h.desk, past.id, 'check-in').expect(200);
    setClock('2028-03-02');
    await renew(guest);
    const upcoming = await booked(guest, { hotelId: h.id, night: '2028-03-05' });

    const mine = (await t.http.get('/api/v1/me/data').set(guest.auth).expect(200)).body;
    expect(mine.lodgingBookings).toEqual([
      expect.objectContaining({ id: upcoming.id, night: '2028-03-05', guestName: '李卫国', status: 'booked' }),
      expect.objectContaining({ id: past.id, status: 'checked_in' }),
    ]);
    const plan = (await t.http.get('/api/v1/me/deletion').set(guest.auth).expect(200)).body;
    expect(plan.blockers).toEqual([]);
    expect(plan.removes.join()).toContain('军人驿站');

    const scope = { accountId: guest.userId, personId: null, now: t.clock.now() };
    await t.container.db.transaction((em) => lodgingPersonalData.erase!(em, scope));
    const rows = await db().find(LodgingBooking, { where: { accountId: guest.userId }, order: { id: 'ASC' } });
    expect(rows.map((r) => ({ status: r.status, name: r.guestName, phone: r.phoneCipher }))).toEqual([
      { status: 'checked_in', name: '', phone: '' },
      { status: 'cancelled', name: '', phone: '' },
    ]);
    expect(await counter(h.id, '2028-03-05')).toBe(0);
    const last = await db().findOneOrFail(LodgingBookingEvent, {
      where: { bookingId: upcoming.id },
      order: { id: 'DESC' },
    });
    expect(last).toMatchObject({ action: 'cancel', actorRole: 'system', actorAccountId: null });
  });

  it('writes nothing in the logs that names a guest', () => {
    const all = t.logs.join('\n');
    expect(all).not.toContain('13900002222');
    expect(all).not.toContain('李卫国');
  });
});
