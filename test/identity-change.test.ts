import { CardApplication } from '../server/modules/cards/card-application.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { IdentityChangeEvent } from '../server/modules/people/identity-change-event.entity';
import { IdentityChangeRequest } from '../server/modules/people/identity-change-request.entity';
import { ID_NUMBER_CONTEXT } from '../server/modules/people/people.service';
import { Person } from '../server/modules/people/person.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createBureau, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, type Session } from './helpers/factories';

type Bureau = Awaited<ReturnType<typeof createBureau>>;
type Holder = Awaited<ReturnType<typeof readyHolder>>;

describe('identity change requests', () => {
  let t: TestContext;
  let b: Bureau;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
    admin = await loginStaff(t, ['admin']);
  });
  afterAll(() => t.close());

  /** A holder whose identity a station of the bureau has verified, with the application id. */
  async function verifiedHolder(): Promise<Holder & { applicationId: number }> {
    const h = await readyHolder(t);
    const applicationId = await submittedApplication(t, h, b.stationId);
    await review(t, b.stationReviewer, applicationId, 'approve').expect(200);
    return { ...h, applicationId };
  }
  const file = (h: Session, name = 'hukou.pdf') =>
    t.http
      .post('/api/v1/files')
      .set(h.auth)
      .field('purpose', 'document')
      .attach('file', Buffer.from('%PDF-1.7\n户口簿变更页\n%%EOF'), { filename: name, contentType: 'application/pdf' })
      .expect(201)
      .then((r) => r.body.id as number);
  const submit = (h: Session, body: Record<string, unknown>) =>
    t.http.post('/api/v1/me/identity-change-requests').set(h.auth).send(body);
  const decide = (s: Session, id: number, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/staff/identity-change-requests/${id}/review`).set(s.auth).send(body);
  const person = (accountId: number) => t.container.db.manager.findOneByOrFail(Person, { accountId });
  const outboxFor = (accountId: number) =>
    t.container.db.manager.find(OutboxMessage, { where: { recipientAccountId: accountId }, order: { id: 'ASC' } });

  it('is for a verified identity: an unbound or unverified one answers 409', async () => {
    const none = await loginHolder(t);
    expect((await submit(none, { name: '王建国', reason: '改名' }).expect(409)).body.error.code).toBe(
      'IDENTITY_REQUIRED',
    );
    const unverified = await readyHolder(t);
    expect((await submit(unverified, { name: '王建国', reason: '改名' }).expect(409)).body.error.code).toBe(
      'IDENTITY_NOT_VERIFIED',
    );
    expect(await t.container.db.manager.count(IdentityChangeRequest)).toBe(0);
  });

  it('files a change with its history, one open request at a time', async () => {
    const h = await verifiedHolder();
    const doc = await file(h);
    const res = await submit(h, { name: '王建国', reason: '已在派出所办理更名', documentFileIds: [doc] }).expect(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      changes: { name: '王建国', category: null, idNumberMasked: null, phoneMasked: null },
      previous: { name: '陈卫国', category: 'veteran', idNumberMasked: `**************${h.idNumber.slice(-4)}` },
      reason: '已在派出所办理更名',
      documentFileIds: [doc],
      decisionReason: null,
      allowedActions: ['withdraw'],
    });
    expect(res.body.history).toEqual([
      { action: 'submit', from: null, to: 'submitted', at: expect.any(String), by: 'holder', reason: null },
    ]);

    const second = await submit(h, { category: 'martyr_family', reason: '类别登记有误' }).expect(409);
    expect(second.body.error.code).toBe('CHANGE_REQUEST_EXISTS');
    const mine = await t.http.get('/api/v1/me/identity-change-requests').set(h.auth).expect(200);
    expect(mine.body.items.map((x: { id: number }) => x.id)).toEqual([res.body.id]);
    // Filing changes nothing yet.
    expect((await person(h.userId)).name).toBe('陈卫国');
  });

  it('refuses a request that changes nothing but the phone, bad values and someone else’s documents', async () => {
    const h = await verifiedHolder();
    const other = await loginHolder(t);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ reason: '没有要改的' }, 400, 'VALIDATION_FAILED'],
      [{ name: '陈卫国', category: 'veteran', idNumber: h.idNumber, reason: '与现在相同' }, 400, 'VALIDATION_FAILED'],
      [{ phone: '13700001111', reason: '只改手机' }, 400, 'VALIDATION_FAILED'],
      [{ name: '王', reason: '名字太短' }, 400, 'VALIDATION_FAILED'],
      [{ name: '王建国' }, 400, 'VALIDATION_FAILED'],
      [{ name: '王建国', reason: '改名', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ idNumber: idNumber('19780808').slice(0, 17) + 'Z', reason: '号码更正' }, 400, 'ID_NUMBER_INVALID'],
      [{ idNumber: '110105194912310021', reason: '号码更正' }, 400, 'ID_NUMBER_INVALID'],
      [
        { idNumber: idNumber(`${t.clock.now().getUTCFullYear() - 10}0101`), reason: '号码更正' },
        400,
        'VALIDATION_FAILED',
      ],
      [{ name: '王建国', reason: '改名', documentFileIds: [await file(other)] }, 400, 'VALIDATION_FAILED'],
      [{ name: '王建国', reason: '改名', documentFileIds: [h.photoFileId] }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await submit(h, body);
      expect([JSON.stringify(body), res.status, res.body.error?.code]).toEqual([JSON.stringify(body), status, code]);
    }
    // An ID number bound to another person is refused when filed.
    const taken = await readyHolder(t);
    expect((await submit(h, { idNumber: taken.idNumber, reason: '号码更正' }).expect(409)).body.error.code).toBe(
      'ID_NUMBER_TAKEN',
    );
    expect(await t.container.db.manager.countBy(IdentityChangeRequest, { accountId: h.userId })).toBe(0);
  });

  it('shows requests only to staff of the verifying station and district, and to an admin', async () => {
    const h = await verifiedHolder();
    const doc = await file(h);
    const { body } = await submit(h, { name: '王建国', reason: '更名', documentFileIds: [doc] }).expect(201);
    const listed = async (s: Session) =>
      (
        (await t.http.get('/api/v1/staff/identity-change-requests?status=submitted').set(s.auth).expect(200)).body
          .items as Array<{ id: number }>
      ).map((x) => x.id);

    for (const s of [b.stationReviewer, b.districtReviewer, admin]) {
      expect(await listed(s)).toContain(body.id);
      const one = await t.http.get(`/api/v1/staff/identity-change-requests/${body.id}`).set(s.auth).expect(200);
      expect(one.body).toMatchObject({
        stationId: b.stationId,
        person: {
          name: '陈卫国',
          category: 'veteran',
          idNumberMasked: `**************${h.idNumber.slice(-4)}`,
          phoneMasked: '*******2222',
        },
        allowedActions: ['approve', 'reject'],
      });
    }
    // Staff of the bureau's other station and district do not learn it exists.
    for (const s of [b.otherStationReviewer, b.otherDistrictReviewer]) {
      expect(await listed(s)).not.toContain(body.id);
      await t.http.get(`/api/v1/staff/identity-change-requests/${body.id}`).set(s.auth).expect(404);
      await decide(s, body.id, { decision: 'approve' }).expect(404);
      await t.http.get(`/api/v1/files/${doc}`).set(s.auth).expect(404);
    }
    // The verifying station reads the attached document.
    await t.http.get(`/api/v1/files/${doc}`).set(b.stationReviewer.auth).expect(200);
    // Not staff: 403; staff without a station or district: 403.
    await t.http.get('/api/v1/staff/identity-change-requests').set(h.auth).expect(403);
    await decide(h, body.id, { decision: 'approve' }).expect(403);
    await decide(await loginStaff(t, ['lawyer']), body.id, { decision: 'approve' }).expect(403);
    await t.http
      .get('/api/v1/staff/identity-change-requests')
      .set((await loginStaff(t, ['station_staff'])).auth)
      .expect(403);
    await t.http.get('/api/v1/staff/identity-change-requests/999999').set(admin.auth).expect(404);
    expect((await person(h.userId)).name).toBe('陈卫国');
  });

  it('pages the staff list with a cursor', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await verifiedHolder();
      ids.push((await submit(h, { name: `王建${'甲乙丙'[i]}`, reason: '更名' }).expect(201)).body.id);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: number }>; nextCursor: string | null } } = await t.http
        .get(`/api/v1/staff/identity-change-requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(b.stationReviewer.auth)
        .expect(200);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('rejects only with a reason; the holder is told and the decision is on record', async () => {
    const h = await verifiedHolder();
    const { body } = await submit(h, { category: 'martyr_family', reason: '类别登记有误' }).expect(201);
    const bare = await decide(b.stationReviewer, body.id, { decision: 'reject' }).expect(400);
    expect(bare.body.error.code).toBe('VALIDATION_FAILED');
    await decide(b.stationReviewer, body.id, { decision: 'reject', reason: '   ' }).expect(400);

    const before = (await outboxFor(h.userId)).length;
    const res = await decide(b.stationReviewer, body.id, { decision: 'reject', reason: '未提供烈士证明材料' }).expect(
      200,
    );
    expect(res.body).toMatchObject({
      status: 'rejected',
      decisionReason: '未提供烈士证明材料',
      allowedActions: [],
      decidedAt: expect.any(String),
    });
    expect(res.body.history.map((e: { action: string; by: string }) => [e.action, e.by])).toEqual([
      ['submit', 'holder'],
      ['reject', 'staff'],
    ]);
    expect((await person(h.userId)).category).toBe('veteran');

    const notices = (await outboxFor(h.userId)).slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      templateKey: 'application_status',
      page: 'packages/people/pages/identity-change/identity-change',
      status: 'pending',
    });
    expect(notices[0].title).toBe('身份信息变更：未通过');
    expect(notices[0].body).toContain('未提供烈士证明材料');
    const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
      action: 'identity_change.reject',
      targetId: String(body.id),
    });
    expect(audit.actorAccountId).toBe(b.stationReviewer.userId);
    expect(JSON.parse(audit.detail!)).toMatchObject({ fields: ['category'], reason: '未提供烈士证明材料' });

    // Decided once: a second decision is a conflict; the holder may file again.
    expect((await decide(b.districtReviewer, body.id, { decision: 'approve' }).expect(409)).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
    await submit(h, { category: 'martyr_family', reason: '补充了烈士证明', documentFileIds: [await file(h)] }).expect(
      201,
    );
  });

  it('applies an approved change to the person at once, notifies and audits; the reviewed snapshot stays', async () => {
    const h = await verifiedHolder();
    const newNumber = idNumber('19780809');
    const { body } = await submit(h, {
      name: '王建国',
      idNumber: newNumber,
      phone: '13700002222',
      reason: '户籍信息更正',
    }).expect(201);
    expect(body.changes).toEqual({
      name: '王建国',
      category: null,
      idNumberMasked: `**************${newNumber.slice(-4)}`,
      phoneMasked: '*******2222',
    });
    const [rawRequest] = await t.container.db.dataSource.query('SELECT * FROM identity_change_request WHERE id = ?', [
      body.id,
    ]);
    expect(JSON.stringify(rawRequest)).not.toContain(newNumber);
    expect(JSON.stringify(rawRequest)).not.toContain('13700002222');

    const res = await decide(b.districtReviewer, body.id, { decision: 'approve' }).expect(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      person: { name: '王建国', idNumberMasked: `**************${newNumber.slice(-4)}`, phoneMasked: '*******2222' },
    });
    expect(res.body.history.map((e: { to: string }) => e.to)).toEqual(['submitted', 'approved']);

    const p = await person(h.userId);
    expect(p).toMatchObject({ name: '王建国', verified: true, phoneLast4: '2222' });
    expect(t.container.fieldCrypto.decrypt(p.idNumberCipher, ID_NUMBER_CONTEXT)).toBe(newNumber);
    expect(p.idNumberHash).toBe(t.container.fieldCrypto.blindIndex(newNumber, ID_NUMBER_CONTEXT));
    const me = await t.http.get('/api/v1/me').set(h.auth).expect(200);
    expect(me.body.identity).toMatchObject({
      name: '王建国',
      idNumberMasked: `**************${newNumber.slice(-4)}`,
      verified: true,
    });
    // Still locked: the approved identity is now the verified one.
    await t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send({ name: '陈卫国', idNumber: h.idNumber, phone: '13911112222', category: 'veteran' })
      .expect(409);

    const snapshot = await t.container.db.manager.findOneByOrFail(CardApplication, { id: h.applicationId });
    expect(snapshot.snapshotName).toBe('陈卫国');
    expect(t.container.fieldCrypto.decrypt(snapshot.snapshotIdNumberCipher!, ID_NUMBER_CONTEXT)).toBe(h.idNumber);

    const notice = (await outboxFor(h.userId)).find((m) => m.idempotencyKey.startsWith(`identity-change:${body.id}:`))!;
    expect(notice.title).toBe('身份信息变更：已通过');
    const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
      action: 'identity_change.approve',
      targetId: String(body.id),
    });
    expect(audit.actorAccountId).toBe(b.districtReviewer.userId);
    expect(JSON.parse(audit.detail!).fields).toEqual(['name', 'idNumber', 'phone']);
    expect(audit.detail).not.toContain('王建国');
    expect(audit.detail).not.toContain(newNumber);
    expect(await t.container.db.manager.countBy(IdentityChangeEvent, { requestId: body.id })).toBe(2);
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(newNumber);
    expect(logs).not.toContain('13700002222');
  });

  it('lets an admin decide, and rolls the approval back when the new ID number was taken meanwhile', async () => {
    const h = await verifiedHolder();
    const contested = idNumber('19790101');
    const { body } = await submit(h, { idNumber: contested, reason: '号码更正' }).expect(201);
    const rival = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(rival.auth)
      .send({ name: '赵六', idNumber: contested, phone: '13600000000', category: 'veteran' })
      .expect(200);

    const res = await decide(admin, body.id, { decision: 'approve' }).expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    const row = await t.container.db.manager.findOneByOrFail(IdentityChangeRequest, { id: body.id });
    expect(row.status).toBe('submitted');
    expect(await t.container.db.manager.countBy(IdentityChangeEvent, { requestId: body.id })).toBe(1);
    expect(t.container.fieldCrypto.decrypt((await person(h.userId)).idNumberCipher, ID_NUMBER_CONTEXT)).toBe(
      h.idNumber,
    );

    await decide(admin, body.id, { decision: 'reject', reason: '该号码已绑定其他账号，请到服务站核实' }).expect(200);
  });

  it('lets the holder withdraw an open request, and only their own', async () => {
    const h = await verifiedHolder();
    const stranger = await verifiedHolder();
    const { body } = await submit(h, { name: '王建国', reason: '更名' }).expect(201);
    await t.http.post(`/api/v1/me/identity-change-requests/${body.id}/withdraw`).set(stranger.auth).expect(404);
    const res = await t.http.post(`/api/v1/me/identity-change-requests/${body.id}/withdraw`).set(h.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect(res.body.history.map((e: { action: string }) => e.action)).toEqual(['submit', 'withdraw']);
    expect(
      (await t.http.post(`/api/v1/me/identity-change-requests/${body.id}/withdraw`).set(h.auth).expect(409)).body.error
        .code,
    ).toBe('INVALID_TRANSITION');
    expect((await decide(b.stationReviewer, body.id, { decision: 'approve' }).expect(409)).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
    // Withdrawn is closed: a new request may be filed.
    await submit(h, { name: '王建华', reason: '更名' }).expect(201);
    const mine = await t.http.get('/api/v1/me/identity-change-requests').set(h.auth).expect(200);
    expect(mine.body.items.map((x: { status: string }) => x.status)).toEqual(['submitted', 'withdrawn']);
  });

  it('lets only one of two staff deciding at once win', async () => {
    const h = await verifiedHolder();
    const { body } = await submit(h, { name: '王建国', reason: '更名' }).expect(201);
    const results = await Promise.all([
      decide(b.stationReviewer, body.id, { decision: 'approve' }),
      decide(b.districtReviewer, body.id, { decision: 'reject', reason: '材料不全' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.container.db.manager.countBy(IdentityChangeEvent, { requestId: body.id })).toBe(2);
  });
});
