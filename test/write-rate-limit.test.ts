import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, loginStaff, type Session } from './helpers/factories';

/** A write any logged-in account may make. */
const write = (t: TestContext, s: Session) =>
  t.http
    .post('/api/v1/me/subscriptions')
    .set(s.auth)
    .send({ results: { service_notice: 'accept' } });

describe('per-account write rate limit', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { WRITE_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After once a minute’s writes are spent; next minute they pass', async () => {
    const s = await loginHolder(t);
    for (let i = 0; i < 3; i++) await write(t, s).expect(200);
    const limited = await write(t, s).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Any write counts, an upload and a PUT as much as a POST.
    await t.http
      .post('/api/v1/files')
      .set(s.auth)
      .field('purpose', 'card_photo')
      .attach('file', compliantPhoto(), 'p.jpg')
      .expect(429);
    await t.http.put('/api/v1/me/identity').set(s.auth).send({}).expect(429);

    t.clock.advance(60_000);
    await write(t, s).expect(200);
  });

  it('does not count reads, and limits each account on its own', async () => {
    const busy = await loginHolder(t);
    const other = await loginHolder(t);
    for (let i = 0; i < 3; i++) await write(t, busy).expect(200);
    await write(t, busy).expect(429);
    for (let i = 0; i < 10; i++) await t.http.get('/api/v1/me/subscriptions').set(busy.auth).expect(200);
    await write(t, other).expect(200);
  });

  it('counts a write the account may not make, before its role is checked', async () => {
    const holder = await loginHolder(t);
    for (let i = 0; i < 3; i++) await t.http.post('/api/v1/staff/accounts').set(holder.auth).send({}).expect(403);
    await write(t, holder).expect(429);
  });

  it('leaves the public login routes to their own limit', async () => {
    const staff = await loginStaff(t, ['lawyer']);
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: staff.password })
        .expect(200);
    }
  });
});
