import { CardApplicationEvent } from '../server/modules/cards/card-application-event.entity';
import { CardApplication } from '../server/modules/cards/card-application.entity';
import { CardBatch } from '../server/modules/cards/card-batch.entity';
import { Card } from '../server/modules/cards/card.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { Station } from '../server/modules/staff/station.entity';
import { applicationBody, createBureau, issuedCard, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginStaff, unique, type Session } from './helpers/factories';

const DAY = 86_400_000;
const MINUTE = 60_000;

type Bureau = Awaited<ReturnType<typeof createBureau>>;
type Holder = Awaited<ReturnType<typeof readyHolder>>;

/** A card number the bank could print: letters and digits, unique within the run. */
const newCardNumber = () =>
  unique('YDZ')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 32);
/** A request id as a gateway would send it. */
const newRequestId = () => unique('req-').replace(/[^A-Za-z0-9._-]/g, '');

const idsOf = (res: { body: { items: Array<{ id: number }> } }) => res.body.items.map((i) => i.id);

/** Sign-ins are short-lived: after days go by, each session trades its refresh token for a new pair. */
async function renew(t: TestContext, sessions: Session[]): Promise<void> {
  for (const s of sessions) {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    s.accessToken = res.body.accessToken;
    s.refreshToken = res.body.refreshToken;
    s.auth = { Authorization: `Bearer ${res.body.accessToken}` };
  }
}

/** A second service station in a district, with an address of its own. */
async function addStation(t: TestContext, districtId: number, address = '测试路 2 号'): Promise<number> {
  const res = await t.container.db.transaction((em) =>
    em.insert(Station, { districtId, name: unique('服务站'), address, phone: null, createdAt: t.clock.now() }),
  );
  return Number(res.identifiers[0].id);
}

async function draftApplication(
  t: TestContext,
  h: Holder,
  stationId: number,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const res = await t.http
    .post('/api/v1/card-applications')
    .set(h.auth)
    .send(applicationBody(h, stationId, extra))
    .expect(201);
  return res.body.id;
}

async function submit(t: TestContext, h: Holder, id: number): Promise<void> {
  await t.http.post(`/api/v1/card-applications/${id}/submit`).set(h.auth).expect(200);
}

const statusOf = async (t: TestContext, id: number) =>
  (await t.container.db.manager.findOneByOrFail(CardApplication, { id })).status;

const queue = (t: TestContext, s: Session, query: Record<string, string | number> = {}) =>
  t.http.get('/api/v1/staff/card-applications').query(query).set(s.auth);

const detail = (t: TestContext, s: Session, id: number) =>
  t.http.get(`/api/v1/staff/card-applications/${id}`).set(s.auth);

async function approvedApplication(
  t: TestContext,
  b: Bureau,
  h: Holder,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const id = await submittedApplication(t, h, b.stationId, extra);
  await review(t, b.stationReviewer, id, 'approve').expect(200);
  await review(t, b.districtReviewer, id, 'approve').expect(200);
  return id;
}

async function sendToProduction(t: TestContext, b: Bureau, ids: number[]): Promise<number> {
  const res = await t.http
    .post('/api/v1/staff/card-batches')
    .set(b.districtReviewer.auth)
    .send({ applicationIds: ids })
    .expect(201);
  return res.body.id;
}

async function cardReadyApplication(t: TestContext, b: Bureau, h: Holder): Promise<number> {
  const id = await approvedApplication(t, b, h);
  const batchId = await sendToProduction(t, b, [id]);
  await t.http.post(`/api/v1/staff/card-batches/${batchId}/card-ready`).set(b.districtReviewer.auth).expect(200);
  return id;
}

