import { LegalAppointment } from '../server/modules/legal-aid/legal-appointment.entity';
import { LegalSlot } from '../server/modules/legal-aid/legal-slot.entity';
import { Redemption } from '../server/modules/merchants/redemption.entity';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, type Session, unique } from './helpers/factories';
import { providerWithSlots } from './helpers/legal-aid';
import { approvedMerchant, createOffer } from './helpers/merchants';

/**
 * The legal-aid and merchant figures per week and per month (Beijing time), as the cards' series:
 * rows planted on both sides of week and month boundaries land in the right period, rows outside
 * the span count nowhere.
 */

/** Wednesday 25 November 2026, 10:00 in Shanghai: this week began Monday the 23rd. */
const NOW = '2026-11-25T10:00:00+08:00';

describe('legal-aid figures per week and month', () => {
  let t: TestContext;
  let staff: Session;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(NOW);
    const p = await providerWithSlots(t);
    staff = p.staff;
    const holder = await loginHolder(t);
    const slot = await t.container.db.manager.findOneByOrFail(LegalSlot, { providerId: p.providerId });
    const plant = (
      startsAt: string,
      status: LegalAppointment['status'],
      serviceType: LegalAppointment['serviceType'],
    ) =>
      t.container.db.transaction((em) =>
        em.insert(LegalAppointment, {
          slotId: slot.id,
          providerId: p.providerId,
          accountId: holder.userId,
          serviceType,
          mode: 'onsite',
          summary: '工伤赔偿问题咨询',
          startsAt: new Date(startsAt),
          status,
          liveKey: null,
          cancelledBy: status === 'cancelled' ? 'holder' : null,
          cancelReason: null,
          privateNotes: null,
          meetingLink: null,
          rating: null,
          comment: null,
          ratedAt: null,
          createdAt: new Date(NOW),
          updatedAt: new Date(NOW),
        }),
      );
    await plant('2026-09-30T10:00:00+08:00', 'completed', 'consultation'); // before both spans
    await plant('2026-10-31T23:30:00+08:00', 'completed', 'consultation'); // October (UTC: the 31st)
    await plant('2026-11-01T00:30:00+08:00', 'no_show', 'consultation'); // November (UTC: still October)
    await plant('2026-11-17T10:00:00+08:00', 'completed', 'consultation'); // last week
    await plant('2026-11-19T10:00:00+08:00', 'cancelled', 'mediation'); // last week
    await plant('2026-11-23T00:30:00+08:00', 'completed', 'mediation'); // this week (UTC: the 22nd)
    await plant('2026-11-26T10:00:00+08:00', 'booked', 'legal_aid'); // this week, still to come
    await plant('2026-11-30T10:00:00+08:00', 'booked', 'consultation'); // next week, this month
    await plant('2026-12-01T00:30:00+08:00', 'booked', 'consultation'); // next month
  });
  afterAll(() => t.close());

  const series = (query: Record<string, string | number>) =>
    t.http.get('/api/v1/staff/legal-aid/figures/series').query(query).set(staff.auth);

  it('counts appointments by the week they start in, Monday first', async () => {
    const res = await series({ period: 'week', count: 2 }).expect(200);
    expect(res.body).toEqual({
      period: 'week',
      since: '2026-11-16',
      items: [
        { start: '2026-11-16', appointments: 1, completed: 1, noShows: 0, cancelled: 1 },
        { start: '2026-11-23', appointments: 2, completed: 1, noShows: 0, cancelled: 0 },
      ],
      perServiceType: [
        { serviceType: 'consultation', appointments: 1, completed: 1, noShows: 0, cancelled: 0 },
        { serviceType: 'legal_aid', appointments: 1, completed: 0, noShows: 0, cancelled: 0 },
        { serviceType: 'mediation', appointments: 1, completed: 1, noShows: 0, cancelled: 1 },
      ],
    });
  });

  it('counts appointments by calendar month, Beijing time', async () => {
    const res = await series({ period: 'month', count: 2 }).expect(200);
    expect(res.body.since).toBe('2026-10-01');
    expect(res.body.items).toEqual([
      { start: '2026-10-01', appointments: 1, completed: 1, noShows: 0, cancelled: 0 },
      { start: '2026-11-01', appointments: 5, completed: 2, noShows: 1, cancelled: 1 },
    ]);
  });

  it('defaults to twelve weeks, bounds the count, and is for district staff only', async () => {
    const res = await series({}).expect(200);
    expect(res.body.period).toBe('week');
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items.at(-1).start).toBe('2026-11-23');
    expect((await series({ count: 53 }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    await series({ period: 'year' }).expect(400);
    const lawyer = await loginStaff(t, ['lawyer']);
    await t.http.get('/api/v1/staff/legal-aid/figures/series').set(lawyer.auth).expect(403);
    await t.http.get('/api/v1/staff/legal-aid/figures/series').expect(401);
  });
});

