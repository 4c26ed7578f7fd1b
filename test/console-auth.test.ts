import type { Response } from 'supertest';
import { IsNull } from 'typeorm';
import { AccountMfa } from '../server/modules/auth/account-mfa.entity';
import { Account } from '../server/modules/auth/account.entity';
import { RecoveryCode } from '../server/modules/auth/recovery-code.entity';
import { RefreshToken } from '../server/modules/auth/refresh-token.entity';
import { base32Encode, matchTotp, otpauthUrl, totpCode, totpStep } from '../server/modules/auth/totp';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { seedDemo } from '../server/seed/demo';
import { DEMO_LOGINS, DEMO_TOTP_SECRET } from '../server/seed/demo-credentials';
import { insertAccount } from '../server/modules/auth/accounts.service';
import { hashPassword } from '../server/lib/password';
import type { Role } from '../server/modules/auth/roles';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, loginStaff, signInWithPassword, totpFor, unique } from './helpers/factories';

const CONSOLE = { 'X-Client': 'console' };
const PASSWORD = 'console-password-1';

/** An account with a password (no second factor enrolled yet). */
async function staffAccount(t: TestContext, roles: Role[]): Promise<{ id: number; username: string }> {
  const username = unique('desk');
  const place = await createDistrictAndStation(t);
  const account = await t.container.db.transaction(async (em) =>
    insertAccount(
      em,
      {
        username,
        passwordHash: await hashPassword(PASSWORD),
        displayName: '测试员',
        roles,
        stationId: roles.includes('station_staff') ? place.stationId : null,
        districtId: place.districtId,
      },
      t.clock.now(),
    ),
  );
  return { id: account.id, username };
}

/** `name=value` of each Set-Cookie line, with its attributes. */
function cookies(res: Response): Map<string, { value: string; attrs: string[] }> {
  const lines = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return new Map(
    lines.map((line) => {
      const [pair, ...attrs] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), { value: pair.slice(eq + 1), attrs }];
    }),
  );
}

const cookieHeader = (refresh: string, csrf: string) => `ry_refresh=${refresh}; ry_csrf=${csrf}`;

