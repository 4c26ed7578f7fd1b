import ExcelJS from 'exceljs';
import { toCsv, type CsvCell } from '../server/lib/csv';
import { Appeal } from '../server/modules/appeals/appeal.entity';
import { PersonVisit } from '../server/modules/roster/person-visit.entity';
import { RosterEntry } from '../server/modules/roster/roster-entry.entity';
import { RosterImport } from '../server/modules/roster/roster-import.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { Station } from '../server/modules/staff/station.entity';
import { type Bureau, createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, type Session, unique } from './helpers/factories';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';
import { approvedMerchant, createOffer } from './helpers/merchants';

const HEADER = ['姓名', '身份证号', '类别', '服务站', '联系电话', '阶段'];
type Row = [string, string, string, string | number, string?, string?];

const csv = (rows: Row[]) =>
  Buffer.from(
    toCsv(
      HEADER,
      rows.map(([name, id, category, station, phone, stage]): CsvCell[] => [
        name,
        { text: id },
        category,
        String(station),
        phone ?? '',
        stage ?? '',
      ]),
    ),
  );

async function xlsx(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(HEADER);
  for (const [name, id, category, station, phone, stage] of rows)
    sheet.addRow([name, id, category, String(station), phone ?? '', stage ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An ID number with a wrong check digit. */
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

let t: TestContext;
let b: Bureau;
let stationName: string;
let otherStationName: string;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  b = await createBureau(t);
  admin = await loginStaff(t, ['admin']);
  const em = t.container.db.manager;
  stationName = (await em.findOneByOrFail(Station, { id: b.stationId })).name;
  otherStationName = (await em.findOneByOrFail(Station, { id: b.otherStationId })).name;
});
afterAll(() => t.close());

const upload = (who: Session, bytes: Buffer, filename: string, dryRun?: 'true' | 'false') => {
  const req = t.http.post('/api/v1/staff/roster/imports').set(who.auth);
  if (dryRun) req.field('dryRun', dryRun);
  return req.attach('file', bytes, { filename, contentType: 'application/octet-stream' });
};
const entries = () => t.container.db.manager.count(RosterEntry);
const entryOf = (id: string) =>
  t.container.db.manager.findOneByOrFail(RosterEntry, {
    idNumberHash: t.container.services.people.blindIndexIdNumber(id),
  });
const audits = (action: string) => t.container.db.manager.countBy(AuditLog, { action });
const state = async () => ({
  entries: await entries(),
  imports: await t.container.db.manager.count(RosterImport),
  audits: await audits('roster.import'),
});

describe('importing the roster', () => {
  const ids = [idNumber('19650301'), idNumber('19700412'), idNumber('19881120')];
  const dup = idNumber('19720101');

  it('imports a CSV row by row: valid rows become entries, each refused row is reported with its reasons', async () => {
    const before = await state();
    const rows: Row[] = [
      ['张建国', ids[0], '退役军人', stationName, '13800001111', '退役'],
      ['李秀英', ids[1], 'martyr_family', b.stationId],
      ['王志强', ids[2], 'veteran', stationName, '', '就业'],
      ['赵卫东', badChecksum(idNumber('19660606')), '退役军人', stationName],
      ['钱红军', idNumber('19670707'), '退役军人', '不存在的服务站'],
      ['孙立新', idNumber('19680808'), '志愿者', stationName],
      ['周海涛', dup, '退役军人', stationName],
      ['吴海涛', dup, '退役军人', stationName],
    ];
    const res = await upload(b.districtReviewer, csv(rows), '名册.csv').expect(201);
    expect(res.body).toEqual({
      importId: expect.any(Number),
      dryRun: false,
      accepted: 3,
      updated: 0,
      rejected: [
        { row: 5, reasons: ['身份证号码校验位不正确，请核对后重新输入'] },
        { row: 6, reasons: ['服务站“不存在的服务站”不存在'] },
        { row: 7, reasons: [expect.stringContaining('类别“志愿者”无法识别')] },
        { row: 8, reasons: ['身份证号与第 9 行重复'] },
        { row: 9, reasons: ['身份证号与第 8 行重复'] },
      ],
    });
    expect(await state()).toEqual({
      entries: before.entries + 3,
      imports: before.imports + 1,
      audits: before.audits + 1,
    });
    const first = await entryOf(ids[0]);
    expect(first).toMatchObject({ name: '张建国', category: 'veteran', stationId: b.stationId, stage: 'retired' });
    expect(first.phoneLast4).toBe('1111');
    // Stored as people store it: encrypted, never in plaintext.
    expect(first.idNumberCipher).not.toContain(ids[0].slice(6, 14));
    expect(t.container.services.people.decryptIdNumber(first.idNumberCipher)).toBe(ids[0]);
    expect(await entryOf(ids[1])).toMatchObject({ category: 'martyr_family', stage: 'privileged', phoneLast4: null });
    expect((await entryOf(ids[2])).stage).toBe('employed');
    const imported = await t.container.db.manager.findOneByOrFail(RosterImport, { id: res.body.importId });
    expect(imported).toMatchObject({ fileName: '名册.csv', accepted: 3, updated: 0, rejected: 5 });
    // The log never carries an ID number.
    expect(t.logs.join('\n')).not.toContain(ids[0]);
  });

  it('a dry run reports the same and writes nothing', async () => {
    const before = await state();
    const rows: Row[] = [
      ['张建国', ids[0], '退役军人', stationName, '', '优待'],
      ['新来的', idNumber('19900909'), '退役军人', stationName],
    ];
    const res = await upload(b.districtReviewer, csv(rows), 'r.csv', 'true').expect(200);
    expect(res.body).toEqual({ importId: null, dryRun: true, accepted: 1, updated: 1, rejected: [] });
    expect(await state()).toEqual(before);
    expect((await entryOf(ids[0])).stage).toBe('retired');
  });

  it('re-importing (an .xlsx) updates entries by ID number, never duplicates; an empty phone or stage keeps the one on record', async () => {
    const before = await state();
    const fresh = idNumber('19910101');
    const rows: Row[] = [
      ['张建国', ids[0], '退役军人', stationName, '', '优待'],
      ['李秀英', ids[1].toLowerCase(), '烈士遗属', stationName, '13900002222'],
      ['王志强', ids[2], '退役军人', stationName],
      ['郑新兵', fresh, '退役军人', stationName, '', '服役'],
    ];
    const res = await upload(b.districtReviewer, await xlsx(rows), '名册.xlsx').expect(201);
    expect(res.body).toMatchObject({ accepted: 1, updated: 3, rejected: [] });
    expect(await state()).toEqual({
      entries: before.entries + 1,
      imports: before.imports + 1,
      audits: before.audits + 1,
    });
    expect(await entryOf(ids[0])).toMatchObject({ stage: 'privileged', phoneLast4: '1111' });
    expect(await entryOf(ids[1])).toMatchObject({ stage: 'privileged', phoneLast4: '2222' });
    expect(await entryOf(ids[2])).toMatchObject({ stage: 'employed', importId: res.body.importId });
    expect((await entryOf(fresh)).stage).toBe('serving');
  });

  it('reads a CSV saved in GB18030', async () => {
    const id = idNumber('19750505');
    const text = `${HEADER.join(',')}\r\n陈国庆,${id},退役军人,${stationName},,\r\n`;
    const gb = encodeGb18030(text);
    const res = await upload(b.districtReviewer, gb, 'gbk.csv', 'true').expect(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('refuses whole files with their codes and writes nothing', async () => {
    const before = await state();
    const none = await t.http
      .post('/api/v1/staff/roster/imports')
      .set(b.districtReviewer.auth)
      .field('dryRun', 'false')
      .expect(400);
    expect(none.body.error.code).toBe('VALIDATION_FAILED');
    const pdf = await upload(b.districtReviewer, Buffer.from('%PDF-1.7\n\u0000\u0001\n%%EOF'), 'r.pdf').expect(415);
    expect(pdf.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const noColumns = await upload(b.districtReviewer, Buffer.from('姓名,身份证号\r\n张三,1\r\n'), 'r.csv').expect(400);
    expect(noColumns.body.error.message).toContain('类别');
    const big = Buffer.concat([
      csv([['张建国', ids[0], '退役军人', stationName]]),
      Buffer.alloc(5 * 1024 * 1024, 0x20),
    ]);
    expect((await upload(b.districtReviewer, big, 'r.csv').expect(413)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const holder = await loginHolder(t);
    await upload(holder, csv([['张建国', ids[0], '退役军人', stationName]]), 'r.csv').expect(403);
    expect(await state()).toEqual(before);
  });

  it('station staff import their own station’s rows only; district staff their district’s; an admin any station', async () => {
    const own = idNumber('19800202');
    const other = idNumber('19800303');
    const rows: Row[] = [
      ['冯志远', own, '退役军人', stationName],
      ['陈志远', other, '退役军人', otherStationName],
    ];
    const res = await upload(b.stationReviewer, csv(rows), 'r.csv').expect(201);
    expect(res.body).toMatchObject({ accepted: 1, rejected: [{ row: 3, reasons: ['只能导入本服务站的人员'] }] });
    const district = await upload(b.districtReviewer, csv(rows), 'r.csv', 'true').expect(200);
    expect(district.body).toMatchObject({ updated: 1, rejected: [{ row: 3, reasons: ['只能导入本区服务站的人员'] }] });
    const byAdmin = await upload(admin, csv(rows), 'r.csv').expect(201);
    expect(byAdmin.body).toMatchObject({ accepted: 1, updated: 1, rejected: [] });
    expect((await entryOf(other)).stationId).toBe(b.otherStationId);
  });
});

describe('the roster list', () => {
  it('shows the caller’s stations only, masked, a page at a time; q finds a whole ID number or a name', async () => {
    const page1 = await t.http.get('/api/v1/staff/roster?limit=2').set(b.stationReviewer.auth).expect(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const all: Array<{ id: number; station: { id: number }; idNumberMasked: string }> = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: typeof all; nextCursor: string | null } } = await t.http
        .get('/api/v1/staff/roster')
        .query(cursor ? { cursor, limit: 2 } : { limit: 2 })
        .set(b.stationReviewer.auth)
        .expect(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all.every((e: { station: { id: number } }) => e.station.id === b.stationId)).toBe(true);
    expect(new Set(all.map((e: { id: number }) => e.id)).size).toBe(all.length);
    expect(all[0].idNumberMasked).toMatch(/^\*{14}[0-9X]{4}$/);
    expect(JSON.stringify(all)).not.toMatch(/\d{17}[\dX]/);

    const other = await t.http.get('/api/v1/staff/roster').set(b.otherStationReviewer.auth).expect(200);
    expect(other.body.items.map((e: { name: string }) => e.name)).toEqual(['陈志远']);
    await t.http.get(`/api/v1/staff/roster?stationId=${b.otherStationId}`).set(b.stationReviewer.auth).expect(403);
    const byName = await t.http.get('/api/v1/staff/roster').query({ q: '秀英' }).set(b.districtReviewer.auth);
    expect(byName.body.items.map((e: { name: string }) => e.name)).toEqual(['李秀英']);
    const entry = await t.container.db.manager.findOneByOrFail(RosterEntry, { name: '张建国' });
    const id = t.container.services.people.decryptIdNumber(entry.idNumberCipher);
    const byId = await t.http.get('/api/v1/staff/roster').query({ q: id }).set(b.districtReviewer.auth);
    expect(byId.body.items.map((e: { id: number }) => e.id)).toEqual([entry.id]);
  });
});

describe('the one-person file', () => {
  let holder: Awaited<ReturnType<typeof readyHolder>>;
  let entryId: number;
  let applicationId: number;
  let cardNumber: string;
  let appointmentId: number;

  beforeAll(async () => {
    holder = await readyHolder(t);
    const res = await upload(b.districtReviewer, csv([['陈卫国', holder.idNumber, '退役军人', stationName]]), 'r.csv');
    expect(res.status).toBe(201);
    entryId = (await entryOf(holder.idNumber)).id;
    applicationId = await submittedApplication(t, holder, b.stationId);
    cardNumber = unique('YD')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20);
    await issuedCard(t, b, applicationId, cardNumber);
    const { providerId } = await providerWithSlots(t);
    const [slot] = await openSlots(t, providerId, 30);
    const booked = await t.http
      .post('/api/v1/legal-aid/appointments')
      .set(holder.auth)
      .send(bookingBody(slot.id))
      .expect(201);
    appointmentId = booked.body.id;
    // A discount used at a shop's counter with the new card.
    const { owner } = await approvedMerchant(t, { name: '拥军超市' });
    const offerId = await createOffer(t, owner);
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(holder.auth).expect(200);
    await t.http
      .post('/api/v1/merchant/redemptions')
      .set(owner.auth)
      .send({ qrToken: qr.body.token, offerId })
      .expect(201);
  });

  it('shows the person’s account, application, card and appointment; each read is audit-logged', async () => {
    const reads = await audits('roster.file_read');
    const res = await t.http.get(`/api/v1/staff/people/${entryId}`).set(b.stationReviewer.auth).expect(200);
    expect(res.body).toMatchObject({
      id: entryId,
      name: '陈卫国',
      idNumberMasked: `**************${holder.idNumber.slice(-4)}`,
      category: 'veteran',
      stage: 'retired',
      station: { id: b.stationId },
      person: { verified: true },
      account: { id: holder.userId, roles: ['holder'], disabled: false },
      applications: [{ id: applicationId, status: 'issued', stationId: b.stationId }],
      cards: [{ cardNumber, status: 'active' }],
      appointments: [{ id: appointmentId, status: 'booked', serviceType: 'consultation' }],
      redemptions: {
        total: 1,
        recent: [{ merchantName: '拥军超市', offerTitle: '退役军人专享 8 折', day: '2027-03-10' }],
      },
      voucherOrders: [],
      // The card's notices were copied into the holder's conversation.
      conversations: { count: 1, lastMessageAt: expect.any(String) },
      visits: [],
    });
    expect(JSON.stringify(res.body)).not.toContain(holder.idNumber);
    await t.http.get(`/api/v1/staff/people/${entryId}`).set(b.districtReviewer.auth).expect(200);
    expect(await audits('roster.file_read')).toBe(reads + 2);
    const last = await t.container.db.manager.findOneOrFail(AuditLog, {
      where: { action: 'roster.file_read' },
      order: { id: 'DESC' },
    });
    expect(last).toMatchObject({ actorAccountId: b.districtReviewer.userId, targetId: String(entryId) });
  });

  it('a person nobody has bound is a file of the roster alone', async () => {
    const entry = await t.container.db.manager.findOneByOrFail(RosterEntry, { name: '王志强' });
    const res = await t.http.get(`/api/v1/staff/people/${entry.id}`).set(b.districtReviewer.auth).expect(200);
    expect(res.body).toMatchObject({ person: null, account: null, applications: [], cards: [], appointments: [] });
  });

  it('is not found for staff of another station or district, forbidden to holders and admins, and unread then', async () => {
    const reads = await audits('roster.file_read');
    for (const who of [b.otherStationReviewer, b.otherDistrictReviewer]) {
      const res = await t.http.get(`/api/v1/staff/people/${entryId}`).set(who.auth).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    await t.http.get(`/api/v1/staff/people/${entryId}`).set(holder.auth).expect(403);
    await t.http.get(`/api/v1/staff/people/${entryId}`).set(admin.auth).expect(403);
    await t.http.get('/api/v1/staff/people/99999999').set(b.stationReviewer.auth).expect(404);
    expect(await audits('roster.file_read')).toBe(reads);
  });

  it('records visits (audited) and lists them in the file, newest first', async () => {
    const today = '2027-03-10';
    const first = await t.http
      .post(`/api/v1/staff/people/${entryId}/visits`)
      .set(b.stationReviewer.auth)
      .send({ visitedOn: '2027-02-01', kind: 'holiday_condolence', note: '春节慰问，送去慰问金' })
      .expect(201);
    expect(first.body).toMatchObject({
      visitedOn: '2027-02-01',
      kind: 'holiday_condolence',
      staff: { id: b.stationReviewer.userId, displayName: '测试员' },
    });
    await t.http
      .post(`/api/v1/staff/people/${entryId}/visits`)
      .set(b.districtReviewer.auth)
      .send({ visitedOn: today, kind: 'home_visit' })
      .expect(201);
    const future = await t.http
      .post(`/api/v1/staff/people/${entryId}/visits`)
      .set(b.stationReviewer.auth)
      .send({ visitedOn: '2027-03-11', kind: 'phone' })
      .expect(400);
    expect(future.body.error.message).toContain('visitedOn');
    await t.http
      .post(`/api/v1/staff/people/${entryId}/visits`)
      .set(b.stationReviewer.auth)
      .send({ visitedOn: today, kind: 'party' })
      .expect(400);
    await t.http
      .post(`/api/v1/staff/people/${entryId}/visits`)
      .set(b.otherStationReviewer.auth)
      .send({ visitedOn: today, kind: 'phone' })
      .expect(404);
    expect(await t.container.db.manager.countBy(PersonVisit, { rosterEntryId: entryId })).toBe(2);
    expect(await audits('roster.visit_add')).toBe(2);
    const file = await t.http.get(`/api/v1/staff/people/${entryId}`).set(b.stationReviewer.auth).expect(200);
    expect(file.body.visits.map((v: { visitedOn: string }) => v.visitedOn)).toEqual([today, '2027-02-01']);
  });

  it('lists the person’s appeals and errands, newest first, with the overdue flag against the promised day', async () => {
    const fileOne = (kind: string, category: string) =>
      t.http
        .post('/api/v1/appeals')
        .set(holder.auth)
        .send({ kind, category, text: '需要服务站帮忙办理相关事项' })
        .expect(201)
        .then((r) => r.body.id as number);
    const appealId = await fileOne('appeal', '生活困难');
    const errandId = await fileOne('errand', '代办手续');
    await t.http
      .post(`/api/v1/staff/appeals/${appealId}/accept`)
      .set(b.stationReviewer.auth)
      .send({ promisedDate: '2027-03-12' })
      .expect(200);
    const read = async () =>
      (await t.http.get(`/api/v1/staff/people/${entryId}`).set(b.stationReviewer.auth).expect(200)).body.appeals;
    expect(await read()).toEqual([
      {
        id: errandId,
        kind: 'errand',
        category: '代办手续',
        status: 'submitted',
        stationId: b.stationId,
        promisedDate: null,
        overdue: false,
        rating: null,
        createdAt: expect.any(String),
        resolvedAt: null,
      },
      expect.objectContaining({
        id: appealId,
        kind: 'appeal',
        status: 'accepted',
        promisedDate: '2027-03-12',
        overdue: false,
      }),
    ]);
    // The promised day passes with the work still under way.
    await t.container.db.transaction((em) => em.update(Appeal, { id: appealId }, { promisedDate: '2027-03-09' }));
    expect((await read())[1]).toMatchObject({ id: appealId, promisedDate: '2027-03-09', overdue: true });
    // Another person's appeals are not in this file.
    const stranger = await readyHolder(t);
    await t.http
      .post('/api/v1/appeals')
      .set(stranger.auth)
      .send({ kind: 'appeal', category: '其他', text: '另一位老兵的诉求', stationId: b.stationId })
      .expect(201);
    expect((await read()).map((a: { id: number }) => a.id)).toEqual([errandId, appealId]);
  });

  it('the holder reads their own file in brief: roster, stage, card, appointments and appeals, ID number masked', async () => {
    const res = await t.http.get('/api/v1/roster/me').set(holder.auth).expect(200);
    const appeals = await t.container.db.manager.find(Appeal, {
      where: { accountId: holder.userId },
      order: { id: 'DESC' },
    });
    expect(res.body).toEqual({
      identity: {
        name: '陈卫国',
        idNumberMasked: `**************${holder.idNumber.slice(-4)}`,
        category: 'veteran',
        verified: true,
      },
      roster: { category: 'veteran', station: { id: b.stationId, name: stationName }, stage: 'retired' },
      card: {
        applications: 1,
        latestApplication: {
          id: applicationId,
          kind: expect.any(String),
          status: 'issued',
          createdAt: expect.any(String),
        },
        card: { status: 'active', issuedAt: expect.any(String) },
      },
      appointments: {
        total: 1,
        upcoming: 1,
        next: {
          id: appointmentId,
          serviceType: 'consultation',
          mode: expect.any(String),
          startsAt: expect.any(String),
        },
      },
      // The errand is still submitted; the appeal was accepted: both under way.
      appeals: {
        total: 2,
        open: 2,
        latest: {
          id: appeals[0].id,
          kind: 'errand',
          category: '代办手续',
          status: 'submitted',
          createdAt: expect.any(String),
        },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain(holder.idNumber);
    // The appeal rejected: no longer under way.
    await t.http
      .post(`/api/v1/staff/appeals/${appeals[1].id}/reject`)
      .set(b.stationReviewer.auth)
      .send({ reason: '不属于本站受理范围' })
      .expect(200);
    expect((await t.http.get('/api/v1/roster/me').set(holder.auth).expect(200)).body.appeals).toMatchObject({
      total: 2,
      open: 1,
    });
  });

  it('a holder off the roster, or without an identity, reads an empty file; staff may not read it', async () => {
    const off = await loginHolder(t);
    const offId = idNumber('19600102');
    await t.http
      .put('/api/v1/me/identity')
      .set(off.auth)
      .send({ name: '刘振华', idNumber: offId, phone: '13911113333', category: 'martyr_family' })
      .expect(200);
    expect((await t.http.get('/api/v1/roster/me').set(off.auth).expect(200)).body).toEqual({
      identity: {
        name: '刘振华',
        idNumberMasked: `**************${offId.slice(-4)}`,
        category: 'martyr_family',
        verified: false,
      },
      roster: null,
      card: { applications: 0, latestApplication: null, card: null },
      appointments: { total: 0, upcoming: 0, next: null },
      appeals: { total: 0, open: 0, latest: null },
    });
    // Once the bureau imports them, the stage shows.
    await upload(b.districtReviewer, csv([['刘振华', offId, '烈士遗属', stationName]]), 'r.csv').expect(201);
    expect((await t.http.get('/api/v1/roster/me').set(off.auth).expect(200)).body.roster).toEqual({
      category: 'martyr_family',
      station: { id: b.stationId, name: stationName },
      stage: 'privileged',
    });
    const bare = await loginHolder(t);
    expect((await t.http.get('/api/v1/roster/me').set(bare.auth).expect(200)).body).toMatchObject({
      identity: null,
      roster: null,
      card: { applications: 0 },
      appeals: { total: 0 },
    });
    await t.http.get('/api/v1/roster/me').set(b.stationReviewer.auth).expect(403);
    await t.http.get('/api/v1/roster/me').expect(401);
  });
});

describe('the roster as the denominator', () => {
  it('gives 申领率 and 发放率 per station, district and in total, exactly as counted by hand', async () => {
    // A district of its own with two stations, so nothing above counts here.
    const c = await createBureau(t);
    const now = t.clock.now();
    const second = await t.container.db.transaction(async (em) => {
      const s = await em.insert(Station, {
        districtId: c.districtId,
        name: unique('第二服务站'),
        address: '测试路 2 号',
        phone: null,
        createdAt: now,
      });
      return Number(s.identifiers[0].id);
    });
    const secondReviewer = await loginStaff(t, ['station_staff'], { stationId: second });
    const firstName = (await t.container.db.manager.findOneByOrFail(Station, { id: c.stationId })).name;
    const secondName = (await t.container.db.manager.findOneByOrFail(Station, { id: second })).name;

    const issue = async (
      h: Awaited<ReturnType<typeof readyHolder>>,
      stationId: number,
      reviewer: Bureau['stationReviewer'],
    ) => {
      const id = await submittedApplication(t, h, stationId);
      await issuedCard(
        t,
        { ...c, stationReviewer: reviewer },
        id,
        unique('K')
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 20),
      );
    };
    // Station one: issued, applied only, bound but only a draft, never used the mini-program; and a
    // serving soldier who applied (not yet eligible: outside every count).
    const issued1 = await readyHolder(t);
    await issue(issued1, c.stationId, c.stationReviewer);
    const applied1 = await readyHolder(t);
    await submittedApplication(t, applied1, c.stationId);
    const draftOnly = await readyHolder(t);
    await t.http
      .post('/api/v1/card-applications')
      .set(draftOnly.auth)
      .send({
        category: 'veteran',
        photoFileId: draftOnly.photoFileId,
        documentFileIds: [draftOnly.documentFileId],
        stationId: c.stationId,
        delivery: 'pickup',
        declarations: {
          expelled: false,
          deprivedOfPoliticalRights: false,
          servingSentence: false,
          wanted: false,
          priorCriminalPunishment: false,
        },
      })
      .expect(201);
    const serving = await readyHolder(t);
    await submittedApplication(t, serving, c.stationId);
    // Station two: one person, issued.
    const issued2 = await readyHolder(t);
    await issue(issued2, second, secondReviewer);
    // Applied, but not on the roster: no count anywhere.
    await submittedApplication(t, await readyHolder(t), c.stationId);

    const rows: Row[] = [
      ['甲某某', issued1.idNumber, '退役军人', firstName],
      ['乙某某', applied1.idNumber, '退役军人', firstName],
      ['丙某某', draftOnly.idNumber, '退役军人', firstName],
      ['丁某某', idNumber('19600101'), '烈士遗属', firstName],
      ['戊某某', serving.idNumber, '退役军人', firstName, '', '服役'],
      ['己某某', issued2.idNumber, '退役军人', secondName],
    ];
    await upload(c.districtReviewer, csv(rows), 'r.csv').expect(201);

    const res = await t.http.get('/api/v1/staff/roster/rates').set(c.districtReviewer.auth).expect(200);
    // By hand: station one has 4 eligible (甲乙丙丁; 戊 is serving), 2 applied (甲乙: 丙's draft was
    // never submitted), 1 approved and issued (甲); station two 1 eligible, applied, approved and
    // issued (己); the district 5 eligible, 3 applied, 2 approved, 2 issued: 60 % and 66.7 %.
    expect(res.body.stations).toEqual([
      {
        stationId: c.stationId,
        stationName: firstName,
        districtId: c.districtId,
        eligible: 4,
        applied: 2,
        approved: 1,
        issued: 1,
        applicationRate: 50,
        issuanceRate: 50,
      },
      {
        stationId: second,
        stationName: secondName,
        districtId: c.districtId,
        eligible: 1,
        applied: 1,
        approved: 1,
        issued: 1,
        applicationRate: 100,
        issuanceRate: 100,
      },
    ]);
    const figures = { eligible: 5, applied: 3, approved: 2, issued: 2, applicationRate: 60, issuanceRate: 66.7 };
    expect(res.body.districts).toEqual([{ districtId: c.districtId, districtName: '测试区', ...figures }]);
    expect(res.body.total).toEqual(figures);

    // A station's staff see their station alone.
    const own = await t.http.get('/api/v1/staff/roster/rates').set(secondReviewer.auth).expect(200);
    expect(own.body.stations.map((s: { stationId: number }) => s.stationId)).toEqual([second]);
    expect(own.body.total).toMatchObject({ eligible: 1, applicationRate: 100 });
    await t.http
      .get('/api/v1/staff/roster/rates')
      .set((await loginHolder(t)).auth)
      .expect(403);
  });
});

/** GB18030 bytes of a text of ASCII and common Chinese characters (TextEncoder writes UTF-8 only). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Buffer.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
