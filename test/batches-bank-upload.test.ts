import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { toCsv } from '../server/lib/csv';
import { BANK_FILE_MAX_BYTES } from '../server/modules/cards/bank-return';
import { CardBankNumber } from '../server/modules/cards/card-bank-number.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { approvedBatch, createBureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';

type Bureau = Awaited<ReturnType<typeof createBureau>>;

/** The bank's returned file as a multipart upload: sizes, kinds, and what a dry run leaves behind. */
describe('the bank’s returned file, uploaded', () => {
  let t: TestContext;
  let b: Bureau;
  let batchId: number;
  let holders: Array<{ idNumber: string }>;
  let ids: number[];
  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
    ({ batchId, holders, ids } = await approvedBatch(t, b, 2));
  });
  afterAll(() => t.close());

  const path = () => `/api/v1/staff/card-batches/${batchId}/bank-numbers`;
  const upload = (bytes: Buffer, filename: string, dryRun?: 'true' | 'false') => {
    const req = t.http.post(path()).set(b.districtReviewer.auth);
    if (dryRun) req.field('dryRun', dryRun);
    return req.attach('file', bytes, { filename, contentType: 'application/octet-stream' });
  };
  const recordedRows = () => t.container.db.manager.countBy(CardBankNumber, { batchId });
  const importAudits = () =>
    t.container.db.manager.countBy(AuditLog, { action: 'card_batch.bank_numbers', targetId: String(batchId) });
  const cardNumber = () =>
    unique('K')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20);

  it('imports a file far larger than the old JSON limit: the preview writes nothing, the confirmation records', async () => {
    const n0 = cardNumber();
    // A remarks column the bank adds makes the file large; the rows are the batch's own.
    const note = 'x'.repeat(60 * 1024);
    const csv = Buffer.from(
      toCsv(
        ['身份证号码', '卡号', '备注'],
        [
          [{ text: holders[0].idNumber }, n0, note],
          [{ text: holders[1].idNumber }, `${n0}B`, note],
        ],
      ),
    );
    expect(csv.length).toBeGreaterThan(100 * 1024);

    const dry = await upload(csv, 'bank.csv').expect(200);
    expect(dry.body.matched.map((m: { applicationId: number }) => m.applicationId)).toEqual(ids);
    expect(dry.body.recorded).toBe(0);
    const explicit = await upload(csv, 'bank.csv', 'true').expect(200);
    expect(explicit.body.recorded).toBe(0);
    expect(await recordedRows()).toBe(0);
    expect(await importAudits()).toBe(0);

    const done = await upload(csv, 'bank.csv', 'false').expect(200);
    expect(done.body.recorded).toBe(2);
    expect(await recordedRows()).toBe(2);
    expect(await importAudits()).toBe(1);
  });

  it('imports a large .xlsx the same way (already recorded rows stay as they are)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('制卡结果');
    sheet.addRow(['姓名', '身份证号码', '卡号', '备注']);
    const detail = await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.districtReviewer.auth);
    const numbers = detail.body.items.map((i: { bankCardNumber: string }) => i.bankCardNumber);
    sheet.addRow(['陈卫国', holders[0].idNumber, numbers[0], crypto.randomBytes(48 * 1024).toString('hex')]);
    sheet.addRow(['陈卫国', holders[1].idNumber, numbers[1], crypto.randomBytes(48 * 1024).toString('hex')]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(xlsx.length).toBeGreaterThan(70 * 1024);
    const res = await upload(xlsx, 'bank.xlsx', 'false').expect(200);
    expect(res.body.matched.map((m: { alreadyRecorded: boolean }) => m.alreadyRecorded)).toEqual([true, true]);
    expect(res.body.recorded).toBe(0);
  });

  it('reads a CSV saved in GB18030 by Chinese spreadsheet software', async () => {
    // "身份证号码,卡号" in GBK, then a data row in ASCII.
    const header = Buffer.from('c9edb7ddd6a4bac5c2eb2cbfa8bac5', 'hex');
    const csv = Buffer.concat([header, Buffer.from(`\r\n${holders[0].idNumber},ZZ${cardNumber()}\r\n`)]);
    const res = await upload(csv, 'bank.csv').expect(200);
    expect(res.body.mismatched).toEqual([expect.objectContaining({ applicationId: ids[0] })]);
    expect(res.body.recorded).toBe(0);
  });

  describe('refusals, each with its stable code and nothing written', () => {
    let before: { rows: number; audits: number };
    beforeEach(async () => {
      before = { rows: await recordedRows(), audits: await importAudits() };
    });
    afterEach(async () => {
      expect(await recordedRows()).toBe(before.rows);
      expect(await importAudits()).toBe(before.audits);
    });

    const validCsv = () => toCsv(['身份证号码', '卡号'], [[{ text: holders[0].idNumber }, cardNumber()]]);

    it('a file over the limit is 413 PAYLOAD_TOO_LARGE, whether or not the size was declared up front', async () => {
      // Just over: read until the limit is passed.
      const over = Buffer.concat([Buffer.from(validCsv()), Buffer.alloc(BANK_FILE_MAX_BYTES, 0x20)]);
      const res = await upload(over, 'bank.csv', 'false').expect(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.error.message).toContain('5 MB');
      // Far over: refused from the declared length before reading.
      const huge = await upload(Buffer.alloc(BANK_FILE_MAX_BYTES + 256 * 1024, 0x20), 'bank.csv', 'false').expect(413);
      expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('a file of another kind is 415 UNSUPPORTED_FILE_TYPE', async () => {
      for (const [bytes, name] of [
        [Buffer.from('%PDF-1.7\n\u0000\u0001binary\n%%EOF'), 'bank.pdf'],
        [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'bank.png'],
        // An old binary .xls (OLE compound file).
        [Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), 'bank.xls'],
        [Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xff, 0x80]), 'bank.csv'],
      ] as const) {
        const res = await upload(bytes, name, 'false').expect(415);
        expect(res.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
        expect(res.body.error.message).toContain('.xlsx');
      }
    });

    it('an .xlsx that cannot be opened, or a CSV without the columns, is 400 VALIDATION_FAILED', async () => {
      const broken = await upload(Buffer.from('PK\u0003\u0004 not really a workbook'), 'bank.xlsx', 'false').expect(
        400,
      );
      expect(broken.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(broken.body.error.message).toContain('Excel');
      const columns = await upload(Buffer.from('姓名,卡号\n张三,A123456\n'), 'bank.csv', 'false').expect(400);
      expect(columns.body.error.message).toContain('身份证');
    });

    it('no file, an empty file, a JSON body or a bad dryRun is 400 VALIDATION_FAILED', async () => {
      const none = await t.http.post(path()).set(b.districtReviewer.auth).field('dryRun', 'false').expect(400);
      expect(none.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'file' }] });
      const empty = await upload(Buffer.alloc(0), 'bank.csv', 'false').expect(400);
      expect(empty.body.error.details).toEqual([expect.objectContaining({ field: 'file' })]);
      const json = await t.http
        .post(path())
        .set(b.districtReviewer.auth)
        .send({ file: Buffer.from(validCsv()).toString('base64'), confirm: true })
        .expect(400);
      expect(json.body.error.code).toBe('VALIDATION_FAILED');
      await t.http
        .post(path())
        .set(b.districtReviewer.auth)
        .field('dryRun', 'maybe')
        .attach('file', Buffer.from(validCsv()), 'bank.csv')
        .expect(400);
    });

    it('only the batch’s own district may import: station staff 403, another district 404', async () => {
      const file = Buffer.from(validCsv());
      await t.http
        .post(path())
        .set(b.stationReviewer.auth)
        .field('dryRun', 'false')
        .attach('file', file, 'bank.csv')
        .expect(403);
      await t.http
        .post(path())
        .set(b.otherDistrictReviewer.auth)
        .field('dryRun', 'false')
        .attach('file', file, 'bank.csv')
        .expect(404);
    });
  });
});
