import crypto from 'node:crypto';
import type { Response } from 'supertest';
import { CardApplication } from '../server/modules/cards/card-application.entity';
import { Card } from '../server/modules/cards/card.entity';
import {
  applicationBody,
  cleanDeclarations,
  createBureau,
  issuedCard,
  readyHolder,
  review,
  submittedApplication,
} from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, loginStaff, unique, type Session } from './helpers/factories';

/**
 * The holder's side of the 优待证, through the HTTP API: the self-check, the application and its
 * refusals, one open application per person, sending back and its deadline, withdrawing, someone
 * else's application, new / reissue / exchange, the electronic card and its single-use QR code.
 */

const DAY = 86_400_000;
const NEEDS_INFO_DAYS = 15;

type Holder = Awaited<ReturnType<typeof readyHolder>>;
type Bureau = Awaited<ReturnType<typeof createBureau>>;
interface TimelineItem {
  id: number;
  title: string;
  body: string;
  page: string | null;
}

let t: TestContext;
let bureau: Bureau;

beforeAll(async () => {
  t = await createTestContext();
  bureau = await createBureau(t);
});
afterAll(() => t.close());

/** A card number no other test uses: letters and digits only. */
const cardNumberFor = (prefix: string) =>
  unique(prefix)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 32);

const create = (h: Session & { photoFileId: number; documentFileId: number }, extra: Record<string, unknown> = {}) =>
  t.http
    .post('/api/v1/card-applications')
    .set(h.auth)
    .send(applicationBody(h, bureau.stationId, extra));
const getApp = (auth: Session['auth'], id: number) => t.http.get(`/api/v1/card-applications/${id}`).set(auth);
const patchApp = (auth: Session['auth'], id: number, patch: Record<string, unknown>) =>
  t.http.patch(`/api/v1/card-applications/${id}`).set(auth).send(patch);
const submitApp = (auth: Session['auth'], id: number) =>
  t.http.post(`/api/v1/card-applications/${id}/submit`).set(auth);
const withdrawApp = (auth: Session['auth'], id: number) =>
  t.http.post(`/api/v1/card-applications/${id}/withdraw`).set(auth);

async function timeline(auth: Session['auth']): Promise<TimelineItem[]> {
  return (await t.http.get('/api/v1/me/timeline?limit=100').set(auth).expect(200)).body.items;
}
const noticesOf = (items: TimelineItem[], applicationId: number) =>
  items.filter((n) => n.page === `packages/card/pages/application/application?id=${applicationId}`);

/** The applications recorded for a holder's account, whatever their status. */
const rowsOf = (h: Session) => t.container.db.manager.countBy(CardApplication, { applicantAccountId: h.userId });

function expectError(res: Response, status: number, code: string, field?: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (field) expect(res.body.error.message).toContain(field);
}

async function uploadPhoto(h: Session): Promise<number> {
  const res = await t.http
    .post('/api/v1/files')
    .set(h.auth)
    .field('purpose', 'card_photo')
    .attach('file', compliantPhoto(), { filename: 'photo.jpg', contentType: 'image/jpeg' })
    .expect(201);
  return res.body.id;
}

/** A holder whose application went all the way to an active card. */
async function holderWithCard(
  prefix = 'YDZ',
): Promise<{ h: Holder; applicationId: number; cardNumber: string; card: Card }> {
  const h = await readyHolder(t);
  const applicationId = await submittedApplication(t, h, bureau.stationId);
  const cardNumber = cardNumberFor(prefix);
  await issuedCard(t, bureau, applicationId, cardNumber);
  const card = await t.container.db.manager.findOneByOrFail(Card, { cardNumber });
  return { h, applicationId, cardNumber, card };
}

/** An application the station sent back to the holder with a reason. */
async function sentBack(h: Holder, reason: string): Promise<number> {
  const id = await submittedApplication(t, h, bureau.stationId);
  await review(t, bureau.stationReviewer, id, 'request_info', reason).expect(200);
  return id;
}

