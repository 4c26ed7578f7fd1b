import { Card } from '../server/modules/cards/card.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { applicationBody, createBureau, readyHolder, review } from './helpers/cards';
import { unique } from './helpers/factories';

describe('优待证: from draft to card to QR code to loss and reissue', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('follows the whole path with a notice at every step', async () => {
    const bureau = await createBureau(t);
    const h = await readyHolder(t);

    // The holder checks eligibility, drafts and submits.
    const check = await t.http
      .post('/api/v1/card-applications/eligibility')
      .set(h.auth)
      .send({
        category: 'veteran',
        declarations: {
          expelled: false,
          deprivedOfPoliticalRights: false,
          servingSentence: false,
          wanted: false,
          priorCriminalPunishment: false,
        },
      })
      .expect(200);
    expect(check.body.verdict).toBe('eligible');

    const draft = await t.http
      .post('/api/v1/card-applications')
      .set(h.auth)
      .send(applicationBody(h, bureau.stationId))
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', kind: 'new', allowedActions: ['edit', 'submit', 'withdraw'] });
    const id = draft.body.id;
    const submitted = await t.http.post(`/api/v1/card-applications/${id}/submit`).set(h.auth).expect(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.allowedActions).toEqual(['withdraw']);

    // Station, then district.
    const queue = await t.http
      .get('/api/v1/staff/card-applications?status=submitted')
      .set(bureau.stationReviewer.auth)
      .expect(200);
    expect(queue.body.items.map((i: { id: number }) => i.id)).toContain(id);
    const st = await review(t, bureau.stationReviewer, id, 'approve').expect(200);
    expect(st.body.status).toBe('station_approved');
    const di = await review(t, bureau.districtReviewer, id, 'approve').expect(200);
    expect(di.body.status).toBe('approved');

    // Production, arrival, handing out.
    const batch = await t.http
      .post('/api/v1/staff/card-batches')
      .set(bureau.districtReviewer.auth)
      .send({ applicationIds: [id] })
      .expect(201);
    const csv = await t.http
      .get(`/api/v1/staff/card-batches/${batch.body.id}/export`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF申请编号')).toBe(true);
    expect(csv.text).toContain(h.idNumber);
    expect(
      await t.container.db.manager.countBy(AuditLog, { action: 'card_batch.export', targetId: String(batch.body.id) }),
    ).toBe(1);

    await t.http
      .post(`/api/v1/staff/card-batches/${batch.body.id}/card-ready`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    const cardNumber = unique('YDZ')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 20);
    const issued = await t.http
      .post(`/api/v1/staff/card-applications/${id}/issue`)
      .set(bureau.stationReviewer.auth)
      .send({ cardNumber })
      .expect(200);
    expect(issued.body.status).toBe('issued');

    // The holder's view: every transition in order, and a notice for each.
    const mine = await t.http.get(`/api/v1/card-applications/${id}`).set(h.auth).expect(200);
    expect(mine.body.history.map((e: { to: string }) => e.to)).toEqual([
      'draft',
      'submitted',
      'station_approved',
      'approved',
      'in_production',
      'card_ready',
      'issued',
    ]);
    expect(mine.body.history.map((e: { by: string }) => e.by)).toEqual([
      'holder',
      'holder',
      'station',
      'district',
      'district',
      'district',
      'station',
    ]);
    const notices = await t.container.db.manager.find(OutboxMessage, {
      where: { recipientAccountId: h.userId },
      order: { id: 'ASC' },
    });
    expect(notices.map((n) => n.title)).toEqual([
      '优待证申领：已提交',
      '优待证申领：初审通过',
      '优待证申领：审核通过',
      '优待证申领：制卡中',
      '优待证申领：待领取',
      '优待证申领：已发放',
    ]);

    // The electronic card and its QR token.
    const card = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(card.body).toMatchObject({ status: 'active', category: 'veteran' });
    expect(card.body.cardNumber.endsWith(cardNumber.slice(-4))).toBe(true);
    expect(card.body.cardNumber).not.toBe(cardNumber);
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    const spent = await t.container.db.transaction((em) => t.container.services.qrTokens.consume(em, qr.body.token));
    expect(spent.cardNumber).toBe(cardNumber);
    await expect(
      t.container.db.transaction((em) => t.container.services.qrTokens.consume(em, qr.body.token)),
    ).rejects.toMatchObject({ code: 'QR_USED' });

    // Lost: the card stops verifying at once, even with a token issued before.
    const before = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
    await expect(
      t.container.db.transaction((em) => t.container.services.qrTokens.consume(em, before.body.token)),
    ).rejects.toMatchObject({ code: 'CARD_INACTIVE' });
    expect((await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(409)).body.error.code).toBe(
      'CARD_INACTIVE',
    );

    // Reissue (补领) runs the same review and replaces the old card.
    const re = await t.http
      .post('/api/v1/card-applications')
      .set(h.auth)
      .send(applicationBody(h, bureau.stationId, { kind: 'reissue' }))
      .expect(201);
    await t.http.post(`/api/v1/card-applications/${re.body.id}/submit`).set(h.auth).expect(200);
    await review(t, bureau.stationReviewer, re.body.id, 'approve').expect(200);
    await review(t, bureau.districtReviewer, re.body.id, 'approve').expect(200);
    const b2 = await t.http
      .post('/api/v1/staff/card-batches')
      .set(bureau.districtReviewer.auth)
      .send({ applicationIds: [re.body.id] })
      .expect(201);
    await t.http
      .post(`/api/v1/staff/card-batches/${b2.body.id}/card-ready`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    const newNumber = `${cardNumber.slice(0, 18)}R2`;
    await t.http
      .post(`/api/v1/staff/card-applications/${re.body.id}/issue`)
      .set(bureau.districtReviewer.auth)
      .send({ cardNumber: newNumber, handover: 'pickup' })
      .expect(200);
    const cards = await t.container.db.manager.find(Card, { where: { cardNumber: cardNumber }, order: { id: 'ASC' } });
    expect(cards[0].status).toBe('replaced');
    expect(cards[0].currentPersonId).toBeNull();
    const now = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(now.body.status).toBe('active');
    expect(now.body.cardNumber.endsWith('R2'.padStart(4, newNumber.slice(-4, -2)))).toBe(true);
  });
});
