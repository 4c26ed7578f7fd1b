import type { Response } from 'supertest';
import { QrTokenUse } from '../server/modules/cards/qr-token-use.entity';
import { MerchantMember } from '../server/modules/merchants/merchant-member.entity';
import { SingleFlightCache } from '../server/modules/merchants/single-flight-cache';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { approvedMerchant, createOffer, licenceNo } from './helpers/merchants';

/** The categories the alliance starts with, in their display order. */
const SEEDED_CATEGORIES = ['衣', '食', '住', '行', '文旅', '娱乐', '购物', '医疗健康', '教育培训', '金融', '生活服务'];
const HOLDER_NAME = '陈卫国';
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Places far apart, so each rule's merchants are alone in their own neighbourhood. */
const PLACES = {
  joining: { lat: 23.13, lng: 113.26 },
  suspension: { lat: 30.66, lng: 104.06 },
  offers: { lat: 34.26, lng: 108.94 },
  nearby: { lat: 39.9, lng: 116.4 },
  radiusEdge: { lat: 36.07, lng: 120.38 },
};

type Auth = { Authorization: string };
type Holder = Session & { idNumber: string; cardNumber: string };

/** Awaits a request and fails with the whole answer when the status is not the expected one. */
async function call(req: PromiseLike<Response>, status: number): Promise<Response> {
  const res = await req;
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** Awaits a refusal and checks its status and error code together. */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

const fieldsOf = (res: Response): string[] => (res.body.error?.details ?? []).map((d: { field: string }) => d.field);
const idsOf = (res: Response): number[] => res.body.items.map((x: { id: number }) => x.id);
const authOf = (accessToken: string): Auth => ({ Authorization: `Bearer ${accessToken}` });

const shanghaiDay = (d: Date) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** Milliseconds from `now` to one minute past the next midnight in Asia/Shanghai. */
function untilNextShanghaiDay(now: Date): number {
  const dayStart = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return dayStart + DAY_MS + 60_000 - now.getTime();
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h =
    Math.sin((rad(b.lat) - rad(a.lat)) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin((rad(b.lng) - rad(a.lng)) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** The point `metres` from `centre` on a compass bearing, at the micro-degree precision merchants are stored with. */
function offsetFrom(
  centre: { lat: number; lng: number },
  metres: number,
  bearingDeg: number,
): { lat: number; lng: number } {
  const mPerDeg = (EARTH_RADIUS_M * Math.PI) / 180;
  const dLat = (metres * Math.cos(rad(bearingDeg))) / mPerDeg;
  const dLng = (metres * Math.sin(rad(bearingDeg))) / (mPerDeg * Math.cos(rad(centre.lat)));
  return { lat: Number((centre.lat + dLat).toFixed(6)), lng: Number((centre.lng + dLng).toFixed(6)) };
}

describe('merchant alliance rules', () => {
  let t: TestContext;
  let admin: Session;
  let bureau: Awaited<ReturnType<typeof createBureau>> | undefined;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await loginStaff(t, ['admin']);
  });
  afterAll(() => t.close());

  /** A holder whose 优待证 is active. */
  async function holderWithCard(): Promise<Holder> {
    bureau ??= await createBureau(t);
    const h = await readyHolder(t);
    const applicationId = await submittedApplication(t, h, bureau.stationId);
    const cardNumber = unique('YD')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 24)
      .padEnd(8, '0');
    await issuedCard(t, bureau, applicationId, cardNumber);
    return { ...h, cardNumber };
  }

  async function qrToken(h: Session): Promise<string> {
    return (await call(t.http.post('/api/v1/me/card/qr-token').set(h.auth), 200)).body.token;
  }

  const redeem = (auth: Auth, qr: string, offerId: number) =>
    t.http.post('/api/v1/merchant/redemptions').set(auth).send({ qrToken: qr, offerId });

  /** The owner adds a clerk, who logs in with their own password. */
  async function clerkOf(
    owner: Session,
  ): Promise<{ id: number; username: string; password: string; auth: Auth; refreshToken: string }> {
    const username = unique('clerk');
    const password = 'counter-password-1';
    const added = await call(
      t.http.post('/api/v1/merchant/clerks').set(owner.auth).send({ username, password, displayName: '收银员' }),
      201,
    );
    const login = await call(t.http.post('/api/v1/auth/password-login').send({ username, password }), 200);
    return {
      id: added.body.id,
      username,
      password,
      auth: authOf(login.body.accessToken),
      refreshToken: login.body.refreshToken,
    };
  }

  /** A new session for the same account (the access token of the old one may have expired). */
  async function refreshed(refreshToken: string): Promise<{ auth: Auth; refreshToken: string }> {
    const res = await call(t.http.post('/api/v1/auth/refresh').send({ refreshToken }), 200);
    return { auth: authOf(res.body.accessToken), refreshToken: res.body.refreshToken };
  }

  async function auditActions(targetType: string, targetId: number): Promise<string[]> {
    const res = await call(
      t.http.get(`/api/v1/staff/audit-logs?targetType=${targetType}&targetId=${targetId}&limit=100`).set(admin.auth),
      200,
    );
    return res.body.items.map((a: { action: string }) => a.action);
  }

  const applicationBody = (extra: Record<string, unknown> = {}) => ({
    name: `拥军小店${unique('')}`.slice(0, 30),
    licenseNo: licenceNo(),
    categoryId: 2,
    address: '广州市越秀区中山五路 20 号',
    lat: PLACES.joining.lat,
    lng: PLACES.joining.lng,
    contactPhone: '13800138000',
    ...extra,
  });

  const nearbyIds = async (at: { lat: number; lng: number }, radiusKm = 1) =>
    idsOf(await call(t.http.get(`/api/v1/merchants?lat=${at.lat}&lng=${at.lng}&radiusKm=${radiusKm}&limit=100`), 200));

  /** Finds a merchant in the staff list, however many pages it takes. */
  async function staffMerchant(
    staff: Session,
    id: number,
  ): Promise<{ id: number; upheldComplaints: number; status: string }> {
    let cursor: string | null = null;
    do {
      const res: Response = await call(
        t.http.get(`/api/v1/staff/merchants?limit=100${cursor ? `&cursor=${cursor}` : ''}`).set(staff.auth),
        200,
      );
      const found = res.body.items.find((m: { id: number }) => m.id === id);
      if (found) return found;
      cursor = res.body.nextCursor;
    } while (cursor);
    throw new Error(`merchant ${id} is not in the staff list`);
  }

  describe('categories', () => {
    it('lists the seeded categories in sort order', async () => {
      const res = await call(t.http.get('/api/v1/merchant-categories'), 200);
      const items: Array<{ id: number; name: string; sort: number }> = res.body.items;
      expect(items.map((c) => c.name).filter((n) => SEEDED_CATEGORIES.includes(n))).toEqual(SEEDED_CATEGORIES);
      const ordered = [...items].sort((a, b) => a.sort - b.sort || a.id - b.id);
      expect(items).toEqual(ordered);
    });

    it('lets district staff add and retire a category, visible at once, no duplicate names, audited', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      const holder = await loginHolder(t);
      const name = unique('退役分类').slice(0, 32);
      // The list is read (and cached) before the change.
      await call(t.http.get('/api/v1/merchant-categories'), 200);

      const created = await call(
        t.http.post('/api/v1/staff/merchant-categories').set(staff.auth).send({ name, sort: 5 }),
        201,
      );
      expect(created.body).toMatchObject({ name, sort: 5, active: true });
      const afterAdd = await call(t.http.get('/api/v1/merchant-categories'), 200);
      expect(afterAdd.body.items.map((c: { name: string }) => c.name)).toContain(name);
      expect(afterAdd.body.items[0]).toMatchObject({ id: created.body.id, name, sort: 5 });

      await refused(
        t.http.post('/api/v1/staff/merchant-categories').set(staff.auth).send({ name }),
        409,
        'CATEGORY_EXISTS',
      );
      await refused(
        t.http
          .post('/api/v1/staff/merchant-categories')
          .set(holder.auth)
          .send({ name: unique('分类') }),
        403,
        'FORBIDDEN',
      );
      await refused(
        t.http
          .patch(`/api/v1/staff/merchant-categories/${created.body.id}`)
          .set(holder.auth)
          .send({ name, active: false }),
        403,
        'FORBIDDEN',
      );
      // Renaming onto an existing category's name is refused the same way.
      await refused(
        t.http.patch(`/api/v1/staff/merchant-categories/${created.body.id}`).set(staff.auth).send({ name: '食' }),
        409,
        'CATEGORY_EXISTS',
      );

      const retired = await call(
        t.http
          .patch(`/api/v1/staff/merchant-categories/${created.body.id}`)
          .set(staff.auth)
          .send({ name, active: false }),
        200,
      );
      expect(retired.body).toMatchObject({ id: created.body.id, active: false });
      const afterRetire = await call(t.http.get('/api/v1/merchant-categories'), 200);
      expect(afterRetire.body.items.map((c: { id: number }) => c.id)).not.toContain(created.body.id);
      expect(
        afterRetire.body.items
          .map((c: { name: string }) => c.name)
          .filter((n: string) => SEEDED_CATEGORIES.includes(n)),
      ).toEqual(SEEDED_CATEGORIES);

      const actions = await auditActions('merchant_category', created.body.id);
      expect(actions).toEqual(expect.arrayContaining(['merchant_category.create', 'merchant_category.update']));
    });
  });

  describe('joining the alliance', () => {
    it('validates the application and names the field at fault', async () => {
      const applicant = await loginHolder(t);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ licenseNo: 'abc-123' }, 'licenseNo'],
        [{ licenseNo: '91310000abcdefghij' }, 'licenseNo'],
        [{ lat: 60 }, 'lat'],
        [{ lat: 1.5 }, 'lat'],
        [{ lng: 140 }, 'lng'],
        [{ lng: 70 }, 'lng'],
        [{ contactPhone: '12345' }, 'contactPhone'],
        [{ contactPhone: '1380013800a' }, 'contactPhone'],
        [{ categoryId: 999_999 }, 'categoryId'],
      ];
      for (const [extra, field] of cases) {
        const res = await refused(
          t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody(extra)),
          400,
          'VALIDATION_FAILED',
        );
        expect({ extra, fields: fieldsOf(res) }).toEqual({ extra, fields: expect.arrayContaining([field]) });
      }
      // None of the refused attempts left an application behind.
      await call(t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()), 201);
    });

    it('allows one pending application per account', async () => {
      const applicant = await loginHolder(t);
      await call(t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()), 201);
      await refused(
        t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()),
        409,
        'MERCHANT_APPLICATION_EXISTS',
      );
    });

    it('rejects only with a reason, tells the applicant, and keeps the merchant hidden', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      const applicant = await loginHolder(t);
      const app = await call(
        t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()),
        201,
      );
      expect(app.body.status).toBe('pending');
      const reviewUrl = `/api/v1/staff/merchant-applications/${app.body.id}/review`;

      // Pending: neither listed nearby nor shown.
      expect(await nearbyIds(PLACES.joining)).not.toContain(app.body.id);
      await refused(t.http.get(`/api/v1/merchants/${app.body.id}`), 404, 'NOT_FOUND');

      const noReason = await refused(
        t.http.post(reviewUrl).set(staff.auth).send({ decision: 'reject' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(noReason)).toContain('reason');
      await refused(
        t.http.post(reviewUrl).set(staff.auth).send({ decision: 'reject', reason: '   ' }),
        400,
        'VALIDATION_FAILED',
      );

      const rejected = await call(
        t.http.post(reviewUrl).set(staff.auth).send({ decision: 'reject', reason: '营业执照与门店名称不符' }),
        200,
      );
      expect(rejected.body).toMatchObject({ id: app.body.id, status: 'rejected', reason: '营业执照与门店名称不符' });

      const timeline = await call(t.http.get('/api/v1/me/timeline').set(applicant.auth), 200);
      expect(timeline.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: expect.stringContaining('未通过'),
            body: expect.stringContaining('营业执照与门店名称不符'),
          }),
        ]),
      );

      // Rejected: still hidden, and it cannot be approved afterwards.
      expect(await nearbyIds(PLACES.joining)).not.toContain(app.body.id);
      await refused(t.http.get(`/api/v1/merchants/${app.body.id}`), 404, 'NOT_FOUND');
      await refused(t.http.post(reviewUrl).set(staff.auth).send({ decision: 'approve' }), 409, 'INVALID_TRANSITION');
      expect(await auditActions('merchant', app.body.id)).toContain('merchant.reject');

      // With nothing pending, the applicant may apply again.
      await call(t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()), 201);
    });

    it('approves once: the applicant becomes the owner with a membership, audited', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      const holder = await loginHolder(t);
      const applicant = await loginHolder(t);
      const app = await call(
        t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()),
        201,
      );
      const reviewUrl = `/api/v1/staff/merchant-applications/${app.body.id}/review`;

      await refused(t.http.post(reviewUrl).set(holder.auth).send({ decision: 'approve' }), 403, 'FORBIDDEN');
      await refused(
        t.http.post('/api/v1/staff/merchant-applications/999999/review').set(staff.auth).send({ decision: 'approve' }),
        404,
        'NOT_FOUND',
      );
      // The old session predates approval: it carries no owner role.
      await refused(t.http.get('/api/v1/merchant/me').set(applicant.auth), 403, 'FORBIDDEN');

      const approved = await call(t.http.post(reviewUrl).set(staff.auth).send({ decision: 'approve' }), 200);
      expect(approved.body).toMatchObject({ id: app.body.id, status: 'active', ownerAccountId: applicant.userId });
      await refused(t.http.post(reviewUrl).set(staff.auth).send({ decision: 'approve' }), 409, 'INVALID_TRANSITION');
      await refused(
        t.http.post(reviewUrl).set(staff.auth).send({ decision: 'reject', reason: '重复审核' }),
        409,
        'INVALID_TRANSITION',
      );

      const next = await call(t.http.post('/api/v1/auth/refresh').send({ refreshToken: applicant.refreshToken }), 200);
      expect(next.body.user.roles).toEqual(expect.arrayContaining(['holder', 'merchant_owner']));
      const me = await call(t.http.get('/api/v1/merchant/me').set(authOf(next.body.accessToken)), 200);
      expect(me.body).toMatchObject({ role: 'owner', merchant: { id: app.body.id, status: 'active' } });
      const members = await t.container.db.manager.findBy(MerchantMember, { merchantId: app.body.id });
      expect(members).toEqual([expect.objectContaining({ accountId: applicant.userId, role: 'owner', active: true })]);

      const timeline = await call(t.http.get('/api/v1/me/timeline').set(applicant.auth), 200);
      expect(timeline.body.items.map((m: { title: string }) => m.title)).toEqual(
        expect.arrayContaining([expect.stringContaining('已通过')]),
      );
      expect(await auditActions('merchant', app.body.id)).toEqual(['merchant.approve']);

      expect(await nearbyIds(PLACES.joining)).toContain(app.body.id);
      await call(t.http.get(`/api/v1/merchants/${app.body.id}`), 200);
    });
  });

  describe('suspension', () => {
    it('hides a suspended merchant, stops its counter without spending the token, and restores it', async () => {
      const { owner, merchantId, staff } = await approvedMerchant(t, PLACES.suspension);
      const offerId = await createOffer(t, owner);
      const clerk = await clerkOf(owner);
      const other = await approvedMerchant(t);
      const otherOffer = await createOffer(t, other.owner);
      const h = await holderWithCard();

      // The merchant's page is read (and cached) before the suspension.
      await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(await nearbyIds(PLACES.suspension)).toContain(merchantId);

      const suspendUrl = `/api/v1/staff/merchants/${merchantId}/suspend`;
      const noReason = await refused(t.http.post(suspendUrl).set(staff.auth).send({}), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(noReason)).toContain('reason');
      const suspended = await call(t.http.post(suspendUrl).set(staff.auth).send({ reason: '多次拒绝优待' }), 200);
      expect(suspended.body).toMatchObject({ status: 'suspended', reason: '多次拒绝优待' });

      expect(await nearbyIds(PLACES.suspension)).not.toContain(merchantId);
      await refused(t.http.get(`/api/v1/merchants/${merchantId}`), 404, 'NOT_FOUND');

      const token = await qrToken(h);
      await refused(redeem(clerk.auth, token, offerId), 409, 'MERCHANT_INACTIVE');
      await refused(redeem(owner.auth, token, offerId), 409, 'MERCHANT_INACTIVE');
      // The refused token was not spent: it works at another merchant's counter.
      await call(redeem(other.owner.auth, token, otherOffer), 201);

      await refused(t.http.post(suspendUrl).set(staff.auth).send({ reason: '再次暂停' }), 409, 'INVALID_TRANSITION');

      const restored = await call(t.http.post(`/api/v1/staff/merchants/${merchantId}/restore`).set(staff.auth), 200);
      expect(restored.body).toMatchObject({ status: 'active', reason: null });
      await refused(
        t.http.post(`/api/v1/staff/merchants/${merchantId}/restore`).set(staff.auth),
        409,
        'INVALID_TRANSITION',
      );
      expect(await nearbyIds(PLACES.suspension)).toContain(merchantId);
      const page = await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(page.body.offers.map((o: { id: number }) => o.id)).toEqual([offerId]);
      await call(redeem(clerk.auth, await qrToken(h), offerId), 201);

      const holder = await loginHolder(t);
      await refused(t.http.post(suspendUrl).set(holder.auth).send({ reason: '越权操作' }), 403, 'FORBIDDEN');
      await refused(
        t.http.post('/api/v1/staff/merchants/999999/suspend').set(staff.auth).send({ reason: '不存在的商户' }),
        404,
        'NOT_FOUND',
      );
      expect(await auditActions('merchant', merchantId)).toEqual(
        expect.arrayContaining(['merchant.suspend', 'merchant.restore']),
      );
    });
  });

  describe('offers', () => {
    it('are published and changed by the owner only', async () => {
      const { owner } = await approvedMerchant(t, PLACES.offers);
      const offerId = await createOffer(t, owner);
      const clerk = await clerkOf(owner);
      await refused(
        t.http
          .post('/api/v1/merchant/offers')
          .set(clerk.auth)
          .send({ title: '店员发布', kind: 'discount', discountText: '9 折' }),
        403,
        'FORBIDDEN',
      );
      await refused(
        t.http.patch(`/api/v1/merchant/offers/${offerId}`).set(clerk.auth).send({ title: '店员修改' }),
        403,
        'FORBIDDEN',
      );
      await refused(t.http.post(`/api/v1/merchant/offers/${offerId}/withdraw`).set(clerk.auth), 403, 'FORBIDDEN');
      const holder = await loginHolder(t);
      await refused(
        t.http
          .post('/api/v1/merchant/offers')
          .set(holder.auth)
          .send({ title: '持证人发布', kind: 'discount', discountText: '9 折' }),
        403,
        'FORBIDDEN',
      );
      // The clerk still sees the unchanged offer.
      const list = await call(t.http.get('/api/v1/merchant/offers').set(clerk.auth), 200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: offerId, title: '退役军人专享 8 折', status: 'active' }),
      ]);
    });

    it('checks prices and dates', async () => {
      const { owner } = await approvedMerchant(t, PLACES.offers);
      const post = (body: Record<string, unknown>) =>
        t.http
          .post('/api/v1/merchant/offers')
          .set(owner.auth)
          .send({ title: '拥军代金券', discountText: '50 元抵 100 元', ...body });
      const now = t.clock.now().getTime();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ kind: 'voucher', faceValueFen: 10_000 }, 'priceFen'],
        [{ kind: 'voucher', priceFen: 5_000 }, 'priceFen'],
        [{ kind: 'voucher', priceFen: 12_000, faceValueFen: 10_000 }, 'priceFen'],
        [{ kind: 'discount', priceFen: 5_000 }, 'priceFen'],
        [{ kind: 'discount', faceValueFen: 5_000 }, 'priceFen'],
        [
          { kind: 'discount', validFrom: new Date(now + DAY_MS).toISOString(), validTo: new Date(now).toISOString() },
          'validTo',
        ],
      ];
      for (const [body, field] of cases) {
        const res = await refused(post(body), 400, 'VALIDATION_FAILED');
        expect({ body, fields: fieldsOf(res) }).toEqual({ body, fields: expect.arrayContaining([field]) });
      }
      const mine = await call(t.http.get('/api/v1/merchant/offers').set(owner.auth), 200);
      expect(mine.body.items).toEqual([]);

      const voucher = await call(post({ kind: 'voucher', priceFen: 5_000, faceValueFen: 10_000 }), 201);
      expect(voucher.body).toMatchObject({ kind: 'voucher', priceFen: 5_000, faceValueFen: 10_000, status: 'active' });
      // An edit is checked against the offer as it would become.
      await refused(
        t.http.patch(`/api/v1/merchant/offers/${voucher.body.id}`).set(owner.auth).send({ priceFen: 20_000 }),
        400,
        'VALIDATION_FAILED',
      );
      await call(
        t.http.patch(`/api/v1/merchant/offers/${voucher.body.id}`).set(owner.auth).send({ priceFen: 8_000 }),
        200,
      );
    });

    it('can be edited and withdrawn only by their own merchant; a withdrawn offer is gone', async () => {
      const { owner, merchantId } = await approvedMerchant(t, PLACES.offers);
      const other = await approvedMerchant(t);
      const offerId = await createOffer(t, owner, { title: '老兵理发 7 折', discountText: '7 折' });
      const keptId = await createOffer(t, owner, { title: '茶水免费', discountText: '免费' });
      const otherOffer = await createOffer(t, other.owner);
      const h = await holderWithCard();

      await refused(
        t.http.patch(`/api/v1/merchant/offers/${otherOffer}`).set(owner.auth).send({ title: '改别人的优惠' }),
        404,
        'NOT_FOUND',
      );
      await refused(t.http.post(`/api/v1/merchant/offers/${otherOffer}/withdraw`).set(owner.auth), 404, 'NOT_FOUND');
      await refused(redeem(owner.auth, await qrToken(h), otherOffer), 404, 'NOT_FOUND');

      const before = await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(before.body.offers.map((o: { id: number }) => o.id)).toEqual([offerId, keptId]);

      const edited = await call(
        t.http
          .patch(`/api/v1/merchant/offers/${offerId}`)
          .set(owner.auth)
          .send({ title: '老兵理发 6 折', discountText: '6 折' }),
        200,
      );
      expect(edited.body).toMatchObject({ id: offerId, title: '老兵理发 6 折', discountText: '6 折' });
      const afterEdit = await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(afterEdit.body.offers.find((o: { id: number }) => o.id === offerId).title).toBe('老兵理发 6 折');

      const withdrawn = await call(t.http.post(`/api/v1/merchant/offers/${offerId}/withdraw`).set(owner.auth), 200);
      expect(withdrawn.body.status).toBe('withdrawn');
      const page = await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(page.body.offers.map((o: { id: number }) => o.id)).toEqual([keptId]);
      const nearby = await call(
        t.http.get(`/api/v1/merchants?lat=${PLACES.offers.lat}&lng=${PLACES.offers.lng}&radiusKm=1&limit=100`),
        200,
      );
      const listed = nearby.body.items.find((m: { id: number }) => m.id === merchantId);
      expect(listed.offers.map((o: { id: number }) => o.id)).toEqual([keptId]);

      const token = await qrToken(h);
      await refused(redeem(owner.auth, token, offerId), 409, 'OFFER_UNAVAILABLE');
      await call(redeem(owner.auth, token, keptId), 201);
      await refused(
        t.http.post(`/api/v1/merchant/offers/${offerId}/withdraw`).set(owner.auth),
        409,
        'INVALID_TRANSITION',
      );
      await refused(
        t.http.patch(`/api/v1/merchant/offers/${offerId}`).set(owner.auth).send({ title: '下架后再改' }),
        409,
        'INVALID_TRANSITION',
      );
    });

    it('are listed and usable only within their dates', async () => {
      const { owner, merchantId } = await approvedMerchant(t, PLACES.offers);
      const now = t.clock.now().getTime();
      const iso = (ms: number) => new Date(now + ms).toISOString();
      const current = await createOffer(t, owner, { title: '本月优惠', validFrom: iso(-DAY_MS), validTo: iso(DAY_MS) });
      const soon = await createOffer(t, owner, { title: '一小时后开始', validFrom: iso(3_600_000) });
      const later = await createOffer(t, owner, {
        title: '明天开始',
        validFrom: iso(DAY_MS),
        validTo: iso(2 * DAY_MS),
      });
      const ended = await createOffer(t, owner, {
        title: '一小时前结束',
        validFrom: iso(-2 * DAY_MS),
        validTo: iso(-3_600_000),
      });
      const expired = await createOffer(t, owner, {
        title: '上周结束',
        validFrom: iso(-14 * DAY_MS),
        validTo: iso(-7 * DAY_MS),
      });

      const page = await call(t.http.get(`/api/v1/merchants/${merchantId}`), 200);
      expect(page.body.offers.map((o: { id: number }) => o.id)).toEqual([current]);
      const nearby = await call(
        t.http.get(`/api/v1/merchants?lat=${PLACES.offers.lat}&lng=${PLACES.offers.lng}&radiusKm=1&limit=100`),
        200,
      );
      expect(
        nearby.body.items.find((m: { id: number }) => m.id === merchantId).offers.map((o: { id: number }) => o.id),
      ).toEqual([current]);

      const h = await holderWithCard();
      const token = await qrToken(h);
      for (const offerId of [soon, later, ended, expired]) {
        await refused(redeem(owner.auth, token, offerId), 409, 'OFFER_UNAVAILABLE');
      }
      await call(redeem(owner.auth, token, current), 201);
    });
  });

  describe('clerks', () => {
    it('are added by the owner, verify at the counter, and lose access the moment they are removed', async () => {
      const { owner, merchantId } = await approvedMerchant(t);
      const offerId = await createOffer(t, owner);
      const other = await approvedMerchant(t);
      const otherClerk = await clerkOf(other.owner);
      const h = await holderWithCard();

      const clerk = await clerkOf(owner);
      const me = await call(t.http.get('/api/v1/merchant/me').set(clerk.auth), 200);
      expect(me.body).toMatchObject({ role: 'clerk', merchant: { id: merchantId } });
      await call(redeem(clerk.auth, await qrToken(h), offerId), 201);

      await refused(
        t.http
          .post('/api/v1/merchant/clerks')
          .set(owner.auth)
          .send({ username: clerk.username, password: 'another-password-2', displayName: '重名' }),
        409,
        'USERNAME_TAKEN',
      );
      await refused(
        t.http
          .post('/api/v1/merchant/clerks')
          .set(clerk.auth)
          .send({ username: unique('sub'), password: 'counter-password-1', displayName: '店员加店员' }),
        403,
        'FORBIDDEN',
      );
      await refused(t.http.delete(`/api/v1/merchant/clerks/${otherClerk.id}`).set(owner.auth), 404, 'NOT_FOUND');
      await refused(t.http.delete(`/api/v1/merchant/clerks/${clerk.id}`).set(otherClerk.auth), 403, 'FORBIDDEN');
      // The other merchant's clerk was untouched.
      await call(
        t.http
          .post('/api/v1/auth/password-login')
          .send({ username: otherClerk.username, password: otherClerk.password }),
        200,
      );

      await call(t.http.delete(`/api/v1/merchant/clerks/${clerk.id}`).set(owner.auth), 204);
      await refused(
        t.http.post('/api/v1/auth/password-login').send({ username: clerk.username, password: clerk.password }),
        403,
        'ACCOUNT_DISABLED',
      );
      await refused(
        t.http.post('/api/v1/auth/refresh').send({ refreshToken: clerk.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );
      // The access token issued before the removal is refused at once: the account is disabled.
      const token = await qrToken(h);
      await refused(redeem(clerk.auth, token, offerId), 401, 'UNAUTHENTICATED');
      await refused(t.http.get('/api/v1/merchant/redemptions').set(clerk.auth), 401, 'UNAUTHENTICATED');
      await refused(t.http.delete(`/api/v1/merchant/clerks/${clerk.id}`).set(owner.auth), 404, 'NOT_FOUND');
      const clerks = await call(t.http.get('/api/v1/merchant/clerks').set(owner.auth), 200);
      expect(clerks.body.items).toEqual([]);
      // The owner's counter still works, with the token the removed clerk could not use.
      await call(redeem(owner.auth, token, offerId), 201);
      expect(await auditActions('merchant', merchantId)).toEqual(
        expect.arrayContaining(['merchant.clerk_add', 'merchant.clerk_remove']),
      );
    });
  });

  describe('verification at the counter', () => {
    it('records a use with the masked holder, in both histories, and never reveals who the holder is', async () => {
      const { owner, merchantId } = await approvedMerchant(t, { name: '老兵饺子馆' });
      const offerId = await createOffer(t, owner, { title: '饺子 9 折', discountText: '9 折' });
      const clerk = await clerkOf(owner);
      const h = await holderWithCard();

      const ok = await call(redeem(clerk.auth, await qrToken(h), offerId), 201);
      expect(ok.body).toMatchObject({
        holder: { nameMasked: '陈**', category: 'veteran' },
        offer: { id: offerId, title: '饺子 9 折' },
      });
      expect(ok.body.holder.nameMasked).toBe(`${HOLDER_NAME[0]}${'*'.repeat(HOLDER_NAME.length - 1)}`);

      const history = await call(t.http.get('/api/v1/merchant/redemptions').set(owner.auth), 200);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          id: ok.body.id,
          holder: { nameMasked: '陈**', category: 'veteran' },
          offer: { id: offerId, title: '饺子 9 折' },
        }),
      ]);
      expect(history.body.daily).toEqual([{ day: shanghaiDay(t.clock.now()), count: 1 }]);
      const byClerk = await call(t.http.get('/api/v1/merchant/redemptions').set(clerk.auth), 200);
      expect(idsOf(byClerk)).toEqual([ok.body.id]);

      const mine = await call(t.http.get('/api/v1/me/redemptions').set(h.auth), 200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          id: ok.body.id,
          offer: { id: offerId, title: '饺子 9 折' },
          merchant: { id: merchantId, name: '老兵饺子馆' },
        }),
      ]);

      for (const res of [ok, history, byClerk]) {
        const text = JSON.stringify(res.body);
        expect(text).not.toContain(HOLDER_NAME);
        expect(text).not.toContain(h.idNumber);
        expect(text).not.toContain(h.cardNumber);
      }
    });

    it('refuses forged, expired and replayed tokens, and callers who are not merchant members', async () => {
      const { owner } = await approvedMerchant(t);
      const offerId = await createOffer(t, owner);
      const h = await holderWithCard();

      const token = await qrToken(h);
      const parts = token.split('.');
      const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      const forgedSignature = [...parts.slice(0, 4), flip(parts[4])].join('.');
      const otherCard = [parts[0], (parseInt(parts[1], 36) + 1).toString(36), ...parts.slice(2)].join('.');
      const laterExpiry = [...parts.slice(0, 3), (parseInt(parts[3], 36) + 3600).toString(36), parts[4]].join('.');
      for (const forged of [forgedSignature, otherCard, laterExpiry, 'q1.not-a-token.at-all.x.y']) {
        await refused(redeem(owner.auth, forged, offerId), 400, 'QR_INVALID');
      }

      const start = t.clock.now();
      const stale = await qrToken(h);
      try {
        t.clock.advance(61_000);
        await refused(redeem(owner.auth, stale, offerId), 400, 'QR_INVALID');
      } finally {
        t.clock.set(start);
      }

      // The genuine token survived the forgeries.
      await call(redeem(owner.auth, token, offerId), 201);
      await refused(redeem(owner.auth, token, offerId), 409, 'QR_USED');

      await refused(redeem(h.auth, await qrToken(h), offerId), 403, 'FORBIDDEN');
      const plain = await loginHolder(t);
      await refused(redeem(plain.auth, await qrToken(h), offerId), 403, 'FORBIDDEN');
      await refused(t.http.get('/api/v1/merchant/redemptions').set(h.auth), 403, 'FORBIDDEN');

      const history = await call(t.http.get('/api/v1/merchant/redemptions').set(owner.auth), 200);
      expect(history.body.items).toHaveLength(1);
    });

    it('refuses a card reported lost without spending the token', async () => {
      const { owner } = await approvedMerchant(t);
      const offerId = await createOffer(t, owner);
      const h = await holderWithCard();
      const token = await qrToken(h);
      await call(t.http.post('/api/v1/me/card/report-lost').set(h.auth), 200);

      await refused(redeem(owner.auth, token, offerId), 409, 'CARD_INACTIVE');
      // Not spent: the same token is refused for the card again, not as used.
      await refused(redeem(owner.auth, token, offerId), 409, 'CARD_INACTIVE');
      const jti = token.split('.')[2];
      expect(await t.container.db.manager.countBy(QrTokenUse, { jti })).toBe(0);
      await refused(t.http.post('/api/v1/me/card/qr-token').set(h.auth), 409, 'CARD_INACTIVE');
      const history = await call(t.http.get('/api/v1/merchant/redemptions').set(owner.auth), 200);
      expect(history.body.items).toEqual([]);
    });

    it('keeps an offer for the holder categories it names, without spending a refused token', async () => {
      const { owner } = await approvedMerchant(t);
      const martyrsOnly = await createOffer(t, owner, { title: '烈属专享', eligibleCategories: ['martyr_family'] });
      const veterans = await createOffer(t, owner, {
        title: '退役军人专享',
        eligibleCategories: ['veteran', 'martyr_family'],
      });
      const h = await holderWithCard();
      const token = await qrToken(h);

      await refused(redeem(owner.auth, token, martyrsOnly), 409, 'CATEGORY_NOT_ELIGIBLE');
      const ok = await call(redeem(owner.auth, token, veterans), 201);
      expect(ok.body.offer.id).toBe(veterans);
    });

    it('holds a holder to the daily limit until the next day in Shanghai', async () => {
      const { owner } = await approvedMerchant(t);
      const limited = await createOffer(t, owner, { title: '每日一次', perPersonDailyLimit: 1 });
      const unlimited = await createOffer(t, owner, { title: '不限次数' });
      const clerk = await clerkOf(owner);
      const h = await holderWithCard();
      const other = await holderWithCard();

      await call(redeem(clerk.auth, await qrToken(h), limited), 201);
      const second = await qrToken(h);
      await refused(redeem(clerk.auth, second, limited), 409, 'LIMIT_REACHED');
      // The limit is per person and per offer; the refused token is still good.
      await call(redeem(clerk.auth, second, unlimited), 201);
      await call(redeem(clerk.auth, await qrToken(other), limited), 201);

      const start = t.clock.now();
      try {
        t.clock.advance(untilNextShanghaiDay(start));
        expect(shanghaiDay(t.clock.now())).not.toBe(shanghaiDay(start));
        const holderNow = await refreshed(h.refreshToken);
        const clerkNow = await refreshed(clerk.refreshToken);
        await call(redeem(clerkNow.auth, await qrToken({ ...h, auth: holderNow.auth }), limited), 201);
        await refused(
          redeem(clerkNow.auth, await qrToken({ ...h, auth: holderNow.auth }), limited),
          409,
          'LIMIT_REACHED',
        );
      } finally {
        t.clock.set(start);
      }
    });

    it('lets only one of two simultaneous uses through when the daily limit is one', async () => {
      const { owner } = await approvedMerchant(t);
      const offerId = await createOffer(t, owner, { title: '限量一次', perPersonDailyLimit: 1 });
      const first = await clerkOf(owner);
      const second = await clerkOf(owner);
      const h = await holderWithCard();
      const [a, b] = [await qrToken(h), await qrToken(h)];

      const results = await Promise.all([redeem(first.auth, a, offerId), redeem(second.auth, b, offerId)]);
      const outcomes = results
        .map((r) => ({ status: r.status, code: r.body?.error?.code ?? null }))
        .sort((x, y) => x.status - y.status);
      expect(outcomes).toEqual([
        { status: 201, code: null },
        { status: 409, code: 'LIMIT_REACHED' },
      ]);
      const history = await call(t.http.get('/api/v1/merchant/redemptions').set(owner.auth), 200);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.daily).toEqual([{ day: shanghaiDay(t.clock.now()), count: 1 }]);
    });
  });

  describe('nearby search', () => {
    const centre = PLACES.nearby;
    // Distinct distances (at least 150 m apart), two merchants sharing one spot, and places outside.
    const layout: Array<{ metres: number; bearing: number; categoryId?: number; name?: string }> = [
      { metres: 150, bearing: 10 },
      { metres: 420, bearing: 200, name: '满百%返现店' },
      { metres: 800, bearing: 95, categoryId: 3 },
      { metres: 1100, bearing: 300 },
      { metres: 1100, bearing: 300, name: '老_兵小馆' },
      { metres: 1500, bearing: 45, categoryId: 3 },
      { metres: 1900, bearing: 150 },
      { metres: 2400, bearing: 250, categoryId: 3 },
      { metres: 2900, bearing: 0 },
      { metres: 3400, bearing: 120 },
      { metres: 3900, bearing: 330, categoryId: 3 },
      { metres: 4400, bearing: 180 },
      { metres: 4850, bearing: 270 },
      // Outside 5 km: beyond the circle, in the corner of the search box, and far away.
      { metres: 5600, bearing: 60 },
      { metres: 6400, bearing: 45 },
      { metres: 20_000, bearing: 10 },
    ];
    let placed: Array<{ id: number; lat: number; lng: number; metres: number; categoryId: number }> = [];
    let addressMerchantId = 0;

    const query = (params: Record<string, string | number>) => {
      const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
      return t.http.get(`/api/v1/merchants?${search.toString()}`);
    };

    beforeAll(async () => {
      placed = [];
      for (const spot of layout) {
        const at = offsetFrom(centre, spot.metres, spot.bearing);
        const m = await approvedMerchant(t, { ...at, categoryId: spot.categoryId ?? 2, name: spot.name });
        placed.push({ id: m.merchantId, ...at, metres: haversineM(centre, at), categoryId: spot.categoryId ?? 2 });
      }
      // One merchant found by its address, a little way off.
      const applicant = await loginHolder(t);
      const staff = await loginStaff(t, ['district_staff']);
      const at = offsetFrom(centre, 2650, 80);
      const app = await call(
        t.http
          .post('/api/v1/merchant-applications')
          .set(applicant.auth)
          .send({
            name: '京城拥军商店',
            licenseNo: licenceNo(),
            categoryId: 5,
            address: '北京市东城区拥军胡同 8 号',
            ...at,
            contactPhone: '010-65123456',
          }),
        201,
      );
      await call(
        t.http
          .post(`/api/v1/staff/merchant-applications/${app.body.id}/review`)
          .set(staff.auth)
          .send({ decision: 'approve' }),
        200,
      );
      addressMerchantId = app.body.id;
      placed.push({ id: app.body.id, ...at, metres: haversineM(centre, at), categoryId: 5 });
    });

    const inRange = (radiusM: number) =>
      placed.filter((p) => p.metres <= radiusM).sort((a, b) => a.metres - b.metres || a.id - b.id);

    it('answers nearest first, only within the radius, with the distance people see', async () => {
      const res = await call(query({ ...centre, radiusKm: 5, limit: 100 }), 200);
      const items: Array<{ id: number; distanceM: number; lat: number; lng: number }> = res.body.items;
      expect(items.map((m) => m.id)).toEqual(inRange(5000).map((p) => p.id));
      expect(res.body.nextCursor).toBeNull();
      for (const item of items) {
        expect(item.distanceM).toBeLessThanOrEqual(5000);
        const expected = haversineM(centre, { lat: item.lat, lng: item.lng });
        expect(Math.abs(item.distanceM - expected)).toBeLessThanOrEqual(expected * 0.01);
      }
      const distances = items.map((m) => m.distanceM);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));

      const small = await call(query({ ...centre, radiusKm: 2, limit: 100 }), 200);
      expect(idsOf(small)).toEqual(inRange(2000).map((p) => p.id));
      for (const item of small.body.items) expect(item.distanceM).toBeLessThanOrEqual(2000);
      const wide = await call(query({ ...centre, radiusKm: 50, limit: 100 }), 200);
      expect(idsOf(wide)).toEqual(inRange(50_000).map((p) => p.id));
    });

    it('filters by category', async () => {
      const res = await call(query({ ...centre, radiusKm: 5, categoryId: 3, limit: 100 }), 200);
      const expected = inRange(5000).filter((p) => p.categoryId === 3);
      expect(expected).toHaveLength(4);
      expect(idsOf(res)).toEqual(expected.map((p) => p.id));
      const nothing = await call(query({ ...centre, radiusKm: 5, categoryId: 10, limit: 100 }), 200);
      expect(nothing.body.items).toEqual([]);
    });

    it('matches the text against name or address, taking % and _ literally', async () => {
      const byName = async (q: string) => idsOf(await call(query({ ...centre, radiusKm: 5, q, limit: 100 }), 200));
      const percent = placed[1].id;
      const underscore = placed[4].id;
      expect(await byName('返现')).toEqual([percent]);
      expect(await byName('%')).toEqual([percent]);
      expect(await byName('百%返')).toEqual([percent]);
      expect(await byName('_')).toEqual([underscore]);
      expect(await byName('老_兵')).toEqual([underscore]);
      expect(await byName('!')).toEqual([]);
      expect(await byName('拥军胡同')).toEqual([addressMerchantId]);
      expect(await byName('京城拥军')).toEqual([addressMerchantId]);
      expect(await byName('没有这家店')).toEqual([]);
    });

    // The cursor's sort key must survive the round trip exactly on both databases (MariaDB returns
    // doubles as text that may not read back to the same double): every merchant exactly once.
    it('pages by cursor through every merchant in range exactly once, in distance order', async () => {
      const expected = inRange(5000).map((p) => p.id);
      expect(expected.length).toBeGreaterThanOrEqual(13);
      for (const limit of [1, 2, 3, 4, 5]) {
        const seen: number[] = [];
        const distances: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: Response = await call(
            query({ ...centre, radiusKm: 5, limit, ...(cursor ? { cursor } : {}) }),
            200,
          );
          expect(res.body.items.length).toBeLessThanOrEqual(limit);
          for (const item of res.body.items) {
            seen.push(item.id);
            distances.push(item.distanceM);
          }
          cursor = res.body.nextCursor;
          pages += 1;
          // A cursor that does not move on would page forever; stop and let the comparison show it.
        } while (cursor && pages <= expected.length);
        expect({ limit, seen }).toEqual({ limit, seen: expected });
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
      }
    });

    it('refuses a bad cursor or a missing position', async () => {
      await refused(query({ ...centre, cursor: 'not-a-cursor' }), 400, 'VALIDATION_FAILED');
      const tampered = Buffer.from(JSON.stringify({ d2: 'near', id: 1 })).toString('base64url');
      const bad = await refused(query({ ...centre, cursor: tampered }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(bad)).toContain('cursor');
      expect(fieldsOf(await refused(query({ lng: centre.lng }), 400, 'VALIDATION_FAILED'))).toContain('lat');
      expect(fieldsOf(await refused(query({ lat: centre.lat }), 400, 'VALIDATION_FAILED'))).toContain('lng');
      await refused(query({ lat: 60, lng: centre.lng }), 400, 'VALIDATION_FAILED');
      await refused(query({ ...centre, radiusKm: 0 }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('nearby search near the edge of the radius', () => {
    // The distance shown is the one the search filtered and ordered by, so at the edge of the
    // radius the list neither exceeds the radius nor contradicts its own order.
    const centre = PLACES.radiusEdge;
    let edge = 0;
    let southEast = 0;
    let northEast = 0;

    beforeAll(async () => {
      edge = (await approvedMerchant(t, offsetFrom(centre, 49_990, 135))).merchantId;
      southEast = (await approvedMerchant(t, offsetFrom(centre, 20_000, 135))).merchantId;
      northEast = (await approvedMerchant(t, offsetFrom(centre, 20_005, 45))).merchantId;
    });

    const search = () =>
      call(t.http.get(`/api/v1/merchants?lat=${centre.lat}&lng=${centre.lng}&radiusKm=50&limit=100`), 200);

    it('shows distances that agree with a haversine within 1 %', async () => {
      const res = await search();
      expect(idsOf(res).sort((a, b) => a - b)).toEqual([edge, southEast, northEast].sort((a, b) => a - b));
      for (const item of res.body.items) {
        const expected = haversineM(centre, { lat: item.lat, lng: item.lng });
        expect(Math.abs(item.distanceM - expected)).toBeLessThanOrEqual(expected * 0.01);
      }
    });

    it('never lists a merchant with a distance beyond the radius', async () => {
      const res = await search();
      const listed = res.body.items.find((m: { id: number }) => m.id === edge);
      // Either left out, or shown within the radius.
      if (listed) expect(listed.distanceM).toBeLessThanOrEqual(50_000);
    });

    it('lists merchants in the order of the distances it shows', async () => {
      const res = await search();
      const distances = res.body.items.map((m: { distanceM: number }) => m.distanceM);
      expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
    });
  });

  describe('complaints', () => {
    it('go from holders to the staff queue; upheld ones count against the merchant', async () => {
      const { merchantId, staff } = await approvedMerchant(t);
      const other = await approvedMerchant(t);
      // Filing needs a bound identity and an active card (see complaints.test.ts).
      const holder = await holderWithCard();

      const short = await refused(
        t.http.post(`/api/v1/merchants/${merchantId}/complaints`).set(holder.auth).send({ text: '不打折' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(short)).toContain('text');
      await refused(
        t.http.post('/api/v1/merchants/999999/complaints').set(holder.auth).send({ text: '出示优待证后店员拒绝打折' }),
        404,
        'NOT_FOUND',
      );
      await refused(
        t.http
          .post(`/api/v1/merchants/${merchantId}/complaints`)
          .set(staff.auth)
          .send({ text: '工作人员不能代为投诉' }),
        403,
        'FORBIDDEN',
      );

      const file = async (id: number, text: string) =>
        (await call(t.http.post(`/api/v1/merchants/${id}/complaints`).set(holder.auth).send({ text }), 201)).body;
      const first = await file(merchantId, '出示优待证后店员拒绝打折');
      const second = await file(merchantId, '优惠价格与门店公示不一致');
      const elsewhere = await file(other.merchantId, '店员态度恶劣拒绝优待');
      expect(first).toMatchObject({ merchantId, status: 'open', resolution: null });

      const list = async (params: string) =>
        idsOf(await call(t.http.get(`/api/v1/staff/complaints?${params}`).set(staff.auth), 200));
      expect(await list(`merchantId=${merchantId}`)).toEqual([second.id, first.id]);
      expect(await list(`merchantId=${other.merchantId}`)).toEqual([elsewhere.id]);
      expect(await list('status=open')).toEqual(expect.arrayContaining([first.id, second.id, elsewhere.id]));

      await refused(t.http.get('/api/v1/staff/complaints').set(holder.auth), 403, 'FORBIDDEN');
      await refused(
        t.http
          .post(`/api/v1/staff/complaints/${first.id}/resolve`)
          .set(holder.auth)
          .send({ outcome: 'upheld', resolution: '自己处理' }),
        403,
        'FORBIDDEN',
      );
      await refused(
        t.http
          .post('/api/v1/staff/complaints/999999/resolve')
          .set(staff.auth)
          .send({ outcome: 'upheld', resolution: '不存在' }),
        404,
        'NOT_FOUND',
      );

      expect((await staffMerchant(staff, merchantId)).upheldComplaints).toBe(0);
      const upheld = await call(
        t.http
          .post(`/api/v1/staff/complaints/${first.id}/resolve`)
          .set(staff.auth)
          .send({ outcome: 'upheld', resolution: '已约谈商户负责人' }),
        200,
      );
      expect(upheld.body).toMatchObject({ id: first.id, status: 'upheld', resolution: '已约谈商户负责人' });
      expect((await staffMerchant(staff, merchantId)).upheldComplaints).toBe(1);

      await call(
        t.http
          .post(`/api/v1/staff/complaints/${second.id}/resolve`)
          .set(staff.auth)
          .send({ outcome: 'dismissed', resolution: '价格已核实无误' }),
        200,
      );
      expect((await staffMerchant(staff, merchantId)).upheldComplaints).toBe(1);
      expect((await staffMerchant(staff, other.merchantId)).upheldComplaints).toBe(0);

      await refused(
        t.http
          .post(`/api/v1/staff/complaints/${first.id}/resolve`)
          .set(staff.auth)
          .send({ outcome: 'dismissed', resolution: '重复处理' }),
        409,
        'INVALID_TRANSITION',
      );
      await refused(
        t.http
          .post(`/api/v1/staff/complaints/${second.id}/resolve`)
          .set(staff.auth)
          .send({ outcome: 'upheld', resolution: '重复处理' }),
        409,
        'INVALID_TRANSITION',
      );
      expect((await staffMerchant(staff, merchantId)).upheldComplaints).toBe(1);

      expect(await list(`status=open&merchantId=${merchantId}`)).toEqual([]);
      expect(await list(`status=upheld&merchantId=${merchantId}`)).toEqual([first.id]);
      expect(await list(`status=dismissed&merchantId=${merchantId}`)).toEqual([second.id]);
      expect(await list(`status=open&merchantId=${other.merchantId}`)).toEqual([elsewhere.id]);

      expect(await auditActions('merchant_complaint', first.id)).toEqual(['merchant_complaint.upheld']);
      expect(await auditActions('merchant_complaint', second.id)).toEqual(['merchant_complaint.dismissed']);
      expect(await auditActions('merchant_complaint', elsewhere.id)).toEqual([]);
    });
  });

  describe('figures', () => {
    it('count redemptions per merchant and per category over the last days', async () => {
      const staff = await loginStaff(t, ['district_staff']);
      const category = await call(
        t.http
          .post('/api/v1/staff/merchant-categories')
          .set(staff.auth)
          .send({ name: unique('统计分类').slice(0, 32), sort: 900 }),
        201,
      );
      const categoryId: number = category.body.id;
      const busy = await approvedMerchant(t, { categoryId });
      const quiet = await approvedMerchant(t, { categoryId });
      const busyOffer = await createOffer(t, busy.owner);
      const quietOffer = await createOffer(t, quiet.owner);
      const h = await holderWithCard();
      const other = await holderWithCard();
      await call(redeem(busy.owner.auth, await qrToken(h), busyOffer), 201);
      await call(redeem(busy.owner.auth, await qrToken(other), busyOffer), 201);
      await call(redeem(quiet.owner.auth, await qrToken(h), quietOffer), 201);

      type Figures = {
        perMerchant: Array<{ merchantId: number; count: number }>;
        perCategory: Array<{ categoryId: number; count: number }>;
      };
      const figures = async (auth: Auth): Promise<Figures> =>
        (await call(t.http.get('/api/v1/staff/merchant-figures?days=7').set(auth), 200)).body;
      const now = await figures(staff.auth);
      expect(now.perMerchant.find((m) => m.merchantId === busy.merchantId)).toMatchObject({ count: 2 });
      expect(now.perMerchant.find((m) => m.merchantId === quiet.merchantId)).toMatchObject({ count: 1 });
      expect(now.perCategory.find((c) => c.categoryId === categoryId)).toEqual({ categoryId, count: 3 });
      const counts = now.perMerchant.map((m) => m.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));

      const holder = await loginHolder(t);
      await refused(t.http.get('/api/v1/staff/merchant-figures?days=7').set(holder.auth), 403, 'FORBIDDEN');
      await refused(t.http.get('/api/v1/staff/merchant-figures?days=7').set(busy.owner.auth), 403, 'FORBIDDEN');

      // A week later these uses fall outside a seven-day window.
      const start = t.clock.now();
      try {
        t.clock.advance(7 * DAY_MS);
        const later = await loginStaff(t, ['district_staff']);
        const week = await figures(later.auth);
        expect(week.perMerchant.map((m) => m.merchantId)).not.toContain(busy.merchantId);
        expect(week.perCategory.map((c) => c.categoryId)).not.toContain(categoryId);
      } finally {
        t.clock.set(start);
      }

      // Retire the category made for this check.
      await call(
        t.http
          .patch(`/api/v1/staff/merchant-categories/${categoryId}`)
          .set(staff.auth)
          .send({ name: category.body.name, active: false }),
        200,
      );
    });
  });
});

describe('SingleFlightCache', () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  it('shares one load among concurrent readers of a key', async () => {
    const cache = new SingleFlightCache<string>(1000, () => 0);
    const pending = deferred<string>();
    const load = jest.fn(() => pending.promise);
    const readers = [cache.get('k', load), cache.get('k', load), cache.get('k', load)];
    pending.resolve('value');
    await expect(Promise.all(readers)).resolves.toEqual(['value', 'value', 'value']);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(cache.get('k', load)).resolves.toBe('value');
    expect(load).toHaveBeenCalledTimes(1);
    // Another key has a load of its own.
    const other = jest.fn(async () => 'other');
    await expect(cache.get('j', other)).resolves.toBe('other');
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('loads again once the entry is older than the ttl, or after invalidation', async () => {
    let now = 10_000;
    const cache = new SingleFlightCache<number>(100, () => now);
    let n = 0;
    const load = jest.fn(async () => ++n);
    await expect(cache.get('k', load)).resolves.toBe(1);
    now += 99;
    await expect(cache.get('k', load)).resolves.toBe(1);
    now += 1;
    await expect(cache.get('k', load)).resolves.toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
    cache.invalidate('k');
    await expect(cache.get('k', load)).resolves.toBe(3);
    cache.invalidate();
    await expect(cache.get('k', load)).resolves.toBe(4);
  });

  it('empties its dependents on any invalidation, and keeps them to their own size', async () => {
    const searches = new SingleFlightCache<string>(60_000, () => 0, 2);
    const catalogue = new SingleFlightCache<string>(60_000, () => 0, 100, [searches as SingleFlightCache<unknown>]);
    const search = jest.fn(async () => 'page');
    const page = jest.fn(async () => 'merchant');
    await catalogue.get('merchant:1', page);
    for (const spot of ['a', 'b', 'c']) await searches.get(spot, search);
    // Two kept: the oldest went when the third came.
    await searches.get('c', search);
    await searches.get('a', search);
    expect(search).toHaveBeenCalledTimes(4);
    catalogue.invalidate('merchant:1');
    await searches.get('a', search);
    expect(search).toHaveBeenCalledTimes(5);
    // Emptying a dependent leaves the catalogue alone.
    searches.invalidate();
    await catalogue.get('merchant:2', page);
    await catalogue.get('merchant:2', page);
    expect(page).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new SingleFlightCache<string>(60_000, () => 0);
    const failing = deferred<string>();
    const load = jest.fn().mockReturnValueOnce(failing.promise).mockResolvedValue('recovered');
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    failing.reject(new Error('database unavailable'));
    await expect(a).rejects.toThrow('database unavailable');
    await expect(b).rejects.toThrow('database unavailable');
    expect(load).toHaveBeenCalledTimes(1);
    await expect(cache.get('k', load)).resolves.toBe('recovered');
    await expect(cache.get('k', load)).resolves.toBe('recovered');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
