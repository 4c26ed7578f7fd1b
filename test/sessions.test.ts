import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../server/app';
import { createContainer } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import type { Database } from '../server/db/database';
import { Account } from '../server/modules/auth/account.entity';
import { RefreshToken } from '../server/modules/auth/refresh-token.entity';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, loginHolder, loginStaff, type Session } from './helpers/factories';
import { approvedMerchant } from './helpers/merchants';

/** A 401 that says the session ended, in the shape the mini-program renews on. */
const expectRevoked = (res: { body: { error: { code: string; details?: Array<{ rule?: string }> } } }) => {
  expect(res.body.error.code).toBe('UNAUTHENTICATED');
  expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'TOKEN_REVOKED' })]);
};

const refresh = (t: TestContext, s: Session) =>
  t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const tokenVersionOf = async (t: TestContext, id: number) =>
  (await t.container.db.manager.findOneByOrFail(Account, { id })).tokenVersion;

describe('sessions end at once', () => {
  let t: TestContext;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await loginStaff(t, ['admin']);
  });
  afterAll(() => t.close());

  describe('access tokens carry the account token version', () => {
    it('signs the current version into the token', async () => {
      const s = await loginHolder(t);
      const claims = jwt.decode(s.accessToken) as { ver: number };
      expect(claims.ver).toBe(await tokenVersionOf(t, s.userId));
      expect(claims.ver).toBe(0);
    });

    it('refuses a validly signed token without a version', async () => {
      const s = await loginHolder(t);
      const key = crypto.createSecretKey(Buffer.from(t.config.jwt.secret, 'utf8'));
      const versionless = jwt.sign({ roles: ['holder'], typ: 'access' }, key, {
        subject: String(s.userId),
        issuer: 'rongyou',
        audience: 'rongyou-api',
        expiresIn: 600,
        algorithm: 'HS256',
      });
      const res = await t.http.get('/api/v1/me').set(bearer(versionless)).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token whose account no longer exists', async () => {
      const s = await loginHolder(t);
      await t.container.db.transaction(async (em) => void (await em.delete(Account, { id: s.userId })));
      t.container.sessions.invalidate(s.userId);
      expectRevoked(await t.http.get('/api/v1/me').set(s.auth).expect(401));
    });
  });

  describe('logout', () => {
    it('ends the old access token at once, not when it expires', async () => {
      const s = await loginHolder(t);
      await t.http.get('/api/v1/me').set(s.auth).expect(200); // now cached by this instance
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      expectRevoked(await t.http.get('/api/v1/me').set(s.auth).expect(401));
      // Writes too, before any rule of the route runs.
      expectRevoked(
        await t.http
          .post('/api/v1/me/subscriptions')
          .set(s.auth)
          .send({ results: { x: 'accept' } })
          .expect(401),
      );
      await refresh(t, s).expect(401);
    });

    it('lets the person’s other sessions renew their access token silently', async () => {
      const phone = await loginHolder(t, 'two-devices');
      const tablet = await loginHolder(t, 'two-devices');
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      // The tablet's access token is from before the logout: 401, then its refresh token renews it.
      expectRevoked(await t.http.get('/api/v1/me').set(tablet.auth).expect(401));
      const renewed = await refresh(t, tablet).expect(200);
      await t.http.get('/api/v1/me').set(bearer(renewed.body.accessToken)).expect(200);
    });

    it('changes nothing when the session had already ended', async () => {
      const s = await loginHolder(t);
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      const version = await tokenVersionOf(t, s.userId);
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      expect(await tokenVersionOf(t, s.userId)).toBe(version);
    });
  });

  describe('disabling an account (admin)', () => {
    it('ends its access token at once, revokes its refresh tokens, refuses logins, and is audited', async () => {
      const staff = await loginStaff(t, ['lawyer']);
      await t.http.get('/api/v1/me').set(staff.auth).expect(200);

      const res = await t.http.post(`/api/v1/staff/accounts/${staff.userId}/disable`).set(admin.auth).expect(200);
      expect(res.body).toEqual({ id: staff.userId, username: staff.username, disabled: true, roles: ['lawyer'] });

      expectRevoked(await t.http.get('/api/v1/me').set(staff.auth).expect(401));
      expect((await refresh(t, staff).expect(401)).body.error.code).toBe('UNAUTHENTICATED');
      const tokens = await t.container.db.manager.findBy(RefreshToken, { accountId: staff.userId });
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.every((r) => r.revokedAt !== null)).toBe(true);
      const login = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: staff.password })
        .expect(403);
      expect(login.body.error.code).toBe('ACCOUNT_DISABLED');

      const audit = await t.container.db.manager.findBy(AuditLog, {
        action: 'account.disable',
        targetId: String(staff.userId),
      });
      expect(audit).toEqual([expect.objectContaining({ actorAccountId: admin.userId, targetType: 'account' })]);
    });

    it('disables a holder too, and enabling lets them log in afresh while old tokens stay dead', async () => {
      const holder = await loginHolder(t, 'to-disable');
      await t.http.post(`/api/v1/staff/accounts/${holder.userId}/disable`).set(admin.auth).expect(200);
      expect(
        (await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-to-disable' }).expect(403)).body.error.code,
      ).toBe('ACCOUNT_DISABLED');

      const enabled = await t.http.post(`/api/v1/staff/accounts/${holder.userId}/enable`).set(admin.auth).expect(200);
      expect(enabled.body).toMatchObject({ id: holder.userId, disabled: false, roles: ['holder'] });
      expectRevoked(await t.http.get('/api/v1/me').set(holder.auth).expect(401));
      await refresh(t, holder).expect(401);
      const again = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-to-disable' }).expect(200);
      await t.http.get('/api/v1/me').set(bearer(again.body.accessToken)).expect(200);
      expect(
        await t.container.db.manager.countBy(AuditLog, { action: 'account.enable', targetId: String(holder.userId) }),
      ).toBe(1);
    });

    it('refuses disabling one’s own account, an unknown account, and anyone but an admin', async () => {
      const self = await t.http.post(`/api/v1/staff/accounts/${admin.userId}/disable`).set(admin.auth).expect(409);
      expect(self.body.error.code).toBe('SELF_LOCKOUT');
      await t.http.get('/api/v1/me').set(admin.auth).expect(200);
      expect(
        (await t.http.post('/api/v1/staff/accounts/2000000000/disable').set(admin.auth).expect(404)).body.error.code,
      ).toBe('NOT_FOUND');
      const district = await loginStaff(t, ['district_staff'], await createDistrictAndStation(t));
      const victim = await loginHolder(t);
      await t.http.post(`/api/v1/staff/accounts/${victim.userId}/disable`).set(district.auth).expect(403);
      await t.http.post(`/api/v1/staff/accounts/${victim.userId}/disable`).set(victim.auth).expect(403);
      await t.http.get('/api/v1/me').set(victim.auth).expect(200);
    });

    it('ends a removed counter clerk’s access token at once', async () => {
      const { owner } = await approvedMerchant(t);
      await t.http
        .post('/api/v1/merchant/clerks')
        .set(owner.auth)
        .send({ username: 'clerk-gone', password: 'clerk-password-1', displayName: '收银员' })
        .expect(201);
      const login = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: 'clerk-gone', password: 'clerk-password-1' })
        .expect(200);
      const clerk = bearer(login.body.accessToken);
      await t.http.get('/api/v1/merchant/me').set(clerk).expect(200);
      await t.http.delete(`/api/v1/merchant/clerks/${login.body.user.id}`).set(owner.auth).expect(204);
      expectRevoked(await t.http.get('/api/v1/merchant/me').set(clerk).expect(401));
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    });
  });

  describe('changing roles (admin)', () => {
    it('takes a role away at once: the old token stops, the renewed one no longer has the role', async () => {
      const place = await createDistrictAndStation(t);
      const staff = await loginStaff(t, ['district_staff', 'lawyer'], place);
      await t.http.get('/api/v1/staff/merchants').set(staff.auth).expect(200);

      const res = await t.http
        .put(`/api/v1/staff/accounts/${staff.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['lawyer'] })
        .expect(200);
      expect(res.body).toMatchObject({ id: staff.userId, roles: ['lawyer'] });

      expectRevoked(await t.http.get('/api/v1/staff/merchants').set(staff.auth).expect(401));
      const renewed = await refresh(t, staff).expect(200);
      expect(renewed.body.user.roles).toEqual(['lawyer']);
      expect(
        (await t.http.get('/api/v1/staff/merchants').set(bearer(renewed.body.accessToken)).expect(403)).body.error.code,
      ).toBe('FORBIDDEN');
      await t.http.get('/api/v1/me').set(bearer(renewed.body.accessToken)).expect(200);

      const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'account.roles',
        targetId: String(staff.userId),
      });
      expect(JSON.parse(audit.detail!)).toEqual({ before: ['district_staff', 'lawyer'], after: ['lawyer'] });
    });

    it('keeps a holder’s holder role, and leaves tokens alone when nothing changes', async () => {
      const holder = await loginHolder(t);
      const granted = await t.http
        .put(`/api/v1/staff/accounts/${holder.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['lawyer'] })
        .expect(200);
      expect(granted.body.roles).toEqual(['holder', 'lawyer']);
      const renewed = await refresh(t, holder).expect(200);
      const version = await tokenVersionOf(t, holder.userId);
      await t.http
        .put(`/api/v1/staff/accounts/${holder.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['lawyer'] })
        .expect(200);
      expect(await tokenVersionOf(t, holder.userId)).toBe(version);
      await t.http.get('/api/v1/me').set(bearer(renewed.body.accessToken)).expect(200);
    });

    it('refuses staff roles without their placement, taking one’s own admin role, and non-admins', async () => {
      const lawyer = await loginStaff(t, ['lawyer']);
      const unplaced = await t.http
        .put(`/api/v1/staff/accounts/${lawyer.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['station_staff'] })
        .expect(400);
      expect(unplaced.body.error.code).toBe('VALIDATION_FAILED');
      await t.http
        .put(`/api/v1/staff/accounts/${lawyer.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['holder'] })
        .expect(400);
      const self = await t.http
        .put(`/api/v1/staff/accounts/${admin.userId}/roles`)
        .set(admin.auth)
        .send({ roles: ['lawyer'] })
        .expect(409);
      expect(self.body.error.code).toBe('SELF_LOCKOUT');
      await t.http
        .put(`/api/v1/staff/accounts/${lawyer.userId}/roles`)
        .set(lawyer.auth)
        .send({ roles: ['admin'] })
        .expect(403);
      await t.http.get('/api/v1/me').set(lawyer.auth).expect(200);
    });

    it('is in the OpenAPI document', async () => {
      const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
      expect(doc.paths['/api/v1/staff/accounts/{id}/disable']?.post).toBeDefined();
      expect(doc.paths['/api/v1/staff/accounts/{id}/enable']?.post).toBeDefined();
      expect(doc.paths['/api/v1/staff/accounts/{id}/roles']?.put?.requestBody).toBeDefined();
    });
  });
});

describe('a second instance on the same database', () => {
  let t: TestContext;
  let secondDb: Database;
  let other: TestAgent;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestContext({ env: { AUTH_CACHE_MS: '2000' } });
    secondDb = await openDatabase(t.config.database);
    const second = await createContainer(t.config, { db: secondDb, clock: t.clock, logger: t.container.logger });
    other = request(buildApp(second).callback());
    admin = await loginStaff(t, ['admin']);
  });
  afterAll(async () => {
    await secondDb.close();
    await t.close();
  });

  it('sees a logout made on the first within its cache time', async () => {
    const s = await loginHolder(t);
    await other.get('/api/v1/me').set(s.auth).expect(200); // the second instance caches the account
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    expectRevoked(await t.http.get('/api/v1/me').set(s.auth).expect(401)); // at once where it happened
    await other.get('/api/v1/me').set(s.auth).expect(200); // still within the second's cache time
    t.clock.advance(2_001);
    expectRevoked(await other.get('/api/v1/me').set(s.auth).expect(401));
  });

  it('sees an account disabled on the first within its cache time', async () => {
    const s = await loginHolder(t);
    await other.get('/api/v1/me').set(s.auth).expect(200);
    await t.http.post(`/api/v1/staff/accounts/${s.userId}/disable`).set(admin.auth).expect(200);
    t.clock.advance(2_001);
    expectRevoked(await other.get('/api/v1/me').set(s.auth).expect(401));
    await other.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });
});

describe('with the cache turned off', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { AUTH_CACHE_MS: '0' } });
  });
  afterAll(() => t.close());

  it('reads the account on every request', async () => {
    const s = await loginHolder(t);
    await t.http.get('/api/v1/me').set(s.auth).expect(200);
    // A change written straight to the database, without telling the instance.
    await t.container.db.transaction((em) => em.update(Account, { id: s.userId }, { disabled: true }));
    expectRevoked(await t.http.get('/api/v1/me').set(s.auth).expect(401));
  });
});
