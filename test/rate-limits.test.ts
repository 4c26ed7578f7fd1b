import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../server/app';
import { createContainer, type Container } from '../server/container';
import { openDatabase } from '../server/db/data-source';
import type { Database } from '../server/db/database';
import { RateLimitCounter } from '../server/http/rate-limit-counter.entity';
import { clientAddressKey } from '../server/http/rate-limit';
import { purgeJob } from '../server/jobs/purge.job';
import { JobRunner } from '../server/jobs/runner';
import { Account } from '../server/modules/auth/account.entity';
import { insertAccount } from '../server/modules/auth/accounts.service';
import { usernameKey } from '../server/modules/auth/login-throttle';
import { hashPassword } from '../server/lib/password';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, unique } from './helpers/factories';

/**
 * Two server instances on one database: the test context (instance A) and a second container and
 * app on their own connection (instance B), sharing A's clock.
 */
interface Pair {
  t: TestContext;
  a: TestAgent;
  b: TestAgent;
  second: Container;
  close(): Promise<void>;
}

async function twoInstances(env: Record<string, string>): Promise<Pair> {
  const t = await createTestContext({ env });
  const secondDb: Database = await openDatabase(t.config.database);
  const second = await createContainer(t.config, { db: secondDb, clock: t.clock, logger: t.container.logger });
  return {
    t,
    a: t.http,
    b: request(buildApp(second).callback()),
    second,
    close: async () => {
      await secondDb.close();
      await t.close();
    },
  };
}

const PASSWORD = 'correct-horse-battery';
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

/** A staff account with a password, not logged in. */
async function staffAccount(t: TestContext): Promise<{ id: number; username: string }> {
  const username = unique('clerk');
  const account = await t.container.db.transaction((em) =>
    insertAccount(em, { username, passwordHash, displayName: '测试员', roles: ['lawyer'] }, t.clock.now()),
  );
  return { id: account.id, username };
}

const passwordLogin = (http: TestAgent, username: string, password: string, from?: string) => {
  const req = http.post('/api/v1/auth/password-login');
  if (from) req.set('X-Forwarded-For', from);
  return req.send({ username, password });
};

/** Sets the clock `seconds` into a fresh minute, so a test never straddles a window's end. */
const intoMinute = (t: TestContext, seconds = 5) => {
  const now = t.clock.now().getTime();
  t.clock.set(new Date(now - (now % 60_000) + 60_000 + seconds * 1000));
};