describe('eligibility self-check', () => {
  const exclusions: Array<[string, string]> = [
    ['expelled', '开除军籍'],
    ['deprivedOfPoliticalRights', '剥夺政治权利'],
    ['servingSentence', '服刑'],
    ['wanted', '通缉'],
  ];

  it.each(exclusions)('%s alone makes the holder ineligible, with the reason named', async (key, words) => {
    const h = await loginHolder(t);
    const res = await t.http
      .post('/api/v1/card-applications/eligibility')
      .set(h.auth)
      .send({ category: 'veteran', declarations: { ...cleanDeclarations, [key]: true } })
      .expect(200);
    expect(res.body.verdict).toBe('ineligible');
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(res.body.reasons.join('')).toContain(words);
  });

  it('a prior criminal punishment is reviewed case by case', async () => {
    const h = await loginHolder(t);
    const res = await t.http
      .post('/api/v1/card-applications/eligibility')
      .set(h.auth)
      .send({ category: 'veteran', declarations: { ...cleanDeclarations, priorCriminalPunishment: true } })
      .expect(200);
    expect(res.body.verdict).toBe('case_by_case');
    expect(res.body.reasons.length).toBeGreaterThan(0);
  });

  it('with nothing declared the holder is eligible', async () => {
    const h = await loginHolder(t);
    const res = await t.http
      .post('/api/v1/card-applications/eligibility')
      .set(h.auth)
      .send({ category: 'martyr_family', declarations: cleanDeclarations })
      .expect(200);
    expect(res.body.verdict).toBe('eligible');
    expect(res.body.next.length).toBeGreaterThan(0);
  });

  it.each(exclusions)(
    'an application declaring %s is refused with NOT_ELIGIBLE and nothing is recorded',
    async (key, words) => {
      const h = await readyHolder(t);
      const res = await create(h, { declarations: { ...cleanDeclarations, [key]: true } });
      expectError(res, 409, 'NOT_ELIGIBLE');
      expect(res.body.error.message).toContain(words);
      expect(await rowsOf(h)).toBe(0);
    },
  );

  it('an application declaring a prior criminal punishment is accepted, flagged for case-by-case review', async () => {
    const h = await readyHolder(t);
    const draft = await create(h, { declarations: { ...cleanDeclarations, priorCriminalPunishment: true } }).expect(
      201,
    );
    expect(draft.body.status).toBe('draft');
    await submitApp(h.auth, draft.body.id).expect(200);
    const staff = await t.http
      .get(`/api/v1/staff/card-applications/${draft.body.id}`)
      .set(bureau.stationReviewer.auth)
      .expect(200);
    expect(staff.body.caseByCase).toBe(true);
    expect(staff.body.declarations.priorCriminalPunishment).toBe(true);

    // An ordinary applicant is not flagged.
    const plain = await readyHolder(t);
    const plainId = await submittedApplication(t, plain, bureau.stationId);
    const plainView = await t.http
      .get(`/api/v1/staff/card-applications/${plainId}`)
      .set(bureau.stationReviewer.auth)
      .expect(200);
    expect(plainView.body.caseByCase).toBe(false);
  });
});

describe('creating an application: refusals', () => {
  it('without a bound identity: 409 IDENTITY_REQUIRED', async () => {
    const h = await loginHolder(t);
    const photoFileId = await uploadPhoto(h);
    const res = await t.http
      .post('/api/v1/card-applications')
      .set(h.auth)
      .send({
        ...applicationBody({ photoFileId, documentFileId: photoFileId }, bureau.stationId),
        documentFileIds: [],
      });
    expectError(res, 409, 'IDENTITY_REQUIRED');
    expect(await rowsOf(h)).toBe(0);
  });

  it('refuses each defect with 400 naming the field, and accepts the corrected application', async () => {
    const h = await readyHolder(t);
    const other = await readyHolder(t);

    // A category other than the one bound with the identity.
    expectError(await create(h, { category: 'martyr_family' }), 400, 'VALIDATION_FAILED', 'category');
    // Another holder's photo.
    expectError(await create(h, { photoFileId: other.photoFileId }), 400, 'VALIDATION_FAILED', 'photoFileId');
    // A document uploaded as a document, used as the photo.
    expectError(await create(h, { photoFileId: h.documentFileId }), 400, 'VALIDATION_FAILED', 'photoFileId');
    // Another holder's document among the materials.
    expectError(
      await create(h, { documentFileIds: [h.documentFileId, other.documentFileId] }),
      400,
      'VALIDATION_FAILED',
      'documentFileIds',
    );
    // Delivery by mail without an address.
    expectError(await create(h, { delivery: 'mail' }), 400, 'VALIDATION_FAILED', 'address');
    expectError(await create(h, { delivery: 'mail', address: '   ' }), 400, 'VALIDATION_FAILED', 'address');
    // A service station that does not exist.
    expectError(await create(h, { stationId: 987_654_321 }), 400, 'VALIDATION_FAILED', 'stationId');

    expect(await rowsOf(h)).toBe(0);
    const ok = await create(h, { delivery: 'mail', address: '北京市东城区和平里街道 9 号院 2 单元' }).expect(201);
    expect(ok.body).toMatchObject({
      status: 'draft',
      delivery: 'mail',
      address: '北京市东城区和平里街道 9 号院 2 单元',
    });
    expect(await rowsOf(h)).toBe(1);
  });

  it('without logging in: 401', async () => {
    const h = await readyHolder(t);
    const res = await t.http.post('/api/v1/card-applications').send(applicationBody(h, bureau.stationId));
    expectError(res, 401, 'UNAUTHENTICATED');
    expect(await rowsOf(h)).toBe(0);
  });

  it('from a staff account: 403', async () => {
    const staff = await loginStaff(t, ['station_staff'], { stationId: bureau.stationId });
    const photoFileId = await uploadPhoto(staff);
    const res = await t.http
      .post('/api/v1/card-applications')
      .set(staff.auth)
      .send({
        ...applicationBody({ photoFileId, documentFileId: photoFileId }, bureau.stationId),
        documentFileIds: [],
      });
    expectError(res, 403, 'FORBIDDEN');
    expect(await rowsOf(staff)).toBe(0);
  });
});

