import type { Response } from 'supertest';
import { licenceCheckChar } from '../server/modules/merchants/licence-number';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { CENTRE } from './helpers/merchants';

type Auth = { Authorization: string };
const authOf = (accessToken: string): Auth => ({ Authorization: `Bearer ${accessToken}` });

async function call(req: PromiseLike<Response>, status: number): Promise<Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

const fieldsOf = (res: Response): string[] => (res.body.error?.details ?? []).map((d: { field: string }) => d.field);

let serial = 0;
/** A well-formed 统一社会信用代码 with its check character. */
function validLicence(): string {
  const body = `91330102MA${String(Date.now() % 1e5).padStart(5, '0')}${String(++serial).padStart(2, '0')}`;
  return body + licenceCheckChar(body);
}

const applicationBody = (extra: Record<string, unknown> = {}) => ({
  name: `拥军小店${unique('').slice(-6)}`,
  licenseNo: validLicence(),
  categoryId: 2,
  address: '杭州市上城区拥军路 1 号',
  lat: CENTRE.lat,
  lng: CENTRE.lng,
  contactPhone: '0571-86000000',
  ...extra,
});

describe('the merchant’s own pages on the server', () => {
  let t: TestContext;
  let district: Session;

  beforeAll(async () => {
    t = await createTestContext();
    district = await loginStaff(t, ['district_staff']);
  });
  afterAll(() => t.close());

  const uploadDocument = (auth: Auth) =>
    t.http
      .post('/api/v1/files')
      .set(auth)
      .field('purpose', 'document')
      .attach('file', compliantPhoto(), { filename: 'licence.jpg', contentType: 'image/jpeg' });

  /** Applies as a fresh WeChat user and has district staff approve; the owner's next token carries the role. */
  async function openShop(): Promise<{ owner: Auth; merchantId: number; refreshToken: string }> {
    const applicant = await loginHolder(t, unique('shop'));
    const res = await call(
      t.http.post('/api/v1/merchant-applications').set(applicant.auth).send(applicationBody()),
      201,
    );
    await call(
      t.http
        .post(`/api/v1/staff/merchant-applications/${res.body.id}/review`)
        .set((await loginStaff(t, ['district_staff'])).auth)
        .send({ decision: 'approve' }),
      200,
    );
    const again = await call(t.http.post('/api/v1/auth/refresh').send({ refreshToken: applicant.refreshToken }), 200);
    return { owner: authOf(again.body.accessToken), merchantId: res.body.id, refreshToken: again.body.refreshToken };
  }

  async function clerkOf(owner: Auth): Promise<Auth & { refreshToken: string }> {
    const username = unique('clerk');
    const password = 'counter-password-1';
    await call(
      t.http.post('/api/v1/merchant/clerks').set(owner).send({ username, password, displayName: '收银员' }),
      201,
    );
    const login = await call(t.http.post('/api/v1/auth/password-login').send({ username, password }), 200);
    return { ...authOf(login.body.accessToken), refreshToken: login.body.refreshToken };
  }

  /** A fresh access token for a session (they last 15 minutes; the clock moves further in some tests). */
  const renewed = async (refreshToken: string): Promise<Auth> =>
    authOf((await call(t.http.post('/api/v1/auth/refresh').send({ refreshToken }), 200)).body.accessToken);
  const bare = (a: Auth): Auth => ({ Authorization: a.Authorization });

  const offerOf = async (owner: Auth, title = '堂食 9 折') =>
    (
      await call(
        t.http.post('/api/v1/merchant/offers').set(owner).send({ title, kind: 'discount', discountText: '9 折' }),
        201,
      )
    ).body.id as number;

  let bureau: Awaited<ReturnType<typeof createBureau>> | undefined;
  async function holderWithCard(): Promise<Session> {
    bureau ??= await createBureau(t);
    const h = await readyHolder(t);
    const applicationId = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      applicationId,
      unique('YD')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20)
        .padEnd(8, '0'),
    );
    return h;
  }
  const qrToken = async (h: Session) =>
    (await call(t.http.post('/api/v1/me/card/qr-token').set(h.auth), 200)).body.token as string;

  describe('applying to join', () => {
    it('takes an 18-character credit code only when its check character matches, in any letter case', async () => {
      const h = await loginHolder(t, unique('apply'));
      const good = validLicence();
      const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      for (const licenseNo of [wrongCheck, good.slice(0, 15), '91330102MA2800000I']) {
        const res = await refused(
          t.http.post('/api/v1/merchant-applications').set(h.auth).send(applicationBody({ licenseNo })),
          400,
          'VALIDATION_FAILED',
        );
        expect(fieldsOf(res)).toContain('licenseNo');
      }
      const ok = await call(
        t.http
          .post('/api/v1/merchant-applications')
          .set(h.auth)
          .send(applicationBody({ licenseNo: good.toLowerCase() })),
        201,
      );
      expect(ok.body.licenseNo).toBe(good);
    });

    it('keeps the licence photo with the application: the applicant and district staff read it, nobody else', async () => {
      const h = await loginHolder(t, unique('apply'));
      const file = await call(uploadDocument(h.auth), 201);
      const res = await call(
        t.http
          .post('/api/v1/merchant-applications')
          .set(h.auth)
          .send(applicationBody({ licenseFileId: file.body.id })),
        201,
      );
      expect(res.body.licenseFileId).toBe(file.body.id);

      await call(t.http.get(`/api/v1/files/${file.body.id}`).set(h.auth), 200);
      await call(t.http.get(`/api/v1/files/${file.body.id}`).set(district.auth), 200);
      const stranger = await loginHolder(t, unique('other'));
      await call(t.http.get(`/api/v1/files/${file.body.id}`).set(stranger.auth), 404);
      const station = await loginStaff(t, ['station_staff']);
      await call(t.http.get(`/api/v1/files/${file.body.id}`).set(station.auth), 404);

      // What staff list shows carries the photo too.
      const list = await call(t.http.get('/api/v1/staff/merchants?status=pending&limit=100').set(district.auth), 200);
      const mine = list.body.items.find((m: { id: number }) => m.id === res.body.id);
      expect(mine.licenseFileId).toBe(file.body.id);
    });

    it('a district staff member cannot read a document that no application uses', async () => {
      const h = await loginHolder(t, unique('apply'));
      const file = await call(uploadDocument(h.auth), 201);
      await call(t.http.get(`/api/v1/files/${file.body.id}`).set(district.auth), 404);
    });

    it('refuses someone else’s file as the licence photo, as if it did not exist', async () => {
      const other = await loginHolder(t, unique('other'));
      const theirs = await call(uploadDocument(other.auth), 201);
      const h = await loginHolder(t, unique('apply'));
      const res = await refused(
        t.http
          .post('/api/v1/merchant-applications')
          .set(h.auth)
          .send(applicationBody({ licenseFileId: theirs.body.id })),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(res)).toEqual(['licenseFileId']);
      // A card photo is not a licence either.
      const photo = await call(
        t.http
          .post('/api/v1/files')
          .set(h.auth)
          .field('purpose', 'card_photo')
          .attach('file', compliantPhoto(), { filename: 'p.jpg', contentType: 'image/jpeg' }),
        201,
      );
      await refused(
        t.http
          .post('/api/v1/merchant-applications')
          .set(h.auth)
          .send(applicationBody({ licenseFileId: photo.body.id })),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('shows the applicant their latest application: none, waiting, then rejected with the reason', async () => {
      const h = await loginHolder(t, unique('apply'));
      const none = await call(t.http.get('/api/v1/merchant-applications/mine').set(h.auth), 200);
      expect(none.body).toEqual({ application: null });

      const sent = await call(t.http.post('/api/v1/merchant-applications').set(h.auth).send(applicationBody()), 201);
      const waiting = await call(t.http.get('/api/v1/merchant-applications/mine').set(h.auth), 200);
      expect(waiting.body.application).toMatchObject({ id: sent.body.id, status: 'pending', reason: null });
      expect(waiting.body.application.categoryName).toBe('食');
      expect(waiting.body.application.history.map((e: { to: string }) => e.to)).toEqual(['pending']);

      await call(
        t.http
          .post(`/api/v1/staff/merchant-applications/${sent.body.id}/review`)
          .set(district.auth)
          .send({ decision: 'reject', reason: '营业执照照片看不清' }),
        200,
      );
      const rejected = await call(t.http.get('/api/v1/merchant-applications/mine').set(h.auth), 200);
      expect(rejected.body.application).toMatchObject({ status: 'rejected', reason: '营业执照照片看不清' });

      // Someone else sees only their own.
      const other = await loginHolder(t, unique('other'));
      expect((await call(t.http.get('/api/v1/merchant-applications/mine').set(other.auth), 200)).body).toEqual({
        application: null,
      });
      await call(t.http.get('/api/v1/merchant-applications/mine'), 401);
    });
  });

  describe('the shop’s figures', () => {
    it('counts per day and per offer, in total and by distinct holders, for the owner only', async () => {
      const shop = await openShop();
      const owner = shop.owner;
      const clerk = await clerkOf(owner);
      const a = await offerOf(owner, '堂食 9 折');
      const b = await offerOf(owner, '免费停车');
      const h1 = await holderWithCard();
      const h2 = await holderWithCard();
      const redeem = async (h: Session, offerId: number) =>
        call(
          t.http
            .post('/api/v1/merchant/redemptions')
            .set(bare(clerk))
            .send({ qrToken: await qrToken(h), offerId }),
          201,
        );
      await redeem(h1, a);
      await redeem(h2, a);
      t.clock.advance(86_400_000);
      bureau = undefined; // its reviewers' sessions are a day old now
      const clerkNextDay = await renewed(clerk.refreshToken);
      const ownerNextDay = await renewed(shop.refreshToken);
      const h1NextDay = { ...h1, auth: await renewed(h1.refreshToken) };
      await call(
        t.http
          .post('/api/v1/merchant/redemptions')
          .set(clerkNextDay)
          .send({ qrToken: await qrToken(h1NextDay), offerId: b }),
        201,
      );

      const res = await call(t.http.get('/api/v1/merchant/figures').set(ownerNextDay), 200);
      const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const today = day(t.clock.now());
      const yesterday = day(new Date(t.clock.now().getTime() - 86_400_000));
      expect(res.body).toMatchObject({ to: today, total: 3, uniqueHolders: 2, today: 1 });
      expect(res.body.perDay).toEqual([
        { day: today, count: 1 },
        { day: yesterday, count: 2 },
      ]);
      expect(res.body.perOffer).toEqual([
        { offerId: a, title: '堂食 9 折', count: 2 },
        { offerId: b, title: '免费停车', count: 1 },
      ]);

      const onlyToday = await call(
        t.http.get(`/api/v1/merchant/figures?from=${today}&to=${today}`).set(ownerNextDay),
        200,
      );
      expect(onlyToday.body).toMatchObject({ from: today, to: today, total: 1, uniqueHolders: 1 });

      await refused(t.http.get('/api/v1/merchant/figures').set(clerkNextDay), 403, 'FORBIDDEN');
      await refused(
        t.http.get(`/api/v1/merchant/figures?from=${today}&to=${yesterday}`).set(ownerNextDay),
        400,
        'VALIDATION_FAILED',
      );
      await refused(t.http.get('/api/v1/merchant/figures?from=2027-1-1').set(ownerNextDay), 400, 'VALIDATION_FAILED');

      // Another shop's owner sees only their own (nothing).
      const other = await openShop();
      const theirs = await call(t.http.get('/api/v1/merchant/figures').set(other.owner), 200);
      expect(theirs.body).toMatchObject({ total: 0, uniqueHolders: 0, perDay: [], perOffer: [] });
    });
  });

  describe('the holder’s photo at the counter', () => {
    it('lets the verifying shop read the card’s photo for ten minutes, and no other shop ever', async () => {
      const shop = await openShop();
      const clerk = await clerkOf(shop.owner);
      const offerId = await offerOf(shop.owner);
      const other = await openShop();
      const otherClerk = await clerkOf(other.owner);
      const h = await holderWithCard();

      const res = await call(
        t.http
          .post('/api/v1/merchant/redemptions')
          .set(bare(clerk))
          .send({ qrToken: await qrToken(h), offerId }),
        201,
      );
      const photoFileId = res.body.holder.photoFileId as number;
      expect(photoFileId).toEqual(expect.any(Number));
      expect(Date.parse(res.body.photoReadableUntil) - t.clock.now().getTime()).toBe(10 * 60_000);

      // Before the verification nobody at a shop could read it.
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(bare(otherClerk)), 404);

      const photo = await call(t.http.get(`/api/v1/files/${photoFileId}`).set(bare(clerk)), 200);
      expect(photo.headers['content-type']).toMatch(/^image\/jpeg/);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(shop.owner), 200);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(bare(otherClerk)), 404);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(other.owner), 404);

      t.clock.advance(10 * 60_000 - 1000);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(bare(clerk)), 200);
      t.clock.advance(2000);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(bare(clerk)), 404);
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(shop.owner), 404);
      // The holder still reads their own photo.
      await call(t.http.get(`/api/v1/files/${photoFileId}`).set(h.auth), 200);
    });

    it('a removed clerk loses it at once, even within the window', async () => {
      const shop = await openShop();
      const username = unique('clerk');
      const password = 'counter-password-1';
      const added = await call(
        t.http.post('/api/v1/merchant/clerks').set(shop.owner).send({ username, password, displayName: '收银员' }),
        201,
      );
      const clerk = authOf(
        (await call(t.http.post('/api/v1/auth/password-login').send({ username, password }), 200)).body.accessToken,
      );
      const offerId = await offerOf(shop.owner);
      const h = await holderWithCard();
      const res = await call(
        t.http
          .post('/api/v1/merchant/redemptions')
          .set(clerk)
          .send({ qrToken: await qrToken(h), offerId }),
        201,
      );
      await call(t.http.get(`/api/v1/files/${res.body.holder.photoFileId}`).set(clerk), 200);
      await call(t.http.delete(`/api/v1/merchant/clerks/${added.body.id}`).set(shop.owner), 204);
      const after = await t.http.get(`/api/v1/files/${res.body.holder.photoFileId}`).set(clerk);
      expect([401, 404]).toContain(after.status);
    });
  });
});
