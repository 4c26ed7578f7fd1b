import type { Response } from 'supertest';
import { CardHistory1765400000000 } from '../migrations/1765400000000-card-history';
import { CardEvent } from '../server/modules/cards/card-event.entity';
import { Card } from '../server/modules/cards/card.entity';
import { applicationBody, createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique, type Session } from './helpers/factories';

/**
 * A card's own lifecycle (issue, report lost, replace by 补领 or 换领, revoke) writes its history
 * through the one transition helper: each move one row with who, from, to and why, shown to the
 * holder and to staff with the actions the table allows now; a move the table forbids is refused
 * and writes nothing.
 */

type Bureau = Awaited<ReturnType<typeof createBureau>>;
type Holder = Awaited<ReturnType<typeof readyHolder>>;

let t: TestContext;
let b: Bureau;

beforeAll(async () => {
  t = await createTestContext();
  b = await createBureau(t);
});
afterAll(() => t.close());

const newCardNumber = () =>
  unique('HIS')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 32);

/** The card's history rows as stored, oldest first. */
const rows = (cardId: number) => t.container.db.manager.find(CardEvent, { where: { cardId }, order: { id: 'ASC' } });
const cardByNumber = (cardNumber: string) => t.container.db.manager.findOneByOrFail(Card, { cardNumber });

const myCard = (h: Session) => t.http.get('/api/v1/me/card').set(h.auth);
const reportLost = (h: Session) => t.http.post('/api/v1/me/card/report-lost').set(h.auth);
const revoke = (s: Session, cardId: number, reason = '发现存在不予发放情形') =>
  t.http.post(`/api/v1/staff/cards/${cardId}/revoke`).set(s.auth).send({ reason });
const staffApplication = (s: Session, id: number) =>
  t.http.get(`/api/v1/staff/card-applications/${id}`).set(s.auth).expect(200);

function expectError(res: Response, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
}

/** A holder whose first card the station has issued. */
async function holderWithCard(): Promise<{ h: Holder; applicationId: number; card: Card }> {
  const h = await readyHolder(t);
  const applicationId = await submittedApplication(t, h, b.stationId);
  const cardNumber = newCardNumber();
  await issuedCard(t, b, applicationId, cardNumber);
  return { h, applicationId, card: await cardByNumber(cardNumber) };
}

/** A reissue or exchange application taken through review to its new card; returns the new card. */
async function replacement(h: Holder, kind: 'reissue' | 'exchange'): Promise<Card> {
  const draft = await t.http
    .post('/api/v1/card-applications')
    .set(h.auth)
    .send(applicationBody(h, b.stationId, { kind }))
    .expect(201);
  await t.http.post(`/api/v1/card-applications/${draft.body.id}/submit`).set(h.auth).expect(200);
  const cardNumber = newCardNumber();
  await issuedCard(t, b, draft.body.id, cardNumber);
  return cardByNumber(cardNumber);
}

