import { FieldCrypto } from '../server/lib/field-crypto';
import { Person } from '../server/modules/people/person.entity';
import { ID_NUMBER_CONTEXT, PHONE_CONTEXT } from '../server/modules/people/people.service';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff } from './helpers/factories';

describe('people: identity binding', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const identity = (overrides: Record<string, unknown> = {}) => ({
    name: '张建国',
    idNumber: idNumber('19750315'),
    phone: '13912345678',
    category: 'veteran',
    ...overrides,
  });

  it('starts with no identity', async () => {
    const s = await loginHolder(t);
    const me = await t.http.get('/api/v1/me').set(s.auth).expect(200);
    expect(me.body).toEqual({ id: s.userId, displayName: '微信用户', roles: ['holder'], identity: null });
  });

  it('binds an identity and shows it masked everywhere', async () => {
    const s = await loginHolder(t);
    const body = identity();
    const res = await t.http.put('/api/v1/me/identity').set(s.auth).send(body).expect(200);
    expect(res.body).toEqual({
      name: '张建国',
      idNumberMasked: `**************${body.idNumber.slice(-4)}`,
      phoneMasked: '*******5678',
      category: 'veteran',
      verified: false,
    });
    const me = await t.http.get('/api/v1/me').set(s.auth).expect(200);
    expect(me.body.identity).toEqual(res.body);
    expect(JSON.stringify(me.body)).not.toContain(body.idNumber);
    expect(JSON.stringify(me.body)).not.toContain(body.phone);
  });

  it('keeps the ID number and phone out of the database and the logs in plaintext', async () => {
    const s = await loginHolder(t);
    const body = identity({ idNumber: idNumber('19690101'), phone: '13700001111' });
    await t.http.put('/api/v1/me/identity').set(s.auth).send(body).expect(200);

    const [raw] = await t.container.db.dataSource.query('SELECT * FROM person WHERE account_id = ?', [s.userId]);
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(body.idNumber);
    expect(rawText).not.toContain(body.idNumber.slice(0, 14));
    expect(rawText).not.toContain(body.phone);
    expect(raw.id_number_cipher).toMatch(/^v1\.[A-Za-z0-9_-]+\./);
    // …and it decrypts back, bound to its column.
    const fc = t.container.fieldCrypto;
    expect(fc.decrypt(raw.id_number_cipher, ID_NUMBER_CONTEXT)).toBe(body.idNumber);
    expect(fc.decrypt(raw.phone_cipher, PHONE_CONTEXT)).toBe(body.phone);
    expect(() => fc.decrypt(raw.id_number_cipher, PHONE_CONTEXT)).toThrow();

    const logs = t.logs.join('\n');
    expect(logs).not.toContain(body.idNumber);
    expect(logs).not.toContain(body.phone);
  });

  it('encrypts equal ID numbers differently (random IV) but indexes them equally', async () => {
    const fc = t.container.fieldCrypto;
    const n = idNumber('19700101');
    expect(fc.encrypt(n, ID_NUMBER_CONTEXT)).not.toBe(fc.encrypt(n, ID_NUMBER_CONTEXT));
    expect(fc.blindIndex(n, ID_NUMBER_CONTEXT)).toBe(fc.blindIndex(n, ID_NUMBER_CONTEXT));
    expect(fc.blindIndex(n, ID_NUMBER_CONTEXT)).not.toBe(fc.blindIndex(n, PHONE_CONTEXT));
  });

  it.each([
    ['a wrong check digit', (n: string) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0'), 'check_digit'],
    ['17 characters', (n: string) => n.slice(0, 17), 'format'],
    ['letters inside', (n: string) => n.slice(0, 5) + 'A' + n.slice(6), 'format'],
    ['an unknown region', (n: string) => '99' + n.slice(2), 'region'],
  ])('refuses an ID number with %s', async (_label, spoil, rule) => {
    const s = await loginHolder(t);
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ idNumber: spoil(idNumber('19800101')) }))
      .expect(400);
    expect(res.body.error.code).toBe('ID_NUMBER_INVALID');
    expect(res.body.error.details[0].rule).toBe(rule);
    expect(await t.container.db.manager.countBy(Person, { accountId: s.userId })).toBe(0);
  });

  it('refuses impossible and future birth dates', async () => {
    const s = await loginHolder(t);
    for (const birth of ['19800230', '18991231', '20991231']) {
      const res = await t.http
        .put('/api/v1/me/identity')
        .set(s.auth)
        .send(identity({ idNumber: idNumber(birth) }))
        .expect(400);
      expect(res.body.error.code).toBe('ID_NUMBER_INVALID');
      expect(res.body.error.details[0].rule).toBe('birth_date');
    }
  });

  it('accepts a lower-case x check character and stores it normalized', async () => {
    // 11010519491231002X is the standard's own example.
    const s = await loginHolder(t);
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ idNumber: '11010519491231002x', category: 'martyr_family' }))
      .expect(200);
    expect(res.body.idNumberMasked.endsWith('002X')).toBe(true);
  });

  it('refuses a veteran category for someone under 18 but allows a child of a martyr', async () => {
    const year = t.clock.now().getUTCFullYear() - 10;
    const child = idNumber(`${year}0601`);
    const s = await loginHolder(t);
    const vet = await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ idNumber: child }))
      .expect(400);
    expect(vet.body.error.code).toBe('VALIDATION_FAILED');
    expect(vet.body.error.message).toContain('category');
    await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ idNumber: child, category: 'martyr_family' }))
      .expect(200);
  });

  it('validates name, phone and category', async () => {
    const s = await loginHolder(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ category: 'general' }, 'category'],
      [{ phone: '12345' }, 'phone'],
      [{ name: '张' }, 'name'],
      [{ name: 'Robert); DROP' }, 'name'],
      [{ extra: true }, 'extra'],
    ];
    for (const [patch, field] of cases) {
      const res = await t.http.put('/api/v1/me/identity').set(s.auth).send(identity(patch)).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain(field);
    }
  });

  it('refuses an ID number already bound to another account', async () => {
    const shared = idNumber('19660606');
    const a = await loginHolder(t);
    const b = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(a.auth)
      .send(identity({ idNumber: shared }))
      .expect(200);
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(b.auth)
      .send(identity({ idNumber: shared.toLowerCase() }))
      .expect(409);
    expect(res.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect(await t.container.db.manager.countBy(Person, { accountId: b.userId })).toBe(0);
  });

  it('lets only one of two accounts racing for the same ID number win', async () => {
    const shared = idNumber('19650505');
    const [a, b] = await Promise.all([loginHolder(t), loginHolder(t)]);
    const results = await Promise.all([
      t.http
        .put('/api/v1/me/identity')
        .set(a.auth)
        .send(identity({ idNumber: shared })),
      t.http
        .put('/api/v1/me/identity')
        .set(b.auth)
        .send(identity({ idNumber: shared })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('ID_NUMBER_TAKEN');
    const fc = t.container.fieldCrypto;
    expect(
      await t.container.db.manager.countBy(Person, { idNumberHash: fc.blindIndex(shared, ID_NUMBER_CONTEXT) }),
    ).toBe(1);
  });

  it('lets a holder correct an unverified identity, keeping one row', async () => {
    const s = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ phone: '13800000001' }))
      .expect(200);
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ name: '张建军', phone: '13800000002' }))
      .expect(200);
    expect(res.body.name).toBe('张建军');
    expect(res.body.phoneMasked).toBe('*******0002');
    expect(await t.container.db.manager.countBy(Person, { accountId: s.userId })).toBe(1);
  });

  it('locks an identity once staff have verified it', async () => {
    const s = await loginHolder(t);
    await t.http.put('/api/v1/me/identity').set(s.auth).send(identity()).expect(200);
    await t.container.db.transaction((em) => em.update(Person, { accountId: s.userId }, { verified: true }));
    const res = await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send(identity({ name: '李四' }))
      .expect(409);
    expect(res.body.error.code).toBe('IDENTITY_LOCKED');
  });

  it('is for holders: staff accounts have no identity to bind', async () => {
    const staff = await loginStaff(t, ['lawyer']);
    await t.http.put('/api/v1/me/identity').set(staff.auth).send(identity()).expect(403);
  });
});