describe('one open application per person', () => {
  it('a second application while one is open: 409 APPLICATION_EXISTS', async () => {
    const h = await readyHolder(t);
    await create(h).expect(201);
    expectError(await create(h), 409, 'APPLICATION_EXISTS');
    expect(await rowsOf(h)).toBe(1);
  });

  it('two applications sent at the same moment: exactly one is created', async () => {
    const h = await readyHolder(t);
    const results = await Promise.all([create(h), create(h)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe('APPLICATION_EXISTS');
    expect(await rowsOf(h)).toBe(1);
    const mine = await t.http.get('/api/v1/card-applications/mine').set(h.auth).expect(200);
    expect(mine.body.items).toHaveLength(1);
  });

  it('after withdrawing, a new application is allowed', async () => {
    const h = await readyHolder(t);
    const first = await create(h).expect(201);
    await submitApp(h.auth, first.body.id).expect(200);
    expectError(await create(h), 409, 'APPLICATION_EXISTS');
    await withdrawApp(h.auth, first.body.id).expect(200);
    const second = await create(h).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.status).toBe('draft');
    expect(await rowsOf(h)).toBe(2);
  });
});

describe('submitting', () => {
  it('without any documents: 400 APPLICATION_INCOMPLETE and the application stays a draft', async () => {
    const h = await readyHolder(t);
    const draft = await create(h, { documentFileIds: [] }).expect(201);
    const res = await submitApp(h.auth, draft.body.id);
    expectError(res, 400, 'APPLICATION_INCOMPLETE');
    const now = await getApp(h.auth, draft.body.id).expect(200);
    expect(now.body.status).toBe('draft');
    expect(now.body.submittedAt).toBeNull();
    expect(now.body.history.map((e: { to: string }) => e.to)).toEqual(['draft']);

    // With a document added the same draft goes through.
    await patchApp(h.auth, draft.body.id, { documentFileIds: [h.documentFileId] }).expect(200);
    const submitted = await submitApp(h.auth, draft.body.id).expect(200);
    expect(submitted.body.status).toBe('submitted');
  });
});

describe('withdrawing', () => {
  it.each(['draft', 'submitted', 'station_approved'])(
    'from %s: withdrawn, with a history row and a notice',
    async (state) => {
      const h = await readyHolder(t);
      const id = (await create(h).expect(201)).body.id as number;
      if (state !== 'draft') await submitApp(h.auth, id).expect(200);
      if (state === 'station_approved') await review(t, bureau.stationReviewer, id, 'approve').expect(200);
      expect((await getApp(h.auth, id).expect(200)).body.status).toBe(state);

      const res = await withdrawApp(h.auth, id).expect(200);
      expect(res.body.status).toBe('withdrawn');
      expect(res.body.allowedActions).toEqual([]);
      expect(res.body.history.at(-1)).toMatchObject({ action: 'withdraw', from: state, to: 'withdrawn', by: 'holder' });

      const notices = noticesOf(await timeline(h.auth), id);
      expect(notices.map((n) => n.title)).toContain('优待证申领：已撤回');
    },
  );

  it('after the district approved it: 409 INVALID_TRANSITION', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    await review(t, bureau.stationReviewer, id, 'approve').expect(200);
    await review(t, bureau.districtReviewer, id, 'approve').expect(200);
    expectError(await withdrawApp(h.auth, id), 409, 'INVALID_TRANSITION');
    const now = await getApp(h.auth, id).expect(200);
    expect(now.body.status).toBe('approved');
    expect(now.body.allowedActions).toEqual([]);
  });

  it('a withdrawn application cannot be submitted', async () => {
    const h = await readyHolder(t);
    const id = (await create(h).expect(201)).body.id as number;
    await withdrawApp(h.auth, id).expect(200);
    expectError(await submitApp(h.auth, id), 409, 'INVALID_TRANSITION');
    expect((await getApp(h.auth, id).expect(200)).body.status).toBe('withdrawn');
  });

  // The status is checked before the documents: a closed application is a conflict, not an incomplete form.
  it('a withdrawn draft without documents cannot be submitted either: 409 INVALID_TRANSITION', async () => {
    const h = await readyHolder(t);
    const id = (await create(h, { documentFileIds: [] }).expect(201)).body.id as number;
    await withdrawApp(h.auth, id).expect(200);
    expectError(await submitApp(h.auth, id), 409, 'INVALID_TRANSITION');
  });
});

