import ExcelJS from 'exceljs';
import { AccountMfa } from '../server/modules/auth/account-mfa.entity';
import { RecoveryCode } from '../server/modules/auth/recovery-code.entity';
import { periodStarts } from '../server/lib/periods';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createBureau, readyHolder, review, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { createDistrictAndStation, loginStaff, signInWithPassword, unique, type Session } from './helpers/factories';

type Admin = Awaited<ReturnType<typeof loginStaff>>;

describe('admin console: accounts, places, audit trail, exports', () => {
  let t: TestContext;
  let admin: Admin;
  let place: { districtId: number; stationId: number };

  beforeAll(async () => {
    t = await createTestContext();
    admin = await loginStaff(t, ['admin']);
    place = await createDistrictAndStation(t);
  });
  afterAll(() => t.close());

  const createAccount = async (roles: string[], extra: Record<string, unknown> = {}) => {
    const username = unique('acct').replace(/[^A-Za-z0-9_.-]/g, '');
    const res = await t.http
      .post('/api/v1/staff/accounts')
      .set(admin.auth)
      .send({ username, password: 'first-password-1', displayName: '王小明', roles, ...extra })
      .expect(201);
    return { id: res.body.id as number, username };
  };

  describe('the account list', () => {
    it('lists accounts with roles, placement and second-factor state, filtered and paged', async () => {
      const clerk = await createAccount(['station_staff'], { stationId: place.stationId });
      const district = await loginStaff(t, ['district_staff'], { districtId: place.districtId });
      const res = await t.http
        .get('/api/v1/staff/accounts')
        .query({ districtId: place.districtId })
        .set(admin.auth)
        .expect(200);
      const byId = new Map(res.body.items.map((a: { id: number }) => [a.id, a]));
      expect(byId.get(clerk.id)).toMatchObject({
        username: clerk.username,
        displayName: '王小明',
        roles: ['station_staff'],
        stationId: place.stationId,
        districtId: place.districtId,
        disabled: false,
        mfaEnrolled: false,
        lastLoginAt: null,
      });
      expect(byId.get(district.userId)).toMatchObject({ roles: ['district_staff'], mfaEnrolled: true });

      const byRole = await t.http
        .get('/api/v1/staff/accounts')
        .query({ role: 'station_staff', q: clerk.username.toUpperCase() })
        .set(admin.auth)
        .expect(200);
      expect(byRole.body.items.map((a: { id: number }) => a.id)).toEqual([clerk.id]);

      const first = await t.http.get('/api/v1/staff/accounts').query({ limit: 1 }).set(admin.auth).expect(200);
      expect(first.body.items).toHaveLength(1);
      const second = await t.http
        .get('/api/v1/staff/accounts')
        .query({ limit: 1, cursor: first.body.nextCursor })
        .set(admin.auth)
        .expect(200);
      expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
    });

    it('filters by disabled, and treats % and _ in the search as themselves', async () => {
      const a = await createAccount(['lawyer']);
      await t.http.post(`/api/v1/staff/accounts/${a.id}/disable`).set(admin.auth).expect(200);
      const off = await t.http.get('/api/v1/staff/accounts').query({ disabled: 'true', limit: 100 }).set(admin.auth);
      expect(off.body.items.every((x: { disabled: boolean }) => x.disabled)).toBe(true);
      expect(off.body.items.some((x: { id: number }) => x.id === a.id)).toBe(true);
      const pct = await t.http.get('/api/v1/staff/accounts').query({ q: '%' }).set(admin.auth).expect(200);
      expect(pct.body.items).toEqual([]);
    });

    it('places a 代办员 (errand runner) at a station, as station staff', async () => {
      const refused = await t.http
        .post('/api/v1/staff/accounts')
        .set(admin.auth)
        .send({
          username: unique('runner').replace(/[^A-Za-z0-9_.-]/g, ''),
          password: 'first-password-1',
          displayName: '志愿者',
          roles: ['errand_runner'],
        })
        .expect(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const runner = await createAccount(['errand_runner'], { stationId: place.stationId });
      const listed = await t.http
        .get('/api/v1/staff/accounts')
        .query({ role: 'errand_runner', q: runner.username })
        .set(admin.auth);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: runner.id, roles: ['errand_runner'], stationId: place.stationId }),
      ]);
      // Taking the station away from a 代办员 is refused like a station staff member's.
      await t.http
        .put(`/api/v1/staff/accounts/${runner.id}/placement`)
        .set(admin.auth)
        .send({ stationId: null, districtId: place.districtId })
        .expect(400);
    });

    it('is for admins only', async () => {
      const clerk = await loginStaff(t, ['station_staff'], { stationId: place.stationId });
      await t.http.get('/api/v1/staff/accounts').set(clerk.auth).expect(403);
      await t.http.get('/api/v1/staff/districts').set(clerk.auth).expect(403);
    });
  });

  describe('password and second-factor resets', () => {
    it('sets a new password, ends the sessions, and logs it', async () => {
      const staff = await loginStaff(t, ['station_staff'], { stationId: place.stationId });
      const res = await t.http
        .post(`/api/v1/staff/accounts/${staff.userId}/password`)
        .set(admin.auth)
        .send({ password: 'brand-new-password' })
        .expect(200);
      expect(res.body).toMatchObject({ id: staff.userId, disabled: false });
      await t.http.get('/api/v1/me').set(staff.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: staff.refreshToken }).expect(401);
      await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: staff.username, password: staff.password })
        .expect(401);
      await signInWithPassword(t, { username: staff.username, password: 'brand-new-password' });
      const log = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'account.password_reset',
        targetId: String(staff.userId),
      });
      expect(log.actorAccountId).toBe(admin.userId);
      expect(log.detail).toBeNull();

      await t.http
        .post(`/api/v1/staff/accounts/${staff.userId}/password`)
        .set(admin.auth)
        .send({ password: 'short' })
        .expect(400);
    });

    it('removes the second factor so the next sign-in enrols again, and logs it', async () => {
      const district = await loginStaff(t, ['district_staff'], { districtId: place.districtId });
      await t.container.db.transaction((em) =>
        em.insert(RecoveryCode, {
          accountId: district.userId,
          codeHash: 'x'.repeat(64),
          usedAt: null,
          createdAt: t.clock.now(),
        }),
      );
      await t.http.post(`/api/v1/staff/accounts/${district.userId}/mfa/reset`).set(admin.auth).expect(200);
      expect(await t.container.db.manager.countBy(AccountMfa, { accountId: district.userId })).toBe(0);
      expect(await t.container.db.manager.countBy(RecoveryCode, { accountId: district.userId })).toBe(0);
      await t.http.get('/api/v1/me').set(district.auth).expect(401);

      const first = await t.http
        .post('/api/v1/auth/password-login')
        .send({ username: district.username, password: district.password })
        .expect(200);
      expect(first.body).toMatchObject({ mfaRequired: true, enrolled: false });

      const log = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'account.mfa_reset',
        targetId: String(district.userId),
      });
      expect(JSON.parse(log.detail!)).toEqual({ wasEnrolled: true });
      const list = await t.http
        .get('/api/v1/staff/accounts')
        .query({ q: district.username })
        .set(admin.auth)
        .expect(200);
      expect(list.body.items[0].mfaEnrolled).toBe(false);
    });

    it("refuses resetting one's own second factor", async () => {
      const res = await t.http.post(`/api/v1/staff/accounts/${admin.userId}/mfa/reset`).set(admin.auth).expect(409);
      expect(res.body.error.code).toBe('SELF_LOCKOUT');
      await t.http.post('/api/v1/staff/accounts/999999/mfa/reset').set(admin.auth).expect(404);
    });
  });

  describe('placement', () => {
    it('moves an account to another station, in that station’s district', async () => {
      const other = await createDistrictAndStation(t);
      const clerk = await createAccount(['station_staff'], { stationId: place.stationId });
      await t.http
        .put(`/api/v1/staff/accounts/${clerk.id}/placement`)
        .set(admin.auth)
        .send({ stationId: other.stationId, districtId: null })
        .expect(200);
      const list = await t.http.get('/api/v1/staff/accounts').query({ q: clerk.username }).set(admin.auth);
      expect(list.body.items[0]).toMatchObject({ stationId: other.stationId, districtId: other.districtId });
      const log = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'account.placement',
        targetId: String(clerk.id),
      });
      expect(JSON.parse(log.detail!).after).toEqual({ stationId: other.stationId, districtId: other.districtId });
    });

    it('refuses a station clerk without a station, and a station outside the district given', async () => {
      const other = await createDistrictAndStation(t);
      const clerk = await createAccount(['station_staff'], { stationId: place.stationId });
      await t.http
        .put(`/api/v1/staff/accounts/${clerk.id}/placement`)
        .set(admin.auth)
        .send({ stationId: null, districtId: place.districtId })
        .expect(400);
      await t.http
        .put(`/api/v1/staff/accounts/${clerk.id}/placement`)
        .set(admin.auth)
        .send({ stationId: other.stationId, districtId: place.districtId })
        .expect(400);
    });
  });

  describe('districts and stations', () => {
    it('adds and corrects districts; codes are unique', async () => {
      const code = String(100000 + Math.floor(Math.random() * 899999));
      const created = await t.http
        .post('/api/v1/staff/districts')
        .set(admin.auth)
        .send({ code, name: '新城区' })
        .expect(201);
      expect(created.body).toEqual({ id: expect.any(Number), code, name: '新城区' });
      const dup = await t.http.post('/api/v1/staff/districts').set(admin.auth).send({ code, name: '别区' }).expect(409);
      expect(dup.body.error.code).toBe('DISTRICT_CODE_TAKEN');
      await t.http.post('/api/v1/staff/districts').set(admin.auth).send({ code: '12', name: '别区' }).expect(400);
      const renamed = await t.http
        .patch(`/api/v1/staff/districts/${created.body.id}`)
        .set(admin.auth)
        .send({ name: '新城新区' })
        .expect(200);
      expect(renamed.body.name).toBe('新城新区');
      const list = await t.http.get('/api/v1/staff/districts').set(admin.auth).expect(200);
      expect(list.body.items.some((d: { id: number }) => d.id === created.body.id)).toBe(true);
    });

    it('adds a station and corrects its address and phone; the public list shows it', async () => {
      const created = await t.http
        .post('/api/v1/staff/stations')
        .set(admin.auth)
        .send({ districtId: place.districtId, name: '东门服务站', address: '东门路 8 号', phone: '0571-8888 0000' })
        .expect(201);
      expect(created.body).toMatchObject({ name: '东门服务站', district: { id: place.districtId, name: '测试区' } });
      const dup = await t.http
        .post('/api/v1/staff/stations')
        .set(admin.auth)
        .send({ districtId: place.districtId, name: '东门服务站', address: '别处' })
        .expect(409);
      expect(dup.body.error.code).toBe('STATION_NAME_TAKEN');
      await t.http
        .post('/api/v1/staff/stations')
        .set(admin.auth)
        .send({ districtId: 999999, name: '无区站', address: '某处' })
        .expect(400);

      const edited = await t.http
        .patch(`/api/v1/staff/stations/${created.body.id}`)
        .set(admin.auth)
        .send({ address: '东门路 10 号', phone: '' })
        .expect(200);
      expect(edited.body).toMatchObject({ address: '东门路 10 号', phone: null });
      const pub = await t.http.get('/api/v1/stations').expect(200);
      expect(pub.body.items.find((s: { id: number }) => s.id === created.body.id)).toMatchObject({
        address: '东门路 10 号',
      });
      const log = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'station.update',
        targetId: String(created.body.id),
      });
      expect(JSON.parse(log.detail!)).toEqual({ address: '东门路 10 号', phone: null });
      await t.http.patch('/api/v1/staff/stations/999999').set(admin.auth).send({ address: 'x' }).expect(404);
    });
  });

  describe('the audit trail', () => {
    it('searches by actor, action (or its family) and Beijing days, naming the actor', async () => {
      const a = await createAccount(['lawyer']);
      await t.http.post(`/api/v1/staff/accounts/${a.id}/disable`).set(admin.auth).expect(200);
      const exact = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ action: 'account.disable', targetId: String(a.id) })
        .set(admin.auth)
        .expect(200);
      expect(exact.body.items).toHaveLength(1);
      expect(exact.body.items[0].actor).toEqual({ username: admin.username, displayName: '测试员' });
      expect(exact.body.items[0].targetAccount).toEqual({ username: a.username, displayName: '王小明' });
      const signIns = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ targetType: 'sign_in', targetId: String(admin.userId), limit: 1 })
        .set(admin.auth)
        .expect(200);
      expect(signIns.body.items[0]).toMatchObject({ actor: null, targetAccount: { username: admin.username } });
      const byAdmin = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ actorAccountId: admin.userId, action: 'auth.', limit: 100 })
        .set(admin.auth)
        .expect(200);
      expect(byAdmin.body.items.map((i: { action: string }) => i.action)).toContain('auth.password_ok');

      const family = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ action: 'account.', targetId: String(a.id), actorAccountId: admin.userId })
        .set(admin.auth)
        .expect(200);
      expect(family.body.items.map((i: { action: string }) => i.action)).toEqual(['account.disable', 'account.create']);

      // The test clock's instant, as a Beijing calendar day.
      const today = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const inDay = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ targetId: String(a.id), from: today, to: today })
        .set(admin.auth)
        .expect(200);
      expect(inDay.body.items).toHaveLength(2);
      const before = await t.http
        .get('/api/v1/staff/audit-logs')
        .query({ targetId: String(a.id), to: '2020-01-01' })
        .set(admin.auth)
        .expect(200);
      expect(before.body.items).toEqual([]);
      await t.http.get('/api/v1/staff/audit-logs').query({ from: '2026-13-01' }).set(admin.auth).expect(400);
    });
  });

  describe('Excel export', () => {
    it('writes the tables as a workbook, strings kept as text', async () => {
      const clerk: Session = await loginStaff(t, ['station_staff'], { stationId: place.stationId });
      const res = await t.http
        .post('/api/v1/staff/exports/xlsx')
        .set(clerk.auth)
        .send({
          filename: '统计 2026-11',
          sheets: [
            {
              name: '按周',
              columns: ['周', '提交'],
              rows: [
                ['2026-11-02', 3],
                ['=1+1', null],
              ],
            },
            { name: '按周', columns: ['x'], rows: [] },
          ],
        })
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('统计 2026-11') + '.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['按周', '按周-2']);
      const sheet = wb.worksheets[0];
      expect(sheet.getRow(1).values).toEqual([undefined, '周', '提交']);
      expect(sheet.getCell('B2').value).toBe(3);
      expect(sheet.getCell('A3').value).toBe('=1+1');

      await t.http
        .post('/api/v1/staff/exports/xlsx')
        .set(clerk.auth)
        .send({ filename: 'a/b', sheets: [{ name: 'x', columns: ['a'], rows: [] }] })
        .expect(400);
    });
  });

  describe('card figures over time', () => {
    it('begins weeks on Beijing Mondays and months on the 1st', () => {
      // Monday 2027-03-08 00:30 in Beijing is still Sunday in UTC.
      const now = new Date('2027-03-07T16:30:00Z');
      const weeks = periodStarts(now, 'week', 2).map((d) => d.toISOString());
      expect(weeks).toEqual(['2027-02-28T16:00:00.000Z', '2027-03-07T16:00:00.000Z']);
      const months = periodStarts(new Date('2027-01-15T00:00:00Z'), 'month', 3).map((d) => d.toISOString());
      expect(months).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    });

    it('counts submissions and approvals per period and per station, over the caller’s area', async () => {
      const b = await createBureau(t);
      const h1 = await readyHolder(t);
      const h2 = await readyHolder(t);
      const one = await submittedApplication(t, h1, b.stationId);
      await submittedApplication(t, h2, b.stationId);
      await review(t, b.stationReviewer, one, 'approve').expect(200);
      await review(t, b.districtReviewer, one, 'approve').expect(200);

      const res = await t.http
        .get('/api/v1/staff/card-stats/series')
        .query({ period: 'month', count: 3 })
        .set(b.districtReviewer.auth)
        .expect(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.items[2]).toMatchObject({ submitted: 2, approved: 1, issued: 0 });
      expect(res.body.perStation).toEqual([
        { stationId: b.stationId, submitted: 2, approved: 1, issued: 0, open: 1, medianDaysToApproval: 0 },
      ]);
      const other = await t.http.get('/api/v1/staff/card-stats/series').set(b.otherDistrictReviewer.auth).expect(200);
      expect(other.body.items).toHaveLength(12);
      expect(other.body.perStation).toEqual([]);
      await t.http
        .get('/api/v1/staff/card-stats/series')
        .query({ period: 'day' })
        .set(b.stationReviewer.auth)
        .expect(400);
    });
  });
});
