import type { Response } from 'supertest';
import { employmentPersonalData } from '../server/modules/employment/employment.personal-data';
import { creditCodeCheckChar } from '../server/modules/employment/credit-code';
import { Employer } from '../server/modules/employment/employer.entity';
import { JobApplication, JobProfile } from '../server/modules/employment/job-application.entity';
import { JobFair, JobFairSignup } from '../server/modules/employment/job-fair.entity';
import { JobPosting, JobPostingSave } from '../server/modules/employment/job-posting.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createBureau, type Bureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, type Session } from './helpers/factories';

/**
 * Employment (就业超市) through the routes: employers' review lifecycle, postings published, edited,
 * closed, expired and taken down, browsing with filters, saves, the profile and applications with
 * their snapshot, lifecycle, notices and limits, who may read a profile, job fairs with capacity
 * under concurrency, attendance and 意向, the figures against a hand count, and personal data.
 */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

let seq = 0;
/** A valid 统一社会信用代码, a different one each call. */
function creditCode(): string {
  const first17 = `91330100MA${String(1000000 + ++seq).slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}

describe('employment', () => {
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

  const db = () => t.container.db.manager;
  const day = (n = 0) => new Date(t.clock.now().getTime() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

  async function uploadDocument(s: Session): Promise<number> {
    const res = await t.http
      .post('/api/v1/files')
      .set(s.auth)
      .field('purpose', 'document')
      .attach('file', Buffer.from('%PDF-1.7\n营业执照\n%%EOF'), {
        filename: 'licence.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);
    return res.body.id;
  }

  const employerBody = async (s: Session, extra: Record<string, unknown> = {}) => ({
    companyName: '杭州拥军保安服务有限公司',
    creditCode: creditCode(),
    contactName: '李经理',
    contactPhone: '0571-88886666',
    address: '示范区人民路 100 号',
    licenceFileId: await uploadDocument(s),
    ...extra,
  });

  /** A mini-program user who owns an approved employer. */
  async function approvedEmployer(reviewer: Session = b.districtReviewer): Promise<Session & { employerId: number }> {
    const s = await loginHolder(t);
    const applied = await t.http
      .post('/api/v1/employment/employer')
      .set(s.auth)
      .send(await employerBody(s))
      .expect(201);
    await t.http
      .post(`/api/v1/staff/employment/employers/${applied.body.id}/review`)
      .set(reviewer.auth)
      .send({ decision: 'approve' })
      .expect(200);
    return { ...s, employerId: applied.body.id };
  }

  const postingBody = (extra: Record<string, unknown> = {}) => ({
    title: '小区保安',
    category: '安保服务',
    salaryMin: 4000,
    salaryMax: 5500,
    district: '城关街道',
    address: '城关街道幸福小区',
    headcount: 3,
    requirements: '身体健康，能倒班',
    veteranPreferred: true,
    veteranPreferenceText: '退役军人优先录用，工龄连续计算',
    validUntil: '2027-12-31',
    ...extra,
  });
  const publish = async (e: Session, extra: Record<string, unknown> = {}) =>
    (await t.http.post('/api/v1/employment/employer/postings').set(e.auth).send(postingBody(extra)).expect(201)).body;

  /** A holder with a bound identity and a job profile. */
  async function seeker(opts: { profile?: boolean } = {}): Promise<Session> {
    const s = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send({ name: '张卫国', idNumber: idNumber('19850505'), phone: '13900002222', category: 'veteran' })
      .expect(200);
    if (opts.profile !== false) {
      await t.http
        .put('/api/v1/employment/profile')
        .set(s.auth)
        .send({
          name: '张卫国',
          phone: '13900002222',
          skills: '驾驶 C1，会电工',
          serviceBackground: '陆军，服役 5 年，上士',
          desiredWork: '保安或司机',
        })
        .expect(200);
    }
    return s;
  }

  const apply = (h: Session, postingId: number) =>
    t.http.post(`/api/v1/employment/postings/${postingId}/applications`).set(h.auth).send({});
  const employerStep = (e: Session, id: number, step: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/employment/employer/applications/${id}/${step}`).set(e.auth).send(body);

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

  describe('employers', () => {
    it('refuses a wrong credit code, a licence not the applicant’s and missing fields, writing nothing', async () => {
      const s = await loginHolder(t);
      const body = await employerBody(s);
      const wrong = body.creditCode.slice(0, 17) + (body.creditCode[17] === '0' ? '1' : '0');
      await refused(
        t.http
          .post('/api/v1/employment/employer')
          .set(s.auth)
          .send({ ...body, creditCode: wrong }),
        400,
        'CREDIT_CODE_INVALID',
      );
      const other = await loginHolder(t);
      const foreign = await uploadDocument(other);
      await refused(
        t.http
          .post('/api/v1/employment/employer')
          .set(s.auth)
          .send({ ...body, licenceFileId: foreign }),
        400,
        'FILE_NOT_ATTACHABLE',
      );
      await refused(
        t.http
          .post('/api/v1/employment/employer')
          .set(s.auth)
          .send({ ...body, companyName: '' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await db().countBy(Employer, { ownerAccountId: s.userId })).toBe(0);
    });

    it('goes submitted → approved → suspended → approved, with history, notices and audit; refuses the rest', async () => {
      const s = await loginHolder(t);
      const body = await employerBody(s, { creditCode: creditCode().toLowerCase() });
      const applied = (await t.http.post('/api/v1/employment/employer').set(s.auth).send(body).expect(201)).body;
      expect(applied).toMatchObject({ status: 'submitted', creditCode: body.creditCode.toUpperCase() });
      expect(applied.history).toEqual([expect.objectContaining({ action: 'apply', from: null, to: 'submitted' })]);
      await refused(
        t.http
          .post('/api/v1/employment/employer')
          .set(s.auth)
          .send(await employerBody(s)),
        409,
        'EMPLOYER_EXISTS',
      );
      // Not approved yet: nothing to publish.
      await refused(
        t.http.post('/api/v1/employment/employer/postings').set(s.auth).send(postingBody()),
        403,
        'EMPLOYER_NOT_APPROVED',
      );

      const id = applied.id;
      const review = (who: Session, body: Record<string, unknown>) =>
        t.http.post(`/api/v1/staff/employment/employers/${id}/review`).set(who.auth).send(body);
      // Station staff and admins read; only district staff act.
      await refused(review(b.stationReviewer, { decision: 'approve' }), 403, 'FORBIDDEN');
      await refused(review(admin, { decision: 'approve' }), 403, 'FORBIDDEN');
      await refused(review(b.districtReviewer, { decision: 'reject' }), 400, 'VALIDATION_FAILED');
      await t.http.get(`/api/v1/staff/employment/employers/${id}`).set(b.stationReviewer.auth).expect(200);
      // The licence is private: district staff read it, another holder does not.
      await t.http.get(`/api/v1/files/${body.licenceFileId}`).set(b.districtReviewer.auth).expect(200);
      await refused(
        t.http.get(`/api/v1/files/${body.licenceFileId}`).set((await loginHolder(t)).auth),
        404,
        'NOT_FOUND',
      );

      const approved = (await review(b.districtReviewer, { decision: 'approve' }).expect(200)).body;
      expect(approved.status).toBe('approved');
      await refused(review(b.districtReviewer, { decision: 'approve' }), 409, 'INVALID_TRANSITION');
      await refused(review(b.districtReviewer, { decision: 'reject', reason: '材料不全' }), 409, 'INVALID_TRANSITION');
      await refused(
        t.http.post(`/api/v1/staff/employment/employers/${id}/restore`).set(b.districtReviewer.auth).send({}),
        409,
        'INVALID_TRANSITION',
      );
      await publish(s);

      await t.http
        .post(`/api/v1/staff/employment/employers/${id}/suspend`)
        .set(b.districtReviewer.auth)
        .send({ reason: '多次被投诉' })
        .expect(200);
      await refused(
        t.http.post('/api/v1/employment/employer/postings').set(s.auth).send(postingBody()),
        403,
        'EMPLOYER_NOT_APPROVED',
      );
      const restored = (
        await t.http.post(`/api/v1/staff/employment/employers/${id}/restore`).set(b.districtReviewer.auth).send({})
      ).body;
      expect(restored.history.map((h: { action: string; to: string }) => `${h.action}:${h.to}`)).toEqual([
        'apply:submitted',
        'approve:approved',
        'suspend:suspended',
        'restore:approved',
      ]);
      const mine = (await t.http.get('/api/v1/employment/employer/mine').set(s.auth).expect(200)).body;
      expect(mine.status).toBe('approved');
      expect(await db().countBy(OutboxMessage, { recipientAccountId: s.userId, templateKey: 'service_notice' })).toBe(
        3,
      );
      const audit = await db().findBy(AuditLog, { targetType: 'employer', targetId: String(id) });
      expect(audit.map((a) => a.action).sort()).toEqual(['employer.approve', 'employer.restore', 'employer.suspend']);
    });

    it('rejects with a reason, after which the owner may apply again', async () => {
      const s = await loginHolder(t);
      const { id } = (
        await t.http
          .post('/api/v1/employment/employer')
          .set(s.auth)
          .send(await employerBody(s))
      ).body;
      const rejected = await t.http
        .post(`/api/v1/staff/employment/employers/${id}/review`)
        .set(b.districtReviewer.auth)
        .send({ decision: 'reject', reason: '营业执照不清晰' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: '营业执照不清晰' });
      await refused(
        t.http
          .post(`/api/v1/staff/employment/employers/${id}/suspend`)
          .set(b.districtReviewer.auth)
          .send({ reason: '测试原因' }),
        409,
        'INVALID_TRANSITION',
      );
      await t.http
        .post('/api/v1/employment/employer')
        .set(s.auth)
        .send(await employerBody(s))
        .expect(201);
    });
  });

  describe('postings', () => {
    it('refuses bad postings and writes nothing', async () => {
      const e = await approvedEmployer();
      const post = (extra: Record<string, unknown>) =>
        t.http.post('/api/v1/employment/employer/postings').set(e.auth).send(postingBody(extra));
      await refused(post({ salaryMin: 6000, salaryMax: 5000 }), 400, 'VALIDATION_FAILED');
      await refused(post({ validUntil: day(-1) }), 400, 'VALIDATION_FAILED');
      await refused(post({ category: '宇航员' }), 400, 'VALIDATION_FAILED');
      await refused(post({ headcount: 0 }), 400, 'VALIDATION_FAILED');
      await refused(post({ extra: 1 }), 400, 'VALIDATION_FAILED');
      expect(await db().countBy(JobPosting, { employerId: e.employerId })).toBe(0);
      // A holder without an employer has none to publish for.
      await refused(
        t.http
          .post('/api/v1/employment/employer/postings')
          .set((await loginHolder(t)).auth)
          .send(postingBody()),
        403,
        'FORBIDDEN',
      );
    });

    it('browses open postings newest first with filters and pages; expired, closed and taken down are out', async () => {
      const e = await approvedEmployer();
      const tag = `K${Date.now() % 100000}`;
      const a = await publish(e, { title: `${tag}保安`, salaryMax: 5000 });
      const c = await publish(e, { title: `${tag}司机`, category: '驾驶运输', district: '东湖街道', salaryMax: 8000 });
      const expiring = await publish(e, { title: `${tag}门卫`, validUntil: day(0) });
      const closed = await publish(e, { title: `${tag}仓管` });
      await t.http.post(`/api/v1/employment/employer/postings/${closed.id}/close`).set(e.auth).expect(200);
      await refused(
        t.http.post(`/api/v1/employment/employer/postings/${closed.id}/close`).set(e.auth),
        409,
        'INVALID_TRANSITION',
      );
      const down = await publish(e, { title: `${tag}巡逻` });
      const h = await seeker();
      const browse = async (q: Record<string, string | number>) =>
        (
          await t.http
            .get('/api/v1/employment/postings')
            .query({ q: tag, ...q })
            .set(h.auth)
            .expect(200)
        ).body;

      expect((await browse({})).items.map((p: { id: number }) => p.id)).toEqual([down.id, expiring.id, c.id, a.id]);
      await t.http
        .post(`/api/v1/staff/employment/postings/${down.id}/take-down`)
        .set(b.districtReviewer.auth)
        .send({ reason: '岗位信息不实' })
        .expect(200);
      await refused(
        t.http
          .post(`/api/v1/staff/employment/postings/${a.id}/take-down`)
          .set(b.stationReviewer.auth)
          .send({ reason: '测试' }),
        403,
        'FORBIDDEN',
      );
      await refused(t.http.get(`/api/v1/employment/postings/${down.id}`).set(h.auth), 404, 'NOT_FOUND');

      expect((await browse({ category: '驾驶运输' })).items.map((p: { id: number }) => p.id)).toEqual([c.id]);
      expect((await browse({ district: '东湖街道' })).items.map((p: { id: number }) => p.id)).toEqual([c.id]);
      expect((await browse({ salaryAtLeast: 6000 })).items.map((p: { id: number }) => p.id)).toEqual([c.id]);
      const first = await browse({ limit: 2 });
      expect(first.items.map((p: { id: number }) => p.id)).toEqual([expiring.id, c.id]);
      const second = await browse({ limit: 2, cursor: first.nextCursor });
      expect(second).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
      await refused(
        t.http.get('/api/v1/employment/postings').query({ salaryAtLeast: -1 }).set(h.auth),
        400,
        'VALIDATION_FAILED',
      );

      // Past its day the posting reads as closed, leaves the list and takes no application.
      t.clock.advance(86_400_000);
      try {
        const h2 = await renewed(h);
        const later = (await t.http.get('/api/v1/employment/postings').query({ q: tag }).set(h2.auth)).body;
        expect(later.items.map((p: { id: number }) => p.id)).toEqual([c.id, a.id]);
        const read = (await t.http.get(`/api/v1/employment/postings/${expiring.id}`).set(h2.auth).expect(200)).body;
        expect(read).toMatchObject({ status: 'closed', veteranPreferred: true });
        await refused(apply(h2, expiring.id), 409, 'POSTING_CLOSED');
        await refused(apply(h2, closed.id), 409, 'POSTING_CLOSED');
      } finally {
        t.clock.set('2027-03-10T02:00:00Z');
      }
    });

    it('lets its employer edit a published posting only, and nobody else', async () => {
      const e = await approvedEmployer();
      const p = await publish(e);
      const edited = await t.http
        .patch(`/api/v1/employment/employer/postings/${p.id}`)
        .set(e.auth)
        .send({ headcount: 5, salaryMax: 6000 })
        .expect(200);
      expect(edited.body).toMatchObject({ headcount: 5, salaryMax: 6000, salaryMin: 4000 });
      await refused(
        t.http.patch(`/api/v1/employment/employer/postings/${p.id}`).set(e.auth).send({ salaryMin: 7000 }),
        400,
        'VALIDATION_FAILED',
      );
      const other = await approvedEmployer();
      await refused(
        t.http.patch(`/api/v1/employment/employer/postings/${p.id}`).set(other.auth).send({ headcount: 1 }),
        404,
        'NOT_FOUND',
      );
      await refused(
        t.http.post(`/api/v1/employment/employer/postings/${p.id}/close`).set(other.auth),
        404,
        'NOT_FOUND',
      );
      await t.http.post(`/api/v1/employment/employer/postings/${p.id}/close`).set(e.auth).expect(200);
      await refused(
        t.http.patch(`/api/v1/employment/employer/postings/${p.id}`).set(e.auth).send({ headcount: 2 }),
        409,
        'INVALID_TRANSITION',
      );
      expect((await db().findOneByOrFail(JobPosting, { id: p.id })).headcount).toBe(5);
    });

    it('saves idempotently and lists the saves', async () => {
      const e = await approvedEmployer();
      const p = await publish(e);
      const h = await seeker({ profile: false });
      await t.http.put(`/api/v1/employment/postings/${p.id}/save`).set(h.auth).expect(204);
      await t.http.put(`/api/v1/employment/postings/${p.id}/save`).set(h.auth).expect(204);
      expect(await db().countBy(JobPostingSave, { accountId: h.userId })).toBe(1);
      const detail = (await t.http.get(`/api/v1/employment/postings/${p.id}`).set(h.auth).expect(200)).body;
      expect(detail).toMatchObject({ saved: true, applied: false });
      const list = (await t.http.get('/api/v1/employment/saved-postings').set(h.auth).expect(200)).body;
      expect(list.items.map((x: { id: number }) => x.id)).toEqual([p.id]);
      await refused(t.http.put('/api/v1/employment/postings/999999/save').set(h.auth), 404, 'NOT_FOUND');
      await t.http.delete(`/api/v1/employment/postings/${p.id}/save`).set(h.auth).expect(204);
      await t.http.delete(`/api/v1/employment/postings/${p.id}/save`).set(h.auth).expect(204);
      expect((await t.http.get('/api/v1/employment/saved-postings').set(h.auth)).body.items).toEqual([]);
    });
  });

  describe('profiles and applications', () => {
    it('keeps one profile per holder, validated, the phone stored encrypted', async () => {
      const h = await loginHolder(t);
      expect((await t.http.get('/api/v1/employment/profile').set(h.auth).expect(200)).body).toEqual({ profile: null });
      const body = {
        name: '王强',
        phone: '13712345678',
        skills: '电工',
        serviceBackground: '海军 4 年',
        desiredWork: '电工',
      };
      await refused(
        t.http
          .put('/api/v1/employment/profile')
          .set(h.auth)
          .send({ ...body, phone: '12345' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await db().countBy(JobProfile, { accountId: h.userId })).toBe(0);
      await t.http.put('/api/v1/employment/profile').set(h.auth).send(body).expect(200);
      const again = await t.http
        .put('/api/v1/employment/profile')
        .set(h.auth)
        .send({ ...body, skills: '电工、焊工' })
        .expect(200);
      expect(again.body).toMatchObject({ ...body, skills: '电工、焊工' });
      const rows = await db().findBy(JobProfile, { accountId: h.userId });
      expect(rows).toHaveLength(1);
      expect(rows[0].phoneCipher).not.toContain('13712345678');
      expect(t.logs.join('\n')).not.toContain('13712345678');
    });

    it('needs a bound identity and a profile, applies once per posting with a snapshot', async () => {
      const e = await approvedEmployer();
      const p = await publish(e);
      await refused(apply(await loginHolder(t), p.id), 409, 'IDENTITY_REQUIRED');
      await refused(apply(await seeker({ profile: false }), p.id), 409, 'PROFILE_REQUIRED');
      const h = await seeker();
      await refused(apply(h, 999999), 404, 'NOT_FOUND');
      const sent = (await apply(h, p.id).expect(201)).body;
      expect(sent).toMatchObject({
        status: 'submitted',
        postingTitle: '小区保安',
        profile: { name: '张卫国', phone: '13900002222', serviceBackground: '陆军，服役 5 年，上士' },
        allowedActions: ['withdraw'],
      });
      await refused(apply(h, p.id), 409, 'ALREADY_APPLIED');
      // Editing the profile later leaves what was sent as it was.
      await t.http
        .put('/api/v1/employment/profile')
        .set(h.auth)
        .send({
          name: '张卫国',
          phone: '13900009999',
          skills: '新技能',
          serviceBackground: '改了',
          desiredWork: '司机',
        })
        .expect(200);
      const seen = (await t.http.get(`/api/v1/employment/employer/applications/${sent.id}`).set(e.auth).expect(200))
        .body;
      expect(seen.profile).toMatchObject({ phone: '13900002222', skills: '驾驶 C1，会电工' });
      expect(await db().countBy(JobApplication, { accountId: h.userId })).toBe(1);
      const detail = (await t.http.get(`/api/v1/employment/postings/${p.id}`).set(h.auth).expect(200)).body;
      expect(detail.applied).toBe(true);
    });

    it('allows 10 applications a day, even sent at once, and more the next day', async () => {
      const e = await approvedEmployer();
      const postings = [];
      for (let i = 0; i < 12; i++) postings.push(await publish(e, { title: `岗位${i}` }));
      const h = await seeker();
      const results = await Promise.all(postings.slice(0, 11).map((p) => apply(h, p.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      const over = results.filter((r) => r.status !== 201);
      expect(over.map((r) => [r.status, r.body.error.code])).toEqual([[409, 'LIMIT_REACHED']]);
      expect(await db().countBy(JobApplication, { accountId: h.userId })).toBe(10);
      t.clock.advance(86_400_000);
      try {
        await apply(await renewed(h), postings[11].id).expect(201);
      } finally {
        t.clock.set('2027-03-10T02:00:00Z');
      }
    });

    it('runs submitted → viewed → interview → hired with history and a notice at each step', async () => {
      const e = await approvedEmployer();
      const p = await publish(e);
      const h = await seeker();
      const { id } = (await apply(h, p.id).expect(201)).body;
      // Hired needs an interview first.
      await refused(employerStep(e, id, 'hire'), 409, 'INVALID_TRANSITION');
      const viewed = (await employerStep(e, id, 'view').expect(200)).body;
      expect(viewed.allowedActions).toEqual(['interview', 'decline']);
      await refused(employerStep(e, id, 'view'), 409, 'INVALID_TRANSITION');
      await refused(employerStep(e, id, 'interview', {}), 400, 'VALIDATION_FAILED');
      const invited = (await employerStep(e, id, 'interview', { note: '3月12日上午9点，公司一楼' }).expect(200)).body;
      expect(invited).toMatchObject({ status: 'interview', interviewNote: '3月12日上午9点，公司一楼' });
      const hired = (await employerStep(e, id, 'hire').expect(200)).body;
      expect(hired.allowedActions).toEqual([]);
      await refused(
        t.http.post(`/api/v1/employment/applications/${id}/withdraw`).set(h.auth),
        409,
        'INVALID_TRANSITION',
      );
      await refused(employerStep(e, id, 'decline'), 409, 'INVALID_TRANSITION');

      const mine = (await t.http.get(`/api/v1/employment/applications/${id}`).set(h.auth).expect(200)).body;
      expect(
        mine.history.map((s: { action: string; to: string; by: string }) => `${s.action}:${s.to}:${s.by}`),
      ).toEqual([
        'submit:submitted:holder',
        'view:viewed:employer',
        'interview:interview:employer',
        'hire:hired:employer',
      ]);
      const notices = await db().find(OutboxMessage, {
        where: { recipientAccountId: h.userId, templateKey: 'service_notice' },
        order: { id: 'ASC' },
      });
      expect(notices.map((n) => JSON.parse(n.data).title)).toEqual(['简历已被查看', '收到面试邀请', '恭喜您被录用']);
      // Each opens 我的投递.
      expect(new Set(notices.map((n) => n.page))).toEqual(
        new Set(['packages/employment/pages/applications/applications']),
      );
      const list = (await t.http.get('/api/v1/employment/applications/mine').set(h.auth).expect(200)).body;
      expect(list.items[0]).toMatchObject({ id, status: 'hired', statusText: '已录用' });
    });

    it('declines with a reason, and the holder withdraws before a decision only', async () => {
      const e = await approvedEmployer();
      const p1 = await publish(e);
      const p2 = await publish(e);
      const h = await seeker();
      const a1 = (await apply(h, p1.id).expect(201)).body.id;
      const a2 = (await apply(h, p2.id).expect(201)).body.id;
      const declined = (await employerStep(e, a1, 'decline', { reason: '岗位已招满' }).expect(200)).body;
      expect(declined).toMatchObject({ status: 'declined', declineReason: '岗位已招满' });
      await employerStep(e, a2, 'interview', { note: '周五下午两点' }).expect(200);
      const withdrawn = (await t.http.post(`/api/v1/employment/applications/${a2}/withdraw`).set(h.auth).expect(200))
        .body;
      expect(withdrawn.status).toBe('withdrawn');
      await refused(employerStep(e, a2, 'hire'), 409, 'INVALID_TRANSITION');
      // Another holder's application is not there for them.
      await refused(
        t.http.post(`/api/v1/employment/applications/${a1}/withdraw`).set((await seeker()).auth),
        404,
        'NOT_FOUND',
      );
      // The employer's list counts each posting's applications, the withdrawn one aside.
      await apply(await seeker(), p1.id).expect(201);
      const own = (await t.http.get('/api/v1/employment/employer/postings').set(e.auth).expect(200)).body.items;
      const counted = Object.fromEntries(
        own.map((p: { id: number; applicationsCount: number }) => [p.id, p.applicationsCount]),
      );
      expect(counted).toEqual({ [p1.id]: 2, [p2.id]: 0 });
    });

    it('shows a profile only to the employer applied to, and logs every read', async () => {
      const mine = await approvedEmployer();
      const other = await approvedEmployer();
      const p = await publish(mine);
      const h = await seeker();
      const { id } = (await apply(h, p.id).expect(201)).body;

      await refused(t.http.get(`/api/v1/employment/employer/applications/${id}`).set(other.auth), 404, 'NOT_FOUND');
      await refused(employerStep(other, id, 'view'), 404, 'NOT_FOUND');
      expect(
        (await t.http.get('/api/v1/employment/employer/applications').set(other.auth).expect(200)).body.items,
      ).toEqual([]);
      // A holder who owns no employer has nothing to read.
      await refused(t.http.get('/api/v1/employment/employer/applications').set(h.auth), 403, 'FORBIDDEN');
      // Nothing a holder browses carries a profile.
      const browsed = (await t.http.get(`/api/v1/employment/postings/${p.id}`).set((await seeker()).auth)).body;
      expect(JSON.stringify(browsed)).not.toContain('13900002222');

      const received = (await t.http.get('/api/v1/employment/employer/applications').set(mine.auth).expect(200)).body;
      expect(received.items.map((a: { id: number }) => a.id)).toEqual([id]);
      expect(received.items[0].profile.phone).toBe('13900002222');
      const staffRead = await t.http
        .get(`/api/v1/staff/employment/postings/${p.id}/applications`)
        .set(b.stationReviewer.auth)
        .expect(200);
      expect(staffRead.body.items).toHaveLength(1);
      const reads = await db().findBy(AuditLog, { targetType: 'job_application', targetId: String(id) });
      expect(reads.map((r) => `${r.action}:${r.actorAccountId}`).sort()).toEqual(
        [
          `job_application.read_by_employer:${mine.userId}`,
          `job_application.read_by_staff:${b.stationReviewer.userId}`,
        ].sort(),
      );
    });
  });

  describe('job fairs', () => {
    const fairBody = (extra: Record<string, unknown> = {}) => ({
      title: '春季退役军人专场招聘会',
      mode: 'onsite',
      fairDate: day(1),
      place: '区人力资源市场三楼',
      description: '三十家单位参会',
      capacity: 3,
      employerIds: [] as number[],
      ...extra,
    });
    const createFair = async (extra: Record<string, unknown> = {}) =>
      (
        await t.http
          .post('/api/v1/staff/employment/fairs')
          .set(b.districtReviewer.auth)
          .send(fairBody(extra))
          .expect(201)
      ).body;

    it('is created by district staff only, with a place on site or a link online', async () => {
      await refused(
        t.http.post('/api/v1/staff/employment/fairs').set(b.stationReviewer.auth).send(fairBody()),
        403,
        'FORBIDDEN',
      );
      const before = await db().count(JobFair);
      const post = (extra: Record<string, unknown>) =>
        t.http.post('/api/v1/staff/employment/fairs').set(b.districtReviewer.auth).send(fairBody(extra));
      await refused(post({ place: null }), 400, 'VALIDATION_FAILED');
      await refused(post({ mode: 'online', place: null }), 400, 'VALIDATION_FAILED');
      await refused(post({ fairDate: day(-1) }), 400, 'VALIDATION_FAILED');
      await refused(post({ employerIds: [999999] }), 400, 'VALIDATION_FAILED');
      expect(await db().count(JobFair)).toBe(before);
      const e = await approvedEmployer();
      const online = await createFair({
        mode: 'online',
        place: null,
        link: 'https://example.com/fair',
        employerIds: [e.employerId],
      });
      expect(online).toMatchObject({ mode: 'online', capacity: 3, remaining: 3, employers: [{ id: e.employerId }] });
    });

    it('holds its capacity under concurrent signups; signing up twice is one signup; cancelling frees a place', async () => {
      const fair = await createFair({ capacity: 3 });
      const holders = await Promise.all(Array.from({ length: 8 }, () => loginHolder(t)));
      const results = await Promise.all(
        holders.map((h) => t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(h.auth).send({})),
      );
      const ok = results.filter((r) => r.status === 201);
      expect(ok).toHaveLength(3);
      expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
        new Set(['FAIR_FULL']),
      );
      expect((await db().findOneByOrFail(JobFair, { id: fair.id })).signupCount).toBe(3);
      expect(await db().countBy(JobFairSignup, { fairId: fair.id, status: 'signed_up' })).toBe(3);

      const inIdx = results.findIndex((r) => r.status === 201);
      const inside = holders[inIdx];
      const outside = holders[results.findIndex((r) => r.status !== 201)];
      // Idempotent: the same holder again, even twice at once.
      const again = await Promise.all([
        t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(inside.auth).send({}),
        t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(inside.auth).send({}),
      ]);
      expect(again.map((r) => r.status)).toEqual([201, 201]);
      expect(again[0].body.id).toBe(results[inIdx].body.id);
      expect((await db().findOneByOrFail(JobFair, { id: fair.id })).signupCount).toBe(3);

      await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups/cancel`).set(inside.auth).expect(200);
      await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups/cancel`).set(inside.auth).expect(200);
      expect((await db().findOneByOrFail(JobFair, { id: fair.id })).signupCount).toBe(2);
      await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(outside.auth).send({}).expect(201);
      await refused(
        t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(inside.auth).send({}),
        409,
        'FAIR_FULL',
      );
      const listed = (await t.http.get('/api/v1/employment/fairs').set(outside.auth).expect(200)).body.items;
      expect(listed.find((f: { id: number }) => f.id === fair.id)).toMatchObject({
        remaining: 0,
        mySignup: { status: 'signed_up' },
      });
      // A capacity below the signups standing is refused.
      await refused(
        t.http
          .put(`/api/v1/staff/employment/fairs/${fair.id}`)
          .set(b.districtReviewer.auth)
          .send(fairBody({ capacity: 2 })),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('closes signups on the day; attendance and 意向 are recorded on or after it', async () => {
      const e = await approvedEmployer();
      const stranger = await approvedEmployer();
      const fair = await createFair({ capacity: null, employerIds: [e.employerId] });
      let h = await seeker();
      const signup = (await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(h.auth).send({}).expect(201))
        .body;
      let staff: Session = b.districtReviewer;
      const attend = (body: Record<string, unknown>) =>
        t.http
          .post(`/api/v1/staff/employment/fairs/${fair.id}/signups/${signup.id}/attendance`)
          .set(staff.auth)
          .send(body);
      const intend = (body: Record<string, unknown>) =>
        t.http.post(`/api/v1/staff/employment/fairs/${fair.id}/intentions`).set(staff.auth).send(body);
      await refused(attend({ attended: true }), 409, 'FAIR_NOT_YET');
      await refused(intend({ signupId: signup.id, employerId: e.employerId, note: '初步同意' }), 409, 'FAIR_NOT_YET');

      t.clock.advance(86_400_000);
      try {
        h = await renewed(h);
        staff = await loginStaff(t, ['district_staff'], { districtId: b.districtId });
        await refused(
          t.http
            .post(`/api/v1/employment/fairs/${fair.id}/signups`)
            .set((await loginHolder(t)).auth)
            .send({}),
          409,
          'FAIR_STARTED',
        );
        await refused(
          t.http.post(`/api/v1/employment/fairs/${fair.id}/signups/cancel`).set(h.auth),
          409,
          'FAIR_STARTED',
        );
        await refused(
          t.http
            .post(`/api/v1/staff/employment/fairs/${fair.id}/signups/${signup.id}/attendance`)
            .set((await loginStaff(t, ['station_staff'], { stationId: b.stationId })).auth)
            .send({ attended: true }),
          403,
          'FORBIDDEN',
        );
        expect((await attend({ attended: true }).expect(200)).body.attended).toBe(true);
        await refused(
          intend({ signupId: signup.id, employerId: stranger.employerId, note: '初步同意' }),
          400,
          'VALIDATION_FAILED',
        );
        await refused(intend({ signupId: 999999, employerId: e.employerId, note: '初步同意' }), 409, 'NOT_SIGNED_UP');
        await intend({ signupId: signup.id, employerId: e.employerId, note: '初步同意' }).expect(200);
        await intend({ signupId: signup.id, employerId: e.employerId, note: '约定下周面试' }).expect(200);
        const listed = (
          await t.http.get(`/api/v1/staff/employment/fairs/${fair.id}/signups`).set(staff.auth).expect(200)
        ).body;
        expect(listed.items).toEqual([
          expect.objectContaining({ id: signup.id, attended: true, name: '张卫国', phoneLast4: '2222' }),
        ]);
        expect(listed.intentions).toEqual([
          expect.objectContaining({ employerId: e.employerId, note: '约定下周面试' }),
        ]);
        expect(await db().countBy(AuditLog, { action: 'job_fair.signups_read', targetId: String(fair.id) })).toBe(1);
      } finally {
        t.clock.set('2027-03-10T02:00:00Z');
      }
    });
  });

  it('reports the figures of a span as counted by hand', async () => {
    // A span of its own: 2027-05-10 … 2027-05-11 (Shanghai).
    t.clock.set('2027-05-10T02:00:00Z');
    try {
      let staff: Session = await loginStaff(t, ['district_staff'], { districtId: b.districtId });
      const e = await approvedEmployer(staff);
      const p1 = await publish(e, { headcount: 3 });
      const p2 = await publish(e, { headcount: 5 });
      const h1 = await seeker();
      const h2 = await seeker();
      const a1 = (await apply(h1, p1.id).expect(201)).body.id;
      await apply(h2, p1.id).expect(201);
      await apply(h2, p2.id).expect(201);
      await employerStep(e, a1, 'interview', { note: '明天上午' }).expect(200);
      await employerStep(e, a1, 'hire').expect(200);
      const fair = (
        await t.http
          .post('/api/v1/staff/employment/fairs')
          .set(staff.auth)
          .send({
            title: '五月招聘会',
            mode: 'onsite',
            fairDate: '2027-05-11',
            place: '区人力资源市场',
            description: '',
            employerIds: [e.employerId],
          })
          .expect(201)
      ).body;
      const s1 = (await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(h1.auth).send({}).expect(201))
        .body;
      await t.http.post(`/api/v1/employment/fairs/${fair.id}/signups`).set(h2.auth).send({}).expect(201);
      t.clock.set('2027-05-11T02:00:00Z');
      staff = await renewed(staff);
      await t.http
        .post(`/api/v1/staff/employment/fairs/${fair.id}/signups/${s1.id}/attendance`)
        .set(staff.auth)
        .send({ attended: true })
        .expect(200);
      await t.http
        .post(`/api/v1/staff/employment/fairs/${fair.id}/intentions`)
        .set(staff.auth)
        .send({ signupId: s1.id, employerId: e.employerId, note: '达成意向' })
        .expect(200);

      const reader = await loginStaff(t, ['admin']);
      const figures = (
        await t.http
          .get('/api/v1/staff/employment/figures')
          .query({ from: '2027-05-10', to: '2027-05-11' })
          .set(reader.auth)
          .expect(200)
      ).body;
      expect(figures).toEqual({
        from: '2027-05-10',
        to: '2027-05-11',
        postings: 2,
        positions: 8,
        applications: 3,
        hires: 1,
        fairs: 1,
        participants: 1,
        intentions: 1,
      });
      const before = (
        await t.http
          .get('/api/v1/staff/employment/figures')
          .query({ from: '2027-05-01', to: '2027-05-09' })
          .set(reader.auth)
          .expect(200)
      ).body;
      expect(before).toMatchObject({
        postings: 0,
        applications: 0,
        hires: 0,
        fairs: 0,
        participants: 0,
        intentions: 0,
      });
      await refused(
        t.http.get('/api/v1/staff/employment/figures').query({ from: '2027-05-11', to: '2027-05-10' }).set(staff.auth),
        400,
        'VALIDATION_FAILED',
      );
    } finally {
      t.clock.set('2027-03-10T02:00:00Z');
    }
  });

  it('shows the holder’s employment data in 我的信息 and anonymises it on deletion', async () => {
    const e = await approvedEmployer();
    const p = await publish(e);
    const h = await seeker();
    await apply(h, p.id).expect(201);
    await t.http.put(`/api/v1/employment/postings/${p.id}/save`).set(h.auth).expect(204);
    const scope = { accountId: h.userId, personId: null, now: t.clock.now() };
    const read = await employmentPersonalData.read!(db(), scope);
    expect(read.employment).toMatchObject({
      profile: { name: '张卫国', phoneLast4: '2222' },
      applications: [{ postingTitle: '小区保安', status: 'submitted' }],
      savedPostings: [{ postingTitle: '小区保安' }],
    });
    expect(await employmentPersonalData.blockers!(db(), scope)).toEqual([]);
    expect(
      await employmentPersonalData.blockers!(db(), { accountId: e.userId, personId: null, now: t.clock.now() }),
    ).toHaveLength(1);
    await t.container.db.transaction((em) => employmentPersonalData.erase!(em, scope));
    expect(await db().countBy(JobProfile, { accountId: h.userId })).toBe(0);
    expect(await db().countBy(JobPostingSave, { accountId: h.userId })).toBe(0);
    const [kept] = await db().findBy(JobApplication, { accountId: h.userId });
    expect(kept).toMatchObject({ status: 'submitted', name: '', phoneCipher: null, skills: '', serviceBackground: '' });
  });
});