describe('sent back for more information', () => {
  it('the holder sees why and by when, edits, and resubmits', async () => {
    const h = await readyHolder(t);
    const reason = '户口簿本人页照片不清晰，请重新上传';
    const sentAt = t.clock.now().getTime();
    const id = await sentBack(h, reason);

    const got = await getApp(h.auth, id).expect(200);
    expect(got.body).toMatchObject({ status: 'needs_info', reason, allowedActions: ['edit', 'resubmit', 'withdraw'] });
    expect(got.body.needsInfoDeadline).toMatch(/\+08:00$/);
    const deadline = Date.parse(got.body.needsInfoDeadline);
    expect(Math.abs(deadline - (sentAt + NEEDS_INFO_DAYS * DAY))).toBeLessThan(60_000);

    const notices = noticesOf(await timeline(h.auth), id);
    const sentBackNotice = notices.find((n) => n.title === '优待证申领：待补充');
    expect(sentBackNotice).toBeDefined();
    expect(sentBackNotice!.body).toContain(reason);

    const address = '北京市西城区月坛南街 12 号 3 单元 401';
    const patched = await patchApp(h.auth, id, { delivery: 'mail', address }).expect(200);
    expect(patched.body).toMatchObject({ status: 'needs_info', delivery: 'mail', address });

    const resubmitted = await submitApp(h.auth, id).expect(200);
    expect(resubmitted.body.status).toBe('submitted');
    expect(resubmitted.body).toMatchObject({ delivery: 'mail', address });
    expect(resubmitted.body.history.at(-1)).toMatchObject({
      action: 'resubmit',
      from: 'needs_info',
      to: 'submitted',
      by: 'holder',
    });
    expect(resubmitted.body.history.map((e: { to: string }) => e.to)).toEqual([
      'draft',
      'submitted',
      'needs_info',
      'submitted',
    ]);
    expect(resubmitted.body.allowedActions).toEqual(['withdraw']);
  });

  it('once the deadline has passed the holder can only withdraw', async () => {
    const h = await readyHolder(t);
    const id = await sentBack(h, '请补充退伍证扫描件');
    t.clock.advance(16 * DAY);
    try {
      // The phone's session is renewed the usual way after a fortnight away.
      const renewed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: h.refreshToken }).expect(200);
      const auth = { Authorization: `Bearer ${renewed.body.accessToken}` };

      const got = await getApp(auth, id).expect(200);
      expect(got.body.status).toBe('needs_info');
      expect(got.body.allowedActions).toEqual(['withdraw']);

      expectError(
        await patchApp(auth, id, { delivery: 'mail', address: '北京市西城区月坛南街 12 号' }),
        409,
        'DEADLINE_PASSED',
      );
      expectError(await submitApp(auth, id), 409, 'DEADLINE_PASSED');

      const after = await getApp(auth, id).expect(200);
      expect(after.body).toMatchObject({ status: 'needs_info', delivery: 'pickup', address: null });
    } finally {
      t.clock.advance(-16 * DAY);
    }
  });
});

