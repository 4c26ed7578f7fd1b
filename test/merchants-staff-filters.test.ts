import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff } from './helpers/factories';
import { approvedMerchant, licenceNo } from './helpers/merchants';

/**
 * The staff list of merchants filters on the server (status, category, a text on name, licence
 * number, address or phone), and its cursor pages through what the filter keeps.
 */
describe('the staff list of merchants, filtered on the server', () => {
  let t: TestContext;
  let staff: Awaited<ReturnType<typeof loginStaff>>;
  const ids: Record<string, number> = {};
  let pendingLicence = '';

  beforeAll(async () => {
    t = await createTestContext();
    staff = await loginStaff(t, ['district_staff']);
    // Oldest first: the list is newest first.
    ids.noodles = (await approvedMerchant(t, { name: '老兵面馆', categoryId: 1 })).merchantId;
    ids.market = (await approvedMerchant(t, { name: '军嫂超市', categoryId: 2 })).merchantId;
    ids.books = (await approvedMerchant(t, { name: '老兵书店', categoryId: 1 })).merchantId;
    ids.pharmacy = (await approvedMerchant(t, { name: '拥军药房_100%', categoryId: 1 })).merchantId;
    await t.http
      .post(`/api/v1/staff/merchants/${ids.books}/suspend`)
      .set(staff.auth)
      .send({ reason: '多次被投诉拒绝优待' })
      .expect(200);
    const applicant = await loginHolder(t);
    pendingLicence = licenceNo();
    const pending = await t.http
      .post('/api/v1/merchant-applications')
      .set(applicant.auth)
      .send({
        name: '老兵茶社',
        licenseNo: pendingLicence,
        categoryId: 1,
        address: '上海市静安区南京西路 1 号',
        lat: 31.23,
        lng: 121.47,
        contactPhone: '021-52520000',
      })
      .expect(201);
    ids.tea = pending.body.id;
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string | number>) =>
    (await t.http.get('/api/v1/staff/merchants').query(query).set(staff.auth).expect(200)).body as {
      items: Array<{ id: number }>;
      nextCursor: string | null;
    };
  const idsOf = (page: { items: Array<{ id: number }> }) => page.items.map((m) => m.id);

  it('filters by status', async () => {
    expect(idsOf(await list({ status: 'active' }))).toEqual([ids.pharmacy, ids.market, ids.noodles]);
    expect(idsOf(await list({ status: 'suspended' }))).toEqual([ids.books]);
    expect(idsOf(await list({ status: 'pending' }))).toEqual([ids.tea]);
    expect(idsOf(await list({}))).toEqual([ids.tea, ids.pharmacy, ids.books, ids.market, ids.noodles]);
  });

  it('filters by category, alone and with a status', async () => {
    expect(idsOf(await list({ categoryId: 2 }))).toEqual([ids.market]);
    expect(idsOf(await list({ categoryId: 1, status: 'active' }))).toEqual([ids.pharmacy, ids.noodles]);
    expect(idsOf(await list({ categoryId: 3 }))).toEqual([]);
  });

  it('searches the name, the licence number (spaces and case ignored), the address and the phone', async () => {
    expect(idsOf(await list({ q: '老兵' }))).toEqual([ids.tea, ids.books, ids.noodles]);
    expect(idsOf(await list({ q: ' 老兵 ', status: 'active' }))).toEqual([ids.noodles]);
    const grouped = pendingLicence.toLowerCase().replace(/(.{6})(?=.)/g, '$1 ');
    expect(idsOf(await list({ q: grouped }))).toEqual([ids.tea]);
    expect(idsOf(await list({ q: '南京西路' }))).toEqual([ids.tea]);
    expect(idsOf(await list({ q: '52520000' }))).toEqual([ids.tea]);
    // LIKE's wildcards are matched as themselves.
    expect(idsOf(await list({ q: '_100%' }))).toEqual([ids.pharmacy]);
    expect(idsOf(await list({ q: '%' }))).toEqual([ids.pharmacy]);
    expect(idsOf(await list({ q: '火锅' }))).toEqual([]);
  });

  it('pages through the filtered list only, one merchant a page', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ categoryId: 1, q: '老兵', limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.tea, ids.books, ids.noodles]);

    const first = await list({ status: 'active', limit: 2 });
    expect(idsOf(first)).toEqual([ids.pharmacy, ids.market]);
    const second = await list({ status: 'active', limit: 2, cursor: first.nextCursor! });
    expect(idsOf(second)).toEqual([ids.noodles]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad filter and is for district staff only', async () => {
    const bad = await t.http.get('/api/v1/staff/merchants').query({ categoryId: 'x' }).set(staff.auth).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await t.http
      .get('/api/v1/staff/merchants')
      .query({ q: 'x'.repeat(65) })
      .set(staff.auth)
      .expect(400);
    await t.http
      .get('/api/v1/staff/merchants')
      .set((await loginStaff(t, ['station_staff'])).auth)
      .expect(403);
  });
});