describe('merchant figures per week and month', () => {
  let t: TestContext;
  let staff: Session;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(NOW);
    const bureau = await createBureau(t);
    const holder = await readyHolder(t);
    const application = await submittedApplication(t, holder, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      application,
      unique('SC')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 24)
        .padEnd(8, '0'),
    );
    const [card] = await t.container.db.manager.query('SELECT id FROM card');
    const first = await approvedMerchant(t, { categoryId: 1 });
    const second = await approvedMerchant(t, { categoryId: 2 });
    staff = first.staff;
    const offers = new Map([
      [first.merchantId, await createOffer(t, first.owner)],
      [second.merchantId, await createOffer(t, second.owner)],
    ]);
    const plant = (day: string, merchantId: number, personId: number) =>
      t.container.db.transaction((em) =>
        em.insert(Redemption, {
          merchantId,
          offerId: offers.get(merchantId)!,
          cardId: Number(card.id),
          personId,
          clerkAccountId: 1,
          day,
          createdAt: new Date(`${day}T12:00:00+08:00`),
        }),
      );
    const [m1, m2] = [first.merchantId, second.merchantId];
    await plant('2026-09-30', m1, 9); // before both spans
    await plant('2026-10-31', m1, 1);
    await plant('2026-11-01', m1, 1);
    await plant('2026-11-15', m1, 4); // Sunday: the week before last
    await plant('2026-11-16', m1, 1); // Monday: last week
    await plant('2026-11-17', m1, 2);
    await plant('2026-11-22', m2, 1); // Sunday: last week
    await plant('2026-11-23', m2, 3); // Monday: this week
    await plant('2026-11-25', m2, 3);
  });
  afterAll(() => t.close());

  const series = (query: Record<string, string | number>) =>
    t.http.get('/api/v1/staff/merchant-figures/series').query(query).set(staff.auth);

  it('counts uses, holders and merchants by week, Monday first, and per category', async () => {
    const res = await series({ period: 'week', count: 2 }).expect(200);
    expect(res.body).toEqual({
      period: 'week',
      since: '2026-11-16',
      items: [
        { start: '2026-11-16', redemptions: 3, holders: 2, merchants: 2 },
        { start: '2026-11-23', redemptions: 2, holders: 1, merchants: 1 },
      ],
      perCategory: [
        { categoryId: 1, redemptions: 2 },
        { categoryId: 2, redemptions: 3 },
      ],
    });
  });

  it('counts them by calendar month', async () => {
    const res = await series({ period: 'month', count: 2 }).expect(200);
    expect(res.body.since).toBe('2026-10-01');
    expect(res.body.items).toEqual([
      { start: '2026-10-01', redemptions: 1, holders: 1, merchants: 1 },
      { start: '2026-11-01', redemptions: 7, holders: 4, merchants: 2 },
    ]);
    expect(res.body.perCategory).toEqual([
      { categoryId: 1, redemptions: 5 },
      { categoryId: 2, redemptions: 3 },
    ]);
  });

  it('defaults to twelve weeks, bounds the count, and is for district staff only', async () => {
    const res = await series({}).expect(200);
    expect(res.body.items).toHaveLength(12);
    // Twelve weeks back from Monday 23 November begin on Monday 7 September: every row is inside.
    expect(res.body.since).toBe('2026-09-07');
    const counts = res.body.items.map((i: { redemptions: number }) => i.redemptions);
    expect(counts.slice(-2)).toEqual([3, 2]);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(9);
    await series({ count: 0 }).expect(400);
    const station = await loginStaff(t, ['station_staff']);
    await t.http.get('/api/v1/staff/merchant-figures/series').set(station.auth).expect(403);
    await t.http.get('/api/v1/staff/merchant-figures/series').expect(401);
  });
});