describe('editing', () => {
  it('a submitted application cannot be edited: 409 INVALID_TRANSITION', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, bureau.stationId);
    expectError(
      await patchApp(h.auth, id, { delivery: 'mail', address: '北京市东城区和平里街道 9 号院' }),
      409,
      'INVALID_TRANSITION',
    );
    const now = await getApp(h.auth, id).expect(200);
    expect(now.body).toMatchObject({ status: 'submitted', delivery: 'pickup', address: null });
  });
});

describe("another holder's application", () => {
  it('is not found for anyone but its holder', async () => {
    const owner = await readyHolder(t);
    const stranger = await readyHolder(t);
    const id = (await create(owner).expect(201)).body.id as number;

    expectError(await getApp(stranger.auth, id), 404, 'NOT_FOUND');
    expectError(
      await patchApp(stranger.auth, id, { delivery: 'mail', address: '北京市东城区和平里街道 9 号院' }),
      404,
      'NOT_FOUND',
    );
    expectError(await submitApp(stranger.auth, id), 404, 'NOT_FOUND');
    expectError(await withdrawApp(stranger.auth, id), 404, 'NOT_FOUND');

    // Untouched by any of that.
    const still = await getApp(owner.auth, id).expect(200);
    expect(still.body).toMatchObject({ status: 'draft', delivery: 'pickup', address: null });
    expect(still.body.history).toHaveLength(1);

    // Nor can the stranger read the owner's photo.
    expectError(await t.http.get(`/api/v1/files/${owner.photoFileId}`).set(stranger.auth), 404, 'NOT_FOUND');
    await t.http.get(`/api/v1/files/${owner.photoFileId}`).set(owner.auth).expect(200);

    // Each sees only their own applications.
    const strangersId = (await create(stranger).expect(201)).body.id as number;
    const ownerList = await t.http.get('/api/v1/card-applications/mine').set(owner.auth).expect(200);
    const strangerList = await t.http.get('/api/v1/card-applications/mine').set(stranger.auth).expect(200);
    expect(ownerList.body.items.map((a: { id: number }) => a.id)).toEqual([id]);
    expect(strangerList.body.items.map((a: { id: number }) => a.id)).toEqual([strangersId]);
  });
});

describe('new card, reissue and exchange', () => {
  it('with an active card: no second new card, no reissue before a loss report; exchange replaces it', async () => {
    const { h, cardNumber, card: oldCard } = await holderWithCard('EXA');

    expectError(await create(h, { kind: 'new' }), 409, 'CARD_EXISTS');
    expectError(await create(h, { kind: 'reissue' }), 409, 'CARD_NOT_LOST');
    expect(await rowsOf(h)).toBe(1);

    const exchange = await create(h, { kind: 'exchange' }).expect(201);
    expect(exchange.body).toMatchObject({ kind: 'exchange', status: 'draft' });
    await submitApp(h.auth, exchange.body.id).expect(200);
    const newNumber = `${cardNumber.slice(0, 26)}XC98`;
    await issuedCard(t, bureau, exchange.body.id, newNumber);

    const old = await t.container.db.manager.findOneByOrFail(Card, { id: oldCard.id });
    expect(old.status).toBe('replaced');
    const current = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(current.body.status).toBe('active');
    expect(current.body.cardNumber.endsWith('XC98')).toBe(true);
    expect(current.body.cardNumber.endsWith(cardNumber.slice(-4))).toBe(false);
  });

  it('after reporting the card lost an exchange is refused with CARD_INACTIVE, and a reissue is allowed', async () => {
    const { h } = await holderWithCard('LST');
    await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
    expectError(await create(h, { kind: 'exchange' }), 409, 'CARD_INACTIVE');
    const reissue = await create(h, { kind: 'reissue' }).expect(201);
    expect(reissue.body.kind).toBe('reissue');
  });
});

