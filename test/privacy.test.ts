import { CONSENT_TEXT, CONSENT_VERSION } from '../server/modules/people/consent.text';
import { bookingBody, openSlots, providerWithSlots } from './helpers/legal-aid';
import { createBureau, issuedCard, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff, unique, type Session } from './helpers/factories';
import { licenceCheckChar } from '../server/modules/merchants/licence-number';
import { createOffer } from './helpers/merchants';

const identity = (id = idNumber('19700101')) => ({
  name: '李卫东',
  idNumber: id,
  phone: '13800001111',
  category: 'veteran',
});

let shops = 0;

/** A shop applied for by a WeChat user (a holder first) and approved; the owner signed in again with the new role. */
async function approvedMerchant(t: TestContext): Promise<{ owner: Session; merchantId: number }> {
  const applicant = await loginHolder(t, unique('shop'));
  const first17 = `91310000${String(Date.now() % 1e5).padStart(5, '0')}${String(++shops).padStart(4, '0')}`;
  const res = await t.http
    .post('/api/v1/merchant-applications')
    .set(applicant.auth)
    .send({
      name: `拥军商户${unique('').slice(-6)}`,
      licenseNo: first17 + licenceCheckChar(first17),
      categoryId: 2,
      address: '上海市黄浦区人民大道 100 号',
      lat: 31.2304,
      lng: 121.4737,
      contactPhone: '021-63210000',
    })
    .expect(201);
  const staff = await loginStaff(t, ['district_staff']);
  await t.http
    .post(`/api/v1/staff/merchant-applications/${res.body.id}/review`)
    .set(staff.auth)
    .send({ decision: 'approve' })
    .expect(200);
  const refreshed = await t.http
    .post('/api/v1/auth/refresh')
    .send({ refreshToken: applicant.refreshToken })
    .expect(200);
  const auth = { Authorization: `Bearer ${refreshed.body.accessToken}` };
  return {
    owner: {
      accessToken: refreshed.body.accessToken,
      refreshToken: refreshed.body.refreshToken,
      userId: applicant.userId,
      auth,
    },
    merchantId: res.body.id,
  };
}

