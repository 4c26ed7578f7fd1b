import type { TestContext } from './context';
import { compliantPhoto, createDistrictAndStation, idNumber, loginHolder, loginStaff, type Session } from './factories';

/** Declarations with no exclusion: the usual applicant. */
export const cleanDeclarations = {
  expelled: false,
  deprivedOfPoliticalRights: false,
  servingSentence: false,
  wanted: false,
  priorCriminalPunishment: false,
};

/** A district with one station, and reviewers at both levels (plus a second station's reviewer). */
export async function createBureau(t: TestContext) {
  const place = await createDistrictAndStation(t);
  const other = await createDistrictAndStation(t);
  return {
    ...place,
    otherStationId: other.stationId,
    otherDistrictId: other.districtId,
    stationReviewer: await loginStaff(t, ['station_staff'], { stationId: place.stationId }),
    districtReviewer: await loginStaff(t, ['district_staff'], { districtId: place.districtId }),
    otherStationReviewer: await loginStaff(t, ['station_staff'], { stationId: other.stationId }),
    otherDistrictReviewer: await loginStaff(t, ['district_staff'], { districtId: other.districtId }),
  };
}

export type Bureau = Awaited<ReturnType<typeof createBureau>>;

/** A production batch of `count` applications approved at both levels, made by the district. */
export async function approvedBatch(t: TestContext, b: Bureau, count: number) {
  const holders = [];
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    await review(t, b.stationReviewer, id, 'approve').expect(200);
    await review(t, b.districtReviewer, id, 'approve').expect(200);
    holders.push(h);
    ids.push(id);
  }
  const res = await t.http
    .post('/api/v1/staff/card-batches')
    .set(b.districtReviewer.auth)
    .send({ applicationIds: ids })
    .expect(201);
  return { batchId: res.body.id as number, holders, ids };
}

/** A holder with a bound identity, a compliant photo and one document uploaded. */
export async function readyHolder(
  t: TestContext,
  category = 'veteran',
): Promise<Session & { photoFileId: number; documentFileId: number; idNumber: string }> {
  const s = await loginHolder(t);
  const id = idNumber('19780808');
  await t.http
    .put('/api/v1/me/identity')
    .set(s.auth)
    .send({ name: '陈卫国', idNumber: id, phone: '13911112222', category })
    .expect(200);
  const photo = await t.http
    .post('/api/v1/files')
    .set(s.auth)
    .field('purpose', 'card_photo')
    .attach('file', compliantPhoto(), { filename: 'photo.jpg', contentType: 'image/jpeg' })
    .expect(201);
  const doc = await t.http
    .post('/api/v1/files')
    .set(s.auth)
    .field('purpose', 'document')
    .attach('file', Buffer.from('%PDF-1.7\n退伍证扫描件\n%%EOF'), {
      filename: 'discharge.pdf',
      contentType: 'application/pdf',
    })
    .expect(201);
  return { ...s, photoFileId: photo.body.id, documentFileId: doc.body.id, idNumber: id };
}

export function applicationBody(
  h: { photoFileId: number; documentFileId: number },
  stationId: number,
  extra: Record<string, unknown> = {},
) {
  return {
    category: 'veteran',
    photoFileId: h.photoFileId,
    documentFileIds: [h.documentFileId],
    stationId,
    delivery: 'pickup',
    declarations: cleanDeclarations,
    ...extra,
  };
}

/** Draft and submit; returns the application id. */
export async function submittedApplication(
  t: TestContext,
  h: Session & { photoFileId: number; documentFileId: number },
  stationId: number,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const draft = await t.http
    .post('/api/v1/card-applications')
    .set(h.auth)
    .send(applicationBody(h, stationId, extra))
    .expect(201);
  await t.http.post(`/api/v1/card-applications/${draft.body.id}/submit`).set(h.auth).expect(200);
  return draft.body.id;
}

export const review = (t: TestContext, reviewer: Session, id: number, decision: string, reason?: string) =>
  t.http
    .post(`/api/v1/staff/card-applications/${id}/review`)
    .set(reviewer.auth)
    .send(reason ? { decision, reason } : { decision });

/** Takes a submitted application all the way to an active card; returns the card number. */
export async function issuedCard(
  t: TestContext,
  bureau: Awaited<ReturnType<typeof createBureau>>,
  id: number,
  cardNumber: string,
): Promise<void> {
  await review(t, bureau.stationReviewer, id, 'approve').expect(200);
  await review(t, bureau.districtReviewer, id, 'approve').expect(200);
  const batch = await t.http
    .post('/api/v1/staff/card-batches')
    .set(bureau.districtReviewer.auth)
    .send({ applicationIds: [id] })
    .expect(201);
  await t.http
    .post(`/api/v1/staff/card-batches/${batch.body.id}/card-ready`)
    .set(bureau.districtReviewer.auth)
    .expect(200);
  await t.http
    .post(`/api/v1/staff/card-applications/${id}/issue`)
    .set(bureau.stationReviewer.auth)
    .send({ cardNumber })
    .expect(200);
}
