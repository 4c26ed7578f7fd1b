import { createBureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, loginStaff } from './helpers/factories';

const CANNED = '/api/v1/staff/canned-replies';

describe('canned replies: who manages which', () => {
  let t: TestContext;
  let bureau: Awaited<ReturnType<typeof createBureau>>;
  beforeAll(async () => {
    t = await createTestContext();
    bureau = await createBureau(t);
  });
  afterAll(() => t.close());

  it('tells each caller the stations they manage and whether they may write for the whole district', async () => {
    const station = await t.http.get(`${CANNED}/scope`).set(bureau.stationReviewer.auth).expect(200);
    expect(station.body).toEqual({
      admin: false,
      stationId: bureau.stationId,
      districtId: null,
      stations: [{ id: bureau.stationId, name: expect.any(String), districtId: bureau.districtId }],
      districtWide: false,
    });
    const district = await t.http.get(`${CANNED}/scope`).set(bureau.districtReviewer.auth).expect(200);
    expect(district.body).toMatchObject({ districtWide: true, districtId: bureau.districtId, stationId: null });
    expect(district.body.stations.map((s: { id: number }) => s.id)).toEqual([bureau.stationId]);
    const admin = await loginStaff(t, ['admin']);
    const all = await t.http.get(`${CANNED}/scope`).set(admin.auth).expect(200);
    expect(all.body.stations.map((s: { id: number }) => s.id)).toEqual(
      expect.arrayContaining([bureau.stationId, bureau.otherStationId]),
    );
    expect(all.body).toMatchObject({ admin: true, districtWide: false });

    const holder = await loginHolder(t);
    await t.http.get(`${CANNED}/scope`).set(holder.auth).expect(403);
    await t.http.get(`${CANNED}/scope`).expect(401);
  });

  it('lets district staff change only their own district’s district-wide replies; station staff only read them', async () => {
    const mine = await t.http
      .post(CANNED)
      .set(bureau.districtReviewer.auth)
      .send({ title: '区里通用', text: '您好，区退役军人事务局为您服务。' })
      .expect(201);
    expect(mine.body).toMatchObject({ stationId: null, districtId: bureau.districtId });
    const id = mine.body.id as number;
    // Another district's staff (no station either) may not touch it.
    await t.http.patch(`${CANNED}/${id}`).set(bureau.otherDistrictReviewer.auth).send({ title: 'x' }).expect(404);
    await t.http.delete(`${CANNED}/${id}`).set(bureau.otherDistrictReviewer.auth).expect(404);
    // The district's station staff use it but do not edit it.
    const listed = await t.http.get(CANNED).set(bureau.stationReviewer.auth).expect(200);
    expect(listed.body.items.map((r: { id: number }) => r.id)).toContain(id);
    await t.http.patch(`${CANNED}/${id}`).set(bureau.stationReviewer.auth).send({ title: 'x' }).expect(404);
    const edited = await t.http
      .patch(`${CANNED}/${id}`)
      .set(bureau.districtReviewer.auth)
      .send({ text: '您好，这里是区退役军人事务局。' })
      .expect(200);
    expect(edited.body).toMatchObject({ title: '区里通用', text: '您好，这里是区退役军人事务局。' });
    await t.http.delete(`${CANNED}/${id}`).set(bureau.districtReviewer.auth).expect(204);
  });
});
