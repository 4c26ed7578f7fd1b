import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../migrations';
import { Identity1764500000000 } from '../migrations/1764500000000-identity';
import { loadConfig } from '../server/config';
import { FieldCrypto } from '../server/lib/field-crypto';
import { CardApplication } from '../server/modules/cards/card-application.entity';
import { Card } from '../server/modules/cards/card.entity';
import { ID_NUMBER_CONTEXT } from '../server/modules/people/people.service';
import { Person } from '../server/modules/people/person.entity';
import { createBureau, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { testDatabaseUrl, usingMysql } from './helpers/database';
import { idNumber, unique } from './helpers/factories';
import { approvedMerchant, createOffer } from './helpers/merchants';

type Bureau = Awaited<ReturnType<typeof createBureau>>;

/** A second, raw SQLite connection (the driver ships no types of its own). */
interface RawSqlite {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
}
const BetterSqlite3 = require('better-sqlite3') as new (file: string) => RawSqlite;

/**
 * Marks the person verified in a transaction on a connection of its own and keeps it open until
 * the returned function commits it.
 */
async function holdVerification(t: TestContext, personId: number): Promise<() => Promise<void>> {
  const database = t.config.database;
  if (database.type === 'mysql') {
    const conn = await mysql.createConnection(database.url);
    await conn.query('BEGIN');
    await conn.query('UPDATE person SET verified = 1 WHERE id = ?', [personId]);
    return async () => {
      await conn.query('COMMIT');
      await conn.end();
    };
  }
  const conn = new BetterSqlite3(database.file);
  conn.exec('BEGIN IMMEDIATE');
  conn.prepare('UPDATE person SET verified = 1 WHERE id = ?').run(personId);
  return async () => {
    conn.exec('COMMIT');
    conn.close();
  };
}

/** The bank's CSV as rows of cells (the ID number comes as a text cell `="…"`). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1);

describe('identity: locked once a station has verified it', () => {
  let t: TestContext;
  let b: Bureau;
  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
  });
  afterAll(() => t.close());

  const identity = (h: { idNumber: string }, over: Record<string, unknown> = {}) => ({
    name: '陈卫国',
    idNumber: h.idNumber,
    phone: '13911112222',
    category: 'veteran',
    ...over,
  });
  const app = (id: number) => t.container.db.manager.findOneByOrFail(CardApplication, { id });
  const personOf = (accountId: number) => t.container.db.manager.findOneByOrFail(Person, { accountId });

  it('can be corrected while the application waits for the station, and is locked by station approval', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    // Before review: a correction is still the holder's to make.
    const fixed = await t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send(identity(h, { name: '陈卫民' }))
      .expect(200);
    expect(fixed.body).toMatchObject({ name: '陈卫民', verified: false });

    await review(t, b.stationReviewer, id, 'approve').expect(200);
    const me = await t.http.get('/api/v1/me').set(h.auth).expect(200);
    expect(me.body.identity).toEqual({
      name: '陈卫民',
      idNumberMasked: `**************${h.idNumber.slice(-4)}`,
      phoneMasked: '*******2222',
      category: 'veteran',
      verified: true,
    });

    for (const change of [
      { name: '陈卫东' },
      { idNumber: idNumber('19780808') },
      { category: 'martyr_family' },
      { name: '陈卫东', phone: '13900000000' },
    ]) {
      const res = await t.http
        .put('/api/v1/me/identity')
        .set(h.auth)
        .send(identity(h, { name: '陈卫民', ...change }))
        .expect(409);
      expect(res.body.error.code).toBe('IDENTITY_LOCKED');
    }
    const person = await personOf(h.userId);
    expect(person.name).toBe('陈卫民');
    expect(t.container.fieldCrypto.decrypt(person.idNumberCipher, ID_NUMBER_CONTEXT)).toBe(h.idNumber);
  });

  it('still takes a new phone number for a verified identity: contact data, not what was reviewed', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    await review(t, b.stationReviewer, id, 'approve').expect(200);
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send(identity(h, { phone: '13755556666', idNumber: h.idNumber.toLowerCase() }))
      .expect(200);
    expect(res.body).toMatchObject({ name: '陈卫国', phoneMasked: '*******6666', verified: true });
    const person = await personOf(h.userId);
    expect(person.verified).toBe(true);
    expect(person.phoneLast4).toBe('6666');
  });

  it('refuses a correction that read the identity before a station’s approval committed', async () => {
    const h = await readyHolder(t);
    const { id: personId } = await personOf(h.userId);
    // Another connection verifies the person and holds its transaction open, as a station's
    // approval does while it copies the identity.
    const commit = await holdVerification(t, personId);
    const put = t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send(identity(h, { name: '陈卫红' }))
      .then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    await commit();
    const res = await put;
    expect([res.status, res.body.error?.code]).toEqual([409, 'IDENTITY_LOCKED']);
    expect((await personOf(h.userId)).name).toBe('陈卫国');
  });

  it('is not locked by a station sending the application back or refusing it', async () => {
    for (const decision of ['request_info', 'reject']) {
      const h = await readyHolder(t);
      const id = await submittedApplication(t, h, b.stationId);
      await review(t, b.stationReviewer, id, decision, '材料不清晰').expect(200);
      await t.http
        .put('/api/v1/me/identity')
        .set(h.auth)
        .send(identity(h, { name: '陈卫红' }))
        .expect(200);
      expect((await personOf(h.userId)).verified).toBe(false);
      expect((await app(id)).snapshotName).toBeNull();
    }
  });

  it('keeps a snapshot of the reviewed identity on the application, encrypted like the person’s', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    expect((await app(id)).snapshotIdNumberCipher).toBeNull();
    await review(t, b.stationReviewer, id, 'approve').expect(200);
    const a = await app(id);
    expect(a.snapshotName).toBe('陈卫国');
    expect(a.snapshotCategory).toBe('veteran');
    expect(a.identityVerifiedAt).toBeInstanceOf(Date);
    expect(a.snapshotIdNumberCipher).toMatch(/^v1\./);
    expect(t.container.fieldCrypto.decrypt(a.snapshotIdNumberCipher!, ID_NUMBER_CONTEXT)).toBe(h.idNumber);
    const [raw] = await t.container.db.dataSource.query('SELECT * FROM card_application WHERE id = ?', [id]);
    expect(JSON.stringify(raw)).not.toContain(h.idNumber);

    // District approval leaves the snapshot as the station took it.
    await review(t, b.districtReviewer, id, 'approve').expect(200);
    const after = await app(id);
    expect(after.snapshotName).toBe('陈卫国');
    expect(after.snapshotIdNumberCipher).toBe(a.snapshotIdNumberCipher);
    expect(after.identityVerifiedAt!.getTime()).toBe(a.identityVerifiedAt!.getTime());
  });

  it('refuses station approval when the identity’s category no longer matches the application’s', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    await t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send(identity(h, { category: 'martyr_family' }))
      .expect(200);
    const res = await review(t, b.stationReviewer, id, 'approve').expect(409);
    expect(res.body.error.code).toBe('IDENTITY_MISMATCH');
    // Nothing of the approval stays: still submitted, still unverified, no snapshot.
    const a = await app(id);
    expect(a.status).toBe('submitted');
    expect(a.snapshotName).toBeNull();
    expect((await personOf(h.userId)).verified).toBe(false);
    await review(t, b.stationReviewer, id, 'request_info', '申请类别与身份类别不一致，请核对').expect(200);
  });

  it('shows staff the applicant as reviewed, birth date and sex read from the encrypted number', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    const before = await t.http.get(`/api/v1/staff/card-applications/${id}`).set(b.stationReviewer.auth).expect(200);
    expect(before.body.applicant).toEqual({
      name: '陈卫国',
      gender: Number(h.idNumber[16]) % 2 === 1 ? 'M' : 'F',
      birthDate: '1978-08-08',
      idNumberMasked: `**************${h.idNumber.slice(-4)}`,
      phoneMasked: '*******2222',
      verified: false,
    });
    const approved = await review(t, b.stationReviewer, id, 'approve').expect(200);
    expect(approved.body.applicant).toMatchObject({ name: '陈卫国', verified: true });
  });

  it('has no plaintext birth date, sex or last four of the ID number in the person table', async () => {
    const runner = t.container.db.dataSource.createQueryRunner();
    try {
      const person = (await runner.getTable('person'))!.columns.map((c) => c.name);
      for (const gone of ['birth_date', 'gender', 'id_number_last4']) expect(person).not.toContain(gone);
      expect(person).toEqual(
        expect.arrayContaining(['id_number_cipher', 'id_number_hash', 'phone_cipher', 'phone_last4', 'verified']),
      );
      const application = (await runner.getTable('card_application'))!.columns.map((c) => c.name);
      expect(application).toEqual(
        expect.arrayContaining([
          'snapshot_name',
          'snapshot_id_number_cipher',
          'snapshot_category',
          'identity_verified_at',
        ]),
      );
      expect((await runner.getTable('card'))!.columns.map((c) => c.name)).toContain('holder_name');
    } finally {
      await runner.release();
    }
    const h = await readyHolder(t);
    const [raw] = await t.container.db.dataSource.query('SELECT * FROM person WHERE account_id = ?', [h.userId]);
    const text = JSON.stringify(raw);
    expect(text).not.toContain('1978-08-08');
    expect(text).not.toContain('19780808');
    expect(text).not.toContain(`"${h.idNumber.slice(-4)}"`);
  });
});

describe('identity: production and the card use the identity as reviewed', () => {
  let t: TestContext;
  let b: Bureau;
  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
  });
  afterAll(() => t.close());

  it('exports the snapshot to the bank and issues the card to it, even after an approved change', async () => {
    const h = await readyHolder(t);
    const id = await submittedApplication(t, h, b.stationId);
    await review(t, b.stationReviewer, id, 'approve').expect(200);
    await review(t, b.districtReviewer, id, 'approve').expect(200);
    const batch = await t.http
      .post('/api/v1/staff/card-batches')
      .set(b.districtReviewer.auth)
      .send({ applicationIds: [id] })
      .expect(201);

    // The holder's name and ID number change through a reviewed request while the card is in production.
    const newNumber = idNumber('19780809');
    await t.http
      .post('/api/v1/me/identity-change-requests')
      .set(h.auth)
      .send({ name: '王建国', idNumber: newNumber, reason: '户籍登记姓名和号码已更正' })
      .expect(201);
    const [request] = (
      await t.http
        .get('/api/v1/staff/identity-change-requests?status=submitted')
        .set(b.stationReviewer.auth)
        .expect(200)
    ).body.items;
    await t.http
      .post(`/api/v1/staff/identity-change-requests/${request.id}/review`)
      .set(b.stationReviewer.auth)
      .send({ decision: 'approve' })
      .expect(200);
    expect((await t.http.get('/api/v1/me').set(h.auth).expect(200)).body.identity).toMatchObject({
      name: '王建国',
      idNumberMasked: `**************${newNumber.slice(-4)}`,
      verified: true,
    });

    // The bank receives what the station reviewed.
    const csv = await t.http
      .get(`/api/v1/staff/card-batches/${batch.body.id}/export`)
      .set(b.districtReviewer.auth)
      .expect(200);
    const [row] = csvRows(csv.text);
    expect(row).toContain('陈卫国');
    expect(row).toContain(h.idNumber);
    expect(row).not.toContain('王建国');
    expect(row).not.toContain(newNumber);
    const staffView = await t.http
      .get(`/api/v1/staff/card-applications/${id}`)
      .set(b.districtReviewer.auth)
      .expect(200);
    expect(staffView.body.applicant).toMatchObject({
      name: '陈卫国',
      idNumberMasked: `**************${h.idNumber.slice(-4)}`,
    });
    const snapshot = await t.container.db.manager.findOneByOrFail(CardApplication, { id });
    expect(snapshot.snapshotName).toBe('陈卫国');
    expect(t.container.fieldCrypto.decrypt(snapshot.snapshotIdNumberCipher!, ID_NUMBER_CONTEXT)).toBe(h.idNumber);

    // The card carries the name it was issued to.
    await t.http
      .post(`/api/v1/staff/card-batches/${batch.body.id}/card-ready`)
      .set(b.districtReviewer.auth)
      .expect(200);
    await t.http
      .post(`/api/v1/staff/card-applications/${id}/issue`)
      .set(b.stationReviewer.auth)
      .send({ cardNumber: unique('C').replace(/x/g, '0').slice(0, 20) })
      .expect(200);
    const card = await t.container.db.manager.findOneByOrFail(Card, { applicationId: id });
    expect(card.holderName).toBe('陈卫国');
    const mine = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(mine.body.holderName).toBe('陈**');

    // …and so does the merchant's counter, now and in its history.
    const { owner } = await approvedMerchant(t);
    const offerId = await createOffer(t, owner);
    const qr = await t.http.post('/api/v1/me/card/qr-token').set(h.auth).expect(200);
    const redeemed = await t.http
      .post('/api/v1/merchant/redemptions')
      .set(owner.auth)
      .send({ qrToken: qr.body.token, offerId })
      .expect(201);
    expect(redeemed.body.holder).toMatchObject({ nameMasked: '陈**', category: 'veteran' });
    expect(redeemed.body.holder.photoFileId).toEqual(expect.any(Number));
    const history = await t.http.get('/api/v1/merchant/redemptions').set(owner.auth).expect(200);
    expect(history.body.items[0].holder).toEqual({ nameMasked: '陈**', category: 'veteran' });
    const own = await t.http.get('/api/v1/me/redemptions').set(h.auth).expect(200);
    expect(own.body.items[0].holder.nameMasked).toBe('陈**');

    expect(t.logs.join('\n')).not.toContain(newNumber);
    expect(t.logs.join('\n')).not.toContain(h.idNumber);
  });
});

/**
 * The migration on a database built to the step before it, with rows written as the old schema
 * had them: the rows survive, the reviewed applications get their snapshot, the plaintext goes,
 * and the keys and constraints around the rebuilt person table still hold.
 */
describe('identity migration', () => {
  const stamp = (m: Function) => Number(/(\d{13})$/.exec(m.name)![1]);
  const mine = stamp(Identity1764500000000);
  const crypto = new FieldCrypto(loadConfig({ NODE_ENV: 'test' }).encryption);

  async function sandbox(): Promise<{ options: DataSourceOptions; drop(): Promise<void> }> {
    if (!usingMysql()) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-migration-'));
      return {
        options: {
          type: 'better-sqlite3',
          database: path.join(dir, 'migrate.sqlite'),
          prepareDatabase: (db: { pragma(s: string): unknown }) => {
            db.pragma('foreign_keys = ON');
          },
        },
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    }
    const url = new URL(testDatabaseUrl());
    const name = `${url.pathname.replace(/^\//, '')}_identity`;
    url.pathname = '/';
    const admin = await mysql.createConnection(url.toString());
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    url.pathname = `/${name}`;
    return {
      options: { type: 'mysql', url: url.toString(), timezone: 'Z', charset: 'utf8mb4_unicode_ci' },
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.end();
      },
    };
  }

  async function migrate(options: DataSourceOptions, upTo: number): Promise<DataSource> {
    const ds = new DataSource({
      ...options,
      migrations: migrations.filter((m) => stamp(m) <= upTo),
      synchronize: false,
    } as DataSourceOptions);
    await ds.initialize();
    await ds.runMigrations({ transaction: options.type === 'mysql' ? 'none' : 'each' });
    return ds;
  }

  it('moves existing rows and keeps the person table’s keys', async () => {
    const box = await sandbox();
    const previous = Math.max(...migrations.map(stamp).filter((s) => s < mine));
    let ds = await migrate(box.options, previous);
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
    const insertId = async (sql: string, params: unknown[]) => {
      await q(sql, params);
      const [{ id }] = await q('SELECT MAX(id) AS id FROM ' + /INSERT INTO (\w+)/.exec(sql)![1]);
      return Number(id);
    };
    const at = '2026-01-05 02:00:00';
    const numberA = idNumber('19600101');
    const numberB = idNumber('19700101');
    const cipherA = crypto.encrypt(numberA, ID_NUMBER_CONTEXT);
    try {
      const district = await insertId('INSERT INTO district (code, name, created_at) VALUES (?, ?, ?)', [
        'mig1',
        '迁移区',
        at,
      ]);
      const station = await insertId(
        'INSERT INTO station (district_id, name, address, created_at) VALUES (?, ?, ?, ?)',
        [district, '迁移站', '路 1 号', at],
      );
      const account = (name: string) =>
        insertId('INSERT INTO account (display_name, disabled, created_at, updated_at) VALUES (?, ?, ?, ?)', [
          name,
          0,
          at,
          at,
        ]);
      const [accA, accB, staff] = [await account('甲'), await account('乙'), await account('站')];
      const person = (acc: number, name: string, n: string, cipher: string) =>
        insertId(
          `INSERT INTO person (account_id, name, id_number_cipher, id_number_hash, id_number_last4,
             phone_cipher, phone_hash, phone_last4, birth_date, gender, category, verified, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            acc,
            name,
            cipher,
            crypto.blindIndex(n, ID_NUMBER_CONTEXT),
            n.slice(-4),
            'v1.x.y.z.w',
            'phonehash',
            '1234',
            `${n.slice(6, 10)}-01-01`,
            'M',
            'veteran',
            0,
            at,
            at,
          ],
        );
      const personA = await person(accA, '老张', numberA, cipherA);
      const personB = await person(accB, '老李', numberB, crypto.encrypt(numberB, ID_NUMBER_CONTEXT));
      const photo = await insertId(
        `INSERT INTO stored_file (owner_account_id, purpose, mime, size, sha256, storage_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [accA, 'card_photo', 'image/jpeg', 30000, 'x'.repeat(64), 'k/1', at],
      );
      const application = (p: number, acc: number, status: string) =>
        insertId(
          `INSERT INTO card_application (person_id, applicant_account_id, kind, category, photo_file_id,
             document_file_ids, station_id, district_id, delivery, declarations, case_by_case, status,
             status_changed_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [p, acc, 'new', 'veteran', photo, '[]', station, district, 'pickup', '{}', 0, status, at, at, at],
        );
      const issued = await application(personA, accA, 'issued');
      const waiting = await application(personB, accB, 'submitted');
      const event = (app: number, action: string, from: string | null, to: string, when: string) =>
        q(
          `INSERT INTO card_application_event (application_id, action, from_status, to_status, actor_role, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          [app, action, from, to, 'station', when],
        );
      await event(issued, 'submit', 'draft', 'submitted', at);
      await event(issued, 'station_approve', 'submitted', 'station_approved', '2026-01-06 03:00:00');
      await event(waiting, 'submit', 'draft', 'submitted', at);
      const card = await insertId(
        `INSERT INTO card (person_id, application_id, card_number, category, status, current_person_id, handover,
           issued_at, issued_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [personA, issued, 'MIG0001', 'veteran', 'active', personA, 'pickup', at, staff, at, at],
      );
      await ds.destroy();

      ds = await migrate(box.options, mine);
      const runner = ds.createQueryRunner();
      const columns = (await runner.getTable('person'))!.columns.map((c) => c.name);
      await runner.release();
      for (const gone of ['birth_date', 'gender', 'id_number_last4']) expect(columns).not.toContain(gone);

      const people = await q(
        'SELECT id, account_id, name, id_number_cipher, id_number_hash, phone_last4, verified FROM person ORDER BY id',
      );
      expect(people).toHaveLength(2);
      expect(people[0]).toMatchObject({
        id: personA,
        name: '老张',
        id_number_cipher: cipherA,
        id_number_hash: crypto.blindIndex(numberA, ID_NUMBER_CONTEXT),
        phone_last4: '1234',
      });
      expect(Number(people[0].account_id)).toBe(accA);
      // A station approved A's application: A's identity is now locked; B's is not reviewed yet.
      expect(Boolean(Number(people[0].verified))).toBe(true);
      expect(Boolean(Number(people[1].verified))).toBe(false);

      const apps = await q(
        `SELECT id, snapshot_name, snapshot_id_number_cipher, snapshot_category, identity_verified_at
         FROM card_application ORDER BY id`,
      );
      expect(apps[0]).toMatchObject({
        snapshot_name: '老张',
        snapshot_id_number_cipher: cipherA,
        snapshot_category: 'veteran',
      });
      expect(new Date(apps[0].identity_verified_at).toISOString().slice(0, 10)).toBe('2026-01-06');
      expect(apps[1]).toMatchObject({
        snapshot_name: null,
        snapshot_id_number_cipher: null,
        identity_verified_at: null,
      });
      expect(crypto.decrypt(apps[0].snapshot_id_number_cipher, ID_NUMBER_CONTEXT)).toBe(numberA);
      const [cardRow] = await q('SELECT holder_name FROM card WHERE id = ?', [card]);
      expect(cardRow.holder_name).toBe('老张');
      expect(Number((await q('SELECT COUNT(*) AS n FROM card_application_event'))[0].n)).toBe(3);

      // The rebuilt table is still the one the others point at, with its own keys and indexes.
      const refused = (sql: string, params: unknown[]) => expect(q(sql, params)).rejects.toThrow();
      await refused(
        `INSERT INTO card_application_event (application_id, action, to_status, actor_role, created_at)
         VALUES (?, ?, ?, ?, ?)`,
        [99999, 'x', 'submitted', 'station', at],
      );
      await refused(
        `INSERT INTO card (person_id, application_id, card_number, category, status, handover, issued_at, issued_by,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [99999, issued, 'MIG0002', 'veteran', 'active', 'pickup', at, staff, at, at],
      );
      const newPerson = `INSERT INTO person (account_id, name, id_number_cipher, id_number_hash, phone_cipher,
          phone_hash, phone_last4, category, verified, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
      await refused(newPerson, [99999, '丙', 'c', 'fresh-hash', 'p', 'h', '0000', 'veteran', 0, at, at]);
      await refused(newPerson, [
        null,
        '丙',
        'c',
        crypto.blindIndex(numberA, ID_NUMBER_CONTEXT),
        'p',
        'h',
        '0000',
        'veteran',
        0,
        at,
        at,
      ]);
      await refused(newPerson, [accA, '丙', 'c', 'another-hash', 'p', 'h', '0000', 'veteran', 0, at, at]);
      await q(newPerson, [null, '丙', 'c', 'another-hash', 'p', 'h', '0000', 'veteran', 0, at, at]);
      if (!usingMysql()) expect(await q('PRAGMA foreign_key_check')).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await box.drop();
    }
  });

  it('is in the list the server runs, in timestamp order', () => {
    const stamps = migrations.map(stamp);
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    expect(migrations).toContain(Identity1764500000000);
  });
});