describe('a card’s history', () => {
  it('starts with its issue, shown to the holder and to staff with the actions the table allows', async () => {
    const { h, applicationId, card } = await holderWithCard();
    expect(await rows(card.id)).toEqual([
      expect.objectContaining({
        action: 'issue',
        fromStatus: null,
        toStatus: 'active',
        actorAccountId: b.stationReviewer.userId,
        actorRole: 'station',
        reason: null,
      }),
    ]);

    const mine = (await myCard(h).expect(200)).body;
    expect(mine.history).toEqual([
      { action: 'issue', from: null, to: 'active', at: expect.stringMatching(/\+08:00$/), by: 'station', reason: null },
    ]);
    expect(mine.allowedActions).toEqual(['report_lost']);

    // Staff read the same history on the application's card; only the district may revoke.
    const district = (await staffApplication(b.districtReviewer, applicationId)).body.card;
    expect(district.history).toEqual(mine.history);
    expect(district.allowedActions).toEqual(['revoke']);
    expect((await staffApplication(b.stationReviewer, applicationId)).body.card.allowedActions).toEqual([]);
    const found = await t.http
      .get('/api/v1/staff/cards')
      .query({ number: card.cardNumber })
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(found.body.items[0]).toMatchObject({ id: card.id, history: mine.history, allowedActions: ['revoke'] });
  });

  it('report lost: one row by the holder; a second report is 409 INVALID_TRANSITION and writes nothing', async () => {
    const { h, card } = await holderWithCard();
    const lost = await reportLost(h).expect(200);
    expect(lost.body).toMatchObject({ status: 'reported_lost', allowedActions: [] });
    expect(lost.body.history.map((e: { action: string }) => e.action)).toEqual(['issue', 'report_lost']);
    expect(lost.body.history[1]).toMatchObject({ from: 'active', to: 'reported_lost', by: 'holder', reason: null });

    const history = await rows(card.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      action: 'report_lost',
      fromStatus: 'active',
      toStatus: 'reported_lost',
      actorAccountId: h.userId,
      actorRole: 'holder',
      reason: null,
    });

    expectError(await reportLost(h), 409, 'INVALID_TRANSITION');
    expect(await rows(card.id)).toHaveLength(2);
    expect((await cardByNumber(card.cardNumber)).status).toBe('reported_lost');
  });

  it('补领 replaces the lost card: one row by the issuing staff, with the reason; the new card starts anew', async () => {
    const { h, card } = await holderWithCard();
    await reportLost(h).expect(200);
    const next = await replacement(h, 'reissue');

    const history = await rows(card.id);
    expect(history.map((e) => e.action)).toEqual(['issue', 'report_lost', 'replace']);
    expect(history[2]).toMatchObject({
      fromStatus: 'reported_lost',
      toStatus: 'replaced',
      actorAccountId: b.stationReviewer.userId,
      actorRole: 'station',
      reason: '补领新证',
    });
    expect(await rows(next.id)).toEqual([expect.objectContaining({ action: 'issue', fromStatus: null })]);

    // The holder now sees the new card; the old one can no longer be revoked, and nothing is written.
    expect((await myCard(h).expect(200)).body).toMatchObject({ status: 'active', allowedActions: ['report_lost'] });
    expectError(await revoke(b.districtReviewer, card.id), 409, 'INVALID_TRANSITION');
    expect(await rows(card.id)).toHaveLength(3);
    expect((await cardByNumber(card.cardNumber)).status).toBe('replaced');
  });

  it('换领 replaces an active card: one row from active, with the reason', async () => {
    const { h, card } = await holderWithCard();
    await replacement(h, 'exchange');
    const history = await rows(card.id);
    expect(history.map((e) => e.action)).toEqual(['issue', 'replace']);
    expect(history[1]).toMatchObject({
      fromStatus: 'active',
      toStatus: 'replaced',
      actorAccountId: b.stationReviewer.userId,
      actorRole: 'station',
      reason: '换领新证',
    });
  });

  it('revoke: one row by the district with the reason; refused moves and callers write nothing', async () => {
    const { h, applicationId, card } = await holderWithCard();
    const reason = '发现存在不予发放情形';

    // The station may not revoke (403) and another district does not see the card (404).
    expectError(await revoke(b.stationReviewer, card.id), 403, 'FORBIDDEN');
    expectError(await revoke(b.otherDistrictReviewer, card.id), 404, 'NOT_FOUND');
    expect(await rows(card.id)).toHaveLength(1);

    await revoke(b.districtReviewer, card.id, reason).expect(200);
    const history = await rows(card.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      action: 'revoke',
      fromStatus: 'active',
      toStatus: 'revoked',
      actorAccountId: b.districtReviewer.userId,
      actorRole: 'district',
      reason,
    });

    // Revoked is final: neither a second revocation nor a loss report moves it, and no row is written.
    expectError(await revoke(b.districtReviewer, card.id), 409, 'INVALID_TRANSITION');
    expectError(await reportLost(h), 409, 'INVALID_TRANSITION');
    expect(await rows(card.id)).toHaveLength(2);

    const mine = (await myCard(h).expect(200)).body;
    expect(mine).toMatchObject({ status: 'revoked', allowedActions: [] });
    expect(mine.history[1]).toEqual({
      action: 'revoke',
      from: 'active',
      to: 'revoked',
      at: expect.any(String),
      by: 'district',
      reason,
    });
    const staffCard = (await staffApplication(b.districtReviewer, applicationId)).body.card;
    expect(staffCard).toMatchObject({ status: 'revoked', allowedActions: [], history: mine.history });
  });

  it('a card reported lost can still be revoked, from reported_lost', async () => {
    const { h, applicationId, card } = await holderWithCard();
    await reportLost(h).expect(200);
    expect((await staffApplication(b.districtReviewer, applicationId)).body.card.allowedActions).toEqual(['revoke']);
    await revoke(b.districtReviewer, card.id, '持证人已不符合条件').expect(200);
    expect((await rows(card.id)).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['issue', null, 'active'],
      ['report_lost', 'active', 'reported_lost'],
      ['revoke', 'reported_lost', 'revoked'],
    ]);
  });

  it('the migration gives cards issued before it the rows their columns tell: those the moves wrote', async () => {
    // Every kind of move is in the database by now (this file's earlier tests made them).
    const shape = (e: CardEvent) => ({
      cardId: e.cardId,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorAccountId: e.actorAccountId,
      actorRole: e.actorRole,
      reason: e.reason,
      createdAt: e.createdAt.toISOString(),
    });
    // Each card's rows in the order they were written: the backfill numbers them card by card.
    const all = () => t.container.db.manager.find(CardEvent, { order: { cardId: 'ASC', id: 'ASC' } });
    const written = (await all()).map(shape);
    expect(new Set(written.map((e) => e.action))).toEqual(new Set(['issue', 'report_lost', 'replace', 'revoke']));

    const runner = t.container.db.dataSource.createQueryRunner();
    try {
      const migration = new CardHistory1765400000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await all()).map(shape)).toEqual(written);
  });
});
