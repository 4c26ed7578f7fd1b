import ExcelJS from 'exceljs';
import { toCsv } from '../server/lib/csv';
import { matchBankRows, parseCsv, readBankFile } from '../server/modules/cards/bank-return';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { approvedBatch, type Bureau, createBureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';

describe('the bank’s returned file, read and matched', () => {
  it('reads CSV with quotes, text cells and a byte-order mark', async () => {
    expect(parseCsv('\uFEFFa,"b,""c"""\r\n1,2\n')).toEqual([
      ['a', 'b,"c"'],
      ['1', '2'],
    ]);
    const rows = await readBankFile(
      Buffer.from(toCsv(['姓名', '身份证号码', '卡号'], [['张三', { text: '11010519491231002x' }, 'A123456']])),
    );
    expect(rows).toEqual([{ line: 2, name: '张三', idNumber: '11010519491231002X', cardNumber: 'A123456' }]);
  });

  it('refuses a file without the ID number or card number column', async () => {
    await expect(readBankFile(Buffer.from('姓名,卡号\n张三,A123456\n'))).rejects.toMatchObject({ status: 400 });
    await expect(readBankFile(Buffer.from('姓名,身份证号码\n张三,110\n'))).rejects.toMatchObject({ status: 400 });
  });

  it('never guesses: unknown, mismatched and missing rows are set apart', () => {
    const entries = [
      { applicationId: 1, idNumber: 'ID1', name: '甲', status: 'in_production', recorded: null },
      { applicationId: 2, idNumber: 'ID2', name: '乙', status: 'in_production', recorded: null },
      { applicationId: 3, idNumber: 'ID3', name: '丙', status: 'issued', recorded: null },
      { applicationId: 4, idNumber: 'ID4', name: '丁', status: 'card_ready', recorded: 'N000004' },
      { applicationId: 5, idNumber: 'ID5', name: '戊', status: 'card_ready', recorded: null },
    ];
    const m = matchBankRows(
      entries,
      [
        { line: 2, idNumber: 'ID1', cardNumber: 'N000001', name: '甲' },
        { line: 3, idNumber: 'ID2', cardNumber: 'N000002', name: '乙乙' },
        { line: 4, idNumber: 'ID3', cardNumber: 'N000003', name: null },
        { line: 5, idNumber: 'ID4', cardNumber: 'N000004', name: null },
        { line: 6, idNumber: 'ID9', cardNumber: 'N000009', name: '某' },
        { line: 7, idNumber: 'ID5', cardNumber: 'USED001', name: null },
      ],
      new Map([
        ['USED001', null],
        ['N000004', 4],
      ]),
    );
    expect(m.matched.map((x) => [x.applicationId, x.alreadyRecorded])).toEqual([
      [1, false],
      [4, true],
    ]);
    expect(m.mismatched.map((x) => x.applicationId)).toEqual([2, 3, 5]);
    expect(m.mismatched[0].problem).toContain('姓名不符');
    expect(m.unknown.map((x) => x.line)).toEqual([6]);
    expect(m.missing).toEqual([]);
  });
});

describe('优待证 batches at the district desk', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const batchOf = (b: Bureau, count: number) => approvedBatch(t, b, count);

  /** The bank's file as the console sends it: a `file` part, and `dryRun=false` to record. */
  const upload = (b: Bureau, batchId: number, bytes: Buffer, name: string, confirm?: boolean) => {
    const req = t.http.post(`/api/v1/staff/card-batches/${batchId}/bank-numbers`).set(b.districtReviewer.auth);
    if (confirm !== undefined) req.field('dryRun', String(!confirm));
    return req.attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
  };

  it('shows a batch with its applications, masked', async () => {
    const b = await createBureau(t);
    const { batchId, holders, ids } = await batchOf(b, 2);
    const res = await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.districtReviewer.auth).expect(200);
    expect(res.body).toMatchObject({ id: batchId, size: 2 });
    expect(res.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual(ids);
    expect(res.body.items[0]).toMatchObject({
      status: 'in_production',
      bankCardNumber: null,
      card: null,
      delivery: 'pickup',
      idNumberMasked: `**************${holders[0].idNumber.slice(-4)}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(holders[0].idNumber);
    const list = await t.http.get('/api/v1/staff/card-batches').set(b.districtReviewer.auth).expect(200);
    expect(list.body.items.find((x: { id: number }) => x.id === batchId).counts).toEqual({ in_production: 2 });
    await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.otherDistrictReviewer.auth).expect(404);
    await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.stationReviewer.auth).expect(403);
  });

  it('imports the bank’s numbers: a dry run writes nothing, the confirmation records the matched rows only', async () => {
    const b = await createBureau(t);
    const { batchId, holders, ids } = await batchOf(b, 2);
    const n1 = unique('B')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20);
    const csv = toCsv(
      ['姓名', '身份证号码', '卡号'],
      [
        ['陈卫国', { text: holders[0].idNumber }, n1],
        ['别人', { text: holders[1].idNumber }, `${n1}X`],
        ['不在', { text: '110105194912310021' }, `${n1}Y`],
      ],
    );
    const dry = await upload(b, batchId, Buffer.from(csv), 'bank.csv').expect(200);
    expect(dry.body.matched).toEqual([
      expect.objectContaining({ applicationId: ids[0], cardNumber: n1, alreadyRecorded: false }),
    ]);
    expect(dry.body.mismatched).toEqual([expect.objectContaining({ applicationId: ids[1], line: 3 })]);
    expect(dry.body.unknown).toEqual([expect.objectContaining({ line: 4, applicationId: null })]);
    expect(dry.body.recorded).toBe(0);
    let detail = await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.districtReviewer.auth);
    expect(detail.body.items.map((i: { bankCardNumber: string | null }) => i.bankCardNumber)).toEqual([null, null]);

    const done = await upload(b, batchId, Buffer.from(csv), 'bank.csv', true).expect(200);
    expect(done.body.recorded).toBe(1);
    detail = await t.http.get(`/api/v1/staff/card-batches/${batchId}`).set(b.districtReviewer.auth);
    expect(detail.body.items.map((i: { bankCardNumber: string | null }) => i.bankCardNumber)).toEqual([n1, null]);
    const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
      action: 'card_batch.bank_numbers',
      targetId: String(batchId),
    });
    expect(JSON.stringify(audit.detail)).toContain(String(ids[0]));

    // Again, as an Excel workbook with the second row corrected: the first is already recorded.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('结果');
    sheet.addRow(['身份证号码', '卡号']);
    sheet.addRow([holders[0].idNumber, n1]);
    sheet.addRow([holders[1].idNumber, `${n1}Z`]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const again = await upload(b, batchId, xlsx, 'bank.xlsx', true).expect(200);
    expect(again.body.matched.map((m: { alreadyRecorded: boolean }) => m.alreadyRecorded)).toEqual([true, false]);
    expect(again.body.recorded).toBe(1);

    // A number already recorded for one application is refused for another of the same batch.
    const swap = await upload(
      b,
      batchId,
      Buffer.from(toCsv(['身份证号码', '卡号'], [[{ text: holders[1].idNumber }, n1]])),
      'bank.csv',
      true,
    ).expect(200);
    expect(swap.body).toMatchObject({ recorded: 0, matched: [] });
    expect(swap.body.mismatched[0].problem).toContain('已被');

    // A number recorded in one batch is refused for another.
    const other = await batchOf(b, 1);
    const clash = await upload(
      b,
      other.batchId,
      Buffer.from(toCsv(['身份证号码', '卡号'], [[{ text: other.holders[0].idNumber }, n1]])),
      'bank.csv',
    ).expect(200);
    expect(clash.body.mismatched[0].problem).toContain('已被');
  });

  it('refuses what is not the bank’s file', async () => {
    const b = await createBureau(t);
    const { batchId } = await batchOf(b, 1);
    const res = await upload(b, batchId, Buffer.from('hello\nworld\n'), 'x.csv').expect(400);
    expect(res.body.error.message).toContain('身份证');
  });

  it('lists the cards waiting at a station for the pickup list, and finds an issued card by name or ID tail', async () => {
    const b = await createBureau(t);
    const { batchId, holders, ids } = await batchOf(b, 2);
    const list0 = await t.http
      .get(`/api/v1/staff/card-batches/${batchId}/pickup-list`)
      .query({ stationId: b.stationId })
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(list0.body.items).toEqual([]);
    await t.http.post(`/api/v1/staff/card-batches/${batchId}/card-ready`).set(b.districtReviewer.auth).expect(200);
    const list = await t.http
      .get(`/api/v1/staff/card-batches/${batchId}/pickup-list`)
      .query({ stationId: b.stationId })
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(list.body.station.id).toBe(b.stationId);
    expect(list.body.items.map((i: { applicationId: number }) => i.applicationId)).toEqual(ids);

    const number = unique('C')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20);
    await t.http
      .post(`/api/v1/staff/card-applications/${ids[0]}/issue`)
      .set(b.districtReviewer.auth)
      .send({ cardNumber: number })
      .expect(200);
    const byTail = await t.http
      .get('/api/v1/staff/cards/find')
      .query({ q: holders[0].idNumber.slice(-6) })
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(byTail.body.items).toEqual([expect.objectContaining({ cardNumber: number, applicationId: ids[0] })]);
    const byName = await t.http
      .get('/api/v1/staff/cards/find')
      .query({ q: '陈卫国' })
      .set(b.stationReviewer.auth)
      .expect(200);
    expect(byName.body.items.map((i: { cardNumber: string }) => i.cardNumber)).toContain(number);
    const none = await t.http
      .get('/api/v1/staff/cards/find')
      .query({ q: '陈卫国' })
      .set(b.otherStationReviewer.auth)
      .expect(200);
    expect(none.body.items).toEqual([]);
  });
});
