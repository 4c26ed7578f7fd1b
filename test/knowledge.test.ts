import type { Response } from 'supertest';
import { createContainer } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import type { Database } from '../server/db/database';
import { createLogger } from '../server/lib/logger';
import type { KnowledgeService } from '../server/modules/chat/knowledge/knowledge.service';
import { createTestContext, type TestContext } from './helpers/context';
import { usingMysql } from './helpers/database';
import { createDistrictAndStation, loginHolder, loginStaff, type Session } from './helpers/factories';
import { KNOWLEDGE_SEED_ENTRIES, KNOWLEDGE_SEED_SYNONYMS } from '../migrations/data/1765300000000-knowledge-seed';

const BASE = '/api/v1/staff/knowledge';

/** Awaits a request and fails with the whole answer when the status is not the expected one. */
async function call(req: PromiseLike<Response>, status: number): Promise<Response> {
  const res = await req;
  if (res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** Awaits a refusal and checks its status and error code together. */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

const knowledgeOf = (t: TestContext) => (t.container.services as unknown as { knowledge: KnowledgeService }).knowledge;

/** An entry about a topic nothing else in the knowledge base mentions, so each test finds only its own. */
const entryAbout = (topic: string, extra: Record<string, unknown> = {}) => ({
  question: `${topic}怎么办理？`,
  phrasings: [`${topic}去哪里办`, `${topic}需要什么`],
  answer: `${topic}请到服务站办理，带好身份证。详见[服务站](/pages/me/me)。`,
  source: { document: '戎友服务说明', issuer: '区退役军人事务局' },
  tags: ['测试', topic],
  ...extra,
});

describe('the knowledge base', () => {
  let t: TestContext;
  let manager: Session;
  let admin: Session;
  let station: Session;
  let holder: Session;
  let knowledge: KnowledgeService;

  beforeAll(async () => {
    t = await createTestContext();
    const { stationId } = await createDistrictAndStation(t);
    manager = await loginStaff(t, ['district_staff']);
    admin = await loginStaff(t, ['admin']);
    station = await loginStaff(t, ['station_staff'], { stationId });
    holder = await loginHolder(t);
    knowledge = knowledgeOf(t);
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, who = manager) =>
    (await call(t.http.post(`${BASE}/entries`).set(who.auth).send(body), 201)).body;
  const act = (id: number, action: string, who = manager, body: Record<string, unknown> = {}) =>
    t.http.post(`${BASE}/entries/${id}/${action}`).set(who.auth).send(body);

  describe('entries', () => {
    it('goes draft → published → archived → draft with a history row for each change, edits included', async () => {
      const draft = await create(entryAbout('光荣牌悬挂'));
      expect(draft).toMatchObject({
        status: 'draft',
        revision: 1,
        question: '光荣牌悬挂怎么办理？',
        source: { document: '戎友服务说明', article: null, issuer: '区退役军人事务局', effectiveDate: null },
        tags: ['测试', '光荣牌悬挂'],
        allowedActions: ['edit', 'publish', 'archive'],
        publishedAt: null,
      });

      const edited = await call(
        t.http
          .patch(`${BASE}/entries/${draft.id}`)
          .set(manager.auth)
          .send({ answer: '光荣牌由社区上门悬挂，无需本人办理。', revision: 1 }),
        200,
      );
      expect(edited.body).toMatchObject({ revision: 2, answer: '光荣牌由社区上门悬挂，无需本人办理。' });
      // Sending what is already there is no edit: no revision, no history row.
      const same = await call(
        t.http.patch(`${BASE}/entries/${draft.id}`).set(manager.auth).send({ answer: edited.body.answer }),
        200,
      );
      expect(same.body.revision).toBe(2);

      const published = await call(act(draft.id, 'publish', manager, { reason: '已核对' }), 200);
      expect(published.body).toMatchObject({ status: 'published', allowedActions: ['edit', 'archive'] });
      expect(published.body.publishedAt).toMatch(/\+08:00$/);
      await refused(act(draft.id, 'publish'), 409, 'INVALID_TRANSITION');

      const archived = await call(act(draft.id, 'archive', admin), 200);
      expect(archived.body).toMatchObject({ status: 'archived', allowedActions: ['restore'] });
      await refused(
        t.http.patch(`${BASE}/entries/${draft.id}`).set(manager.auth).send({ answer: '再改一次' }),
        409,
        'KNOWLEDGE_ARCHIVED',
      );
      const restored = await call(act(draft.id, 'restore'), 200);
      expect(restored.body.status).toBe('draft');

      const history = await call(t.http.get(`${BASE}/entries/${draft.id}/history`).set(station.auth), 200);
      expect(
        history.body.map(
          (h: { action: string; from: string | null; to: string; by: string; reason: string | null }) => [
            h.action,
            h.from,
            h.to,
            h.by,
            h.reason,
          ],
        ),
      ).toEqual([
        ['create', null, 'draft', 'district_staff', null],
        ['edit', 'draft', 'draft', 'district_staff', '修改：答案'],
        ['publish', 'draft', 'published', 'district_staff', '已核对'],
        ['archive', 'published', 'archived', 'admin', null],
        ['restore', 'archived', 'draft', 'district_staff', null],
      ]);

      const read = await call(t.http.get(`${BASE}/entries/${draft.id}`).set(manager.auth), 200);
      expect(read.body).toMatchObject({ status: 'draft', revision: 2, answer: '光荣牌由社区上门悬挂，无需本人办理。' });
    });

    it('refuses an edit made from an older revision', async () => {
      const e = await create(entryAbout('军人驿站入住'));
      await call(
        t.http
          .patch(`${BASE}/entries/${e.id}`)
          .set(manager.auth)
          .send({ tags: ['驿站'], revision: 1 }),
        200,
      );
      await refused(
        t.http
          .patch(`${BASE}/entries/${e.id}`)
          .set(admin.auth)
          .send({ tags: ['住宿'], revision: 1 }),
        409,
        'KNOWLEDGE_EDIT_CONFLICT',
      );
      const read = await call(t.http.get(`${BASE}/entries/${e.id}`).set(manager.auth), 200);
      expect(read.body).toMatchObject({ tags: ['驿站'], revision: 2 });
    });

    it('answers holders with an entry from its publication until its archiving, edits at once', async () => {
      const question = '参战参试人员补助怎么办理';
      expect((await knowledge.understand(question)).intent).toBe('unknown');
      const e = await create(entryAbout('参战参试人员补助'));
      expect((await knowledge.understand(question)).intent).toBe('unknown');

      await call(act(e.id, 'publish'), 200);
      const answered = await knowledge.understand(question);
      expect(answered).toMatchObject({
        intent: 'policy',
        knowledge: { id: e.id, question: '参战参试人员补助怎么办理？' },
      });
      expect(await knowledge.entry(e.id)).toEqual(answered.knowledge);

      await call(
        t.http.patch(`${BASE}/entries/${e.id}`).set(manager.auth).send({ answer: '参战参试人员补助按月发放。' }),
        200,
      );
      expect((await knowledge.understand(question)).knowledge?.answer).toBe('参战参试人员补助按月发放。');

      await call(act(e.id, 'archive'), 200);
      expect((await knowledge.understand(question)).intent).toBe('unknown');
      expect(await knowledge.entry(e.id)).toBeNull();
    });

    it('lists by status, tag and words of the question, newest first, a page at a time', async () => {
      const a = await create(entryAbout('伤残等级评定', { tags: ['伤残', '评定'] }));
      const b = await create(entryAbout('伤残抚恤金', { tags: ['伤残'] }));
      const c = await create(entryAbout('伤病残疾鉴定', { tags: ['伤残评定'], phrasings: ['伤残鉴定在哪做'] }));
      await call(act(b.id, 'publish'), 200);

      const ids = async (query: Record<string, string | number>) =>
        (await call(t.http.get(`${BASE}/entries`).query(query).set(station.auth), 200)).body.items.map(
          (e: { id: number }) => e.id,
        );
      expect(await ids({ tag: '伤残' })).toEqual([b.id, a.id]);
      expect(await ids({ tag: '评定' })).toEqual([a.id]);
      expect(await ids({ tag: '伤残', status: 'published' })).toEqual([b.id]);
      expect(await ids({ q: '伤残鉴定' })).toEqual([c.id]);
      expect(await ids({ q: '100%_!' })).toEqual([]);

      const first = await call(t.http.get(`${BASE}/entries`).query({ q: '伤', limit: 2 }).set(manager.auth), 200);
      expect(first.body.items.map((e: { id: number }) => e.id)).toEqual([c.id, b.id]);
      const second = await call(
        t.http.get(`${BASE}/entries`).query({ q: '伤', limit: 2, cursor: first.body.nextCursor }).set(manager.auth),
        200,
      );
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
    });

    it('publishes only an entry with an answer and a source', async () => {
      await knowledge.indexSettled();
      await t.container.db.transaction((em) => knowledge.recordUnanswered(em, '军休干部体检怎么安排', holder.userId));
      const [question] = (await call(t.http.get(`${BASE}/unanswered`).set(manager.auth), 200)).body.items;
      const draft = await call(
        t.http.post(`${BASE}/unanswered/${question.id}/convert`).set(manager.auth).send({}),
        201,
      );
      const res = await refused(act(draft.body.id, 'publish'), 409, 'KNOWLEDGE_INCOMPLETE');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['answer', 'source.document']);
    });
  });

  describe('synonyms', () => {
    it('change what the assistant finds, from the moment they are added until removed', async () => {
      const e = await create(entryAbout('军人子女入学优待', { phrasings: ['子女入学优待'] }));
      await call(act(e.id, 'publish'), 200);
      const question = '娃上学有优待吗';
      expect((await knowledge.understand(question)).intent).toBe('unknown');

      const added = await call(
        t.http.post(`${BASE}/synonyms`).set(manager.auth).send({ term: '娃上学', canonical: '子女入学' }),
        201,
      );
      expect(added.body).toMatchObject({ term: '娃上学', canonical: '子女入学' });
      const found = await knowledge.understand(question);
      expect(found).toMatchObject({ intent: 'policy', knowledge: { id: e.id } });
      expect(found.words).toEqual(expect.arrayContaining(['子女', '入学']));

      const list = await call(t.http.get(`${BASE}/synonyms`).set(station.auth), 200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: added.body.id, term: '娃上学' })]),
      );

      await refused(
        t.http.post(`${BASE}/synonyms`).set(manager.auth).send({ term: '娃上学', canonical: '入学' }),
        409,
        'SYNONYM_EXISTS',
      );
      await call(t.http.delete(`${BASE}/synonyms/${added.body.id}`).set(manager.auth), 204);
      await refused(t.http.delete(`${BASE}/synonyms/${added.body.id}`).set(manager.auth), 404, 'NOT_FOUND');
      expect((await knowledge.understand(question)).intent).toBe('unknown');
    });
  });

  describe('unanswered questions', () => {
    it('are counted as one however they are punctuated, ranked by askers, and turned into drafts or set aside', async () => {
      const ask = (text: string, accountId: number) =>
        t.container.db.transaction((em) => knowledge.recordUnanswered(em, text, accountId));
      await ask('退役金每月几号发？', 101);
      await ask('请问 退役金每月几号发', 102);
      await ask('退役金每月几号发呀', 103);
      await ask('退役金每月几号发', 103);
      await ask('我的身份证号110101198001011234能查补贴吗', 104);
      await ask('老兵能坐飞机优先吗', 105);
      await ask('老兵能坐飞机优先吗', 105);

      const open = await call(t.http.get(`${BASE}/unanswered`).set(station.auth), 200);
      const rows = open.body.items.filter((q: { text: string }) => /退役金|补贴|飞机/.test(q.text));
      expect(
        rows.map((q: { text: string; askCount: number; askerCount: number }) => [q.text, q.askCount, q.askerCount]),
      ).toEqual([
        ['退役金每月几号发?', 4, 3],
        ['老兵能坐飞机优先吗', 2, 1],
        ['我的身份证号#能查补贴吗', 1, 1],
      ]);
      const retirement = rows[0];
      expect(retirement).toMatchObject({ status: 'open', entryId: null });
      expect(retirement.firstAskedAt).toMatch(/\+08:00$/);

      const converted = await call(
        t.http
          .post(`${BASE}/unanswered/${retirement.id}/convert`)
          .set(manager.auth)
          .send({ question: '退役金什么时候发放？' }),
        201,
      );
      expect(converted.body).toMatchObject({
        status: 'draft',
        question: '退役金什么时候发放？',
        phrasings: ['退役金每月几号发?'],
        answer: '',
        tags: ['来自未答问题'],
      });
      await refused(
        t.http.post(`${BASE}/unanswered/${retirement.id}/convert`).set(manager.auth).send({}),
        409,
        'INVALID_TRANSITION',
      );
      const history = await call(t.http.get(`${BASE}/entries/${converted.body.id}/history`).set(manager.auth), 200);
      expect(history.body).toEqual([
        expect.objectContaining({ action: 'create', to: 'draft', reason: '由未答问题转入' }),
      ]);

      const plane = rows[1];
      const dismissed = await call(t.http.post(`${BASE}/unanswered/${plane.id}/dismiss`).set(admin.auth), 200);
      expect(dismissed.body).toMatchObject({ status: 'dismissed', askCount: 2 });
      await refused(t.http.post(`${BASE}/unanswered/${plane.id}/dismiss`).set(admin.auth), 409, 'INVALID_TRANSITION');

      const conv = await call(t.http.get(`${BASE}/unanswered`).query({ status: 'converted' }).set(manager.auth), 200);
      expect(conv.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: retirement.id, entryId: converted.body.id })]),
      );
      const stillOpen = await call(t.http.get(`${BASE}/unanswered`).set(manager.auth), 200);
      expect(stillOpen.body.items.map((q: { id: number }) => q.id)).not.toContain(plane.id);
    });

    it('pages through the ranking', async () => {
      for (let i = 0; i < 3; i++) {
        await t.container.db.transaction((em) => knowledge.recordUnanswered(em, `分页问题第${'一二三'[i]}个`, 200 + i));
      }
      const seen: number[] = [];
      let cursor: string | null | undefined;
      do {
        const query: Record<string, string | number> = { limit: 2, ...(cursor ? { cursor } : {}) };
        const page = await call(t.http.get(`${BASE}/unanswered`).query(query).set(manager.auth), 200);
        seen.push(...page.body.items.map((q: { id: number }) => q.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('trying a question', () => {
    it('shows staff how the assistant reads it, with the evidence', async () => {
      const res = await call(t.http.post(`${BASE}/understand`).set(station.auth).send({ text: '我的优待证丢了' }), 200);
      expect(res.body).toMatchObject({ intent: 'card_lost', legalService: null });
      expect(res.body.rules[0]).toMatchObject({
        intent: 'card_lost',
        matched: expect.arrayContaining(['丢了', '优待证']),
      });
    });
  });

  describe('refusals', () => {
    it('needs a login, and staff roles: station staff read, district staff and admins manage', async () => {
      await refused(t.http.get(`${BASE}/entries`), 401, 'UNAUTHENTICATED');
      await refused(t.http.get(`${BASE}/entries`).set(holder.auth), 403, 'FORBIDDEN');
      await refused(t.http.get(`${BASE}/unanswered`).set(holder.auth), 403, 'FORBIDDEN');
      await call(t.http.get(`${BASE}/entries`).set(station.auth), 200);
      await refused(t.http.post(`${BASE}/entries`).set(station.auth).send(entryAbout('站点测试')), 403, 'FORBIDDEN');
      await refused(
        t.http.post(`${BASE}/synonyms`).set(station.auth).send({ term: '甲', canonical: '乙' }),
        403,
        'FORBIDDEN',
      );
      const e = await create(entryAbout('权限测试'));
      await refused(act(e.id, 'publish', station), 403, 'FORBIDDEN');
      await refused(t.http.patch(`${BASE}/entries/${e.id}`).set(station.auth).send({ answer: '改' }), 403, 'FORBIDDEN');
    });

    it('validates what staff send, naming the field', async () => {
      const field = (res: Response) => res.body.error.details.map((d: { field: string }) => d.field);
      const noAnswer = { ...entryAbout('校验'), answer: undefined };
      expect(
        field(await refused(t.http.post(`${BASE}/entries`).set(manager.auth).send(noAnswer), 400, 'VALIDATION_FAILED')),
      ).toContain('answer');
      const commaTag = entryAbout('校验', { tags: ['甲,乙'] });
      expect(
        field(await refused(t.http.post(`${BASE}/entries`).set(manager.auth).send(commaTag), 400, 'VALIDATION_FAILED')),
      ).toContain('tags.0');
      const badDate = entryAbout('校验', { source: { document: '文件', effectiveDate: '2021-13-01' } });
      expect(
        field(await refused(t.http.post(`${BASE}/entries`).set(manager.auth).send(badDate), 400, 'VALIDATION_FAILED')),
      ).toContain('source.effectiveDate');
      const extra = entryAbout('校验', { status: 'published' });
      await refused(t.http.post(`${BASE}/entries`).set(manager.auth).send(extra), 400, 'VALIDATION_FAILED');
      await refused(
        t.http.post(`${BASE}/synonyms`).set(manager.auth).send({ term: '同', canonical: '同' }),
        400,
        'VALIDATION_FAILED',
      );
      const e = await create(entryAbout('空修改'));
      await refused(
        t.http.patch(`${BASE}/entries/${e.id}`).set(manager.auth).send({ revision: 1 }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers 404 for entries and questions that do not exist', async () => {
      await refused(t.http.get(`${BASE}/entries/999999`).set(manager.auth), 404, 'NOT_FOUND');
      await refused(act(999999, 'publish'), 404, 'NOT_FOUND');
      await refused(t.http.get(`${BASE}/entries/999999/history`).set(manager.auth), 404, 'NOT_FOUND');
      await refused(t.http.post(`${BASE}/unanswered/999999/convert`).set(manager.auth).send({}), 404, 'NOT_FOUND');
      await refused(t.http.post(`${BASE}/unanswered/999999/dismiss`).set(manager.auth), 404, 'NOT_FOUND');
    });
  });
});

// The MariaDB/MySQL runs empty every table but the migrations' list before each context, the seed included.
(usingMysql() ? describe.skip : describe)('the migration', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('loads the seed: published entries with their first history row, the synonyms, version 1', async () => {
    const manager = await loginStaff(t, ['district_staff']);
    const all = await call(
      t.http.get(`${BASE}/entries`).query({ status: 'published', limit: 100 }).set(manager.auth),
      200,
    );
    expect(all.body.items).toHaveLength(KNOWLEDGE_SEED_ENTRIES.length);
    const photo = all.body.items.find((e: { question: string }) => e.question === '优待证照片有什么要求？');
    expect(photo).toMatchObject({
      status: 'published',
      revision: 1,
      source: { article: null },
      tags: expect.arrayContaining(['待核实']),
    });
    const history = await call(t.http.get(`${BASE}/entries/${photo.id}/history`).set(manager.auth), 200);
    expect(history.body).toEqual([
      expect.objectContaining({ action: 'publish', from: null, to: 'published', by: 'system' }),
    ]);
    const synonyms = await call(t.http.get(`${BASE}/synonyms`).set(manager.auth), 200);
    expect(synonyms.body.items).toHaveLength(KNOWLEDGE_SEED_SYNONYMS.length);
    expect(await knowledgeOf(t).understand('照片要多大尺寸')).toMatchObject({
      intent: 'policy',
      knowledge: { id: photo.id },
    });
  });
});

describe('two instances on one database', () => {
  let t: TestContext;
  let otherDb: Database;
  let other: KnowledgeService;

  beforeAll(async () => {
    t = await createTestContext();
    // A second process's container: its own connections, its own index, the same database and clock.
    otherDb = await openDatabase(t.config.database, t.config.dbLimits);
    const container = await createContainer(t.config, { db: otherDb, clock: t.clock, logger: createLogger('error') });
    other = knowledgeOf({ container } as TestContext);
  });
  afterAll(async () => {
    await otherDb.close();
    await t.close();
  });

  it('sees a publication made on the first at its next version check, answering from its old index until then', async () => {
    const manager = await loginStaff(t, ['district_staff']);
    // A topic nothing answers yet (军人驿站 has answers of its own now).
    const question = '军休所活动室开放怎么办理';
    expect((await other.understand(question)).intent).toBe('unknown');

    const draft = await call(
      t.http.post(`${BASE}/entries`).set(manager.auth).send(entryAbout('军休所活动室开放')),
      201,
    );
    await call(t.http.post(`${BASE}/entries/${draft.body.id}/publish`).set(manager.auth).send({}), 200);
    expect((await knowledgeOf(t).understand(question)).knowledge?.id).toBe(draft.body.id);

    // Within the check interval the other instance does not even look.
    t.clock.advance(1000);
    expect((await other.understand(question)).intent).toBe('unknown');
    await other.indexSettled();
    expect((await other.understand(question)).intent).toBe('unknown');

    // Past it, the message that notices the new version is still answered from the old index…
    t.clock.advance(1500);
    expect((await other.understand(question)).intent).toBe('unknown');
    // …and once the rebuild is done, from the new one.
    await other.indexSettled();
    expect(await other.understand(question)).toMatchObject({ intent: 'policy', knowledge: { id: draft.body.id } });

    // Archiving travels the same way.
    await call(t.http.post(`${BASE}/entries/${draft.body.id}/archive`).set(manager.auth).send({}), 200);
    t.clock.advance(2500);
    await other.understand(question);
    await other.indexSettled();
    expect((await other.understand(question)).intent).toBe('unknown');
  });
});
