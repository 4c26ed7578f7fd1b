import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { approvedMerchant } from './helpers/merchants';

/**
 * What the console's complaint desk reads: the list names each merchant, and one complaint comes
 * with both sides, the holder's (masked name, visits to the merchant) and the merchant's (its
 * record, its other complaints).
 */
describe('complaints as the console reads them', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set('2026-11-23T02:00:00Z');
  });
  afterAll(() => t.close());

  async function holderWithCard(bureau: Awaited<ReturnType<typeof createBureau>>): Promise<Session> {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      id,
      unique('CC')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 24)
        .padEnd(8, '0'),
    );
    return h;
  }

  it('lists complaints with the merchant name and opens one with both sides', async () => {
    const bureau = await createBureau(t);
    const { merchantId, staff } = await approvedMerchant(t, { name: '老兵面馆' });
    const a = await holderWithCard(bureau);
    const b = await holderWithCard(bureau);
    const first = await t.http
      .post(`/api/v1/merchants/${merchantId}/complaints`)
      .set(a.auth)
      .send({ text: '出示优待证后店员拒绝打折' })
      .expect(201);
    const second = await t.http
      .post(`/api/v1/merchants/${merchantId}/complaints`)
      .set(b.auth)
      .send({ text: '优惠与公示不一致，多收了钱' })
      .expect(201);
    await t.http
      .post(`/api/v1/staff/complaints/${first.body.id}/resolve`)
      .set(staff.auth)
      .send({ outcome: 'upheld', resolution: '经核实属实，已约谈商户' })
      .expect(200);

    const list = await t.http.get('/api/v1/staff/complaints').query({ merchantId }).set(staff.auth).expect(200);
    expect(list.body.items.map((c: { id: number; merchantName: string }) => [c.id, c.merchantName])).toEqual([
      [second.body.id, '老兵面馆'],
      [first.body.id, '老兵面馆'],
    ]);

    const res = await t.http.get(`/api/v1/staff/complaints/${second.body.id}`).set(staff.auth).expect(200);
    expect(res.body.complaint).toMatchObject({ id: second.body.id, status: 'open', merchantName: '老兵面馆' });
    expect(res.body.holder).toMatchObject({ accountId: b.userId, redemptionsHere: 0, recentRedemptions: [] });
    expect(res.body.holder.nameMasked).toMatch(/^.\*+$/);
    expect(res.body.merchant).toMatchObject({ id: merchantId, status: 'active', upheldComplaints: 1 });
    expect(res.body.otherComplaints).toEqual({ open: 0, upheld: 1, dismissed: 0 });
    expect(res.body.history).toEqual([expect.objectContaining({ action: 'file', to: 'open', by: 'holder' })]);
  });

  it('is for district staff only, and an unknown complaint is 404', async () => {
    const holder = await loginHolder(t);
    const station = await loginStaff(t, ['station_staff']);
    const district = await loginStaff(t, ['district_staff']);
    await t.http.get('/api/v1/staff/complaints/1').set(holder.auth).expect(403);
    await t.http.get('/api/v1/staff/complaints/1').set(station.auth).expect(403);
    const missing = await t.http.get('/api/v1/staff/complaints/999999').set(district.auth).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