describe('优待证: the staff side', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  describe('the review queue', () => {
    it('lists the area’s submitted applications oldest submission first, filtered and paged', async () => {
      const b = await createBureau(t);
      const station2 = await addStation(t, b.districtId);
      const station2Reviewer = await loginStaff(t, ['station_staff'], { stationId: station2 });
      const [hA, hB, hC, hO, hE] = [
        await readyHolder(t),
        await readyHolder(t),
        await readyHolder(t),
        await readyHolder(t),
        await readyHolder(t),
      ];

      // Drafted A then B, but B is submitted first: the queue follows submission, not creation.
      const a = await draftApplication(t, hA, b.stationId);
      const bb = await draftApplication(t, hB, b.stationId);
      const c = await draftApplication(t, hC, station2);
      const o = await draftApplication(t, hO, b.otherStationId);
      const e = await draftApplication(t, hE, b.stationId); // never submitted
      await submit(t, hB, bb);
      t.clock.advance(MINUTE);
      await submit(t, hA, a);
      t.clock.advance(MINUTE);
      await submit(t, hC, c);
      t.clock.advance(MINUTE);
      await submit(t, hO, o);

      // Three days on, one more arrives.
      t.clock.advance(3 * DAY);
      const staff = [
        b.stationReviewer,
        b.districtReviewer,
        b.otherDistrictReviewer,
        b.otherStationReviewer,
        station2Reviewer,
      ];
      await renew(t, staff);
      const hD = await readyHolder(t);
      const d = await submittedApplication(t, hD, b.stationId);

      // Station staff: their station only, oldest submission first.
      const station = await queue(t, b.stationReviewer).expect(200);
      expect(idsOf(station)).toEqual([bb, a, d]);
      expect(station.body.nextCursor).toBeNull();
      expect(idsOf(await queue(t, station2Reviewer).expect(200))).toEqual([c]);

      // District staff: every station of their district, never another district's.
      const district = await queue(t, b.districtReviewer).expect(200);
      expect(idsOf(district)).toEqual([bb, a, c, d]);

      // Another district's reviewer sees its own applications and none of these.
      const other = await queue(t, b.otherDistrictReviewer).expect(200);
      expect(idsOf(other)).toEqual([o]);
      expect(idsOf(await queue(t, b.otherStationReviewer).expect(200))).toEqual([o]);

      // Drafts never appear, not even when asked for.
      for (const s of [b.stationReviewer, b.districtReviewer]) {
        expect(idsOf(await queue(t, s).expect(200))).not.toContain(e);
        expect(idsOf(await queue(t, s, { status: 'draft' }).expect(200))).toEqual([]);
      }

      // Items carry the applicant's name and how long they have waited.
      const byId = new Map(district.body.items.map((i: { id: number }) => [i.id, i]));
      expect(byId.get(bb)).toMatchObject({
        id: bb,
        status: 'submitted',
        applicantName: '陈卫国',
        stationId: b.stationId,
        waitingDays: 3,
      });
      expect(byId.get(c)).toMatchObject({ applicantName: '陈卫国', stationId: station2, waitingDays: 3 });
      expect(byId.get(d)).toMatchObject({ applicantName: '陈卫国', waitingDays: 0 });

      // Filter by waiting time.
      expect(idsOf(await queue(t, b.districtReviewer, { minWaitingDays: 2 }).expect(200))).toEqual([bb, a, c]);
      expect(idsOf(await queue(t, b.districtReviewer, { minWaitingDays: 4 }).expect(200))).toEqual([]);

      // Filter by station.
      expect(idsOf(await queue(t, b.districtReviewer, { stationId: station2 }).expect(200))).toEqual([c]);
      expect(idsOf(await queue(t, b.stationReviewer, { stationId: station2 }).expect(200))).toEqual([]);
      expect(idsOf(await queue(t, b.districtReviewer, { stationId: b.otherStationId }).expect(200))).toEqual([]);

      // Filter by status.
      await review(t, b.stationReviewer, a, 'approve').expect(200);
      expect(idsOf(await queue(t, b.districtReviewer, { status: 'station_approved' }).expect(200))).toEqual([a]);
      expect(idsOf(await queue(t, b.districtReviewer, { status: 'submitted' }).expect(200))).toEqual([bb, c, d]);

      // Pages: limit, a cursor that continues, null at the end.
      const p1 = await queue(t, b.districtReviewer, { limit: 2 }).expect(200);
      expect(idsOf(p1)).toEqual([bb, a]);
      expect(typeof p1.body.nextCursor).toBe('string');
      const p2 = await queue(t, b.districtReviewer, { limit: 2, cursor: p1.body.nextCursor }).expect(200);
      expect(idsOf(p2)).toEqual([c, d]);
      expect(p2.body.nextCursor).toBeNull();
      const p1of1 = await queue(t, b.districtReviewer, { limit: 1 }).expect(200);
      const p2of1 = await queue(t, b.districtReviewer, { limit: 1, cursor: p1of1.body.nextCursor }).expect(200);
      const p3of1 = await queue(t, b.districtReviewer, { limit: 1, cursor: p2of1.body.nextCursor }).expect(200);
      expect([...idsOf(p1of1), ...idsOf(p2of1), ...idsOf(p3of1)]).toEqual([bb, a, c]);
      expect(p3of1.body.nextCursor).not.toBeNull();
    });

    it('is closed to holders', async () => {
      const h = await readyHolder(t);
      const res = await t.http.get('/api/v1/staff/card-applications').set(h.auth).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('an application in detail', () => {
    it('shows the applicant masked and the actions open to the caller', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);

      const res = await detail(t, b.stationReviewer, id).expect(200);
      expect(res.body).toMatchObject({ id, status: 'submitted', station: { id: b.stationId } });
      expect(res.body.applicant).toMatchObject({ name: '陈卫国', verified: expect.any(Boolean) });
      expect(res.body.applicant.idNumberMasked).toMatch(/^\*+/);
      expect(res.body.applicant.idNumberMasked.endsWith(h.idNumber.slice(-4))).toBe(true);
      expect(res.body.applicant.phoneMasked).toMatch(/^\*+2222$/);
      expect(res.body.allowedActions).toEqual(['approve', 'reject', 'request_info']);

      // The full ID number and phone appear nowhere, for either level.
      const districtView = await detail(t, b.districtReviewer, id).expect(200);
      for (const body of [res.body, districtView.body]) {
        const json = JSON.stringify(body);
        expect(json).not.toContain(h.idNumber);
        expect(json).not.toContain(h.idNumber.slice(0, 17));
        expect(json).not.toContain('13911112222');
      }
      // The station step is not the district's.
      expect(districtView.body.allowedActions).toEqual([]);

      // After the station's approval the roles swap.
      await review(t, b.stationReviewer, id, 'approve').expect(200);
      expect((await detail(t, b.stationReviewer, id).expect(200)).body.allowedActions).toEqual([]);
      expect((await detail(t, b.districtReviewer, id).expect(200)).body.allowedActions).toEqual([
        'approve',
        'reject',
        'request_info',
      ]);
    });

    it('is not found for another station’s reviewer, another district, or a draft', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);
      expect((await detail(t, b.otherStationReviewer, id).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await detail(t, b.otherDistrictReviewer, id).expect(404)).body.error.code).toBe('NOT_FOUND');

      const h2 = await readyHolder(t);
      const draft = await draftApplication(t, h2, b.stationId);
      expect((await detail(t, b.stationReviewer, draft).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await detail(t, b.districtReviewer, draft).expect(404)).body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('review decisions', () => {
    it('needs a reason to reject or send back', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);
      for (const decision of ['reject', 'request_info']) {
        for (const reason of [undefined, '   ']) {
          const res = await t.http
            .post(`/api/v1/staff/card-applications/${id}/review`)
            .set(b.stationReviewer.auth)
            .send(reason === undefined ? { decision } : { decision, reason })
            .expect(400);
          expect(res.body.error.code).toBe('VALIDATION_FAILED');
          expect(res.body.error.message).toContain('reason');
        }
      }
      expect(await statusOf(t, id)).toBe('submitted');
      expect(
        await t.container.db.manager.countBy(AuditLog, { targetType: 'card_application', targetId: String(id) }),
      ).toBe(0);
    });

    it('lets each level act only on its own step and area', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);

      // Station step: another station does not see it; the district may not take it.
      expect((await review(t, b.otherStationReviewer, id, 'approve').expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await review(t, b.districtReviewer, id, 'approve').expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await review(t, b.otherDistrictReviewer, id, 'approve').expect(404)).body.error.code).toBe('NOT_FOUND');
      expect(await statusOf(t, id)).toBe('submitted');

      await review(t, b.stationReviewer, id, 'approve').expect(200);

      // District step: the station may not take it; another district does not see it.
      expect((await review(t, b.stationReviewer, id, 'approve').expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await review(t, b.stationReviewer, id, 'reject', '材料不全').expect(403)).body.error.code).toBe(
        'FORBIDDEN',
      );
      expect((await review(t, b.otherDistrictReviewer, id, 'approve').expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await review(t, b.otherStationReviewer, id, 'approve').expect(404)).body.error.code).toBe('NOT_FOUND');
      expect(await statusOf(t, id)).toBe('station_approved');

      const approved = await review(t, b.districtReviewer, id, 'approve').expect(200);
      expect(approved.body.status).toBe('approved');
    });

    it('refuses to approve what was already rejected', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);
      await review(t, b.stationReviewer, id, 'reject', '不符合申领条件').expect(200);
      for (const reviewer of [b.stationReviewer, b.districtReviewer]) {
        const res = await review(t, reviewer, id, 'approve').expect(409);
        expect(res.body.error.code).toBe('INVALID_TRANSITION');
      }
      expect(await statusOf(t, id)).toBe('rejected');
    });

    it('records every decision in the audit log with the actor and the request id', async () => {
      const b = await createBureau(t);
      const cases: Array<{ level: 'station' | 'district'; decision: string; reason?: string; to: string }> = [
        { level: 'station', decision: 'approve', to: 'station_approved' },
        { level: 'station', decision: 'reject', reason: '不符合申领条件', to: 'rejected' },
        { level: 'station', decision: 'request_info', reason: '请补充户口簿', to: 'needs_info' },
        { level: 'district', decision: 'approve', to: 'approved' },
        { level: 'district', decision: 'reject', reason: '核查不通过', to: 'rejected' },
        { level: 'district', decision: 'request_info', reason: '请补充退伍证', to: 'needs_info' },
      ];
      for (const c of cases) {
        const h = await readyHolder(t);
        const id = await submittedApplication(t, h, b.stationId);
        if (c.level === 'district') await review(t, b.stationReviewer, id, 'approve').expect(200);
        const reviewer = c.level === 'station' ? b.stationReviewer : b.districtReviewer;
        const requestId = newRequestId();
        const res = await review(t, reviewer, id, c.decision, c.reason).set('X-Request-Id', requestId).expect(200);
        expect(res.body.status).toBe(c.to);

        const action = `card_application.${c.level}_${c.decision}`;
        const rows = await t.container.db.manager.find(AuditLog, {
          where: { targetType: 'card_application', targetId: String(id), action },
        });
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ actorAccountId: reviewer.userId, requestId });
        if (c.reason) expect(JSON.parse(rows[0].detail!)).toMatchObject({ reason: c.reason });
      }
    });
  });

  describe('two reviewers at once', () => {
    // The second of two simultaneous approvals of the same step is a state conflict, and only
    // one step is recorded. The two decisions are started together at the service so both are
    // taken at the same step however the requests would have been scheduled.
    it('lets only one of two station reviewers approve', async () => {
      const b = await createBureau(t);
      const second = await loginStaff(t, ['station_staff'], { stationId: b.stationId });
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);

      const as = (s: Session) => ({ accountId: s.userId, roles: ['station_staff' as const] });
      const outcomes = await Promise.allSettled([
        t.container.services.review.review(as(b.stationReviewer), id, 'approve', undefined, 'race-1'),
        t.container.services.review.review(as(second), id, 'approve', undefined, 'race-2'),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });

      // Over HTTP, a reviewer whose page is stale after the station step is asking for the
      // district step, which is not theirs.
      const late = await review(t, second, id, 'approve');
      expect(late.status).toBe(403);
      expect(
        await t.container.db.manager.countBy(CardApplicationEvent, { applicationId: id, toStatus: 'station_approved' }),
      ).toBe(1);
      expect(await statusOf(t, id)).toBe('station_approved');
    });

    it('lets only one of two district reviewers approve', async () => {
      const b = await createBureau(t);
      const second = await loginStaff(t, ['district_staff'], { districtId: b.districtId });
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);
      await review(t, b.stationReviewer, id, 'approve').expect(200);

      const results = await Promise.all([
        review(t, b.districtReviewer, id, 'approve'),
        review(t, second, id, 'approve'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('INVALID_TRANSITION');
      expect(
        await t.container.db.manager.countBy(CardApplicationEvent, { applicationId: id, toStatus: 'approved' }),
      ).toBe(1);
      expect(await statusOf(t, id)).toBe('approved');
    });
  });

  describe('production batches', () => {
    const createBatch = (s: Session, applicationIds: unknown) =>
      t.http.post('/api/v1/staff/card-batches').set(s.auth).send({ applicationIds });

    it('sends all or nothing: one application not approved fails the batch and moves none', async () => {
      const b = await createBureau(t);
      const approved = await approvedApplication(t, b, await readyHolder(t));
      const submitted = await submittedApplication(t, await readyHolder(t), b.stationId);

      const res = await createBatch(b.districtReviewer, [approved, submitted]).expect(409);
      expect(res.body.error.code).toBe('INVALID_TRANSITION');
      expect(await statusOf(t, approved)).toBe('approved');
      expect(await statusOf(t, submitted)).toBe('submitted');
      expect((await t.container.db.manager.findOneByOrFail(CardApplication, { id: approved })).batchId).toBeNull();
      expect(await t.container.db.manager.countBy(CardBatch, { districtId: b.districtId })).toBe(0);
      expect(
        await t.container.db.manager.countBy(CardApplicationEvent, {
          applicationId: approved,
          toStatus: 'in_production',
        }),
      ).toBe(0);
    });

    it('does not reach into another district, and is the district’s to send', async () => {
      const b = await createBureau(t);
      const mine = await approvedApplication(t, b, await readyHolder(t));
      const theirs = await submittedApplication(t, await readyHolder(t), b.otherStationId);
      await review(t, b.otherStationReviewer, theirs, 'approve').expect(200);
      await review(t, b.otherDistrictReviewer, theirs, 'approve').expect(200);

      expect((await createBatch(b.districtReviewer, [mine, theirs]).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await createBatch(b.districtReviewer, [theirs]).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect(await statusOf(t, mine)).toBe('approved');
      expect(await statusOf(t, theirs)).toBe('approved');

      expect((await createBatch(b.stationReviewer, [mine]).expect(403)).body.error.code).toBe('FORBIDDEN');
      const empty = await createBatch(b.districtReviewer, []).expect(400);
      expect(empty.body.error.code).toBe('VALIDATION_FAILED');
      expect(empty.body.error.message).toContain('applicationIds');
      expect(await statusOf(t, mine)).toBe('approved');
      expect(await t.container.db.manager.countBy(CardBatch, { districtId: b.districtId })).toBe(0);
    });

    it('exports the batch for the bank, then records its arrival and tells each holder where to collect', async () => {
      const b = await createBureau(t);
      const stationAddress = `建设路 ${unique('')} 号退役军人服务站`;
      await t.container.db.transaction((em) => em.update(Station, { id: b.stationId }, { address: stationAddress }));
      const hPickup = await readyHolder(t);
      const hMail = await readyHolder(t);
      const pickup = await approvedApplication(t, b, hPickup);
      const mailAddress = '=HYPERLINK("x")路 1 号';
      const mail = await approvedApplication(t, b, hMail, { delivery: 'mail', address: mailAddress });

      const created = await createBatch(b.districtReviewer, [mail, pickup]).expect(201);
      const batchId = created.body.id;
      expect(created.body).toMatchObject({ size: 2, exportedAt: null, arrivedAt: null });
      expect([...created.body.applicationIds].sort((x: number, y: number) => x - y)).toEqual(
        [pickup, mail].sort((x, y) => x - y),
      );
      for (const id of [pickup, mail]) {
        const d = await detail(t, b.districtReviewer, id).expect(200);
        expect(d.body).toMatchObject({ status: 'in_production', batchId });
      }
      const before = await t.http.get('/api/v1/staff/card-batches').set(b.districtReviewer.auth).expect(200);
      expect(before.body.items.find((x: { id: number }) => x.id === batchId)).toMatchObject({ exportedAt: null });

      // The CSV: Excel-ready, one CRLF-terminated row per application, full ID numbers.
      const requestId = newRequestId();
      const csv = await t.http
        .get(`/api/v1/staff/card-batches/${batchId}/export`)
        .set(b.districtReviewer.auth)
        .set('X-Request-Id', requestId)
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.startsWith('\uFEFF申请编号,')).toBe(true);
      expect(csv.text.endsWith('\r\n')).toBe(true);
      expect(csv.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const lines = csv.text.slice(1).split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(3);
      const rows = lines.slice(1);
      expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([pickup, mail].sort((x, y) => x - y));
      expect(rows.find((r) => r.startsWith(`${pickup},`))).toContain(hPickup.idNumber);
      expect(rows.find((r) => r.startsWith(`${mail},`))).toContain(hMail.idNumber);
      // A cell a spreadsheet would run as a formula is defused with an apostrophe, and quoted.
      expect(rows.find((r) => r.startsWith(`${mail},`))).toContain(`,"'=HYPERLINK(""x"")路 1 号",`);
      expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);

      const audit = await t.container.db.manager.find(AuditLog, {
        where: { action: 'card_batch.export', targetId: String(batchId) },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorAccountId: b.districtReviewer.userId, requestId });
      const after = await t.http.get('/api/v1/staff/card-batches').set(b.districtReviewer.auth).expect(200);
      expect(after.body.items.find((x: { id: number }) => x.id === batchId).exportedAt).toEqual(expect.any(String));

      // Arrival: every application becomes card_ready, and the holder hears where to collect.
      const arrived = await t.http
        .post(`/api/v1/staff/card-batches/${batchId}/card-ready`)
        .set(b.districtReviewer.auth)
        .expect(200);
      expect(arrived.body).toMatchObject({ id: batchId, ready: 2, arrivedAt: expect.any(String) });
      expect(await statusOf(t, pickup)).toBe('card_ready');
      expect(await statusOf(t, mail)).toBe('card_ready');
      const timeline = await t.http.get('/api/v1/me/timeline').set(hPickup.auth).expect(200);
      expect(timeline.body.items[0].title).toBe('优待证申领：待领取');
      expect(timeline.body.items[0].body).toContain(stationAddress);
      const mailTimeline = await t.http.get('/api/v1/me/timeline').set(hMail.auth).expect(200);
      expect(mailTimeline.body.items[0].title).toBe('优待证申领：待领取');

      // It arrives once.
      const again = await t.http
        .post(`/api/v1/staff/card-batches/${batchId}/card-ready`)
        .set(b.districtReviewer.auth)
        .expect(409);
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
      expect(
        await t.container.db.manager.countBy(CardApplicationEvent, { applicationId: pickup, toStatus: 'card_ready' }),
      ).toBe(1);
    });

    it('keeps the export to the batch’s own district', async () => {
      const b = await createBureau(t);
      const id = await approvedApplication(t, b, await readyHolder(t));
      const batchId = await sendToProduction(t, b, [id]);
      expect(
        (await t.http.get(`/api/v1/staff/card-batches/${batchId}/export`).set(b.otherDistrictReviewer.auth).expect(404))
          .body.error.code,
      ).toBe('NOT_FOUND');
      expect(
        (await t.http.get(`/api/v1/staff/card-batches/${batchId}/export`).set(b.stationReviewer.auth).expect(403)).body
          .error.code,
      ).toBe('FORBIDDEN');
      expect(
        await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.export', targetId: String(batchId) }),
      ).toBe(0);
    });
  });

  describe('one card arriving', () => {
    it('needs the application to be in production, and the district to record it', async () => {
      const b = await createBureau(t);
      const approved = await approvedApplication(t, b, await readyHolder(t));
      const ready = (s: Session, id: number) =>
        t.http.post(`/api/v1/staff/card-applications/${id}/card-ready`).set(s.auth);

      expect((await ready(b.districtReviewer, approved).expect(409)).body.error.code).toBe('INVALID_TRANSITION');
      expect(await statusOf(t, approved)).toBe('approved');

      await sendToProduction(t, b, [approved]);
      expect((await ready(b.stationReviewer, approved).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await ready(b.otherDistrictReviewer, approved).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect(await statusOf(t, approved)).toBe('in_production');

      const res = await ready(b.districtReviewer, approved).expect(200);
      expect(res.body.status).toBe('card_ready');
    });
  });

  describe('handing out the card', () => {
    const issue = (s: Session, id: number, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/staff/card-applications/${id}/issue`).set(s.auth).send(body);

    it('refuses a card that has not arrived', async () => {
      const b = await createBureau(t);
      const submitted = await submittedApplication(t, await readyHolder(t), b.stationId);
      const approved = await approvedApplication(t, b, await readyHolder(t));
      for (const id of [submitted, approved]) {
        const res = await issue(b.stationReviewer, id, { cardNumber: newCardNumber() }).expect(409);
        expect(res.body.error.code).toBe('INVALID_TRANSITION');
      }
      expect(await t.container.db.manager.countBy(Card, { applicationId: approved })).toBe(0);
    });

    it('refuses a card number already in use and leaves the application ready', async () => {
      const b = await createBureau(t);
      const taken = newCardNumber();
      await issuedCard(t, b, await submittedApplication(t, await readyHolder(t), b.stationId), taken);
      const id = await cardReadyApplication(t, b, await readyHolder(t));

      const res = await issue(b.stationReviewer, id, { cardNumber: taken }).expect(409);
      expect(res.body.error.code).toBe('CARD_NUMBER_TAKEN');
      expect(await statusOf(t, id)).toBe('card_ready');
      expect(await t.container.db.manager.countBy(Card, { applicationId: id })).toBe(0);
      expect(
        await t.container.db.manager.countBy(CardApplicationEvent, { applicationId: id, toStatus: 'issued' }),
      ).toBe(0);

      const ok = await issue(b.districtReviewer, id, { cardNumber: newCardNumber() }).expect(200);
      expect(ok.body.status).toBe('issued');
    });

    it('checks the card number’s form and the issuer’s area', async () => {
      const b = await createBureau(t);
      const id = await cardReadyApplication(t, b, await readyHolder(t));
      for (const cardNumber of ['AB-123456', '12345', 'Y'.repeat(33), '优待证123456']) {
        const res = await issue(b.stationReviewer, id, { cardNumber }).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).toContain('cardNumber');
      }
      expect(
        (await issue(b.otherStationReviewer, id, { cardNumber: newCardNumber() }).expect(404)).body.error.code,
      ).toBe('NOT_FOUND');
      expect(
        (await issue(b.otherDistrictReviewer, id, { cardNumber: newCardNumber() }).expect(404)).body.error.code,
      ).toBe('NOT_FOUND');
      expect(await statusOf(t, id)).toBe('card_ready');
      expect(await t.container.db.manager.countBy(Card, { applicationId: id })).toBe(0);
    });
  });

  describe('revoking a card', () => {
    const revoke = (s: Session, cardId: number, body: Record<string, unknown> = { reason: '发现存在不予发放情形' }) =>
      t.http.post(`/api/v1/staff/cards/${cardId}/revoke`).set(s.auth).send(body);

    it('stops the card at once, tells the holder and is audited; only the district revokes, once', async () => {
      const b = await createBureau(t);
      const h = await readyHolder(t);
      const cardNumber = newCardNumber();
      await issuedCard(t, b, await submittedApplication(t, h, b.stationId), cardNumber);
      const card = await t.container.db.manager.findOneByOrFail(Card, { cardNumber });
      const shownBefore = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);

      expect((await revoke(b.stationReviewer, card.id).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await revoke(b.otherDistrictReviewer, card.id).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await revoke(b.districtReviewer, 2_000_000_000).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await t.container.db.manager.findOneByOrFail(Card, { id: card.id })).status).toBe('active');

      const reason = '发现存在不予发放情形';
      const requestId = newRequestId();
      const res = await revoke(b.districtReviewer, card.id, { reason }).set('X-Request-Id', requestId).expect(200);
      expect(res.body).toEqual({ id: card.id, status: 'revoked', revokedReason: reason });
      expect((await t.container.db.manager.findOneByOrFail(Card, { id: card.id })).status).toBe('revoked');

      // A token shown before no longer verifies, and no new one is given.
      await expect(
        t.container.db.transaction((em) => t.container.services.qrTokens.consume(em, shownBefore.body.token)),
      ).rejects.toMatchObject({
        code: 'CARD_INACTIVE',
      });
      expect((await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(409)).body.error.code).toBe(
        'CARD_INACTIVE',
      );
      expect((await t.http.get('/api/v1/me/card').set(h.auth).expect(200)).body.status).toBe('revoked');

      // The holder hears of it, with the reason.
      const timeline = await t.http.get('/api/v1/me/timeline').set(h.auth).expect(200);
      expect(timeline.body.items[0].title).toBe('优待证：已注销');
      expect(timeline.body.items[0].body).toContain(reason);

      const audit = await t.container.db.manager.find(AuditLog, {
        where: { action: 'card.revoke', targetId: String(card.id) },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorAccountId: b.districtReviewer.userId, requestId, targetType: 'card' });

      const twice = await revoke(b.districtReviewer, card.id).expect(409);
      expect(twice.body.error.code).toBe('INVALID_TRANSITION');
      expect(await t.container.db.manager.countBy(AuditLog, { action: 'card.revoke', targetId: String(card.id) })).toBe(
        1,
      );
    });
  });
});

describe('优待证: the figures staff report', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set('2026-11-23T02:00:00Z');
  });
  afterAll(() => t.close());

  it('counts by status, rates, median days and the longest waiting, over the caller’s area', async () => {
    const b = await createBureau(t);
    const station2 = await addStation(t, b.districtId);
    const station2Reviewer = await loginStaff(t, ['station_staff'], { stationId: station2 });
    const holders = {
      p4: await readyHolder(t), // created first, submitted last: waiting order is by submission
      q1: await readyHolder(t),
      p6: await readyHolder(t),
      p1: await readyHolder(t),
      p2: await readyHolder(t),
      p3: await readyHolder(t),
      p5: await readyHolder(t),
    };
    const sessions: Session[] = [
      ...Object.values(holders),
      b.stationReviewer,
      b.districtReviewer,
      b.otherDistrictReviewer,
      station2Reviewer,
    ];
    const days = async (n: number) => {
      t.clock.advance(n * DAY);
      await renew(t, sessions);
    };
    const id = {
      p4: await draftApplication(t, holders.p4, b.stationId),
      q1: await draftApplication(t, holders.q1, station2),
      p6: await draftApplication(t, holders.p6, b.stationId),
      p1: await draftApplication(t, holders.p1, b.stationId),
      p2: await draftApplication(t, holders.p2, b.stationId),
      p3: await draftApplication(t, holders.p3, b.stationId),
      p5: await draftApplication(t, holders.p5, b.stationId),
    };

    // Day 0
    for (const k of ['p1', 'p2', 'p5', 'p6'] as const) await submit(t, holders[k], id[k]);
    await days(1);
    // Day 1
    for (const k of ['p3', 'q1'] as const) await submit(t, holders[k], id[k]);
    await days(1);
    // Day 2
    await submit(t, holders.p4, id.p4);
    for (const k of ['p1', 'p2', 'p3'] as const) await review(t, b.stationReviewer, id[k], 'approve').expect(200);
    await review(t, b.stationReviewer, id.p5, 'reject', '不符合申领条件').expect(200);
    await review(t, b.stationReviewer, id.p6, 'request_info', '请补充户口簿').expect(200);
    await review(t, station2Reviewer, id.q1, 'approve').expect(200);
    await days(2);
    // Day 4: P1 approved after 4 days, P3 after 3.
    await review(t, b.districtReviewer, id.p1, 'approve').expect(200);
    await review(t, b.districtReviewer, id.p3, 'approve').expect(200);
    await days(2);
    // Day 6: P2 approved after 6 days; all three go to production and arrive.
    await review(t, b.districtReviewer, id.p2, 'approve').expect(200);
    const batchId = await sendToProduction(t, b, [id.p1, id.p2, id.p3]);
    await t.http.post(`/api/v1/staff/card-batches/${batchId}/card-ready`).set(b.districtReviewer.auth).expect(200);
    await days(4);
    // Day 10: P1 handed out, 10 days after submission.
    await t.http
      .post(`/api/v1/staff/card-applications/${id.p1}/issue`)
      .set(b.stationReviewer.auth)
      .send({ cardNumber: newCardNumber() })
      .expect(200);
    await days(2);
    // Day 12: P2 handed out, 12 days after submission. P3 waits at the station.
    await t.http
      .post(`/api/v1/staff/card-applications/${id.p2}/issue`)
      .set(b.stationReviewer.auth)
      .send({ cardNumber: newCardNumber() })
      .expect(200);

    const zero = {
      submitted: 0,
      station_approved: 0,
      approved: 0,
      in_production: 0,
      card_ready: 0,
      issued: 0,
      needs_info: 0,
      rejected: 0,
      withdrawn: 0,
    };

    // The district: both stations.
    const district = await t.http.get('/api/v1/staff/card-stats').set(b.districtReviewer.auth).expect(200);
    expect(district.body.byStatus).toEqual({
      ...zero,
      issued: 2,
      card_ready: 1,
      submitted: 1,
      station_approved: 1,
      needs_info: 1,
      rejected: 1,
    });
    expect(district.body).toMatchObject({
      approvedCount: 3,
      issuedCount: 2,
      issuanceRate: 66.7,
      medianDaysToApproval: 4, // 3, 4, 6
      medianDaysToIssue: 11, // 10, 12
    });
    expect(district.body.waitingLongest).toEqual([
      { id: id.p6, status: 'needs_info', stationId: b.stationId, waitingDays: 12 },
      { id: id.q1, status: 'station_approved', stationId: station2, waitingDays: 11 },
      { id: id.p4, status: 'submitted', stationId: b.stationId, waitingDays: 10 },
    ]);

    // A station reviewer: their station only.
    const station = await t.http.get('/api/v1/staff/card-stats').set(b.stationReviewer.auth).expect(200);
    expect(station.body.byStatus).toEqual({
      ...zero,
      issued: 2,
      card_ready: 1,
      submitted: 1,
      needs_info: 1,
      rejected: 1,
    });
    expect(station.body).toMatchObject({
      approvedCount: 3,
      issuedCount: 2,
      issuanceRate: 66.7,
      medianDaysToApproval: 4,
      medianDaysToIssue: 11,
    });
    expect(station.body.waitingLongest.map((w: { id: number }) => w.id)).toEqual([id.p6, id.p4]);

    const other = await t.http.get('/api/v1/staff/card-stats').set(station2Reviewer.auth).expect(200);
    expect(other.body.byStatus).toEqual({ ...zero, station_approved: 1 });
    expect(other.body).toMatchObject({
      approvedCount: 0,
      issuedCount: 0,
      issuanceRate: null,
      medianDaysToApproval: null,
      medianDaysToIssue: null,
    });
    expect(other.body.waitingLongest.map((w: { id: number }) => w.id)).toEqual([id.q1]);

    // Another district sees none of it.
    const elsewhere = await t.http.get('/api/v1/staff/card-stats').set(b.otherDistrictReviewer.auth).expect(200);
    expect(elsewhere.body.byStatus).toEqual(zero);
    expect(elsewhere.body.waitingLongest).toEqual([]);

    // Holders have no figures.
    expect((await t.http.get('/api/v1/staff/card-stats').set(holders.p1.auth).expect(403)).body.error.code).toBe(
      'FORBIDDEN',
    );
  });
});
