import { Station } from '../server/modules/staff/station.entity';
import { createBureau, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginStaff, unique, type Session } from './helpers/factories';

type Bureau = Awaited<ReturnType<typeof createBureau>>;

/** A station's own 签收单: station staff read the pickup list of a batch for their station only. */
describe('a station’s pickup lists', () => {
  let t: TestContext;
  let b: Bureau;
  /** A second station of the same district, and its staff. */
  let siblingId: number;
  let siblingStaff: Session;
  let batchId: number;
  let ownIds: number[];
  let siblingIds: number[];
  /** A batch of the district holding nothing of the first station. */
  let foreignBatchId: number;

  async function approved(stationId: number, stationStaff: Session): Promise<number> {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, stationId);
    await review(t, stationStaff, id, 'approve').expect(200);
    await review(t, b.districtReviewer, id, 'approve').expect(200);
    return id;
  }
  const makeBatch = async (ids: number[]) =>
    (
      await t.http
        .post('/api/v1/staff/card-batches')
        .set(b.districtReviewer.auth)
        .send({ applicationIds: ids })
        .expect(201)
    ).body.id as number;
  const pickupList = (who: Session, batch: number, stationId: number) =>
    t.http.get(`/api/v1/staff/card-batches/${batch}/pickup-list`).query({ stationId }).set(who.auth);

  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
    const inserted = await t.container.db.transaction((em) =>
      em.insert(Station, {
        districtId: b.districtId,
        name: unique('服务站'),
        address: '测试路 2 号',
        phone: null,
        createdAt: t.clock.now(),
      }),
    );
    siblingId = Number(inserted.identifiers[0].id);
    siblingStaff = await loginStaff(t, ['station_staff'], { stationId: siblingId });
    ownIds = [await approved(b.stationId, b.stationReviewer), await approved(b.stationId, b.stationReviewer)];
    siblingIds = [await approved(siblingId, siblingStaff)];
    batchId = await makeBatch([...ownIds, ...siblingIds]);
    foreignBatchId = await makeBatch([await approved(siblingId, siblingStaff)]);
  });
  afterAll(() => t.close());

  it('before the cards arrive: the list is empty and no batch is waiting', async () => {
    const list = await pickupList(b.stationReviewer, batchId, b.stationId).expect(200);
    expect(list.body.items).toEqual([]);
    const waiting = await t.http.get('/api/v1/staff/pickup-lists').set(b.stationReviewer.auth).expect(200);
    expect(waiting.body).toEqual({
      station: { id: b.stationId, name: expect.any(String) },
      items: [],
      nextCursor: null,
    });
  });

  it('after arrival, station staff see their own station’s cards only, and the batches that hold them', async () => {
    await t.http.post(`/api/v1/staff/card-batches/${batchId}/card-ready`).set(b.districtReviewer.auth).expect(200);
    await t.http
      .post(`/api/v1/staff/card-batches/${foreignBatchId}/card-ready`)
      .set(b.districtReviewer.auth)
      .expect(200);

    const own = await pickupList(b.stationReviewer, batchId, b.stationId).expect(200);
    expect(own.body.batch.id).toBe(batchId);
    expect(own.body.station.id).toBe(b.stationId);
    expect(own.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual(ownIds);
    expect(own.body.items.every((i: { stationId: number }) => i.stationId === b.stationId)).toBe(true);
    expect(own.body.items[0].idNumberMasked).toMatch(/^\*+[0-9X]{4}$/);

    const sibling = await pickupList(siblingStaff, batchId, siblingId).expect(200);
    expect(sibling.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual(siblingIds);

    const waiting = await t.http.get('/api/v1/staff/pickup-lists').set(b.stationReviewer.auth).expect(200);
    expect(waiting.body.items).toEqual([expect.objectContaining({ id: batchId, ready: 2 })]);
    const siblingWaiting = await t.http.get('/api/v1/staff/pickup-lists').set(siblingStaff.auth).expect(200);
    expect(siblingWaiting.body.items.map((x: { id: number; ready: number }) => [x.id, x.ready])).toEqual([
      [foreignBatchId, 1],
      [batchId, 1],
    ]);
  });

  it('another station’s list is 403 FORBIDDEN; a batch with nothing of theirs is 404 NOT_FOUND', async () => {
    const other = await pickupList(b.stationReviewer, batchId, siblingId).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const far = await pickupList(b.otherStationReviewer, batchId, b.stationId).expect(403);
    expect(far.body.error.code).toBe('FORBIDDEN');
    // Their own station, but the batch holds none of its applications: as if it did not exist.
    const none = await pickupList(b.stationReviewer, foreignBatchId, b.stationId).expect(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
    await pickupList(b.otherStationReviewer, batchId, b.otherStationId).expect(404);
    await pickupList(b.stationReviewer, 2_000_000_000, b.stationId).expect(404);
  });

  it('an issued card leaves the list', async () => {
    await t.http
      .post(`/api/v1/staff/card-applications/${ownIds[0]}/issue`)
      .set(b.stationReviewer.auth)
      .send({
        cardNumber: unique('P')
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 20),
      })
      .expect(200);
    const own = await pickupList(b.stationReviewer, batchId, b.stationId).expect(200);
    expect(own.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual([ownIds[1]]);
    const waiting = await t.http.get('/api/v1/staff/pickup-lists').set(b.stationReviewer.auth).expect(200);
    expect(waiting.body.items).toEqual([expect.objectContaining({ id: batchId, ready: 1 })]);
  });

  it('district staff are unchanged: any station of their district’s batch, other districts 404', async () => {
    const a = await pickupList(b.districtReviewer, batchId, b.stationId).expect(200);
    expect(a.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual([ownIds[1]]);
    const s = await pickupList(b.districtReviewer, batchId, siblingId).expect(200);
    expect(s.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual(siblingIds);
    await pickupList(b.otherDistrictReviewer, batchId, b.stationId).expect(404);
    // The list of a station's waiting batches is the station's own screen.
    await t.http.get('/api/v1/staff/pickup-lists').set(b.districtReviewer.auth).expect(403);
  });
});