describe('people: key rotation', () => {
  it('reads values written under an old key after a new key becomes active', async () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const blind = Buffer.alloc(32, 3).toString('base64');
    const before = await createTestContext({ env: { ENCRYPTION_KEYS: `k1:${k1}`, BLIND_INDEX_KEY: blind } });
    const s = await loginHolder(before);
    const n = idNumber('19720202');
    await before.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send({ name: '王五', idNumber: n, phone: '13600001234', category: 'veteran' })
      .expect(200);
    const row = await before.container.db.manager.findOneByOrFail(Person, { accountId: s.userId });
    expect(before.container.fieldCrypto.keyIdOf(row.idNumberCipher)).toBe('k1');

    const rotated = new FieldCrypto({
      keys: [
        { id: 'k2', key: Buffer.from(k2, 'base64') },
        { id: 'k1', key: Buffer.from(k1, 'base64') },
      ],
      activeKeyId: 'k2',
      blindIndexKey: Buffer.from(blind, 'base64'),
      usingDevKeys: false,
    });
    expect(rotated.decrypt(row.idNumberCipher, ID_NUMBER_CONTEXT)).toBe(n);
    expect(rotated.keyIdOf(rotated.encrypt(n, ID_NUMBER_CONTEXT))).toBe('k2');
    // The blind index does not depend on the encryption key, so uniqueness survives rotation.
    expect(rotated.blindIndex(n, ID_NUMBER_CONTEXT)).toBe(row.idNumberHash);
    await before.close();
  });
});
