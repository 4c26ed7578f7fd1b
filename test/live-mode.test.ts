import { Account } from '../server/modules/auth/account.entity';
import { hashPassword } from '../server/lib/password';
import { District } from '../server/modules/staff/district.entity';
import { seedDemo } from '../server/seed/demo';
import { DEMO_DISTRICT_CODE, DEMO_LOGINS } from '../server/seed/demo-credentials';
import { findDemoLeftovers } from '../server/seed/demo-leftovers';
import { createTestContext, type TestContext } from './helpers/context';
import { loginStaff, unique } from './helpers/factories';

/** What a database must not hold when the server starts live (checked by main.ts at start). */
describe('demo data left in a database', () => {
  describe('after the demo seed', () => {
    let t: TestContext;
    // The whole demo seed (thirty merchants, eight applications) takes a few seconds.
    beforeAll(async () => {
      t = await createTestContext();
      await seedDemo(t.container);
    }, 60_000);
    afterAll(() => t.close());

    it('finds the seed’s marker and every demo login, naming usernames only', async () => {
      const findings = await findDemoLeftovers(t.container.db, null);
      expect(findings).toHaveLength(2);
      expect(findings[0]).toContain(DEMO_DISTRICT_CODE);
      for (const login of Object.values(DEMO_LOGINS)) expect(findings[1]).toContain(login.username);
      for (const login of Object.values(DEMO_LOGINS)) expect(findings.join('\n')).not.toContain(login.password);
    });

    it('still finds the demo passwords once the demo district is gone', async () => {
      const district = await t.container.db.manager.findOneByOrFail(District, { code: DEMO_DISTRICT_CODE });
      await t.container.db.transaction((em) => em.update(District, { id: district.id }, { code: 'renamed' }));
      try {
        const findings = await findDemoLeftovers(t.container.db, null);
        expect(findings).toEqual([expect.stringContaining(DEMO_LOGINS.station1.username)]);
      } finally {
        await t.container.db.transaction((em) =>
          em.update(District, { id: district.id }, { code: DEMO_DISTRICT_CODE }),
        );
      }
    });

    it('no longer names a demo login whose password was changed', async () => {
      const passwordHash = await hashPassword('a-new-password-of-our-own');
      await t.container.db.transaction((em) =>
        em.update(Account, { username: DEMO_LOGINS.lawyer.username }, { passwordHash }),
      );
      const findings = await findDemoLeftovers(t.container.db, null);
      expect(findings[1]).not.toMatch(/\blawyer\b/);
      expect(findings[1]).toContain(DEMO_LOGINS.district.username);
    });
  });

  describe('on a database never seeded', () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext();
    });
    afterAll(() => t.close());

    it('finds nothing, whatever ordinary accounts it holds', async () => {
      await loginStaff(t, ['admin']);
      expect(await findDemoLeftovers(t.container.db, { username: 'chief' })).toEqual([]);
    });

    it('finds a first admin made earlier with a demo password under another name', async () => {
      const username = unique('chief');
      await t.container.services.auth.ensureAdmin({ username, password: DEMO_LOGINS.district.password });
      expect(await findDemoLeftovers(t.container.db, null)).toEqual([]);
      expect(await findDemoLeftovers(t.container.db, { username })).toEqual([expect.stringContaining(username)]);
    });
  });
});
