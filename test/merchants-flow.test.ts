import { createTestContext, type TestContext } from './helpers/context';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { unique } from './helpers/factories';
import { approvedMerchant, CENTRE, createOffer } from './helpers/merchants';

describe('merchant alliance: join, publish, verify at the counter', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function holderWithCard() {
    const bureau = await createBureau(t);
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      id,
      unique('C')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20)
        .padEnd(8, '0'),
    );
    return h;
  }

  it('goes from application to a verified discount, with every refusal in its place', async () => {
    const { owner, merchantId } = await approvedMerchant(t, { name: '老兵面馆' });
    const me = await t.http.get('/api/v1/merchant/me').set(owner.auth).expect(200);
    expect(me.body).toMatchObject({ role: 'owner', merchant: { id: merchantId, status: 'active' } });
    const offerId = await createOffer(t, owner, { perPersonDailyLimit: 2 });

    const clerk = await t.http
      .post('/api/v1/merchant/clerks')
      .set(owner.auth)
      .send({ username: unique('clerk'), password: 'counter-password-1', displayName: '收银员' })
      .expect(201);
    const clerkLogin = await t.http.get('/api/v1/merchant/clerks').set(owner.auth).expect(200);
    const username = clerkLogin.body.items.find((c: { accountId: number }) => c.accountId === clerk.body.id).username;
    const clerkSession = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username, password: 'counter-password-1' })
      .expect(200);
    const clerkAuth = { Authorization: `Bearer ${clerkSession.body.accessToken}` };

    const h = await holderWithCard();
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    const ok = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: qr.body.token, offerId })
      .expect(201);
    expect(ok.body).toMatchObject({
      holder: { nameMasked: '陈**', category: 'veteran' },
      offer: { id: offerId, title: '退役军人专享 8 折' },
    });

    const replay = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: qr.body.token, offerId })
      .expect(409);
    expect(replay.body.error.code).toBe('QR_USED');

    const second = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: second.body.token, offerId })
      .expect(201);
    const third = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    const limited = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: third.body.token, offerId })
      .expect(409);
    expect(limited.body.error.code).toBe('LIMIT_REACHED');

    // The refused token was not spent: it still works at another merchant's counter.
    const other = await approvedMerchant(t, { name: '军嫂超市' });
    const otherOffer = await createOffer(t, other.owner);
    const foreign = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: third.body.token, offerId: otherOffer })
      .expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    await t.http
      .post('/api/v1/merchant/redemptions')
      .set(other.owner.auth)
      .send({ qrToken: third.body.token, offerId: otherOffer })
      .expect(201);

    const forged = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(clerkAuth)
      .send({ qrToken: `${third.body.token.slice(0, -3)}abc`, offerId })
      .expect(400);
    expect(forged.body.error.code).toBe('QR_INVALID');

    const history = await t.http.get('/api/v1/merchant/redemptions').set(owner.auth).expect(200);
    expect(history.body.items).toHaveLength(2);
    expect(history.body.daily[0].count).toBe(2);
    const mine = await t.http.get('/api/v1/me/redemptions').set(h.auth).expect(200);
    expect(mine.body.items.map((r: { merchant: { name: string } }) => r.merchant.name).sort()).toEqual([
      '军嫂超市',
      '老兵面馆',
      '老兵面馆',
    ]);
  });

  it('lists merchants nearest first within the radius, with distance and offers, paged by cursor', async () => {
    const near = await approvedMerchant(t, { lat: CENTRE.lat + 0.001, lng: CENTRE.lng, name: '近处茶馆' });
    const mid = await approvedMerchant(t, { lat: CENTRE.lat + 0.01, lng: CENTRE.lng + 0.01, name: '中间书店' });
    const far = await approvedMerchant(t, { lat: CENTRE.lat + 0.3, lng: CENTRE.lng, name: '远方农庄' });
    await createOffer(t, near.owner, { title: '茶水免费', discountText: '免费' });
    const res = await t.http
      .get(`/api/v1/merchants?lat=${CENTRE.lat}&lng=${CENTRE.lng}&radiusKm=5&limit=100`)
      .expect(200);
    const names = res.body.items.map((m: { name: string }) => m.name);
    expect(names.indexOf('近处茶馆')).toBeLessThan(names.indexOf('中间书店'));
    expect(names).not.toContain('远方农庄');
    const nearItem = res.body.items.find((m: { id: number }) => m.id === near.merchantId);
    expect(nearItem.distanceM).toBeGreaterThan(100);
    expect(nearItem.distanceM).toBeLessThan(120);
    expect(nearItem.offers.map((o: { title: string }) => o.title)).toEqual(['茶水免费']);
    const distances = res.body.items.map((m: { distanceM: number }) => m.distanceM);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));

    const page1 = await t.http
      .get(`/api/v1/merchants?lat=${CENTRE.lat}&lng=${CENTRE.lng}&radiusKm=5&limit=1`)
      .expect(200);
    const page2 = await t.http
      .get(`/api/v1/merchants?lat=${CENTRE.lat}&lng=${CENTRE.lng}&radiusKm=5&limit=1&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items[0].distanceM).toBeGreaterThanOrEqual(page1.body.items[0].distanceM);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const search = await t.http
      .get(`/api/v1/merchants?lat=${CENTRE.lat}&lng=${CENTRE.lng}&radiusKm=50&q=${encodeURIComponent('农庄')}`)
      .expect(200);
    expect(search.body.items.map((m: { id: number }) => m.id)).toEqual([far.merchantId]);
    // LIKE wildcards in the text are taken literally.
    const literal = await t.http
      .get(`/api/v1/merchants?lat=${CENTRE.lat}&lng=${CENTRE.lng}&radiusKm=50&q=${encodeURIComponent('%')}`)
      .expect(200);
    expect(literal.body.items).toEqual([]);
    const page = await t.http.get(`/api/v1/merchants/${mid.merchantId}`).expect(200);
    expect(page.body.name).toBe('中间书店');
  });

  it('takes complaints to staff and shows upheld ones on the merchant', async () => {
    const { merchantId, staff } = await approvedMerchant(t);
    // Filing needs a bound identity and an active card.
    const h = await holderWithCard();
    const c = await t.http
      .post(`/api/v1/merchants/${merchantId}/complaints`)
      .set(h.auth)
      .send({ text: '出示优待证后店员拒绝打折' })
      .expect(201);
    const open = await t.http.get('/api/v1/staff/complaints?status=open').set(staff.auth).expect(200);
    expect(open.body.items.map((x: { id: number }) => x.id)).toContain(c.body.id);
    await t.http
      .post(`/api/v1/staff/complaints/${c.body.id}/resolve`)
      .set(staff.auth)
      .send({ outcome: 'upheld', resolution: '已约谈商户负责人' })
      .expect(200);
    const list = await t.http.get('/api/v1/staff/merchants?status=active&limit=100').set(staff.auth).expect(200);
    expect(list.body.items.find((m: { id: number }) => m.id === merchantId).upheldComplaints).toBe(1);
    await t.http
      .post(`/api/v1/staff/complaints/${c.body.id}/resolve`)
      .set(staff.auth)
      .send({ outcome: 'dismissed', resolution: '重复处理' })
      .expect(409);
  });

  it('retires a category with active:false alone; takes complaints only on merchants the public can see', async () => {
    const { staff } = await approvedMerchant(t);
    const cat = await t.http
      .post('/api/v1/staff/merchant-categories')
      .set(staff.auth)
      .send({ name: unique('类') })
      .expect(201);
    await t.http
      .patch(`/api/v1/staff/merchant-categories/${cat.body.id}`)
      .set(staff.auth)
      .send({ active: false })
      .expect(200);
    const list = await t.http.get('/api/v1/merchant-categories').expect(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).not.toContain(cat.body.id);

    const applicant = await readyHolder(t);
    const pending = await t.http
      .post('/api/v1/merchant-applications')
      .set(applicant.auth)
      .send({
        name: '待审核商户',
        licenseNo: '91310000000000000U',
        categoryId: 2,
        address: '上海市黄浦区人民大道 1 号',
        lat: CENTRE.lat,
        lng: CENTRE.lng,
        contactPhone: '021-63210000',
      })
      .expect(201);
    const h = await readyHolder(t);
    await t.http
      .post(`/api/v1/merchants/${pending.body.id}/complaints`)
      .set(h.auth)
      .send({ text: '出示优待证后店员拒绝打折' })
      .expect(404);
  });
});
