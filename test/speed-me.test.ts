import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, loginStaff } from './helpers/factories';
import { statementsDuring } from './helpers/statements';

describe('hot paths: GET /me and the route table', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('answers GET /me with one statement once the session is known, identity and roles included', async () => {
    const h = await loginHolder(t);
    await t.http
      .put('/api/v1/me/identity')
      .set(h.auth)
      .send({ name: '陈立新', idNumber: idNumber('19700312'), phone: '13800138000', category: 'veteran' })
      .expect(200);
    await t.http.get('/api/v1/me').set(h.auth).expect(200); // the session check is now cached
    let body: Record<string, unknown> = {};
    const sent = await statementsDuring(t.container.db, async () => {
      body = (await t.http.get('/api/v1/me').set(h.auth).expect(200)).body;
    });
    expect(sent).toHaveLength(1);
    expect(body).toMatchObject({
      id: h.userId,
      roles: ['holder'],
      identity: { name: '陈立新', phoneMasked: '*******8000', category: 'veteran', verified: false },
    });
    expect((body.identity as { idNumberMasked: string }).idNumberMasked).toMatch(/^\*+\d{3}[\dX]$/);
  });

  it('sends one statement text for every account, so a prepared statement serves them all', async () => {
    const [a, b] = [await loginHolder(t), await loginHolder(t)];
    for (const h of [a, b]) await t.http.get('/api/v1/me').set(h.auth).expect(200);
    const first = await statementsDuring(t.container.db, () => t.http.get('/api/v1/me').set(a.auth).expect(200));
    const second = await statementsDuring(t.container.db, () => t.http.get('/api/v1/me').set(b.auth).expect(200));
    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    if (t.container.db.kind === 'sqlite') {
      // Bound as integers, not as reals: what is written with them stays INTEGER.
      const [row] = await t.container.db.manager.query(
        'SELECT typeof(account_id) AS t FROM consent_record WHERE account_id = ?',
        [a.userId],
      );
      expect(row.t).toBe('integer');
    }
  });

  it('lists every role of an account with no identity, in order', async () => {
    const staff = await loginStaff(t, ['station_staff', 'district_staff']);
    const res = await t.http.get('/api/v1/me').set(staff.auth).expect(200);
    expect(res.body.roles).toEqual(['district_staff', 'station_staff']);
    expect(res.body.identity).toBeNull();
  });

  it('routes by group and still answers case-insensitive paths, wrong methods and unknown groups as before', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    // A route of a group split by its second segment (staff/…), and one of a plain group.
    await t.http.get('/api/v1/staff/appeals').set(staff.auth).expect(200);
    await t.http.get('/API/V1/Health').expect(200);
    const wrong = await t.http.delete('/api/v1/staff/appeals').set(staff.auth).expect(405);
    expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrong.headers.allow).toContain('GET');
    expect((await t.http.get('/api/v1/staff/no-such-desk').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await t.http.get('/api/v1//health').expect(404)).body.error.code).toBe('NOT_FOUND');
    const unknownMethod = await t.http.propfind('/api/v1/health').expect(501);
    expect(unknownMethod.body.error.code).toBe('NOT_IMPLEMENTED');
  });
});
