import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Account } from '../server/modules/auth/account.entity';
import { RefreshToken } from '../server/modules/auth/refresh-token.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, loginHolder, loginStaff, signInWithPassword, unique } from './helpers/factories';

describe('auth', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  describe('wechat-login (dev adapter)', () => {
    it('creates a holder on first login and returns the same account afterwards', async () => {
      const name = unique('li');
      const first = await t.http
        .post('/api/v1/auth/wechat-login')
        .send({ code: `dev-${name}` })
        .expect(200);
      expect(first.body.user.roles).toEqual(['holder']);
      expect(typeof first.body.accessToken).toBe('string');
      expect(typeof first.body.refreshToken).toBe('string');
      const second = await t.http
        .post('/api/v1/auth/wechat-login')
        .send({ code: `dev-${name}` })
        .expect(200);
      expect(second.body.user.id).toBe(first.body.user.id);
      const rows = await t.container.db.manager.find(Account, { where: { openid: `dev-${name}` } });
      expect(rows).toHaveLength(1);
    });

    it('refuses a code that is not dev-<name>', async () => {
      const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'real-looking-code' }).expect(400);
      expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
    });

    it('stores refresh tokens only as hashes', async () => {
      const s = await loginHolder(t);
      const rows = await t.container.db.manager.find(RefreshToken, { where: { accountId: s.userId } });
      expect(rows).toHaveLength(1);
      expect(rows[0].tokenHash).toBe(crypto.createHash('sha256').update(s.refreshToken).digest('hex'));
      expect(rows[0].tokenHash).not.toContain(s.refreshToken);
    });

    it('refuses a disabled account', async () => {
      const name = unique('off');
      const s = await loginHolder(t, name);
      await t.container.db.transaction((em) => em.update(Account, { id: s.userId }, { disabled: true }));
      const res = await t.http
        .post('/api/v1/auth/wechat-login')
        .send({ code: `dev-${name}` })
        .expect(403);
      expect(res.body.error.code).toBe('ACCOUNT_DISABLED');
      const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      expect(refreshed.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('access tokens', () => {
    it('lets a valid token through and rejects a missing or malformed header', async () => {
      const s = await loginHolder(t);
      const me = await t.http.get('/api/v1/me').set(s.auth).expect(200);
      expect(me.body.id).toBe(s.userId);
      expect((await t.http.get('/api/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
      await t.http.get('/api/v1/me').set('Authorization', s.accessToken).expect(401);
      await t.http.get('/api/v1/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    });

    it('rejects an expired token', async () => {
      const s = await loginHolder(t);
      t.clock.advance((t.config.jwt.accessTtlSeconds + 5) * 1000);
      try {
        const res = await t.http.get('/api/v1/me').set(s.auth).expect(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
        expect(res.body.error.message).toContain('过期');
      } finally {
        t.clock.advance(-(t.config.jwt.accessTtlSeconds + 5) * 1000);
      }
    });

    it('rejects forged tokens: another key, alg none, and a role added to a real token', async () => {
      const s = await loginHolder(t);
      const claims = { roles: ['admin'], typ: 'access' };
      const opts = { subject: String(s.userId), issuer: 'rongyou', audience: 'rongyou-api', expiresIn: 600 };
      const otherKey = jwt.sign(claims, 'x'.repeat(40), { ...opts, algorithm: 'HS256' });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${otherKey}`).expect(401);

      const none = jwt.sign(claims, '', { ...opts, algorithm: 'none' });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${none}`).expect(401);

      const [header, payload, signature] = s.accessToken.split('.');
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const tampered = Buffer.from(JSON.stringify({ ...body, roles: ['admin'] })).toString('base64url');
      await t.http
        .post('/api/v1/staff/accounts')
        .set('Authorization', `Bearer ${header}.${tampered}.${signature}`)
        .send({ username: 'x-admin', password: 'long-enough-pw', displayName: 'x', roles: ['admin'] })
        .expect(401);
    });

    it('rejects a token signed with the right key but the wrong type or an unknown role', async () => {
      const key = crypto.createSecretKey(Buffer.from(t.config.jwt.secret, 'utf8'));
      const opts = {
        subject: '1',
        issuer: 'rongyou',
        audience: 'rongyou-api',
        expiresIn: 600,
        algorithm: 'HS256' as const,
      };
      const refreshTyped = jwt.sign({ roles: ['holder'], typ: 'refresh' }, key, opts);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshTyped}`).expect(401);
      const oddRole = jwt.sign({ roles: ['superuser'], typ: 'access' }, key, opts);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${oddRole}`).expect(401);
    });
  });

  describe('refresh rotation', () => {
    it('issues a new pair and makes the old refresh token single-use', async () => {
      const s = await loginHolder(t);
      const next = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      expect(next.body.refreshToken).not.toBe(s.refreshToken);
      expect(next.body.user.id).toBe(s.userId);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(200);
      const third = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: next.body.refreshToken })
        .expect(200);
      expect(third.body.refreshToken).not.toBe(next.body.refreshToken);
    });

    it('revokes the whole family when a used token comes back', async () => {
      const s = await loginHolder(t);
      const next = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      // The stolen original is replayed: refused, and the thief's victim's current token dies too.
      const replay = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      expect(replay.body.error.code).toBe('UNAUTHENTICATED');
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: next.body.refreshToken }).expect(401);
      const rows = await t.container.db.manager.find(RefreshToken, { where: { accountId: s.userId } });
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    });

    it('keeps other sessions of the same person alive when one family is revoked', async () => {
      const name = unique('two');
      const phone = await loginHolder(t, name);
      const tablet = await loginHolder(t, name);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tablet.refreshToken }).expect(200);
    });

    it('lets exactly one of two simultaneous uses of a token win', async () => {
      const s = await loginHolder(t);
      const results = await Promise.all([
        t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }),
        t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('refuses an expired or unknown refresh token', async () => {
      const s = await loginHolder(t);
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: crypto.randomBytes(32).toString('base64url') })
        .expect(401);
      const days = t.config.jwt.refreshTtlDays + 1;
      t.clock.advance(days * 86_400_000);
      try {
        await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      } finally {
        t.clock.advance(-days * 86_400_000);
      }
    });

    it('ends the session on logout', async () => {
      const s = await loginHolder(t);
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    });
  });

  describe('password login', () => {
    it('logs staff in with roles, and refuses a wrong password or unknown user alike', async () => {
      const place = await createDistrictAndStation(t);
      const staff = await loginStaff(t, ['station_staff'], place);
      const ok = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: staff.password })
        .expect(200);
      expect(ok.body.user.roles).toEqual(['station_staff']);
      const wrong = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: 'nope-nope-nope' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: 'nobody-here', password: 'nope-nope-nope' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('stores passwords as scrypt hashes', async () => {
      const staff = await loginStaff(t, ['lawyer']);
      const row = await t.container.db.manager.findOneByOrFail(Account, { username: staff.username });
      expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(row.passwordHash).not.toContain(staff.password);
    });

    it('creates the first admin from configuration once', async () => {
      const admin = { username: unique('root'), password: 'first-admin-password' };
      expect(await t.container.services.auth.ensureAdmin(admin)).toBe(true);
      expect(await t.container.services.auth.ensureAdmin({ ...admin, password: 'another-password-x' })).toBe(false);
      const session = await signInWithPassword(t, admin);
      expect(session.user.roles).toEqual(['admin']);
    });
  });

  describe('rate limits on login', () => {
    it('slows down guessing of one username from anywhere', async () => {
      const limited = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
      try {
        for (let i = 0; i < 3; i++) {
          await limited.http
            .post('/api/v1/auth/password-login')
            .send({ username: 'target', password: `guess-${i}-xxxxx` })
            .expect(401);
        }
        const res = await limited.http
          .post('/api/v1/auth/password-login')
          .send({ username: 'target', password: 'guess-x-xxxxx' })
          .expect(429);
        expect(res.body.error.code).toBe('RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });
  });

  describe('staff accounts (admin)', () => {
    it('creates station staff who can then log in, and audits it', async () => {
      const place = await createDistrictAndStation(t);
      const admin = await loginStaff(t, ['admin']);
      const username = unique('clerk');
      const res = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .set('X-Request-Id', 'req-create-clerk-1')
        .send({
          username,
          password: 'clerk-password-1',
          displayName: '李文书',
          roles: ['station_staff'],
          stationId: place.stationId,
        })
        .expect(201);
      const created = await t.container.db.manager.findOneByOrFail(Account, { id: res.body.id });
      expect(created.stationId).toBe(place.stationId);
      expect(created.districtId).toBe(place.districtId);
      const login = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username, password: 'clerk-password-1' })
        .expect(200);
      expect(login.body.user.roles).toEqual(['station_staff']);

      const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
        targetType: 'account',
        targetId: String(res.body.id),
      });
      expect(audit.actorAccountId).toBe(admin.userId);
      expect(audit.action).toBe('account.create');
      expect(audit.requestId).toBe('req-create-clerk-1');
      expect(audit.detail).not.toContain('clerk-password-1');
    });

    it('refuses a taken username with 409 and writes nothing', async () => {
      const admin = await loginStaff(t, ['admin']);
      const body = { username: unique('dup'), password: 'dup-password-1', displayName: '甲', roles: ['lawyer'] };
      await t.http.post('/api/v1/staff/accounts').set(admin.auth).send(body).expect(201);
      const before = await t.container.db.manager.count(AuditLog);
      const res = await t.http.post('/api/v1/staff/accounts').set(admin.auth).send(body).expect(409);
      expect(res.body.error.code).toBe('USERNAME_TAKEN');
      expect(await t.container.db.manager.count(AuditLog)).toBe(before);
    });

    it('validates placement and roles', async () => {
      const admin = await loginStaff(t, ['admin']);
      const base = { username: unique('v'), password: 'valid-password-1', displayName: '乙' };
      const noStation = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({ ...base, roles: ['station_staff'] })
        .expect(400);
      expect(noStation.body.error.message).toContain('stationId');
      const badStation = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({ ...base, roles: ['station_staff'], stationId: 999999 })
        .expect(400);
      expect(badStation.body.error.code).toBe('VALIDATION_FAILED');
      const holderRole = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({ ...base, roles: ['holder'] })
        .expect(400);
      expect(holderRole.body.error.message).toContain('roles');
      const shortPw = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({ ...base, password: 'short', roles: ['lawyer'] })
        .expect(400);
      expect(shortPw.body.error.message).toContain('password');
    });

    it('is for admins only', async () => {
      const body = { username: unique('w'), password: 'valid-password-1', displayName: '丙', roles: ['lawyer'] };
      const holder = await loginHolder(t);
      expect(
        (await t.http.post('/api/v1/staff/accounts').set(holder.auth).send(body).expect(403)).body.error.code,
      ).toBe('FORBIDDEN');
      const place = await createDistrictAndStation(t);
      const district = await loginStaff(t, ['district_staff'], { districtId: place.districtId });
      await t.http.post('/api/v1/staff/accounts').set(district.auth).send(body).expect(403);
      await t.http.post('/api/v1/staff/accounts').send(body).expect(401);
    });
  });

  it('lists the stations holders can choose', async () => {
    const place = await createDistrictAndStation(t);
    const res = await t.http.get('/api/v1/stations').expect(200);
    const station = res.body.items.find((s: { id: number }) => s.id === place.stationId);
    expect(station.district.id).toBe(place.districtId);
    expect(res.body.nextCursor).toBeNull();
  });
});

