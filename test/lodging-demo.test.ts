import { LodgingBooking } from '../server/modules/lodging/lodging-booking.entity';
import { LodgingHotel } from '../server/modules/lodging/lodging-hotel.entity';
import { seedDemo } from '../server/seed/demo';
import { seedDemoLodging } from '../server/seed/demo-lodging';
import { createTestContext, type TestContext } from './helpers/context';

describe('demo 军人驿站', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.container);
  }, 60_000);
  afterAll(() => t.close());

  it('signs 拥军酒店 as a 驿站 with two rooms a night and books tomorrow for the demo holder', async () => {
    const hotels = await t.container.db.manager.find(LodgingHotel);
    expect(hotels).toEqual([expect.objectContaining({ dailyQuota: 2, status: 'active' })]);
    expect(hotels[0].name).toContain('拥军酒店');
    const login = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-demo7' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const mine = (await t.http.get('/api/v1/lodging/bookings/mine').set(auth).expect(200)).body.items;
    expect(mine).toEqual([expect.objectContaining({ hotelId: hotels[0].id, status: 'booked' })]);
    const listed = (await t.http.get('/api/v1/lodging/hotels').set(auth).expect(200)).body.items;
    expect(listed[0].nights[1].free).toBe(1);

    const owner = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-shop5' }).expect(200);
    const desk = await t.http
      .get('/api/v1/lodging/desk')
      .set({ Authorization: `Bearer ${owner.body.accessToken}` })
      .expect(200);
    expect(desk.body).toMatchObject({ isHotel: true, hotelId: hotels[0].id });
  });

  it('makes nothing more when its step runs again', async () => {
    await seedDemoLodging(t.container);
    expect(await t.container.db.manager.count(LodgingHotel)).toBe(1);
    expect(await t.container.db.manager.count(LodgingBooking)).toBe(1);
  });
});
