import type { Response } from 'supertest';
import { Card } from '../server/modules/cards/card.entity';
import { QrTokenUse } from '../server/modules/cards/qr-token-use.entity';
import { FileUse } from '../server/modules/files/file-use.entity';
import { RedemptionDailyCount } from '../server/modules/merchants/redemption-daily-count.entity';
import { Redemption } from '../server/modules/merchants/redemption.entity';
import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';
import { statementsDuring } from './helpers/statements';

/**
 * What one verification at the counter may send, on a clean card of an offer with a daily limit:
 * the write limit's count, the clerk's merchant with the offer, then in one transaction the card,
 * the token's jti, the day's counter, the redemption and the photo's use for the shop (an insert
 * the first time the card is shown anywhere, a read after). SQLite wraps the write limit's count
 * in a transaction of its own (two statements more).
 */
const BUDGET = {
  sqlite: { first: 12, later: 11 },
  mysql: { first: 10, later: 9 },
};

describe('verification at the counter: its statement budget and the guards it keeps', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const budget = () => BUDGET[t.container.db.kind];
  const jtiOf = (token: string) => token.split('.')[2];

  async function holderWithCard(): Promise<Awaited<ReturnType<typeof readyHolder>> & { cardId: number }> {
    const bureau = await createBureau(t);
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(
      t,
      bureau,
      id,
      unique('V')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20)
        .padEnd(8, '0'),
    );
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    return { ...h, cardId: t.container.services.qrTokens.verify(qr.body.token).cardId };
  }

  async function counter() {
    const shop = await approvedMerchant(t);
    const username = unique('clerk');
    const password = 'counter-password-1';
    const added = await t.http
      .post('/api/v1/merchant/clerks')
      .set(shop.owner.auth)
      .send({ username, password, displayName: '收银员' })
      .expect(201);
    const login = await t.http.post('/api/v1/auth/password-login').send({ username, password }).expect(200);
    const clerk = { Authorization: `Bearer ${login.body.accessToken}` };
    // The session check is cached per instance for a moment, as it is under a counter's steady use:
    // warm it, so the budget holds the verification itself.
    await t.http.get('/api/v1/merchant/me').set(clerk).expect(200);
    return { ...shop, clerkId: added.body.id as number, clerk };
  }

  const token = (cardId: number) => t.container.services.qrTokens.issue(cardId).token;
  const redeem = (auth: Record<string, string>, qrToken: string, offerId: number) =>
    t.http.post('/api/v1/merchant/redemptions').set(auth).send({ qrToken, offerId });
  const code = (res: Response) => ({ status: res.status, code: res.body?.error?.code });
  const dailyCount = async (offerId: number, personId: number) =>
    (await t.container.db.manager.findOneBy(RedemptionDailyCount, { offerId, personId }))?.count ?? 0;

  it('records a use in its budget, with the row, the spent token, the count and the photo for the shop', async () => {
    const shop = await counter();
    const offerId = await createOffer(t, shop.owner, { perPersonDailyLimit: 2 });
    const unlimited = await createOffer(t, shop.owner, { title: '免费停车' });
    const h = await holderWithCard();
    const card = await t.container.db.manager.findOneByOrFail(Card, { id: h.cardId });

    const first = token(h.cardId);
    let res: Response | undefined;
    const firstStatements = await statementsDuring(t.container.db, async () => {
      res = await redeem(shop.clerk, first, offerId);
    });
    expect(res?.status).toBe(201);
    expect(firstStatements.length).toBeLessThanOrEqual(budget().first);

    // The answer: the masked name and category to match the person, the photo and how long the shop may see it.
    const body = res?.body;
    expect(body).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      holder: { nameMasked: '陈**', category: 'veteran', photoFileId: h.photoFileId },
      offer: { id: offerId, title: '退役军人专享 8 折' },
      photoReadableUntil: expect.any(String),
    });
    expect(Date.parse(body.at)).toBe(t.clock.now().getTime());
    expect(Date.parse(body.photoReadableUntil) - t.clock.now().getTime()).toBe(10 * 60_000);

    // The state behind it.
    const row = await t.container.db.manager.findOneByOrFail(Redemption, { id: body.id });
    expect(row).toMatchObject({
      merchantId: shop.merchantId,
      offerId,
      cardId: h.cardId,
      personId: card.personId,
      clerkAccountId: shop.clerkId,
    });
    expect(await t.container.db.manager.existsBy(QrTokenUse, { jti: jtiOf(first), cardId: h.cardId })).toBe(true);
    expect(await dailyCount(offerId, card.personId)).toBe(1);
    expect(
      await t.container.db.manager.existsBy(FileUse, {
        fileId: h.photoFileId,
        ownerType: 'redeemed_card',
        ownerId: h.cardId,
      }),
    ).toBe(true);
    await t.http.get(`/api/v1/files/${h.photoFileId}`).set(shop.clerk).expect(200);

    // A replayed token is refused and counts nothing.
    expect(code(await redeem(shop.clerk, first, offerId))).toEqual({ status: 409, code: 'QR_USED' });
    expect(await dailyCount(offerId, card.personId)).toBe(1);

    // The second use of the day, on a card the shop has seen.
    const laterStatements = await statementsDuring(t.container.db, async () => {
      res = await redeem(shop.clerk, token(h.cardId), offerId);
    });
    expect(res?.status).toBe(201);
    expect(laterStatements.length).toBeLessThanOrEqual(budget().later);
    expect(await dailyCount(offerId, card.personId)).toBe(2);

    // The third is past the limit: refused, not counted, and its token not spent.
    const third = token(h.cardId);
    expect(code(await redeem(shop.clerk, third, offerId))).toEqual({ status: 409, code: 'LIMIT_REACHED' });
    expect(await dailyCount(offerId, card.personId)).toBe(2);
    expect(await t.container.db.manager.existsBy(QrTokenUse, { jti: jtiOf(third) })).toBe(false);
    expect(await t.container.db.manager.countBy(Redemption, { cardId: h.cardId })).toBe(2);
    await redeem(shop.clerk, third, unlimited).expect(201);

    // A card older than its holder_name column still answers with the holder's name.
    await t.container.db.transaction((em) => em.update(Card, { id: h.cardId }, { holderName: null }));
    const legacy = await redeem(shop.clerk, token(h.cardId), unlimited).expect(201);
    expect(legacy.body.holder).toMatchObject({ nameMasked: '陈**', category: 'veteran' });

    // A card reported lost stops at once; the refused token stays unspent.
    await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
    const lost = token(h.cardId);
    expect(code(await redeem(shop.clerk, lost, unlimited))).toEqual({ status: 409, code: 'CARD_INACTIVE' });
    expect(await t.container.db.manager.existsBy(QrTokenUse, { jti: jtiOf(lost) })).toBe(false);
  });

  it('holds the daily limit exactly when scans of one person arrive together', async () => {
    const shop = await counter();
    const offerId = await createOffer(t, shop.owner, { perPersonDailyLimit: 2 });
    const h = await holderWithCard();
    const card = await t.container.db.manager.findOneByOrFail(Card, { id: h.cardId });

    const tokens = Array.from({ length: 6 }, () => token(h.cardId));
    const answers = await Promise.all(tokens.map((q) => redeem(shop.clerk, q, offerId)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(2);
    expect(answers.filter((r) => r.status !== 201).map(code)).toEqual(
      Array(4).fill({ status: 409, code: 'LIMIT_REACHED' }),
    );
    expect(await dailyCount(offerId, card.personId)).toBe(2);
    expect(await t.container.db.manager.countBy(Redemption, { offerId })).toBe(2);
    const spent = await Promise.all(tokens.map((q) => t.container.db.manager.existsBy(QrTokenUse, { jti: jtiOf(q) })));
    expect(spent.filter(Boolean)).toHaveLength(2);
  });
});
