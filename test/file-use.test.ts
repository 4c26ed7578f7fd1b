import fs from 'node:fs';
import path from 'node:path';
import { FileUse1765100000000 } from '../migrations/1765100000000-file-use';
import { migrations } from '../migrations';
import { FileUse } from '../server/modules/files/file-use.entity';
import { StoredFile } from '../server/modules/files/stored-file.entity';
import { applicationBody, createBureau, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, loginStaff, makeJpeg, type Session } from './helpers/factories';

/**
 * Files belong to whoever uses them: the module that attaches a file writes a `file_use` row in
 * the same transaction, and the files policy asks that module's read rule. A file the owner no
 * longer uses (a replaced photo, a dropped document) loses its row, so it stops being readable
 * through that owner, exactly as before the table existed.
 */
describe('file uses', () => {
  let t: TestContext;
  let b: Awaited<ReturnType<typeof createBureau>>;
  let staff: Session;
  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
    staff = await loginStaff(t, ['district_staff']);
  });
  afterAll(() => t.close());

  const upload = (who: Session, purpose: string, bytes: Buffer, contentType = 'image/jpeg') =>
    t.http
      .post('/api/v1/files')
      .set(who.auth)
      .field('purpose', purpose)
      .attach('file', bytes, { filename: 'f', contentType })
      .expect(201)
      .then((r) => r.body.id as number);
  const pdf = (who: Session) => upload(who, 'document', Buffer.from('%PDF-1.7\n材料\n%%EOF'), 'application/pdf');
  const download = (id: number, who: Session) => t.http.get(`/api/v1/files/${id}`).set(who.auth);
  const usesOf = (ownerType: string, ownerId: number) =>
    t.container.db.manager
      .find(FileUse, { where: { ownerType, ownerId }, order: { fileId: 'ASC' } })
      .then((rows) => rows.map((r) => r.fileId));
  const allUses = () =>
    t.container.db.manager
      .find(FileUse, { order: { fileId: 'ASC', ownerType: 'ASC', ownerId: 'ASC' } })
      .then((rows) => rows.map((r) => `${r.fileId}:${r.ownerType}:${r.ownerId}`).sort());
  const provider = (extra: Record<string, unknown>) => ({
    name: '周律师',
    kind: 'lawyer',
    firm: '拥军律师事务所',
    specialties: [],
    serviceTypes: ['consultation'],
    modes: ['phone'],
    ...extra,
  });

  it('records an application’s photo and documents when it is created', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    expect(await usesOf('card_application', id)).toEqual([h.photoFileId, h.documentFileId].sort((x, y) => x - y));
  });

  it('on edit, moves the rows to the new photo and documents: the replaced ones leave the application', async () => {
    const h = await readyHolder(t);
    const draft = await t.http
      .post('/api/v1/card-applications')
      .set(h.auth)
      .send(applicationBody(h, b.stationId))
      .expect(201);
    const id = draft.body.id as number;
    const newPhoto = await upload(h, 'card_photo', compliantPhoto());
    const [docA, docB] = [await pdf(h), await pdf(h)];
    await t.http
      .patch(`/api/v1/card-applications/${id}`)
      .set(h.auth)
      .send({ photoFileId: newPhoto, documentFileIds: [docA, docB] })
      .expect(200);
    expect(await usesOf('card_application', id)).toEqual([newPhoto, docA, docB].sort((x, y) => x - y));
    // An edit that keeps the same files leaves the rows as they are.
    const before = await allUses();
    await t.http
      .patch(`/api/v1/card-applications/${id}`)
      .set(h.auth)
      .send({ photoFileId: newPhoto, documentFileIds: [docB, docA] })
      .expect(200);
    expect(await allUses()).toEqual(before);
    await t.http.post(`/api/v1/card-applications/${id}/submit`).set(h.auth).expect(200);
    for (const f of [newPhoto, docA, docB]) await download(f, b.stationReviewer).expect(200);
    // The replaced photo and the dropped document stay the holder's own, and private.
    for (const f of [h.photoFileId, h.documentFileId]) {
      await download(f, b.stationReviewer).expect(404);
      await download(f, b.districtReviewer).expect(404);
      await download(f, h).expect(200);
    }
  });

  it('records a provider’s profile photo, and moves or drops the row with the photo', async () => {
    const photo = await upload(staff, 'profile_photo', makeJpeg({ width: 300, height: 400, size: 40 * 1024 }));
    const created = await t.http
      .post('/api/v1/staff/legal-aid/providers')
      .set(staff.auth)
      .send(provider({ photoFileId: photo }))
      .expect(201);
    const id = created.body.id as number;
    expect(await usesOf('legal_provider', id)).toEqual([photo]);
    const holder = await loginHolder(t);
    await download(photo, holder).expect(200);

    const next = await upload(staff, 'profile_photo', makeJpeg({ width: 300, height: 400, size: 40 * 1024 }));
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${id}`)
      .set(staff.auth)
      .send(provider({ photoFileId: next }))
      .expect(200);
    expect(await usesOf('legal_provider', id)).toEqual([next]);
    await download(photo, holder).expect(404);
    await download(next, holder).expect(200);

    await t.http.put(`/api/v1/staff/legal-aid/providers/${id}`).set(staff.auth).send(provider({})).expect(200);
    expect(await usesOf('legal_provider', id)).toEqual([]);
    await download(next, holder).expect(404);
  });

  it('records an identity change request’s documents', async () => {
    const h = await readyHolder(t);
    const applicationId = await submittedApplication(t, h, b.stationId);
    await review(t, b.stationReviewer, applicationId, 'approve').expect(200);
    const doc = await pdf(h);
    const res = await t.http
      .post('/api/v1/me/identity-change-requests')
      .set(h.auth)
      .send({ name: '王建国', reason: '更名', documentFileIds: [doc] })
      .expect(201);
    expect(await usesOf('identity_change_request', res.body.id)).toEqual([doc]);
    await download(doc, b.stationReviewer).expect(200);
    await download(doc, b.otherStationReviewer).expect(404);
  });

  it('backfills the uses of the files from the rows already there', async () => {
    // Rows as the earlier schema left them: references in the owners' columns only.
    const expected = await allUses();
    expect(expected.length).toBeGreaterThan(0);
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    const em = t.container.db.manager;
    // A document list that also names a file that is gone: no row for it.
    const gone = (await em.find(StoredFile, { order: { id: 'DESC' }, take: 1 }))[0].id + 1000;
    await t.container.db.transaction((tx) =>
      tx.query('UPDATE card_application SET document_file_ids = ? WHERE id = ?', [
        JSON.stringify([h.documentFileId, gone]),
        id,
      ]),
    );
    const withThis = [
      ...expected,
      `${h.photoFileId}:card_application:${id}`,
      `${h.documentFileId}:card_application:${id}`,
    ];

    const runner = t.container.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const migration = new FileUse1765100000000();
      await migration.down(runner);
      expect(await runner.hasTable('file_use')).toBe(false);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await allUses()).toEqual(withThis.sort());
    // Reads behave as before: the application's staff see its files, others do not.
    await download(h.documentFileId, b.districtReviewer).expect(200);
    await download(h.photoFileId, b.otherDistrictReviewer).expect(404);
    // Unique per file and owner.
    await expect(
      t.container.db.transaction((tx) =>
        tx.insert(FileUse, { fileId: h.photoFileId, ownerType: 'card_application', ownerId: id }),
      ),
    ).rejects.toThrow();
  });

  it('is in the list the server runs, in timestamp order', () => {
    const stamps = migrations.map((m) => Number(/(\d{13})$/.exec(m.name)![1]));
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    expect(migrations).toContain(FileUse1765100000000);
  });
});

describe('files policy', () => {
  it('imports nothing from the cards, legal-aid or people modules', () => {
    const source = fs.readFileSync(path.join(__dirname, '../server/modules/files/files.policy.ts'), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const i of imports) expect(i).not.toMatch(/^\.\.\/(cards|legal-aid|people|auth)\//);
    expect(source).not.toMatch(/\bLike\b/);
  });
});