async function auditActions(t: TestContext, accountId: number): Promise<string[]> {
  const rows = await t.container.db.manager.find(AuditLog, {
    where: { targetType: 'sign_in', targetId: String(accountId) },
    order: { id: 'ASC' },
  });
  return rows.map((r) => r.action);
}

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890", truncated to 6 digits.
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totpCode(secret, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('takes one step of drift either side, and nothing else', () => {
    const at = new Date(1234567890 * 1000);
    const step = totpStep(at);
    expect(matchTotp(secret, totpCode(secret, step - 1), at)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), at)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step + 2), at)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step - 2), at)).toBeNull();
    expect(matchTotp(secret, '12345', at)).toBeNull();
  });

  it('writes the otpauth URL authenticator apps read', () => {
    const url = otpauthUrl('戎友', 'admin', 'JBSWY3DPEHPK3PXP');
    expect(url).toBe(
      'otpauth://totp/%E6%88%8E%E5%8F%8B:admin?secret=JBSWY3DPEHPK3PXP&issuer=%E6%88%8E%E5%8F%8B&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('second factor for admin and district accounts', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('leaves station staff signing in with the password alone', async () => {
    const staff = await staffAccount(t, ['station_staff']);
    const res = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: staff.username, password: PASSWORD })
      .expect(200);
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.body.mfaRequired).toBeUndefined();
    expect(await auditActions(t, staff.id)).toEqual(['auth.password_ok']);
  });

  it('enrols an authenticator on first sign-in, hands out recovery codes once, and keeps the secret encrypted', async () => {
    const admin = await staffAccount(t, ['admin']);
    const first = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: PASSWORD })
      .expect(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), enrolled: false });
    expect(first.body.accessToken).toBeUndefined();

    // Before enrolling there is nothing to verify against.
    const early = await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: first.body.mfaToken, code: '123456' })
      .expect(409);
    expect(early.body.error.code).toBe('MFA_NOT_ENROLLED');

    const enrol = await t.http.post('/api/v1/auth/mfa/enroll').send({ mfaToken: first.body.mfaToken }).expect(200);
    const secret: string = enrol.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.body.otpauthUrl).toContain(`secret=${secret}`);
    expect(enrol.body.otpauthUrl).toContain('issuer=%E6%88%8E%E5%8F%8B');
    const row = await t.container.db.manager.findOneByOrFail(AccountMfa, { accountId: admin.id });
    expect(row.enrolledAt).toBeNull();
    expect(row.secretCipher).toMatch(/^v1\./);
    expect(row.secretCipher).not.toContain(secret);

    const code = totpCode(secret, totpStep(t.clock.now()));
    const done = await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: first.body.mfaToken, code }).expect(200);
    expect(done.body.accessToken).toEqual(expect.any(String));
    expect(done.body.refreshToken).toEqual(expect.any(String));
    expect(done.body.user).toEqual({ id: admin.id, roles: ['admin'] });
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${done.body.accessToken}`).expect(200);

    const stored = await t.container.db.manager.findBy(RecoveryCode, { accountId: admin.id });
    expect(stored).toHaveLength(10);
    for (const c of done.body.recoveryCodes as string[]) {
      expect(stored.map((s) => s.codeHash)).not.toContain(c);
      expect(stored.some((s) => s.codeHash.includes(c.replace('-', '')))).toBe(false);
    }

    // Enrolled: the next sign-in says so, and enrolling again is refused.
    const again = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: PASSWORD })
      .expect(200);
    expect(again.body.enrolled).toBe(true);
    const twice = await t.http.post('/api/v1/auth/mfa/enroll').send({ mfaToken: again.body.mfaToken }).expect(409);
    expect(twice.body.error.code).toBe('MFA_ALREADY_ENROLLED');

    // The same code again, in its window: a replay.
    const replay = await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: again.body.mfaToken, code })
      .expect(401);
    expect(replay.body.error.code).toBe('MFA_CODE_INVALID');
    // The next step's code (phone a little ahead) is fine; a later sign-in gets no recovery codes.
    const next = totpCode(secret, totpStep(t.clock.now()) + 1);
    const ok = await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: again.body.mfaToken, code: next })
      .expect(200);
    expect(ok.body.recoveryCodes).toBeUndefined();

    expect(await auditActions(t, admin.id)).toEqual([
      'auth.password_ok',
      'auth.mfa_failed',
      'auth.mfa_enrolment_started',
      'auth.mfa_ok',
      'auth.password_ok',
      'auth.mfa_failed',
      'auth.mfa_ok',
    ]);
  });

  it('keeps the second-factor token and access tokens apart, and lets the former expire in 5 minutes', async () => {
    const district = await loginStaff(t, ['district_staff']);
    const step = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: district.username, password: district.password })
      .expect(200);
    const mfaToken: string = step.body.mfaToken;
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${mfaToken}`).expect(401);
    const asMfa = await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: district.accessToken, code: '123456' })
      .expect(401);
    expect(asMfa.body.error.code).toBe('UNAUTHENTICATED');

    t.clock.advance(5 * 60_000 + 1000);
    const code = await totpFor(t, district.userId, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken, code }).expect(401);
  });

  it('locks the second factor for 15 minutes after 5 wrong codes, and audits it', async () => {
    const admin = await loginStaff(t, ['admin']);
    const step = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: admin.password })
      .expect(200);
    const mfaToken: string = step.body.mfaToken;
    const right = await totpFor(t, admin.userId, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken, code: wrong }).expect(401);
      expect(res.body.error.code).toBe('MFA_CODE_INVALID');
    }
    const fifth = await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken, code: wrong }).expect(429);
    expect(fifth.body.error.code).toBe('MFA_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBe(900);
    // Locked: even the right code is refused.
    const locked = await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken, code: right }).expect(429);
    expect(locked.body.error.code).toBe('MFA_LOCKED');

    t.clock.advance(15 * 60_000);
    const fresh = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: admin.password })
      .expect(200);
    const code = await totpFor(t, admin.userId, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: fresh.body.mfaToken, code }).expect(200);

    const actions = await auditActions(t, admin.userId);
    expect(actions.filter((a) => a === 'auth.mfa_failed')).toHaveLength(4);
    expect(actions.filter((a) => a === 'auth.mfa_locked')).toHaveLength(2);
    expect(actions.at(-1)).toBe('auth.mfa_ok');
  });

  it('takes each recovery code once', async () => {
    const admin = await staffAccount(t, ['admin']);
    const enrolled = await signInWithPassword(t, { username: admin.username, password: PASSWORD });
    const [recovery] = enrolled.recoveryCodes!;
    const step = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: PASSWORD })
      .expect(200);
    await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: step.body.mfaToken, recoveryCode: recovery.toLowerCase() })
      .expect(200);
    const reused = await t.http
      .post('/api/v1/auth/mfa/verify')
      .send({ mfaToken: step.body.mfaToken, recoveryCode: recovery })
      .expect(401);
    expect(reused.body.error.code).toBe('MFA_CODE_INVALID');
    expect(await t.container.services.mfa.recoveryCodesLeft(admin.id)).toBe(9);
  });

  it('audits failed passwords and throttled attempts without a password in the log', async () => {
    const staff = await staffAccount(t, ['district_staff']);
    await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: staff.username, password: 'wrong-one-1' })
      .expect(401);
    const entries = await t.container.db.manager.findBy(AuditLog, {
      targetType: 'sign_in',
      targetId: String(staff.id),
    });
    expect(entries.map((e) => e.action)).toEqual(['auth.password_failed']);
    expect(entries[0].actorAccountId).toBeNull();
    expect(entries[0].detail).not.toContain('wrong-one-1');
    await t.http.post('/api/v1/auth/password-login').send({ username: 'no-such-user', password: 'x-1' }).expect(401);
    const unknown = await t.container.db.manager.findBy(AuditLog, {
      action: 'auth.password_failed',
      targetId: IsNull(),
    });
    expect(unknown).toHaveLength(1);
  });

  it('audits a sign-in refused by the login rate limit', async () => {
    const limited = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const staff = await staffAccount(limited, ['admin']);
      for (let i = 0; i < 2; i++) {
        await limited.http
          .post('/api/v1/auth/password-login')
          .send({ username: staff.username, password: `guess-${i}` })
          .expect(401);
      }
      await limited.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: 'guess-2' })
        .expect(429);
      expect(await auditActions(limited, staff.id)).toEqual([
        'auth.password_failed',
        'auth.password_failed',
        'auth.login_locked',
      ]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a second-factor token once the account was disabled', async () => {
    const admin = await loginStaff(t, ['admin']);
    const step = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: admin.username, password: admin.password })
      .expect(200);
    await t.container.db.transaction((em) =>
      em.update(Account, { id: admin.userId }, { disabled: true, tokenVersion: () => 'token_version + 1' }),
    );
    const code = await totpFor(t, admin.userId, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: step.body.mfaToken, code }).expect(401);
  });
});