describe('audit trail (admin)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('pages through staff actions newest first, and is for admins only', async () => {
    const admin = await loginStaff(t, ['admin']);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({ username: unique('a'), password: 'audit-password-1', displayName: `员${i}`, roles: ['lawyer'] })
        .expect(201);
      ids.push(res.body.id);
    }
    const first = await t.http.get('/api/v1/staff/audit-logs?limit=2&targetType=account').set(admin.auth).expect(200);
    expect(first.body.items.map((e: { targetId: string }) => Number(e.targetId))).toEqual([ids[2], ids[1]]);
    expect(first.body.items[0].detail.roles).toEqual(['lawyer']);
    expect(first.body.items[0].at).toMatch(/\+08:00$/);
    const second = await t.http
      .get(`/api/v1/staff/audit-logs?limit=2&targetType=account&cursor=${first.body.nextCursor}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body.items.map((e: { targetId: string }) => Number(e.targetId))).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const bad = await t.http.get('/api/v1/staff/audit-logs?cursor=not-a-cursor').set(admin.auth).expect(400);
    expect(bad.body.error.message).toContain('cursor');
    await t.http.get('/api/v1/staff/audit-logs?limit=101').set(admin.auth).expect(400);
    const holder = await loginHolder(t);
    await t.http.get('/api/v1/staff/audit-logs').set(holder.auth).expect(403);
  });
});
