import type { Response } from 'supertest';
import { applicationBody, createBureau, readyHolder } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff } from './helpers/factories';
import { EVERY_DAY, providerWithSlots } from './helpers/legal-aid';
import { approvedMerchant } from './helpers/merchants';

/**
 * Values the database cannot hold are refused at the edge, the same on SQLite and MariaDB:
 * 400 VALIDATION_FAILED naming the field, never a 500 from the database or a silently cut value.
 */
const INT32_OVER = 2 ** 31;

function expectRefused(res: Response, field: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  expect(res.body.error.message).toContain(field);
}

describe('bounds at the edge', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set('2026-11-23T02:00:00Z');
  });
  afterAll(() => t.close());

  describe('dates', () => {
    it('refuses an offer ending past the year 9999, however written; keeps one ending on 9999-12-31', async () => {
      const { owner } = await approvedMerchant(t);
      const post = (extra: Record<string, unknown>) =>
        t.http
          .post('/api/v1/merchant/offers')
          .set(owner.auth)
          .send({ title: '拥军 9 折', kind: 'discount', discountText: '9 折', ...extra });

      expectRefused(await post({ validTo: '10000-01-01T00:00:00Z' }), 'validTo');
      // Still 9999 where it was written, but 10000 in UTC, which is what the database stores.
      expectRefused(await post({ validTo: '9999-12-31T23:00:00-05:00' }), 'validTo');
      // Shanghai wall time in the year 10000.
      expectRefused(await post({ validTo: '9999-12-31T20:00:00Z' }), 'validTo');
      expectRefused(await post({ validFrom: '0001-01-01T00:00:00Z' }), 'validFrom');
      expectRefused(await post({ validFrom: '1999-12-31T23:59:59+08:00' }), 'validFrom');

      const last = await post({ validFrom: '2000-01-01T00:00:00+08:00', validTo: '9999-12-31T23:59:59+08:00' }).expect(
        201,
      );
      expect(last.body).toMatchObject({
        validFrom: '2000-01-01T00:00:00.000+08:00',
        validTo: '9999-12-31T23:59:59.000+08:00',
      });
      const listed = await t.http.get('/api/v1/merchant/offers').set(owner.auth).expect(200);
      expect(listed.body.items.find((o: { id: number }) => o.id === last.body.id).validTo).toBe(
        '9999-12-31T23:59:59.000+08:00',
      );
      // An edit is held to the same range.
      expectRefused(
        await t.http
          .patch(`/api/v1/merchant/offers/${last.body.id}`)
          .set(owner.auth)
          .send({ validTo: '9999-12-31T23:00:00-05:00' }),
        'validTo',
      );
    });

    it('refuses dates out of range in a query string, and answers near the end of the range', async () => {
      const { providerId, lawyer } = await providerWithSlots(t);
      expectRefused(
        await t.http
          .get(`/api/v1/legal-aid/providers/${providerId}/slots`)
          .query({ from: '9999-12-31T23:00:00-05:00' }),
        'from',
      );
      expectRefused(
        await t.http.get(`/api/v1/legal-aid/providers/${providerId}/slots`).query({ to: '1900-01-01T00:00:00Z' }),
        'to',
      );
      expectRefused(
        await t.http.get('/api/v1/provider/appointments').query({ from: '0001-01-01T00:00:00Z' }).set(lawyer.auth),
        'from',
      );
      // The default end of the window would pass 9999: it is held to the range.
      const late = await t.http
        .get(`/api/v1/legal-aid/providers/${providerId}/slots`)
        .query({ from: '9999-12-31T12:00:00+08:00' })
        .expect(200);
      expect(late.body.items).toEqual([]);
      const desk = await t.http
        .get('/api/v1/provider/appointments')
        .query({ from: '9999-12-31T12:00:00+08:00' })
        .set(lawyer.auth)
        .expect(200);
      expect(desk.body.items).toEqual([]);
    });

    it('refuses a day off outside 2000–9999', async () => {
      const { providerId, staff } = await providerWithSlots(t);
      expectRefused(
        await t.http
          .post(`/api/v1/staff/legal-aid/providers/${providerId}/days-off`)
          .set(staff.auth)
          .send({ day: '1999-12-31' }),
        'day',
      );
      expectRefused(
        await t.http
          .post(`/api/v1/staff/legal-aid/providers/${providerId}/days-off`)
          .set(staff.auth)
          .send({ day: '10000-01-01' }),
        'day',
      );
      await t.http
        .post(`/api/v1/staff/legal-aid/providers/${providerId}/days-off`)
        .set(staff.auth)
        .send({ day: '9999-12-31' })
        .expect(201);
    });

    it('refuses a forged page cursor carrying a date that is not one', async () => {
      const bureau = await createBureau(t);
      const cursor = Buffer.from(JSON.stringify({ submittedAt: 'not-a-date', id: 1 }), 'utf8').toString('base64url');
      expectRefused(
        await t.http.get('/api/v1/staff/card-applications').query({ cursor }).set(bureau.stationReviewer.auth),
        'cursor',
      );
      const far = Buffer.from(JSON.stringify({ submittedAt: '+010000-01-01T00:00:00Z', id: 1 }), 'utf8').toString(
        'base64url',
      );
      expectRefused(
        await t.http.get('/api/v1/staff/card-applications').query({ cursor: far }).set(bureau.stationReviewer.auth),
        'cursor',
      );
    });
  });

  describe('numbers', () => {
    it('refuses money, limits and ids an int column cannot hold', async () => {
      const { owner } = await approvedMerchant(t);
      const post = (extra: Record<string, unknown>) =>
        t.http
          .post('/api/v1/merchant/offers')
          .set(owner.auth)
          .send({ title: '拥军代金券', discountText: '50 抵 100', ...extra });
      expectRefused(await post({ kind: 'voucher', priceFen: INT32_OVER, faceValueFen: INT32_OVER }), 'priceFen');
      expectRefused(await post({ kind: 'voucher', priceFen: -1, faceValueFen: 100 }), 'priceFen');
      expectRefused(await post({ kind: 'discount', perPersonDailyLimit: INT32_OVER }), 'perPersonDailyLimit');
      expectRefused(await post({ kind: 'discount', perPersonDailyLimit: 0 }), 'perPersonDailyLimit');
      expectRefused(
        await t.http
          .post('/api/v1/merchant/redemptions')
          .set(owner.auth)
          .send({ qrToken: 'x'.repeat(20), offerId: INT32_OVER }),
        'offerId',
      );

      const holder = await readyHolder(t);
      const bureau = await createBureau(t);
      expectRefused(
        await t.http.post('/api/v1/card-applications').set(holder.auth).send(applicationBody(holder, INT32_OVER)),
        'stationId',
      );
      expectRefused(
        await t.http
          .post('/api/v1/card-applications')
          .set(holder.auth)
          .send(applicationBody({ ...holder, photoFileId: INT32_OVER }, bureau.stationId)),
        'photoFileId',
      );
      expectRefused(await t.http.get('/api/v1/me/timeline').query({ after: INT32_OVER }).set(holder.auth), 'after');
      expectRefused(
        await t.http
          .get('/api/v1/staff/complaints')
          .query({ merchantId: INT32_OVER })
          .set((await loginStaff(t, ['district_staff'])).auth),
        'merchantId',
      );
    });

    it('refuses a capacity or a page size too large, and a rating out of 1–5', async () => {
      const { providerId, staff } = await providerWithSlots(t);
      const schedule = (extra: Record<string, unknown>) => ({ schedules: [{ ...EVERY_DAY[0], ...extra }] });
      const put = (body: object) =>
        t.http.put(`/api/v1/staff/legal-aid/providers/${providerId}/schedule`).set(staff.auth).send(body);
      expectRefused(await put(schedule({ capacity: INT32_OVER })), 'schedules.0.capacity');
      expectRefused(await put(schedule({ capacity: 51 })), 'schedules.0.capacity');
      expectRefused(await put(schedule({ slotMinutes: INT32_OVER })), 'schedules.0.slotMinutes');
      const holder = await loginHolder(t);
      expectRefused(await t.http.get('/api/v1/me/timeline').query({ limit: 101 }).set(holder.auth), 'limit');
      expectRefused(
        await t.http.post('/api/v1/legal-aid/appointments/1/review').set(holder.auth).send({ rating: 6 }),
        'rating',
      );
    });
  });

  it('publishes the bounds in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    const offer = doc.paths['/api/v1/merchant/offers'].post.requestBody.content['application/json'].schema.properties;
    expect(offer.priceFen).toMatchObject({ maximum: 10_000_000 });
    expect(offer.perPersonDailyLimit).toMatchObject({ minimum: 1, maximum: 100 });
    expect(offer.title).toMatchObject({ maxLength: 64 });
    const application =
      doc.paths['/api/v1/card-applications'].post.requestBody.content['application/json'].schema.properties;
    expect(application.stationId).toMatchObject({ maximum: 2_147_483_647 });
  });

  describe('text', () => {
    it('refuses text longer than its column, in every module', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      const provider = {
        name: '周律师',
        kind: 'lawyer',
        firm: '拥军律师事务所',
        specialties: ['劳动争议'],
        serviceTypes: ['consultation'],
        modes: ['phone'],
      };
      // Six languages of twelve characters each fit one by one, but not joined in the 64-character column.
      const languages = Array.from({ length: 6 }, (_, i) => `${'语'.repeat(11)}${i}`);
      expectRefused(
        await t.http
          .post('/api/v1/staff/legal-aid/providers')
          .set(staff.auth)
          .send({ ...provider, languages }),
        'languages',
      );
      await t.http
        .post('/api/v1/staff/legal-aid/providers')
        .set(staff.auth)
        .send({ ...provider, languages: languages.slice(0, 5) })
        .expect(201);
      expectRefused(
        await t.http
          .post('/api/v1/staff/legal-aid/providers')
          .set(staff.auth)
          .send({ ...provider, firm: '所'.repeat(65) }),
        'firm',
      );

      const { owner } = await approvedMerchant(t);
      expectRefused(
        await t.http
          .post('/api/v1/merchant/offers')
          .set(owner.auth)
          .send({ title: '惠'.repeat(65), kind: 'discount', discountText: '9 折' }),
        'title',
      );

      const holder = await loginHolder(t);
      expectRefused(
        await t.http
          .post('/api/v1/merchant-applications')
          .set(holder.auth)
          .send({ name: '店'.repeat(65) }),
        'name',
      );

      const admin = await loginStaff(t, ['admin']);
      expectRefused(
        await t.http
          .post('/api/v1/staff/accounts')
          .set(admin.auth)
          .send({ username: 'a'.repeat(65), password: 'long-enough-password', displayName: '测试', roles: ['lawyer'] }),
        'username',
      );
      expectRefused(
        await t.http
          .get('/api/v1/staff/audit-logs')
          .query({ targetType: 't'.repeat(33) })
          .set(admin.auth),
        'targetType',
      );
      expectRefused(
        await t.http
          .put('/api/v1/me/identity')
          .set(holder.auth)
          .send({ name: '名'.repeat(31), idNumber: '11010519491231002X', phone: '13812345678', category: 'veteran' }),
        'name',
      );
    });
  });
});