describe('rate limits shared by instances', () => {
  describe('password login', () => {
    let p: Pair;
    beforeAll(async () => {
      p = await twoInstances({ LOGIN_RATE_LIMIT_PER_MINUTE: '4' });
    });
    afterAll(() => p.close());
    beforeEach(() => intoMinute(p.t));

    it('limits failed attempts split across both instances as one, until the window ends', async () => {
      const staff = await staffAccount(p.t);
      for (const http of [p.a, p.b, p.a, p.b])
        await passwordLogin(http, staff.username, 'wrong-password-x').expect(401);
      const limited = await passwordLogin(p.b, staff.username, 'wrong-password-x').expect(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBe(55);
      // The right password waits too: the name is locked for the rest of the minute, on both instances.
      await passwordLogin(p.a, staff.username, PASSWORD).expect(429);
      await passwordLogin(p.b, staff.username, PASSWORD).expect(429);

      p.t.clock.advance(55_000);
      await passwordLogin(p.a, staff.username, PASSWORD).expect(200);
    });

    it('counts failures only: logging in again and again never uses up the allowance', async () => {
      const staff = await staffAccount(p.t);
      for (let i = 0; i < 10; i++) await passwordLogin(i % 2 ? p.a : p.b, staff.username, PASSWORD).expect(200);
      for (let i = 0; i < 4; i++)
        await passwordLogin(i % 2 ? p.a : p.b, staff.username, 'wrong-password-x').expect(401);
      await passwordLogin(p.a, staff.username, PASSWORD).expect(429);
    });

    it('counts one name however it is spelt (case, spaces, full-width forms, accents)', async () => {
      const staff = await staffAccount(p.t);
      const upper = staff.username.toUpperCase();
      const fullWidth = [...staff.username].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
      const accented = staff.username.replace('c', 'ç');
      for (const spelling of [upper, ` ${staff.username} `, fullWidth, accented]) {
        await passwordLogin(p.a, spelling, 'wrong-password-x').expect(401);
      }
      await passwordLogin(p.b, staff.username, PASSWORD).expect(429);
      expect(usernameKey(fullWidth)).toBe(staff.username);
      expect(usernameKey(accented)).toBe(staff.username);
      expect(usernameKey('STRAßE')).toBe('strasse');
    });

    it('counts per account too: a name that leads to an account spent under another name is refused', async () => {
      const staff = await staffAccount(p.t);
      for (let i = 0; i < 4; i++) await passwordLogin(p.a, staff.username, 'wrong-password-x').expect(401);
      // The account now answers to another name (as a collation may equate two names): its own count still holds.
      const renamed = unique('renamed');
      await p.t.container.db.transaction((em) => em.update(Account, { id: staff.id }, { username: renamed }));
      await passwordLogin(p.b, renamed, PASSWORD).expect(429);
      p.t.clock.advance(60_000);
      await passwordLogin(p.b, renamed, PASSWORD).expect(200);
    });

    it('takes each parallel attempt’s place before the password check: just the allowance gets through', async () => {
      const name = unique('nobody');
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => passwordLogin(i % 2 ? p.a : p.b, name, 'wrong-password-x')),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(12);
    });

    it('keeps no username or address in clear, in the counters or in the logs', async () => {
      const name = unique('secretname');
      await passwordLogin(p.a, name, 'wrong-password-x').expect(401);
      const rows = await p.t.container.db.manager.find(RateLimitCounter);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.keyHash).not.toContain(name);
      }
      expect(p.t.logs.join('\n')).not.toContain(name);
    });
  });

  describe('per client address', () => {
    let p: Pair;
    beforeAll(async () => {
      p = await twoInstances({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
    });
    afterAll(() => p.close());
    beforeEach(() => intoMinute(p.t));

    it('limits one username across different addresses', async () => {
      const staff = await staffAccount(p.t);
      for (const [i, from] of ['10.1.0.1', '10.1.0.2', '10.1.0.3'].entries()) {
        await passwordLogin(i % 2 ? p.a : p.b, staff.username, 'wrong-password-x', from).expect(401);
      }
      await passwordLogin(p.a, staff.username, PASSWORD, '10.1.0.4').expect(429);
      // Those addresses are not spent: another name from them goes on.
      const other = await staffAccount(p.t);
      await passwordLogin(p.b, other.username, PASSWORD, '10.1.0.1').expect(200);
    });

    it('stops one address spraying many names, with a generous allowance (five times the per-name one)', async () => {
      for (let i = 0; i < 15; i++)
        await passwordLogin(i % 2 ? p.a : p.b, unique('spray'), 'wrong-password-x', '10.2.0.1').expect(401);
      const staff = await staffAccount(p.t);
      await passwordLogin(p.a, staff.username, PASSWORD, '10.2.0.1').expect(429);
      await passwordLogin(p.a, staff.username, PASSWORD, '10.2.0.2').expect(200);
    });

    it('counts WeChat logins per address across instances', async () => {
      for (const http of [p.a, p.b, p.a])
        await http
          .post('/api/v1/auth/wechat-login')
          .set('X-Forwarded-For', '10.3.0.1')
          .send({ code: `dev-${unique('wx')}` })
          .expect(200);
      await p.b
        .post('/api/v1/auth/wechat-login')
        .set('X-Forwarded-For', '10.3.0.1')
        .send({ code: `dev-${unique('wx')}` })
        .expect(429);
    });

    it('gives refresh and logout their own allowance: they neither use up nor wait on the login one', async () => {
      const from = '10.4.0.1';
      const wechat = (http: TestAgent) =>
        http
          .post('/api/v1/auth/wechat-login')
          .set('X-Forwarded-For', from)
          .send({ code: `dev-${unique('wx')}` });
      let refreshToken = (await wechat(p.a).expect(200)).body.refreshToken as string;
      // More refreshes than the login allowance, from the same address, on both instances.
      for (let i = 0; i < 6; i++) {
        const res = await (i % 2 ? p.a : p.b)
          .post('/api/v1/auth/refresh')
          .set('X-Forwarded-For', from)
          .send({ refreshToken })
          .expect(200);
        refreshToken = res.body.refreshToken;
      }
      await wechat(p.b).expect(200);
      const last = (await wechat(p.a).expect(200)).body.refreshToken as string;
      await wechat(p.b).expect(429);
      // The login allowance is spent; the session allowance is not.
      const renewed = await p.a
        .post('/api/v1/auth/refresh')
        .set('X-Forwarded-For', from)
        .send({ refreshToken: last })
        .expect(200);
      await p.b
        .post('/api/v1/auth/logout')
        .set('X-Forwarded-For', from)
        .send({ refreshToken: renewed.body.refreshToken })
        .expect(204);

      // The session allowance is ten times the login one (30 here), refreshes and logouts together.
      const bogus = 'not-a-real-refresh-token-0000';
      for (let i = 0; i < 30 - 8; i++)
        await (i % 2 ? p.a : p.b)
          .post('/api/v1/auth/refresh')
          .set('X-Forwarded-For', from)
          .send({ refreshToken: bogus })
          .expect(401);
      const limited = await p.a
        .post('/api/v1/auth/refresh')
        .set('X-Forwarded-For', from)
        .send({ refreshToken: bogus })
        .expect(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      await p.b.post('/api/v1/auth/logout').set('X-Forwarded-For', from).send({ refreshToken: bogus }).expect(429);
      await p.b
        .post('/api/v1/auth/refresh')
        .set('X-Forwarded-For', '10.4.0.2')
        .send({ refreshToken: bogus })
        .expect(401);
    });

    it('with TRUST_PROXY, takes the address the proxy appended, not what the client wrote before it', async () => {
      const wechat = (from: string) =>
        p.a
          .post('/api/v1/auth/wechat-login')
          .set('X-Forwarded-For', from)
          .send({ code: `dev-${unique('wx')}` });
      for (let i = 0; i < 3; i++) await wechat('10.5.0.1').expect(200);
      await wechat('10.5.0.1').expect(429);
      await wechat('10.5.0.2').expect(200);
      // A client that writes its own X-Forwarded-For gets the proxy's entry appended after it.
      await wechat('192.0.2.77, 10.5.0.1').expect(429);
      await wechat('10.5.0.1, 10.5.0.3').expect(200);
    });
  });

  describe('TRUST_PROXY', () => {
    it('off: forwarded headers are ignored, every request counts against the connection’s address', async () => {
      const t = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });
      try {
        intoMinute(t);
        const wechat = (from: string) =>
          t.http
            .post('/api/v1/auth/wechat-login')
            .set('X-Forwarded-For', from)
            .send({ code: `dev-${unique('wx')}` });
        await wechat('10.6.0.1').expect(200);
        await wechat('10.6.0.2').expect(200);
        await wechat('10.6.0.3').expect(429);
      } finally {
        await t.close();
      }
    });

    it('with TRUST_PROXY_HOPS=2, the client address is the second entry from the right', async () => {
      const t = await createTestContext({
        env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' },
      });
      try {
        intoMinute(t);
        const wechat = (from: string) =>
          t.http
            .post('/api/v1/auth/wechat-login')
            .set('X-Forwarded-For', from)
            .send({ code: `dev-${unique('wx')}` });
        await wechat('10.7.0.1, 198.51.100.1').expect(200);
        // The same client through another edge proxy, and with a forged entry in front.
        await wechat('10.7.0.1, 198.51.100.2').expect(200);
        await wechat('192.0.2.1, 10.7.0.1, 198.51.100.1').expect(429);
        await wechat('10.7.0.2, 198.51.100.1').expect(200);
      } finally {
        await t.close();
      }
    });

    it('counts an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 address', () => {
      expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
      expect(clientAddressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
      expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
      expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
      expect(clientAddressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
      expect(clientAddressKey('10.0.0.1')).toBe('10.0.0.1');
    });
  });

  describe('writes per account', () => {
    let p: Pair;
    beforeAll(async () => {
      p = await twoInstances({ WRITE_RATE_LIMIT_PER_MINUTE: '4' });
    });
    afterAll(() => p.close());
    beforeEach(() => intoMinute(p.t, 30));

    const write = (http: TestAgent, auth: { Authorization: string }) =>
      http
        .post('/api/v1/me/subscriptions')
        .set(auth)
        .send({ results: { service_notice: 'accept' } });

    it('counts an account’s writes on both instances against one allowance; rolls over with the window', async () => {
      const s = await loginHolder(p.t);
      for (const http of [p.a, p.b, p.b, p.a]) await write(http, s.auth).expect(200);
      const limited = await write(p.b, s.auth).expect(429);
      expect(Number(limited.headers['retry-after'])).toBe(30);
      await write(p.a, s.auth).expect(429);
      // Reads do not count, and another account has its own allowance.
      await p.b.get('/api/v1/me/subscriptions').set(s.auth).expect(200);
      const other = await loginHolder(p.t);
      await write(p.b, other.auth).expect(200);

      p.t.clock.advance(29_000);
      await write(p.a, s.auth).expect(429);
      p.t.clock.advance(1_000);
      await write(p.b, s.auth).expect(200);
    });

    it('adds up exactly when both instances count one key at once', async () => {
      const key = unique('race');
      const takes = Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? p.t.container : p.second).rateLimits.take('test-race', key, 15, 60_000).then(
          () => 'taken',
          (err: { code?: string }) => err.code,
        ),
      );
      const outcomes = await Promise.all(takes);
      expect(outcomes.filter((o) => o === 'taken')).toHaveLength(15);
      expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(25);
    });
  });

  describe('purge', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    });
    afterAll(() => t.close());

    it('removes windows that ended over an hour ago and keeps the rest', async () => {
      t.clock.set('2026-11-23T02:10:05Z');
      const counters = t.container.rateLimits;
      await counters.take('test-purge', 'old', 10, 60_000);
      await counters.take('test-purge', 'old', 10, 60_000);
      await counters.take('test-purge', 'hour', 10, 3_600_000);
      t.clock.advance(3_600_000 + 60_000);
      await counters.take('test-purge', 'recent', 10, 60_000);
      const before = await t.container.db.manager.count(RateLimitCounter);

      const outcome = await new JobRunner(t.container, 'instance-a').runByHand(purgeJob);
      expect(outcome.ran).toBe(true);
      if (!outcome.ran) return;
      expect(JSON.parse(outcome.run.counts!).rateLimits).toBe(1);
      const left = await t.container.db.manager.find(RateLimitCounter);
      expect(left).toHaveLength(before - 1);
      expect(left.every((r) => r.expiresAt.getTime() > t.clock.now().getTime() - 3_600_000)).toBe(true);

      // A purged window does not come back: counting starts afresh in the current one.
      t.clock.advance(2 * 3_600_000);
      expect(await counters.purgeEndedBefore(new Date(t.clock.now().getTime() - 3_600_000))).toBe(2);
      expect(await t.container.db.manager.count(RateLimitCounter)).toBe(0);
    });
  });
});
