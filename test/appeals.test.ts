import type { Response } from 'supertest';
import { AppealEvent } from '../server/modules/appeals/appeal-event.entity';
import { Appeal } from '../server/modules/appeals/appeal.entity';
import { appealsPersonalData } from '../server/modules/appeals/appeals.personal-data';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createBureau, readyHolder, submittedApplication, type Bureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, idNumber, loginHolder, loginStaff, type Session } from './helpers/factories';

/**
 * Appeals and errands (诉求 / 代办) through the routes: the lifecycle with its history and the
 * holder's notices, every refused step, the one reopening and the one rating, the daily limit,
 * station scoping, the overdue flag against the promised day, the figures, a race to accept, and
 * who may read the attachments.
 */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

type Holder = Session & { documentFileId: number };

describe('appeals and errands', () => {
  let t: TestContext;
  let b: Bureau;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestContext();
    // Wednesday 10:00 in Shanghai.
    t.clock.set('2027-03-10T02:00:00Z');
    b = await createBureau(t);
    admin = await loginStaff(t, ['admin']);
  });
  afterAll(() => t.close());

  /** A holder with a bound identity and one uploaded document, without a card application. */
  async function holder(): Promise<Holder> {
    const s = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send({ name: '王建军', idNumber: idNumber('19750505'), phone: '13800001111', category: 'veteran' })
      .expect(200);
    const doc = await uploadDocument(s);
    return { ...s, documentFileId: doc };
  }

  async function uploadDocument(s: Session): Promise<number> {
    const res = await t.http
      .post('/api/v1/files')
      .set(s.auth)
      .field('purpose', 'document')
      .attach('file', Buffer.from('%PDF-1.7\n住院费用清单\n%%EOF'), {
        filename: 'bill.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);
    return res.body.id;
  }

  const file = (h: Session, body: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/appeals')
      .set(h.auth)
      .send({
        kind: 'appeal',
        category: '生活困难',
        text: '家中老人住院，医药费负担较重',
        stationId: b.stationId,
        ...body,
      });
  const filed = async (h: Session, body: Record<string, unknown> = {}) => (await file(h, body).expect(201)).body;
  const staffStep = (s: Session, id: number, step: string, body?: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/staff/appeals/${id}/${step}`)
      .set(s.auth)
      .send(body ?? {});
  const holderStep = (h: Session, id: number, step: string, body?: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/appeals/${id}/${step}`)
      .set(h.auth)
      .send(body ?? {});
  const today = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const dayAfter = (n: number) =>
    new Date(t.clock.now().getTime() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

  /** Takes a new appeal to `status` through the routes; returns its id. */
  async function appealIn(status: string, h?: Holder): Promise<number> {
    const owner = h ?? (await holder());
    const { id } = await filed(owner);
    const steps: Array<[string, Record<string, unknown>?]> = {
      submitted: [],
      accepted: [['accept', { promisedDate: dayAfter(3) }]],
      in_progress: [['accept', { promisedDate: dayAfter(3) }], ['start']],
      resolved: [
        ['accept', { promisedDate: dayAfter(3) }],
        ['start'],
        ['resolve', { outcome: '已协调发放临时救助金' }],
      ],
      rejected: [['reject', { reason: '不属于本站受理范围' }]],
    }[status as 'submitted']!;
    for (const [step, body] of steps) await staffStep(b.stationReviewer, id, step, body).expect(200);
    return id;
  }

  /** The same session with fresh tokens (after the clock moved past the access token's life). */
  async function renewed<S extends Session>(s: S): Promise<S> {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    return {
      ...s,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  }

  it('lists the categories per kind', async () => {
    const h = await loginHolder(t);
    const res = await t.http.get('/api/v1/appeals/categories').set(h.auth).expect(200);
    expect(res.body.appeal).toContain('商户投诉');
    expect(res.body.errand).toEqual(['代取证件', '代办手续', '代缴费用', '其他']);
  });

  it('needs a bound identity, a category of the kind, and a station', async () => {
    const bare = await loginHolder(t);
    await refused(file(bare), 409, 'IDENTITY_REQUIRED');
    const h = await holder();
    const wrong = await refused(file(h, { kind: 'errand', category: '生活困难' }), 400, 'VALIDATION_FAILED');
    expect(wrong.body.error.message).toMatch(/category/);
    await refused(file(h, { stationId: undefined }), 400, 'VALIDATION_FAILED');
    await refused(file(h, { stationId: 999999 }), 400, 'VALIDATION_FAILED');
    await refused(file(h, { kind: 'other' }), 400, 'VALIDATION_FAILED');
    expect(await t.container.db.manager.countBy(Appeal, { accountId: h.userId })).toBe(0);
  });

  it('goes to the station of the holder’s card application, whatever the body names', async () => {
    const h = await readyHolder(t);
    await submittedApplication(t, h, b.stationId);
    const a = await filed(h, { stationId: b.otherStationId, kind: 'errand', category: '代取证件' });
    expect(a.stationId).toBe(b.stationId);
    expect(a.stationName).toEqual(expect.any(String));
  });

  it('runs the whole lifecycle, with history, actions, notices and audit', async () => {
    const h = await holder();
    const created = await filed(h, { contactTime: 'morning' });
    expect(created).toMatchObject({
      status: 'submitted',
      kind: 'appeal',
      contactTime: 'morning',
      stationId: b.stationId,
      overdue: false,
      allowedActions: [],
    });
    expect(created.history).toEqual([
      expect.objectContaining({ action: 'submit', from: null, to: 'submitted', by: 'holder' }),
    ]);
    const id = created.id;

    const staffView = (await t.http.get(`/api/v1/staff/appeals/${id}`).set(b.stationReviewer.auth).expect(200)).body;
    expect(staffView.allowedActions).toEqual(['accept', 'reject']);
    expect(staffView.holder).toEqual({ nameMasked: '王**', category: 'veteran', phoneLast4: '1111' });

    const promised = dayAfter(5);
    const accepted = await staffStep(b.stationReviewer, id, 'accept', { promisedDate: promised }).expect(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      handlerAccountId: b.stationReviewer.userId,
      promisedDate: promised,
      allowedActions: ['start', 'reject'],
    });
    await staffStep(b.stationReviewer, id, 'start').expect(200);
    const resolved = await staffStep(b.stationReviewer, id, 'resolve', { outcome: '已协调街道发放临时救助金 2000 元' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.outcome).toBe('已协调街道发放临时救助金 2000 元');

    const mine = (await t.http.get(`/api/v1/appeals/${id}`).set(h.auth).expect(200)).body;
    expect(mine.status).toBe('resolved');
    expect(mine.allowedActions).toEqual(['confirm', 'reopen', 'rate']);
    expect(mine).not.toHaveProperty('handlerAccountId');

    const confirmed = (await holderStep(h, id, 'confirm').expect(200)).body;
    expect(confirmed.allowedActions).toEqual(['rate']);
    const rated = (await holderStep(h, id, 'rate', { rating: 5, comment: '办得很快' }).expect(200)).body;
    expect(rated).toMatchObject({ status: 'confirmed', rating: 5, ratingComment: '办得很快', allowedActions: [] });
    expect(rated.history.map((s: { action: string; to: string }) => `${s.action}:${s.to}`)).toEqual([
      'submit:submitted',
      'accept:accepted',
      'start:in_progress',
      'resolve:resolved',
      'confirm:confirmed',
      'rate:confirmed',
    ]);
    // Staff are never named to the holder: a step says only the acting role.
    for (const step of rated.history) expect(['holder', 'staff']).toContain(step.by);

    // The holder heard of acceptance, start and resolution, once each, in their timeline.
    const notices = await t.container.db.manager.find(OutboxMessage, {
      where: { recipientAccountId: h.userId },
      order: { id: 'ASC' },
    });
    expect(notices.map((n) => n.title)).toEqual(['您的诉求已受理', '您的诉求正在办理', '您的诉求已办结']);
    // Each notice opens the appeal's own page.
    expect(notices.map((n) => n.page)).toEqual(Array(3).fill(`packages/appeals/pages/detail/detail?id=${id}`));
    const timeline = (await t.http.get('/api/v1/me/timeline').query({ limit: 100 }).set(h.auth).expect(200)).body.items;
    expect(timeline.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining(['您的诉求已受理', '您的诉求已办结']),
    );
    expect(timeline.find((n: { title: string }) => n.title === '您的诉求已办结').body).toContain('临时救助金 2000 元');

    const audits = await t.container.db.manager.find(AuditLog, {
      where: { targetType: 'appeal', targetId: String(id) },
      order: { id: 'ASC' },
    });
    expect(audits.map((a) => a.action)).toEqual(['appeal.accepted', 'appeal.in_progress', 'appeal.resolved']);
  });

  it('tells the holder why an appeal was rejected', async () => {
    const h = await holder();
    const id = await appealIn('rejected', h);
    const a = (await t.http.get(`/api/v1/appeals/${id}`).set(h.auth).expect(200)).body;
    expect(a).toMatchObject({ status: 'rejected', rejectReason: '不属于本站受理范围', allowedActions: [] });
    const notice = await t.container.db.manager.findOneByOrFail(OutboxMessage, { recipientAccountId: h.userId });
    expect(notice.body).toContain('不属于本站受理范围');
  });

  it('refuses every step the status does not allow with 409 INVALID_TRANSITION, changing nothing', async () => {
    const staffSteps: Record<string, [string, Record<string, unknown>?][]> = {
      submitted: [['start'], ['resolve', { outcome: '已办结' }]],
      accepted: [
        ['accept', { promisedDate: dayAfter(1) }],
        ['resolve', { outcome: '已办结' }],
      ],
      in_progress: [['accept', { promisedDate: dayAfter(1) }], ['start'], ['reject', { reason: '重复提交' }]],
      resolved: [
        ['accept', { promisedDate: dayAfter(1) }],
        ['start'],
        ['resolve', { outcome: '已办结' }],
        ['reject', { reason: '重复提交' }],
      ],
      rejected: [
        ['accept', { promisedDate: dayAfter(1) }],
        ['start'],
        ['resolve', { outcome: '已办结' }],
        ['reject', { reason: '重复提交' }],
      ],
    };
    const holderSteps: Record<string, [string, Record<string, unknown>?][]> = {
      submitted: [['confirm'], ['reopen', { reason: '没有解决' }], ['rate', { rating: 5 }]],
      accepted: [['confirm'], ['reopen', { reason: '没有解决' }], ['rate', { rating: 5 }]],
      in_progress: [['confirm'], ['reopen', { reason: '没有解决' }], ['rate', { rating: 5 }]],
      rejected: [['confirm'], ['reopen', { reason: '没有解决' }], ['rate', { rating: 5 }]],
      resolved: [],
    };
    for (const status of Object.keys(staffSteps)) {
      const h = await holder();
      const id = await appealIn(status, h);
      const events = await t.container.db.manager.countBy(AppealEvent, { appealId: id });
      for (const [step, body] of staffSteps[status]) {
        const res = await staffStep(b.stationReviewer, id, step, body);
        expect({ status, step, code: res.body?.error?.code }).toEqual({ status, step, code: 'INVALID_TRANSITION' });
        expect(res.status).toBe(409);
      }
      for (const [step, body] of holderSteps[status]) {
        const res = await holderStep(h, id, step, body);
        expect({ status, step, code: res.body?.error?.code }).toEqual({ status, step, code: 'INVALID_TRANSITION' });
      }
      const after = await t.container.db.manager.findOneByOrFail(Appeal, { id });
      expect(after.status).toBe(status);
      expect(await t.container.db.manager.countBy(AppealEvent, { appealId: id })).toBe(events);
    }

    // Confirmed: nothing but the rating is left, and only once.
    const h = await holder();
    const id = await appealIn('resolved', h);
    await holderStep(h, id, 'confirm').expect(200);
    await refused(holderStep(h, id, 'confirm'), 409, 'INVALID_TRANSITION');
    await refused(holderStep(h, id, 'reopen', { reason: '没有解决' }), 409, 'INVALID_TRANSITION');
  });

  it('reopens once, back to the same handler; the second time is 409 REOPEN_USED', async () => {
    const h = await holder();
    const id = await appealIn('resolved', h);
    const reopened = (await holderStep(h, id, 'reopen', { reason: '救助金还没有到账' }).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'in_progress', reopenedCount: 1, allowedActions: [] });
    expect(reopened.history.at(-1)).toMatchObject({
      action: 'reopen',
      from: 'resolved',
      to: 'in_progress',
      reason: '救助金还没有到账',
    });
    const row = await t.container.db.manager.findOneByOrFail(Appeal, { id });
    expect(row.handlerAccountId).toBe(b.stationReviewer.userId);

    const again = await staffStep(b.stationReviewer, id, 'resolve', { outcome: '已到账，请查收' }).expect(200);
    expect(again.body.status).toBe('resolved');
    const mine = (await t.http.get(`/api/v1/appeals/${id}`).set(h.auth).expect(200)).body;
    expect(mine.allowedActions).toEqual(['confirm', 'rate']);
    await refused(holderStep(h, id, 'reopen', { reason: '还是不行' }), 409, 'REOPEN_USED');
    expect((await t.container.db.manager.findOneByOrFail(Appeal, { id })).status).toBe('resolved');
  });

  it('takes one rating, from the holder only, and no reopening after it', async () => {
    const h = await holder();
    const id = await appealIn('resolved', h);
    const stranger = await holder();
    await refused(holderStep(stranger, id, 'rate', { rating: 1 }), 404, 'NOT_FOUND');
    await refused(holderStep(b.stationReviewer, id, 'rate', { rating: 5 }), 403, 'FORBIDDEN');
    await refused(holderStep(h, id, 'rate', { rating: 6 }), 400, 'VALIDATION_FAILED');

    const rated = (await holderStep(h, id, 'rate', { rating: 3 }).expect(200)).body;
    expect(rated).toMatchObject({ status: 'resolved', rating: 3, allowedActions: ['confirm'] });
    await refused(holderStep(h, id, 'rate', { rating: 5 }), 409, 'ALREADY_RATED');
    await refused(holderStep(h, id, 'reopen', { reason: '不满意' }), 409, 'INVALID_TRANSITION');
    const row = await t.container.db.manager.findOneByOrFail(Appeal, { id });
    expect({ rating: row.rating, status: row.status }).toEqual({ rating: 3, status: 'resolved' });
  });

  it('keeps each holder’s appeals their own', async () => {
    const h = await holder();
    const id = await appealIn('submitted', h);
    const stranger = await holder();
    await refused(t.http.get(`/api/v1/appeals/${id}`).set(stranger.auth), 404, 'NOT_FOUND');
    await refused(holderStep(stranger, id, 'confirm'), 404, 'NOT_FOUND');
    const theirs = (await t.http.get('/api/v1/appeals/mine').set(stranger.auth).expect(200)).body;
    expect(theirs.items).toEqual([]);
  });

  it('pages the holder’s list newest first', async () => {
    const h = await holder();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await filed(h)).id);
    const first = (await t.http.get('/api/v1/appeals/mine').query({ limit: 2 }).set(h.auth).expect(200)).body;
    expect(first.items.map((a: { id: number }) => a.id)).toEqual([ids[2], ids[1]]);
    const rest = (
      await t.http.get('/api/v1/appeals/mine').query({ limit: 2, cursor: first.nextCursor }).set(h.auth).expect(200)
    ).body;
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });

  it('takes at most five a day per holder (Asia/Shanghai), and more the next day', async () => {
    const h = await holder();
    for (let i = 0; i < 5; i++) await file(h).expect(201);
    const res = await refused(file(h), 409, 'LIMIT_REACHED');
    expect(res.body.error.message).toContain('5');
    expect(await t.container.db.manager.countBy(Appeal, { accountId: h.userId })).toBe(5);

    t.clock.advance(86_400_000);
    try {
      await file(await renewed(h)).expect(201);
    } finally {
      t.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('holds the daily limit when filings race', async () => {
    const h = await holder();
    const results = await Promise.all(Array.from({ length: 8 }, () => file(h)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'LIMIT_REACHED')).toBe(true);
    expect(await t.container.db.manager.countBy(Appeal, { accountId: h.userId })).toBe(5);
  });

  it('shows station staff their station only; district staff every station; admins read but do not act', async () => {
    const id = await appealIn('submitted');
    const other = b.otherStationReviewer;
    await refused(t.http.get(`/api/v1/staff/appeals/${id}`).set(other.auth), 404, 'NOT_FOUND');
    await refused(staffStep(other, id, 'accept', { promisedDate: dayAfter(1) }), 404, 'NOT_FOUND');
    await refused(staffStep(other, id, 'reject', { reason: '不予受理' }), 404, 'NOT_FOUND');
    const otherList = (await t.http.get('/api/v1/staff/appeals').query({ limit: 100 }).set(other.auth).expect(200))
      .body;
    expect(otherList.items.map((a: { id: number }) => a.id)).not.toContain(id);
    // A station staff member cannot widen the queue by naming another station.
    const widened = (
      await t.http
        .get('/api/v1/staff/appeals')
        .query({ stationId: b.stationId, limit: 100 })
        .set(other.auth)
        .expect(200)
    ).body;
    expect(widened.items.map((a: { id: number }) => a.id)).not.toContain(id);

    const own = (
      await t.http.get('/api/v1/staff/appeals').query({ limit: 100 }).set(b.stationReviewer.auth).expect(200)
    ).body;
    expect(own.items.map((a: { id: number }) => a.id)).toContain(id);
    expect(own.items.every((a: { stationId: number }) => a.stationId === b.stationId)).toBe(true);
    // By category: only that category's appeals come back.
    const errand = await filed(await holder(), { kind: 'errand', category: '代取证件', text: '请帮忙代取证件' });
    const ofCategory = (category: string) =>
      t.http.get('/api/v1/staff/appeals').query({ category, limit: 100 }).set(b.stationReviewer.auth).expect(200);
    const errands = (await ofCategory('代取证件')).body.items.map((a: { id: number; category: string }) => a);
    expect(errands.map((a: { id: number }) => a.id)).toContain(errand.id);
    expect(errands.map((a: { id: number }) => a.id)).not.toContain(id);
    expect(errands.every((a: { category: string }) => a.category === '代取证件')).toBe(true);

    const district = b.otherDistrictReviewer;
    await t.http.get(`/api/v1/staff/appeals/${id}`).set(district.auth).expect(200);

    const adminView = (await t.http.get(`/api/v1/staff/appeals/${id}`).set(admin.auth).expect(200)).body;
    expect(adminView.allowedActions).toEqual([]);
    await refused(staffStep(admin, id, 'accept', { promisedDate: dayAfter(1) }), 403, 'FORBIDDEN');
    const h = await holder();
    await refused(t.http.get('/api/v1/staff/appeals').set(h.auth), 403, 'FORBIDDEN');

    // District staff may take it, and name a handler of its station; not one of another station.
    await refused(
      staffStep(district, id, 'accept', { promisedDate: dayAfter(1), handlerAccountId: other.userId }),
      400,
      'VALIDATION_FAILED',
    );
    const taken = await staffStep(district, id, 'accept', {
      promisedDate: dayAfter(1),
      handlerAccountId: b.stationReviewer.userId,
    }).expect(200);
    expect(taken.body.handlerAccountId).toBe(b.stationReviewer.userId);
    const byHandler = (
      await t.http
        .get('/api/v1/staff/appeals')
        .query({ handlerAccountId: b.stationReviewer.userId, status: 'accepted', limit: 100 })
        .set(district.auth)
        .expect(200)
    ).body;
    expect(byHandler.items.map((a: { id: number }) => a.id)).toContain(id);
  });

  it('refuses a promised day in the past', async () => {
    const id = await appealIn('submitted');
    await refused(staffStep(b.stationReviewer, id, 'accept', { promisedDate: dayAfter(-1) }), 400, 'VALIDATION_FAILED');
    await staffStep(b.stationReviewer, id, 'accept', { promisedDate: today() }).expect(200);
  });

  it('flags accepted and in-progress work past its promised day as overdue, and filters on it', async () => {
    const place = await createDistrictAndStation(t);
    let staff = await loginStaff(t, ['station_staff'], { stationId: place.stationId });
    let h = await holder();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await filed(h, { stationId: place.stationId })).id);
    await staffStep(staff, ids[0], 'accept', { promisedDate: today() }).expect(200);
    await staffStep(staff, ids[1], 'accept', { promisedDate: today() }).expect(200);
    await staffStep(staff, ids[1], 'start').expect(200);
    await staffStep(staff, ids[2], 'accept', { promisedDate: dayAfter(3) }).expect(200);

    const overdueIds = async (query: Record<string, unknown> = {}) =>
      (
        await t.http
          .get('/api/v1/staff/appeals')
          .query({ limit: 100, ...query })
          .set(staff.auth)
          .expect(200)
      ).body.items
        .filter((a: { overdue: boolean }) => a.overdue)
        .map((a: { id: number }) => a.id);
    // On the promised day itself, nothing is overdue.
    expect(await overdueIds()).toEqual([]);

    t.clock.advance(86_400_000);
    try {
      staff = await renewed(staff);
      h = await renewed(h);
      expect(await overdueIds()).toEqual([ids[1], ids[0]]);
      const filtered = (
        await t.http.get('/api/v1/staff/appeals').query({ overdue: 'true' }).set(staff.auth).expect(200)
      ).body.items.map((a: { id: number }) => a.id);
      expect(filtered).toEqual([ids[1], ids[0]]);
      const notOverdue = (
        await t.http.get('/api/v1/staff/appeals').query({ overdue: 'false' }).set(staff.auth).expect(200)
      ).body.items.map((a: { id: number }) => a.id);
      expect(notOverdue).toEqual([ids[2]]);
      expect((await t.http.get(`/api/v1/staff/appeals/${ids[0]}`).set(staff.auth).expect(200)).body.overdue).toBe(true);

      // Resolved work is no longer overdue.
      await staffStep(staff, ids[1], 'resolve', { outcome: '已办结' }).expect(200);
      expect(await overdueIds()).toEqual([ids[0]]);
    } finally {
      t.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('reports accepted, resolved, on time and 满意率 per station and in total', async () => {
    const place = await createDistrictAndStation(t);
    let staff = await loginStaff(t, ['station_staff'], { stationId: place.stationId });
    let district = await loginStaff(t, ['district_staff'], { districtId: place.districtId });
    const holders = [await holder(), await holder(), await holder(), await holder()];
    const ids: number[] = [];
    for (const h of holders) ids.push((await filed(h, { stationId: place.stationId })).id);
    const d0 = today();

    // Day 0: three accepted (two promised today), one rejected; the first resolved on time and rated 5.
    await staffStep(staff, ids[0], 'accept', { promisedDate: d0 }).expect(200);
    await staffStep(staff, ids[1], 'accept', { promisedDate: d0 }).expect(200);
    await staffStep(staff, ids[2], 'accept', { promisedDate: dayAfter(1) }).expect(200);
    await staffStep(staff, ids[3], 'reject', { reason: '不属于受理范围' }).expect(200);
    for (const id of ids.slice(0, 3)) await staffStep(staff, id, 'start').expect(200);
    await staffStep(staff, ids[0], 'resolve', { outcome: '已办结' }).expect(200);
    await holderStep(holders[0], ids[0], 'rate', { rating: 5 }).expect(200);

    // Day 2: the second resolved late and rated 3; the third still in progress.
    t.clock.advance(2 * 86_400_000);
    try {
      staff = await renewed(staff);
      district = await renewed(district);
      const h1 = await renewed(holders[1]);
      await staffStep(staff, ids[1], 'resolve', { outcome: '已办结' }).expect(200);
      await holderStep(h1, ids[1], 'rate', { rating: 3 }).expect(200);
      const d2 = today();

      const whole = (
        await t.http.get('/api/v1/staff/appeals/figures').query({ from: d0, to: d2 }).set(staff.auth).expect(200)
      ).body;
      const expected = {
        accepted: 3,
        resolved: 2,
        onTime: 1,
        onTimeRate: 0.5,
        rated: 2,
        satisfied: 1,
        satisfactionRate: 0.5,
      };
      expect(whole.total).toEqual(expected);
      expect(whole.stations).toEqual([{ stationId: place.stationId, stationName: expect.any(String), ...expected }]);

      // District staff see every station; this one's row is the same.
      const all = (
        await t.http.get('/api/v1/staff/appeals/figures').query({ from: d0, to: d2 }).set(district.auth).expect(200)
      ).body;
      expect(all.stations.find((s: { stationId: number }) => s.stationId === place.stationId)).toEqual(
        whole.stations[0],
      );
      expect(all.total.accepted).toBeGreaterThanOrEqual(3);

      const later = (
        await t.http
          .get('/api/v1/staff/appeals/figures')
          .query({ from: dayAfter(-1), to: d2 })
          .set(staff.auth)
          .expect(200)
      ).body;
      expect(later.total).toEqual({
        accepted: 0,
        resolved: 1,
        onTime: 0,
        onTimeRate: 0,
        rated: 1,
        satisfied: 0,
        satisfactionRate: 0,
      });
      await refused(
        t.http.get('/api/v1/staff/appeals/figures').query({ from: d2, to: d0 }).set(staff.auth),
        400,
        'VALIDATION_FAILED',
      );
    } finally {
      t.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('lets one of two staff accepting at once win; the other gets 409', async () => {
    const id = await appealIn('submitted');
    const colleague = await loginStaff(t, ['station_staff'], { stationId: b.stationId });
    const [x, y] = await Promise.all([
      staffStep(b.stationReviewer, id, 'accept', { promisedDate: dayAfter(2) }),
      staffStep(colleague, id, 'accept', { promisedDate: dayAfter(4) }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.error.code).toBe('INVALID_TRANSITION');
    const winner = x.status === 200 ? b.stationReviewer : colleague;
    const row = await t.container.db.manager.findOneByOrFail(Appeal, { id });
    expect(row.handlerAccountId).toBe(winner.userId);
    expect(await t.container.db.manager.countBy(AppealEvent, { appealId: id, action: 'accept' })).toBe(1);
  });

  it('lets the station name a 代办员 as handler, who sees and works only the errands assigned to them', async () => {
    const runner = await loginStaff(t, ['errand_runner'], { stationId: b.stationId });
    const elsewhere = await loginStaff(t, ['errand_runner'], { stationId: b.otherStationId });
    const h = await holder();
    const { id } = await filed(h, { kind: 'errand', category: '代取证件', fileIds: [h.documentFileId] });
    const other = await appealIn('submitted');
    const readDoc = (s: Session) => t.http.get(`/api/v1/files/${h.documentFileId}`).set(s.auth);

    // Before it is theirs, a 代办员 neither sees it nor reads its documents.
    const queueOf = async (s: Session) =>
      (await t.http.get('/api/v1/staff/appeals').query({ limit: 100 }).set(s.auth).expect(200)).body.items.map(
        (a: { id: number }) => a.id,
      );
    expect(await queueOf(runner)).toEqual([]);
    await refused(t.http.get(`/api/v1/staff/appeals/${id}`).set(runner.auth), 404, 'NOT_FOUND');
    await refused(readDoc(runner), 404, 'NOT_FOUND');

    // The station's candidates: its staff and its 代办员, not another station's.
    const candidates = (await t.http.get('/api/v1/staff/appeals/handlers').set(b.stationReviewer.auth).expect(200)).body
      .items;
    expect(candidates).toContainEqual({ accountId: runner.userId, displayName: '测试员', roles: ['errand_runner'] });
    expect(candidates.map((c: { accountId: number }) => c.accountId)).toContain(b.stationReviewer.userId);
    expect(candidates.map((c: { accountId: number }) => c.accountId)).not.toContain(elsewhere.userId);
    await refused(t.http.get('/api/v1/staff/appeals/handlers').set(runner.auth), 403, 'FORBIDDEN');
    await refused(
      staffStep(b.stationReviewer, id, 'accept', { promisedDate: dayAfter(2), handlerAccountId: elsewhere.userId }),
      400,
      'VALIDATION_FAILED',
    );

    const accepted = (
      await staffStep(b.stationReviewer, id, 'accept', {
        promisedDate: dayAfter(2),
        handlerAccountId: runner.userId,
      }).expect(200)
    ).body;
    expect(accepted).toMatchObject({ handlerAccountId: runner.userId, handlerName: '测试员' });

    // Now theirs: in their queue (and nothing else), readable, with only the work's own steps.
    expect(await queueOf(runner)).toEqual([id]);
    const seen = (await t.http.get(`/api/v1/staff/appeals/${id}`).set(runner.auth).expect(200)).body;
    expect(seen.allowedActions).toEqual(['start']);
    await readDoc(runner).expect(200);
    await refused(readDoc(elsewhere), 404, 'NOT_FOUND');
    await refused(staffStep(runner, id, 'reject', { reason: '不想跑' }), 403, 'FORBIDDEN');
    await refused(staffStep(runner, other, 'accept', { promisedDate: dayAfter(2) }), 403, 'FORBIDDEN');
    await refused(staffStep(elsewhere, id, 'start'), 404, 'NOT_FOUND');

    await staffStep(runner, id, 'start').expect(200);
    const done = (await staffStep(runner, id, 'resolve', { outcome: '证件已代取，送到家中' }).expect(200)).body;
    expect(done.status).toBe('resolved');
    const steps = done.history.map((e: { action: string; by: string }) => `${e.action}:${e.by}`);
    expect(steps).toEqual(['submit:holder', 'accept:staff', 'start:staff', 'resolve:staff']);
    const audited = await t.container.db.manager.countBy(AuditLog, {
      targetType: 'appeal',
      targetId: id,
      actorAccountId: runner.userId,
    });
    expect(audited).toBe(2);
  });

  it('attaches the holder’s own documents, readable by the holder and the staff who see the appeal', async () => {
    const h = await holder();
    const second = await uploadDocument(h);
    const stranger = await holder();
    await refused(file(h, { fileIds: [stranger.documentFileId] }), 400, 'FILE_NOT_ATTACHABLE');
    const a = await filed(h, { fileIds: [h.documentFileId, second] });
    expect(a.fileIds).toEqual([h.documentFileId, second]);

    const read = (s: Session) => t.http.get(`/api/v1/files/${second}`).set(s.auth);
    await read(h).expect(200);
    await read(b.stationReviewer).expect(200);
    await read(b.districtReviewer).expect(200);
    await read(admin).expect(200);
    await refused(read(b.otherStationReviewer), 404, 'NOT_FOUND');
    await refused(read(stranger), 404, 'NOT_FOUND');
  });

  it('shows the holder’s appeals in their data, blocks deletion during work, and erases what they wrote', async () => {
    const h = await holder();
    const id = await appealIn('in_progress', h);
    const scope = { accountId: h.userId, personId: null, now: t.clock.now() };
    await t.container.db.transaction(async (em) => {
      const data = await appealsPersonalData.read!(em, scope);
      expect(data.appeals).toEqual([
        expect.objectContaining({ id, status: 'in_progress', text: '家中老人住院，医药费负担较重' }),
      ]);
      expect(await appealsPersonalData.blockers!(em, scope)).toEqual([
        expect.objectContaining({ what: expect.stringContaining('诉求') }),
      ]);
    });
    await staffStep(b.stationReviewer, id, 'resolve', { outcome: '已办结' }).expect(200);
    await t.container.db.transaction(async (em) => {
      expect(await appealsPersonalData.blockers!(em, scope)).toEqual([]);
      await appealsPersonalData.erase!(em, scope);
    });
    const row = await t.container.db.manager.findOneByOrFail(Appeal, { id });
    expect({ text: row.text, status: row.status }).toEqual({ text: '', status: 'resolved' });
  });
});