describe('privacy: consent, what is stored, deleting the account', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) => t.container.db.manager.query(sql, params) as Promise<any[]>;

  describe('consent', () => {
    it('shows the current text; nothing agreed yet for a new holder', async () => {
      const s = await loginHolder(t, undefined, { consent: false });
      const res = await t.http.get('/api/v1/me/consent').set(s.auth).expect(200);
      expect(res.body).toEqual({
        currentVersion: CONSENT_VERSION,
        agreedVersion: null,
        agreedAt: null,
        text: CONSENT_TEXT,
      });
      expect(res.body.text.items.map((i: { key: string }) => i.key)).toEqual(
        expect.arrayContaining(['identity', 'veteran_status', 'photos', 'documents']),
      );
    });

    it('binding an identity without consent is 403 CONSENT_REQUIRED, and nothing is stored', async () => {
      const s = await loginHolder(t, undefined, { consent: false });
      const res = await t.http.put('/api/v1/me/identity').set(s.auth).send(identity()).expect(403);
      expect(res.body.error.code).toBe('CONSENT_REQUIRED');
      expect(await rows('SELECT id FROM person WHERE account_id = ?', [s.userId])).toHaveLength(0);
    });

    it('records each agreement as its own row (201), then binding works', async () => {
      const s = await loginHolder(t, undefined, { consent: false });
      const first = await t.http.post('/api/v1/me/consent').set(s.auth).send({ version: CONSENT_VERSION }).expect(201);
      expect(first.body).toEqual({
        version: CONSENT_VERSION,
        action: 'agree',
        items: CONSENT_TEXT.items.map((i) => i.key),
        at: expect.stringMatching(/\+08:00$/),
      });
      t.clock.advance(60_000);
      await t.http.post('/api/v1/me/consent').set(s.auth).send({ version: CONSENT_VERSION }).expect(201);
      const history = await rows('SELECT version, action FROM consent_record WHERE account_id = ? ORDER BY id', [
        s.userId,
      ]);
      expect(history).toEqual([
        { version: CONSENT_VERSION, action: 'agree' },
        { version: CONSENT_VERSION, action: 'agree' },
      ]);
      const status = await t.http.get('/api/v1/me/consent').set(s.auth).expect(200);
      expect(status.body.agreedVersion).toBe(CONSENT_VERSION);
      expect(status.body.agreedAt).toMatch(/\+08:00$/);
      await t.http.put('/api/v1/me/identity').set(s.auth).send(identity()).expect(200);
    });

    it('a stale version is 409 CONSENT_VERSION_STALE and records nothing', async () => {
      const s = await loginHolder(t, undefined, { consent: false });
      const res = await t.http.post('/api/v1/me/consent').set(s.auth).send({ version: '2020-01' }).expect(409);
      expect(res.body.error.code).toBe('CONSENT_VERSION_STALE');
      expect(await rows('SELECT id FROM consent_record WHERE account_id = ?', [s.userId])).toHaveLength(0);
    });

    it('an agreement to an older version does not count as consent', async () => {
      const s = await loginHolder(t, undefined, { consent: false });
      await t.container.db.transaction((em) =>
        em.query(
          "INSERT INTO consent_record (account_id, version, action, items, created_at) VALUES (?, '2020-01', 'agree', '[]', ?)",
          [s.userId, em.connection.driver.preparePersistentValue(t.clock.now(), { type: 'datetime' } as never)],
        ),
      );
      const status = await t.http.get('/api/v1/me/consent').set(s.auth).expect(200);
      expect(status.body.agreedVersion).toBe('2020-01');
      const res = await t.http.put('/api/v1/me/identity').set(s.auth).send(identity()).expect(403);
      expect(res.body.error.code).toBe('CONSENT_REQUIRED');
    });

    it('is for holders only', async () => {
      const res = await t.http.get('/api/v1/me/consent').expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('what is stored and deleting the account', () => {
    let bureau: Awaited<ReturnType<typeof createBureau>>;
    beforeAll(async () => {
      bureau = await createBureau(t);
    });

    /** A holder with an issued card, a used offer, a complaint, a past appointment, chat and notices. */
    async function busyHolder() {
      const h = await readyHolder(t);
      const appId = await submittedApplication(t, h, bureau.stationId, {
        delivery: 'mail',
        address: '人民路 1 号 302 室',
      });
      await issuedCard(t, bureau, appId, `NO${Date.now() % 1_000_000_000}`);
      const { owner, merchantId } = await approvedMerchant(t);
      const offerId = await createOffer(t, owner);
      const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
      await t.http
        .post('/api/v1/merchant/redemptions')
        .set(owner.auth)
        .send({ qrToken: qr.body.token, offerId })
        .expect(201);
      await t.http
        .post(`/api/v1/merchants/${merchantId}/complaints`)
        .set(h.auth)
        .send({ text: '店员说优待证不能用，我叫陈卫国' })
        .expect(201);
      await t.http.post('/api/v1/chat/messages').set(h.auth).send({ text: '我叫陈卫国，电话13911112222' }).expect(201);
      await t.http
        .post('/api/v1/me/subscriptions')
        .set(h.auth)
        .send({ results: { service_notice: 'accept' } })
        .expect(200);
      const { providerId, lawyer } = await providerWithSlots(t);
      const [slot] = await openSlots(t, providerId, 30);
      const booked = await t.http
        .post('/api/v1/legal-aid/appointments')
        .set(h.auth)
        .send(bookingBody(slot.id, { summary: '我叫陈卫国，工伤赔偿' }))
        .expect(201);
      return { h, appId, booked: booked.body.id as number, lawyer, merchantId };
    }

    it('GET /me/data summarises what is held, numbers masked, files by purpose and size', async () => {
      const { h } = await busyHolder();
      const res = await t.http.get('/api/v1/me/data').set(h.auth).expect(200);
      const d = res.body;
      expect(d.account.id).toBe(h.userId);
      expect(d.identity).toMatchObject({ name: '陈卫国', phoneMasked: '*******2222', verified: true });
      expect(d.identity.idNumberMasked).toMatch(/^\*{14}\w{4}$/);
      expect(JSON.stringify(d)).not.toContain(h.idNumber);
      expect(JSON.stringify(d)).not.toContain('13911112222');
      expect(d.consents).toEqual([expect.objectContaining({ version: CONSENT_VERSION, action: 'agree' })]);
      expect(d.applications).toEqual([expect.objectContaining({ status: 'issued', hasAddress: true })]);
      expect(d.cards).toEqual([expect.objectContaining({ status: 'active' })]);
      expect(d.redemptions.total).toBe(1);
      expect(d.redemptions.latest[0].offerTitle).toBe('退役军人专享 8 折');
      expect(d.complaints).toHaveLength(1);
      expect(d.appointments).toEqual([expect.objectContaining({ status: 'booked' })]);
      expect(d.conversations).toEqual({ count: 1, messagesWritten: 1 });
      expect(d.files.map((f: { purpose: string }) => f.purpose).sort()).toEqual(['card_photo', 'document']);
      expect(d.files[0].size).toBeGreaterThan(0);
      expect(d.notices.total).toBeGreaterThan(0);
      expect(d.notices.subscriptions).toBe(1);
    });

    it('GET /me/deletion explains removes and keeps, and lists what blocks; POST is refused while blocked', async () => {
      const { h, booked } = await busyHolder();
      const plan = await t.http.get('/api/v1/me/deletion').set(h.auth).expect(200);
      expect(plan.body.removes.length).toBeGreaterThan(3);
      for (const k of plan.body.keeps)
        expect(k).toEqual({ what: expect.any(String), why: expect.any(String), until: expect.any(String) });
      expect(plan.body.blockers).toEqual([expect.objectContaining({ what: expect.stringContaining('预约') })]);

      const refused = await t.http.post('/api/v1/me/deletion').set(h.auth).send({ confirm: true }).expect(409);
      expect(refused.body.error.code).toBe('DELETION_BLOCKED');
      expect(refused.body.error.message).toContain('取消');
      await t.http.get('/api/v1/me').set(h.auth).expect(200);

      await t.http.post(`/api/v1/legal-aid/appointments/${booked}/cancel`).set(h.auth).expect(200);
      expect((await t.http.get('/api/v1/me/deletion').set(h.auth).expect(200)).body.blockers).toEqual([]);
    });

    it('an open card application blocks deletion', async () => {
      const h = await readyHolder(t);
      await submittedApplication(t, h, bureau.stationId);
      const res = await t.http.post('/api/v1/me/deletion').set(h.auth).send({ confirm: true }).expect(409);
      expect(res.body.error.code).toBe('DELETION_BLOCKED');
      expect(res.body.error.details[0].message).toContain('撤回');
    });

    it('a change request to a verified identity needs the current consent too', async () => {
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, bureau.stationId);
      await review(t, bureau.stationReviewer, id, 'approve').expect(200);
      // The text changed since the holder agreed: their standing is an older version.
      await t.container.db.transaction((em) =>
        em.query(
          "INSERT INTO consent_record (account_id, version, action, items, created_at) VALUES (?, '2020-01', 'agree', '[]', ?)",
          [h.userId, em.connection.driver.preparePersistentValue(t.clock.now(), { type: 'datetime' } as never)],
        ),
      );
      const body = { name: '陈卫民', reason: '已在派出所办理更名' };
      const refused = await t.http.post('/api/v1/me/identity-change-requests').set(h.auth).send(body).expect(403);
      expect(refused.body.error.code).toBe('CONSENT_REQUIRED');
      await t.http.post('/api/v1/me/consent').set(h.auth).send({ version: CONSENT_VERSION }).expect(201);
      await t.http.post('/api/v1/me/identity-change-requests').set(h.auth).send(body).expect(201);
    });

    it('needs confirm: true', async () => {
      const s = await loginHolder(t);
      const res = await t.http.post('/api/v1/me/deletion').set(s.auth).send({ confirm: false }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      await t.http.get('/api/v1/me').set(s.auth).expect(200);
    });

    it('a work account is not deleted here', async () => {
      const { owner } = await approvedMerchant(t);
      const res = await t.http.post('/api/v1/me/deletion').set(owner.auth).send({ confirm: true }).expect(409);
      expect(res.body.error.code).toBe('DELETION_BLOCKED');
    });

    it('deletes: sessions end, a new login is a new account, nothing identifying remains; records stay detached', async () => {
      const { h, booked, lawyer } = await busyHolder();
      await t.http.post(`/api/v1/legal-aid/appointments/${booked}/cancel`).set(h.auth).expect(200);
      const before = (await t.http.get('/api/v1/me/data').set(h.auth).expect(200)).body;
      const [person] = await rows('SELECT id FROM person WHERE account_id = ?', [h.userId]);
      const files = await rows('SELECT id, storage_key FROM stored_file WHERE owner_account_id = ?', [h.userId]);
      expect(files.length).toBe(2);
      const [{ openid }] = await rows('SELECT openid FROM account WHERE id = ?', [h.userId]);

      const res = await t.http.post('/api/v1/me/deletion').set(h.auth).send({ confirm: true }).expect(200);
      expect(res.body.deletedAt).toMatch(/\+08:00$/);

      // Every session is over.
      expect((await t.http.get('/api/v1/me').set(h.auth).expect(401)).body.error.code).toBeDefined();
      await t.http.get('/api/v1/me/data').set(h.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: h.refreshToken }).expect(401);

      // The person: nothing that names them, detached from the account.
      const [p] = await rows('SELECT * FROM person WHERE id = ?', [person.id]);
      expect(p.account_id).toBeNull();
      expect(p.name).toBe('已注销');
      expect(p.id_number_cipher).toBe('');
      expect(p.phone_cipher).toBe('');
      expect(p.phone_last4).toBe('');
      expect(p.id_number_hash).toBe(`erased:${person.id}`);
      expect(p.phone_hash).toBe(`erased:${person.id}`);
      const blind = t.container.fieldCrypto.blindIndex(h.idNumber, 'person.id_number');
      expect(await rows('SELECT id FROM person WHERE id_number_hash = ?', [blind])).toHaveLength(0);

      // The account: no WeChat link, no name, disabled.
      const [a] = await rows('SELECT openid, unionid, display_name, disabled FROM account WHERE id = ?', [h.userId]);
      expect(a).toMatchObject({ openid: null, unionid: null, display_name: '已注销用户' });
      expect(Boolean(Number(a.disabled))).toBe(true);
      expect(await rows('SELECT id FROM refresh_token WHERE account_id = ?', [h.userId])).toHaveLength(0);

      // What they wrote or sent is gone.
      const texts = await rows(
        'SELECT m.text FROM chat_message m JOIN chat_conversation c ON c.id = m.conversation_id WHERE c.account_id = ?',
        [h.userId],
      );
      expect(texts.length).toBeGreaterThan(0);
      for (const m of texts) expect(m.text).toBe('');
      const [appt] = await rows('SELECT summary, private_notes, status FROM legal_appointment WHERE id = ?', [booked]);
      expect(appt).toMatchObject({ summary: '', private_notes: null, status: 'cancelled' });
      const complaints = await rows('SELECT text FROM merchant_complaint WHERE account_id = ?', [h.userId]);
      expect(complaints).toEqual([{ text: '' }]);
      const [app] = await rows('SELECT address, snapshot_name FROM card_application WHERE applicant_account_id = ?', [
        h.userId,
      ]);
      expect(app.address).toBeNull();
      expect(await rows('SELECT id FROM outbox_message WHERE recipient_account_id = ?', [h.userId])).toHaveLength(0);
      expect(await rows('SELECT id FROM subscription_grant WHERE account_id = ?', [h.userId])).toHaveLength(0);

      // Uploads: unreadable, bytes gone from storage.
      for (const f of files) {
        const [row] = await rows('SELECT storage_key, sha256 FROM stored_file WHERE id = ?', [f.id]);
        expect(row).toEqual({ storage_key: `erased/${f.id}`, sha256: '' });
        await expect(t.container.ports.storage.read(String(f.storage_key))).rejects.toThrow();
        expect(await rows('SELECT id FROM file_use WHERE file_id = ?', [f.id])).toHaveLength(0);
      }

      // Kept for the record: the card and the redemption, the audit entry, consent then its withdrawal.
      const cards = await rows('SELECT card_number, status FROM card WHERE person_id = ?', [person.id]);
      expect(cards).toEqual([{ card_number: before.cards[0].cardNumber, status: 'active' }]);
      expect(app.snapshot_name).toBe('陈卫国');
      expect(await rows('SELECT id FROM redemption WHERE person_id = ?', [person.id])).toHaveLength(1);
      expect(
        await rows("SELECT id FROM audit_log WHERE action = 'account.delete' AND actor_account_id = ?", [h.userId]),
      ).toHaveLength(1);
      const consent = await rows('SELECT action FROM consent_record WHERE account_id = ? ORDER BY id', [h.userId]);
      expect(consent.map((c) => c.action)).toEqual(['agree', 'withdraw']);

      // Nothing in the rows that were cleared still holds the name or phone number.
      const cleared = [
        await rows('SELECT * FROM person WHERE id = ?', [person.id]),
        await rows('SELECT * FROM account WHERE id = ?', [h.userId]),
        await rows('SELECT * FROM merchant_complaint WHERE account_id = ?', [h.userId]),
        await rows('SELECT * FROM legal_appointment WHERE account_id = ?', [h.userId]),
        await rows('SELECT * FROM identity_change_request WHERE account_id = ?', [h.userId]),
        await rows(
          'SELECT m.* FROM chat_message m JOIN chat_conversation c ON c.id = m.conversation_id WHERE c.account_id = ?',
          [h.userId],
        ),
      ];
      for (const table of cleared) {
        const all = JSON.stringify(table);
        expect(all).not.toContain('13911112222');
        expect(all).not.toContain('陈卫国');
        expect(all).not.toContain(h.idNumber);
      }

      // The lawyer's list no longer names them.
      const mine = await t.http.get('/api/v1/provider/appointments').set(lawyer.auth).expect(200);
      expect(JSON.stringify(mine.body)).not.toContain('陈卫国');
      expect(JSON.stringify(mine.body)).not.toContain('13911112222');

      // The same WeChat user logging in again starts a fresh account with nothing in it.
      const again = await t.http.post('/api/v1/auth/wechat-login').send({ code: openid }).expect(200);
      expect(again.body.user.id).not.toBe(h.userId);
      const fresh = await t.http
        .get('/api/v1/me/data')
        .set({ Authorization: `Bearer ${again.body.accessToken}` })
        .expect(200);
      expect(fresh.body).toMatchObject({ identity: null, applications: [], cards: [], files: [], consents: [] });

      // The ID number is free again: the fresh account can bind it once it consents.
      const s2: Session = {
        accessToken: again.body.accessToken,
        refreshToken: again.body.refreshToken,
        userId: again.body.user.id,
        auth: { Authorization: `Bearer ${again.body.accessToken}` },
      };
      await t.http.post('/api/v1/me/consent').set(s2.auth).send({ version: CONSENT_VERSION }).expect(201);
      await t.http.put('/api/v1/me/identity').set(s2.auth).send(identity(h.idNumber)).expect(200);

      // Staff can still open the application, which shows what they reviewed.
      const staffView = await t.http
        .get(`/api/v1/staff/card-applications/${before.applications[0].id}`)
        .set(bureau.stationReviewer.auth);
      expect(staffView.status).toBe(200);
      expect(t.logs.join('\n')).not.toContain('13911112222');
    });
  });
});