describe('demo accounts', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.container);
  }, 60_000);
  afterAll(() => t.close());

  it('enrols the demo admin and district with the published secret; station staff need no code', async () => {
    for (const login of [DEMO_LOGINS.admin, DEMO_LOGINS.district]) {
      const step = await t.http.post('/api/v1/auth/password-login').send(login).expect(200);
      expect(step.body).toMatchObject({ mfaRequired: true, enrolled: true });
      const code = totpCode(DEMO_TOTP_SECRET, totpStep(t.clock.now()));
      const done = await t.http
        .post('/api/v1/auth/mfa/verify')
        .send({ mfaToken: step.body.mfaToken, code })
        .expect(200);
      expect(done.body.recoveryCodes).toBeUndefined();
    }
    const station = await t.http.post('/api/v1/auth/password-login').send(DEMO_LOGINS.station1).expect(200);
    expect(station.body.accessToken).toEqual(expect.any(String));
    const clerk = await t.http.post('/api/v1/auth/password-login').send(DEMO_LOGINS.clerk).expect(200);
    expect(clerk.body.accessToken).toEqual(expect.any(String));
  });
});

describe('console sessions (cookie, CSRF, idle sign-out)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** A console sign-in of a fresh district account, through the second factor. */
  async function consoleSignIn() {
    const district = await loginStaff(t, ['district_staff']);
    const step = await t.http
      .post('/api/v1/auth/password-login')
      .set(CONSOLE)
      .send({ username: district.username, password: district.password })
      .expect(200);
    expect(cookies(step).size).toBe(0);
    const code = await totpFor(t, district.userId, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const res = await t.http
      .post('/api/v1/auth/mfa/verify')
      .set(CONSOLE)
      .send({ mfaToken: step.body.mfaToken, code })
      .expect(200);
    const jar = cookies(res);
    return {
      res,
      accountId: district.userId,
      refresh: jar.get('ry_refresh')!.value,
      csrf: jar.get('ry_csrf')!.value,
    };
  }

  it('puts the refresh token in an HttpOnly cookie scoped to the auth paths, never in the body', async () => {
    const { res, refresh, csrf } = await consoleSignIn();
    expect(res.body.refreshToken).toBeUndefined();
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain(refresh);
    const jar = cookies(res);
    expect(jar.get('ry_refresh')!.attrs.sort()).toEqual(['HttpOnly', 'Path=/api/v1/auth', 'SameSite=Strict', 'Secure']);
    expect(jar.get('ry_csrf')!.attrs.sort()).toEqual(['Path=/', 'SameSite=Strict', 'Secure']);
    expect(refresh.length).toBeGreaterThan(30);
    expect(csrf.length).toBeGreaterThan(30);

    // Station staff sign in from the console the same way, without the second step.
    const staff = await staffAccount(t, ['station_staff']);
    const direct = await t.http
      .post('/api/v1/auth/password-login')
      .set(CONSOLE)
      .send({ username: staff.username, password: PASSWORD })
      .expect(200);
    expect(direct.body.refreshToken).toBeUndefined();
    expect(cookies(direct).get('ry_refresh')!.attrs).toContain('HttpOnly');
  });

  it('refreshes only with the CSRF header matching the cookie, and rotates the cookie', async () => {
    const { refresh, csrf } = await consoleSignIn();
    const none = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, csrf))
      .send({})
      .expect(403);
    expect(none.body.error.code).toBe('CSRF_INVALID');
    const wrong = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, csrf))
      .set('X-CSRF-Token', `${csrf.slice(0, -1)}x`)
      .send({})
      .expect(403);
    expect(wrong.body.error.code).toBe('CSRF_INVALID');
    // A header equal to a forged cookie is not enough: the token belongs to the session.
    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, 'forged-forged-forged-forged-forged-forged-0'))
      .set('X-CSRF-Token', 'forged-forged-forged-forged-forged-forged-0')
      .send({})
      .expect(403);

    const ok = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, csrf))
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(200);
    expect(ok.body.refreshToken).toBeUndefined();
    expect(ok.body.accessToken).toEqual(expect.any(String));
    const rotated = cookies(ok).get('ry_refresh')!.value;
    expect(rotated).not.toBe(refresh);
    expect(cookies(ok).get('ry_csrf')!.value).toBe(csrf);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);

    // The old cookie again: reuse, so the whole session ends.
    const reused = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, csrf))
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(401);
    expect(cookies(reused).get('ry_refresh')!.attrs).toContain('Max-Age=0');
    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(rotated, csrf))
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(401);
  });

  it('refuses a console refresh token in a body and a body token in the cookie', async () => {
    const { refresh } = await consoleSignIn();
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: refresh }).expect(401);
    const phone = await loginStaff(t, ['station_staff'], await createDistrictAndStation(t));
    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(phone.refreshToken, 'x'))
      .set('X-CSRF-Token', 'x')
      .send({})
      .expect((res) => expect([401, 403]).toContain(res.status));
    // The mini-program's way still works.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(200);
  });

  it('ends a session idle for 30 minutes; a request in between keeps it alive', async () => {
    const first = await consoleSignIn();
    const second = await consoleSignIn();

    // The second session acts after 10 minutes; then 25 more minutes pass for both.
    t.clock.advance(10 * 60_000);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${second.res.body.accessToken}`).expect(200);
    await new Promise((r) => setTimeout(r, 100)); // the activity is written after the answer
    t.clock.advance(25 * 60_000);

    const idle = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(first.refresh, first.csrf))
      .set('X-CSRF-Token', first.csrf)
      .send({})
      .expect(401);
    expect(idle.body.error.code).toBe('SESSION_IDLE');
    expect(cookies(idle).get('ry_refresh')!.attrs).toContain('Max-Age=0');
    const rows = await t.container.db.manager.findBy(RefreshToken, { accountId: first.accountId, console: true });
    expect(rows).toHaveLength(1);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);

    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(second.refresh, second.csrf))
      .set('X-CSRF-Token', second.csrf)
      .send({})
      .expect(200);
  });

  it('logs out with the CSRF token, clearing both cookies and ending the session', async () => {
    const { refresh, csrf, res } = await consoleSignIn();
    const refused = await t.http
      .post('/api/v1/auth/logout')
      .set('Cookie', cookieHeader(refresh, csrf))
      .send({})
      .expect(403);
    expect(refused.body.error.code).toBe('CSRF_INVALID');

    const out = await t.http
      .post('/api/v1/auth/logout')
      .set('Cookie', cookieHeader(refresh, csrf))
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(204);
    const jar = cookies(out);
    expect(jar.get('ry_refresh')).toMatchObject({ value: '' });
    expect(jar.get('ry_refresh')!.attrs).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/api/v1/auth']));
    expect(jar.get('ry_csrf')!.attrs).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/']));
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(401);
    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieHeader(refresh, csrf))
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(401);
  });
});