describe('the electronic card', () => {
  it('there is none before a card is issued', async () => {
    const bare = await loginHolder(t);
    expectError(await t.http.get('/api/v1/me/card').set(bare.auth), 404, 'NOT_FOUND');
    expectError(await t.http.post('/api/v1/me/card/qr-token').set(bare.auth), 404, 'NOT_FOUND');

    const applying = await readyHolder(t);
    await submittedApplication(t, applying, bureau.stationId);
    expectError(await t.http.get('/api/v1/me/card').set(applying.auth), 404, 'NOT_FOUND');
    expectError(await t.http.post('/api/v1/me/card/qr-token').set(applying.auth), 404, 'NOT_FOUND');
  });

  it('is reported lost once; the full card number never appears in a response', async () => {
    const { h, applicationId, cardNumber } = await holderWithCard('MSK');
    const bodies: unknown[] = [];

    const shown = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(shown.body.status).toBe('active');
    expect(shown.body.cardNumber.endsWith(cardNumber.slice(-4))).toBe(true);
    bodies.push(shown.body);
    bodies.push((await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200)).body);
    bodies.push((await getApp(h.auth, applicationId).expect(200)).body);
    bodies.push((await t.http.get('/api/v1/card-applications/mine').set(h.auth).expect(200)).body);

    const lost = await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
    expect(lost.body.status).toBe('reported_lost');
    bodies.push(lost.body);
    const again = await t.http.post('/api/v1/me/card/report-lost').set(h.auth);
    expectError(again, 409, 'INVALID_TRANSITION');
    bodies.push(again.body);
    bodies.push((await t.http.get('/api/v1/me/card').set(h.auth).expect(200)).body);
    bodies.push(await timeline(h.auth));

    for (const body of bodies) expect(JSON.stringify(body)).not.toContain(cardNumber);
  });
});

describe('QR tokens', () => {
  const qrTokens = () => t.container.services.qrTokens;
  const consume = (token: string) => t.container.db.transaction((em) => qrTokens().consume(em, token));
  const qrToken = async (h: Session) =>
    (await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200)).body as {
      token: string;
      expiresAt: string;
    };
  const invalid = { code: 'QR_INVALID', status: 400 };

  it('the token lives about a minute and its expiry is shown in Beijing time', async () => {
    const { h } = await holderWithCard('TTL');
    const { token, expiresAt } = await qrToken(h);
    expect(token.length).toBeGreaterThan(0);
    expect(expiresAt).toMatch(/\+08:00$/);
    const ahead = Date.parse(expiresAt) - t.clock.now().getTime();
    expect(ahead).toBeGreaterThan(55_000);
    expect(ahead).toBeLessThanOrEqual(60_000);
  });

  it('a forged, altered, cut or made-up token is invalid', async () => {
    const { h, card } = await holderWithCard('FRG');
    const { card: othersCard } = await holderWithCard('OTH');
    const { token } = await qrToken(h);
    const [version, cardPart, jti, exp, signature] = token.split('.');
    expect(version).toBe('q1');

    const otherSignature = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(consume([version, cardPart, jti, exp, otherSignature].join('.'))).rejects.toMatchObject(invalid);
    // Pointing the token at someone else's active card.
    await expect(consume([version, othersCard.id.toString(36), jti, exp, signature].join('.'))).rejects.toMatchObject(
      invalid,
    );
    await expect(consume(token.slice(0, -4))).rejects.toMatchObject(invalid);
    await expect(consume([version, cardPart, jti, exp].join('.'))).rejects.toMatchObject(invalid);
    await expect(consume(crypto.randomBytes(24).toString('base64url'))).rejects.toMatchObject(invalid);
    await expect(consume('q1.abc.def.ghi.jkl')).rejects.toMatchObject(invalid);

    // The genuine token was not spent by any of that.
    const verified = await consume(token);
    expect(verified.id).toBe(card.id);
  });

  it('an expired token is invalid', async () => {
    const { h, card } = await holderWithCard('EXP');
    const { token } = await qrToken(h);
    t.clock.advance(61_000);
    try {
      await expect(consume(token)).rejects.toMatchObject(invalid);
    } finally {
      t.clock.advance(-61_000);
    }
    // Within its minute the same token is good.
    expect((await consume(token)).id).toBe(card.id);
  });

  it('a token can be used once', async () => {
    const { h, card } = await holderWithCard('USE');
    const { token } = await qrToken(h);
    expect((await consume(token)).id).toBe(card.id);
    await expect(consume(token)).rejects.toMatchObject({ code: 'QR_USED', status: 409 });
  });

  it('a token is not spent when the verification it was shown for is not recorded', async () => {
    const { h, card } = await holderWithCard('RBK');
    const { token } = await qrToken(h);
    await expect(
      t.container.db.transaction(async (em) => {
        await qrTokens().consume(em, token);
        throw new Error('收银记录未能保存');
      }),
    ).rejects.toThrow('收银记录未能保存');

    expect((await consume(token)).id).toBe(card.id);
    await expect(consume(token)).rejects.toMatchObject({ code: 'QR_USED', status: 409 });
  });
});
