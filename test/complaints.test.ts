import type { Response } from 'supertest';
import { MerchantComplaint } from '../server/modules/merchants/merchant-complaint.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, unique, type Session } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';

/**
 * Complaints about merchants: filed by holders with a bound identity and an active card, at most
 * three a day (Asia/Shanghai); staff see which are backed by a visit; the decision, with its
 * reason, reaches the holder's timeline and the holder reads their complaints back.
 */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

describe('complaints about merchants', () => {
  let t: TestContext;
  let bureau: Awaited<ReturnType<typeof createBureau>> | undefined;

  beforeAll(async () => {
    t = await createTestContext();
    // 10:00 in Shanghai: the whole day lies ahead.
    t.clock.set('2026-11-23T02:00:00Z');
  });
  afterAll(() => t.close());

  /** A holder whose 优待证 is active. */
  async function holderWithCard(): Promise<Session> {
    bureau ??= await createBureau(t);
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      id,
      unique('CP')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 24)
        .padEnd(8, '0'),
    );
    return h;
  }

  const file = (h: Session, merchantId: number, text = '出示优待证后店员拒绝打折') =>
    t.http.post(`/api/v1/merchants/${merchantId}/complaints`).set(h.auth).send({ text });
  const mine = async (h: Session, query: Record<string, unknown> = {}) =>
    (await t.http.get('/api/v1/me/complaints').query(query).set(h.auth).expect(200)).body;

  it('needs a bound identity', async () => {
    const { merchantId } = await approvedMerchant(t);
    const h = await loginHolder(t);
    const res = await refused(file(h, merchantId), 409, 'IDENTITY_REQUIRED');
    expect(res.body.error.message).toMatch(/身份/);
    expect(await t.container.db.manager.countBy(MerchantComplaint, { accountId: h.userId })).toBe(0);
  });

  it('needs an active card: none yet, or one reported lost, is refused', async () => {
    const { merchantId } = await approvedMerchant(t);
    const noCard = await readyHolder(t);
    await refused(file(noCard, merchantId), 409, 'CARD_INACTIVE');

    const lost = await holderWithCard();
    await t.http.post('/api/v1/me/card/report-lost').set(lost.auth).expect(200);
    await refused(file(lost, merchantId), 409, 'CARD_INACTIVE');
    expect(await t.container.db.manager.countBy(MerchantComplaint, { merchantId })).toBe(0);
  });

  /** The same account with a fresh access token (after the clock moved past the old one's life). */
  async function renewed(s: Session): Promise<Session> {
    const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    return {
      ...s,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  }

  it('allows three a day per holder (Asia/Shanghai), and more the next day', async () => {
    const saved = t.clock.now();
    const { merchantId } = await approvedMerchant(t);
    const other = await approvedMerchant(t);
    const first = await holderWithCard();
    const second = await holderWithCard();
    try {
      // 23:30 in Shanghai.
      t.clock.set('2026-11-23T15:30:00Z');
      const h = await renewed(first);
      await file(h, merchantId, '第一次：拒绝打折').expect(201);
      await file(h, other.merchantId, '第二次：拒绝打折').expect(201);
      await file(h, merchantId, '第三次：拒绝打折').expect(201);
      const over = await refused(file(h, other.merchantId, '第四次：拒绝打折'), 409, 'LIMIT_REACHED');
      expect(over.body.error.message).toContain('3');
      // Someone else is not held to this holder's count.
      await file(await renewed(second), merchantId).expect(201);

      // 00:05 the next day in Shanghai (16:05 UTC, still the same UTC day).
      t.clock.set('2026-11-23T16:05:00Z');
      await file(await renewed(h), merchantId, '第二天：仍然拒绝打折').expect(201);
      expect(await t.container.db.manager.countBy(MerchantComplaint, { accountId: h.userId })).toBe(4);
    } finally {
      t.clock.set(saved);
    }
  });

  it('lets exactly three of five simultaneous complaints through', async () => {
    const { merchantId } = await approvedMerchant(t);
    const h = await holderWithCard();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => file(h, merchantId, `同时提交的投诉 ${n}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('LIMIT_REACHED');
    expect(await t.container.db.manager.countBy(MerchantComplaint, { accountId: h.userId })).toBe(3);
  });

  it('shows staff which complaints come from a holder who used a discount there', async () => {
    const visited = await approvedMerchant(t);
    const notVisited = await approvedMerchant(t);
    const offerId = await createOffer(t, visited.owner);
    const h = await holderWithCard();
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    await t.http
      .post('/api/v1/merchant/redemptions')
      .set(visited.owner.auth)
      .send({ qrToken: qr.body.token, offerId })
      .expect(201);

    const backed = (await file(h, visited.merchantId).expect(201)).body;
    const unbacked = (await file(h, notVisited.merchantId).expect(201)).body;
    const queue = await t.http
      .get('/api/v1/staff/complaints')
      .query({ limit: 100 })
      .set(visited.staff.auth)
      .expect(200);
    const byId = new Map(queue.body.items.map((c: { id: number; hasRedemption: boolean }) => [c.id, c.hasRedemption]));
    expect(byId.get(backed.id)).toBe(true);
    expect(byId.get(unbacked.id)).toBe(false);
  });

  it('tells the holder the outcome and its reason, and lets them read their complaints back', async () => {
    const { merchantId, staff } = await approvedMerchant(t, { name: '老兵面馆' });
    const second = await approvedMerchant(t, { name: '军嫂超市' });
    const h = await holderWithCard();
    const stranger = await holderWithCard();
    const a = (await file(h, merchantId, '出示优待证后店员拒绝打折').expect(201)).body;
    const b = (await file(h, second.merchantId, '优惠价格与门店公示不一致').expect(201)).body;
    const theirs = (await file(stranger, merchantId, '店员态度恶劣拒绝优待').expect(201)).body;

    const open = await mine(h);
    expect(open.items.map((c: { id: number }) => c.id)).toEqual([b.id, a.id]);
    expect(open.items[1]).toMatchObject({
      id: a.id,
      merchant: { id: merchantId, name: '老兵面馆' },
      text: '出示优待证后店员拒绝打折',
      status: 'open',
      statusText: '处理中',
      resolution: null,
      handledAt: null,
      history: [{ from: null, to: 'open', by: 'holder', reason: null, at: expect.any(String) }],
    });

    await t.http
      .post(`/api/v1/staff/complaints/${a.id}/resolve`)
      .set(staff.auth)
      .send({ outcome: 'upheld', resolution: '已约谈商户负责人并责令整改' })
      .expect(200);
    await t.http
      .post(`/api/v1/staff/complaints/${b.id}/resolve`)
      .set(staff.auth)
      .send({ outcome: 'dismissed', resolution: '经核实价格与公示一致' })
      .expect(200);
    // A decision is taken once: the second attempt changes nothing and tells nobody again.
    await refused(
      t.http
        .post(`/api/v1/staff/complaints/${a.id}/resolve`)
        .set(staff.auth)
        .send({ outcome: 'dismissed', resolution: '重复处理' }),
      409,
      'INVALID_TRANSITION',
    );

    const settled = await mine(h);
    const upheld = settled.items.find((c: { id: number }) => c.id === a.id);
    expect(upheld).toMatchObject({
      status: 'upheld',
      statusText: '投诉成立',
      resolution: '已约谈商户负责人并责令整改',
      handledAt: expect.any(String),
    });
    expect(upheld.history).toEqual([
      { from: null, to: 'open', by: 'holder', reason: null, at: expect.any(String) },
      { from: 'open', to: 'upheld', by: 'staff', reason: '已约谈商户负责人并责令整改', at: expect.any(String) },
    ]);
    expect(settled.items.find((c: { id: number }) => c.id === b.id)).toMatchObject({
      status: 'dismissed',
      resolution: '经核实价格与公示一致',
    });
    // Staff are never named to the holder: a step says only who acted, by role.
    for (const c of settled.items)
      for (const step of c.history) expect(Object.keys(step).sort()).toEqual(['at', 'by', 'from', 'reason', 'to']);

    const timeline = (await t.http.get('/api/v1/me/timeline').query({ limit: 100 }).set(h.auth).expect(200)).body
      .items as Array<{ title: string; body: string; page: string }>;
    const outcomes = timeline.filter((n) => n.title.startsWith('投诉处理结果'));
    expect(outcomes).toHaveLength(2);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: '投诉处理结果：投诉成立',
          body: expect.stringContaining('老兵面馆'),
          page: 'packages/merchants/pages/complaints/complaints',
        }),
        expect.objectContaining({
          title: '投诉处理结果：未予支持',
          body: expect.stringContaining('经核实价格与公示一致'),
        }),
      ]),
    );
    expect(outcomes.find((n) => n.title.endsWith('投诉成立'))!.body).toContain('已约谈商户负责人并责令整改');
    expect(
      await t.container.db.manager.countBy(OutboxMessage, { idempotencyKey: `merchant-complaint:${a.id}:upheld` }),
    ).toBe(1);
    expect(
      await t.container.db.manager.countBy(OutboxMessage, { idempotencyKey: `merchant-complaint:${a.id}:dismissed` }),
    ).toBe(0);

    // Another holder sees only their own, and nothing of the outcome notices.
    const strangers = await mine(stranger);
    expect(strangers.items.map((c: { id: number }) => c.id)).toEqual([theirs.id]);
    const strangerTimeline = (
      await t.http.get('/api/v1/me/timeline').query({ limit: 100 }).set(stranger.auth).expect(200)
    ).body.items;
    expect(JSON.stringify(strangerTimeline)).not.toContain('已约谈商户负责人');
    // Staff and merchants have no complaints of their own to read here.
    await refused(t.http.get('/api/v1/me/complaints').set(staff.auth), 403, 'FORBIDDEN');
    await refused(t.http.get('/api/v1/me/complaints'), 401, 'UNAUTHENTICATED');
  });

  it('pages through a holder’s complaints by cursor, newest first', async () => {
    const saved = t.clock.now();
    try {
      const h = await holderWithCard();
      const ids: number[] = [];
      for (let day = 0; day < 2; day++) {
        t.clock.set(new Date(Date.parse('2026-11-25T02:00:00Z') + day * 86_400_000));
        const again = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: h.refreshToken }).expect(200);
        h.refreshToken = again.body.refreshToken;
        h.auth = { Authorization: `Bearer ${again.body.accessToken}` };
        const { merchantId } = await approvedMerchant(t);
        for (let n = 0; n < 2; n++)
          ids.push((await file(h, merchantId, `第 ${day + 1} 天第 ${n + 1} 次投诉`).expect(201)).body.id);
      }
      const first = await mine(h, { limit: 3 });
      expect(first.items.map((c: { id: number }) => c.id)).toEqual([...ids].reverse().slice(0, 3));
      const rest = await mine(h, { limit: 3, cursor: first.nextCursor });
      expect(rest.items.map((c: { id: number }) => c.id)).toEqual([ids[0]]);
      expect(rest.nextCursor).toBeNull();
    } finally {
      t.clock.set(saved);
    }
  });

  it('answers an empty list to a holder who never complained', async () => {
    const h = await loginHolder(t);
    expect(await mine(h)).toEqual({ items: [], nextCursor: null });
  });
});
