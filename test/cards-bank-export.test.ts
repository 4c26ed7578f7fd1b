import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { CardBatch } from '../server/modules/cards/card-batch.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { toCsv } from '../server/lib/csv';
import {
  applicationBody,
  approvedBatch,
  type Bureau,
  cleanDeclarations,
  createBureau,
  issuedCard,
  readyHolder,
  submittedApplication,
} from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginStaff, unique, type Session } from './helpers/factories';

/** The entries of a zip archive, read from its central directory, with their stored bytes. */
function readZip(buf: Buffer): Array<{ name: string; bytes: Buffer; crc: number }> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, bytes: buf.subarray(dataStart, dataStart + size), crc });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

const binary = (res: { on: Function; setEncoding?: Function }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('优待证: what the bank receives', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const batchOf = (b: Bureau, count: number) => approvedBatch(t, b, count);

  it('writes ID numbers in the CSV as text cells, so a spreadsheet keeps every digit', async () => {
    const b = await createBureau(t);
    const { batchId, holders } = await batchOf(b, 1);
    const csv = await t.http
      .get(`/api/v1/staff/card-batches/${batchId}/export`)
      .set(b.districtReviewer.auth)
      .expect(200);
    const row = csv.text.split('\r\n')[1];
    expect(row).toContain(`,"=""${holders[0].idNumber}""",`);
    // Nowhere as a bare number a spreadsheet would round.
    expect(row.split(',')).not.toContain(holders[0].idNumber);
    // The photo column names the file in the photo package, not an internal file id.
    expect(row.split(',').pop()).toBe(`${holders[0].idNumber}.jpg`);
  });

  it('keeps the formula guard for every other cell', () => {
    expect(toCsv(['a', 'b'], [[{ text: '=cmd|x' }, '=1+1']])).toBe("\uFEFFa,b\r\n'=cmd|x,'=1+1\r\n");
    expect(toCsv(['id'], [[{ text: '11010119800101001X' }]])).toBe('\uFEFFid\r\n"=""11010119800101001X"""\r\n');
  });

  it('exports an Excel workbook whose ID column is text', async () => {
    const b = await createBureau(t);
    const { batchId, holders, ids } = await batchOf(b, 2);
    const res = await t.http
      .get(`/api/v1/staff/card-batches/${batchId}/export`)
      .query({ format: 'xlsx' })
      .set(b.districtReviewer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`card-batch-${batchId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(6).value).toBe('身份证号码');
    for (const [i, h] of holders.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(ids[i]);
      const cell = row.getCell(6);
      expect(cell.value).toBe(h.idNumber);
      expect(typeof cell.value).toBe('string');
      expect(cell.numFmt).toBe('@');
      expect(row.getCell(11).value).toBe(`${h.idNumber}.jpg`);
    }
    const audit = await t.container.db.manager.findBy(AuditLog, {
      action: 'card_batch.export',
      targetId: String(batchId),
    });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail ?? '{}')).toMatchObject({ rows: 2, format: 'xlsx' });
  });

  it('packages the photos named by ID number, once per batch, audited; an admin can reopen it', async () => {
    const b = await createBureau(t);
    const { batchId, holders } = await batchOf(b, 2);
    const download = (s: Session) =>
      t.http.get(`/api/v1/staff/card-batches/${batchId}/photos`).set(s.auth).buffer(true).parse(binary);

    // Outside the district, or a station reviewer: nothing leaves, nothing is claimed.
    expect((await download(b.otherDistrictReviewer).expect(404)).body).toBeDefined();
    await download(b.stationReviewer).expect(403);
    expect((await t.container.db.manager.findOneByOrFail(CardBatch, { id: batchId })).photosDownloadedAt).toBeNull();

    const res = await download(b.districtReviewer).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = readZip(res.body as Buffer);
    expect(entries.map((e) => e.name).sort()).toEqual(holders.map((h) => `${h.idNumber}.jpg`).sort());
    for (const h of holders) {
      const entry = entries.find((e) => e.name === `${h.idNumber}.jpg`)!;
      const uploaded = await t.http
        .get(`/api/v1/files/${h.photoFileId}`)
        .set(h.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(entry.bytes.equals(uploaded.body as Buffer)).toBe(true);
      expect(zlib.crc32(entry.bytes) >>> 0).toBe(entry.crc);
    }
    const batch = await t.container.db.manager.findOneByOrFail(CardBatch, { id: batchId });
    expect(batch.photosDownloadedAt).toBeInstanceOf(Date);
    expect(batch.photosDownloadedBy).toBe(b.districtReviewer.userId);
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.photos', targetId: String(batchId) }),
    ).toBe(1);

    const again = await download(b.districtReviewer).expect(409);
    expect(JSON.parse((again.body as Buffer).toString()).error.code).toBe('PHOTOS_ALREADY_DOWNLOADED');
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.photos', targetId: String(batchId) }),
    ).toBe(1);

    // Only an admin reopens it, with a reason on record; then it leaves once more.
    await t.http
      .post(`/api/v1/staff/card-batches/${batchId}/photos/reopen`)
      .set(b.districtReviewer.auth)
      .send({ reason: '银行未收到' })
      .expect(403);
    const admin = await loginStaff(t, ['admin']);
    await t.http.post(`/api/v1/staff/card-batches/${batchId}/photos/reopen`).set(admin.auth).send({}).expect(400);
    const reopened = await t.http
      .post(`/api/v1/staff/card-batches/${batchId}/photos/reopen`)
      .set(admin.auth)
      .send({ reason: '银行未收到' })
      .expect(200);
    expect(reopened.body.photosDownloadedAt).toBeNull();
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.photos_reopen', targetId: String(batchId) }),
    ).toBe(1);
    await download(b.districtReviewer).expect(200);
    await download(b.districtReviewer).expect(409);
  });

  it('lets only one of two racing downloads have the package', async () => {
    const b = await createBureau(t);
    const { batchId } = await batchOf(b, 1);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        t.http
          .get(`/api/v1/staff/card-batches/${batchId}/photos`)
          .set(b.districtReviewer.auth)
          .buffer(true)
          .parse(binary),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.photos', targetId: String(batchId) }),
    ).toBe(1);
  });
});

describe('优待证: finding and revoking a card', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('shows staff the card issued from an application, finds it by number, revokes it through the API', async () => {
    const b = await createBureau(t);
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    const before = await t.http.get(`/api/v1/staff/card-applications/${id}`).set(b.districtReviewer.auth).expect(200);
    expect(before.body.card).toBeNull();

    const cardNumber = unique('YDZ')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 32);
    await issuedCard(t, b, id, cardNumber);
    const view = await t.http.get(`/api/v1/staff/card-applications/${id}`).set(b.districtReviewer.auth).expect(200);
    expect(view.body.card).toMatchObject({ id: expect.any(Number), cardNumber, status: 'active' });

    const found = await t.http
      .get('/api/v1/staff/cards')
      .query({ number: cardNumber })
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({ id: view.body.card.id, cardNumber, applicationId: id, status: 'active' }),
    ]);
    // Another district does not learn that the card exists; a malformed number is refused.
    const elsewhere = await t.http
      .get('/api/v1/staff/cards')
      .query({ number: cardNumber })
      .set(b.otherDistrictReviewer.auth)
      .expect(200);
    expect(elsewhere.body.items).toEqual([]);
    await t.http.get('/api/v1/staff/cards').query({ number: 'x' }).set(b.districtReviewer.auth).expect(400);
    await t.http.get('/api/v1/staff/cards').query({ number: cardNumber }).set(h.auth).expect(403);

    await t.http
      .post(`/api/v1/staff/cards/${view.body.card.id}/revoke`)
      .set(b.districtReviewer.auth)
      .send({ reason: '发现不符合申领条件' })
      .expect(200);
    const after = await t.http.get(`/api/v1/staff/card-applications/${id}`).set(b.districtReviewer.auth).expect(200);
    expect(after.body.card).toMatchObject({ status: 'revoked', revokedReason: '发现不符合申领条件' });
    expect((await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(409)).body.error.code).toBe(
      'CARD_INACTIVE',
    );
  });
});

describe('优待证: the declarations', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('are required when an application is created', async () => {
    const b = await createBureau(t);
    const h = await readyHolder(t);
    const { declarations: _omitted, ...withoutDeclarations } = applicationBody(h, b.stationId);
    const res = await t.http.post('/api/v1/card-applications').set(h.auth).send(withoutDeclarations).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.error.message).toContain('declarations');
    const partial = await t.http
      .post('/api/v1/card-applications')
      .set(h.auth)
      .send(applicationBody(h, b.stationId, { declarations: { ...cleanDeclarations, wanted: undefined } }))
      .expect(400);
    expect(partial.body.error.message).toContain('declarations');
    await t.http.post('/api/v1/card-applications').set(h.auth).send(applicationBody(h, b.stationId)).expect(201);
  });
});
