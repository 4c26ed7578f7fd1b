import { RosterEntry } from '../server/modules/roster/roster-entry.entity';
import { seedDemo } from '../server/seed/demo';
import { DEMO_LOGINS } from '../server/seed/demo-credentials';
import { seedDemoRoster } from '../server/seed/demo-roster';
import { createTestContext, type TestContext } from './helpers/context';

describe('demo roster', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.container);
  }, 60_000);
  afterAll(() => t.close());

  it('puts the demo holders and a few others on the roster, so the rates are not trivial', async () => {
    const entries = await t.container.db.manager.find(RosterEntry, { order: { id: 'ASC' } });
    expect(entries).toHaveLength(14);
    expect(entries.filter((e) => e.stage === 'serving' || e.stage === 'enlisted')).toHaveLength(2);

    const holder = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-demo7' }).expect(200);
    const mine = await t.http
      .get('/api/v1/roster/me')
      .set('Authorization', `Bearer ${holder.body.accessToken}`)
      .expect(200);
    expect(mine.body.roster).toMatchObject({ category: 'illness_death_family', stage: 'privileged' });

    const login = await t.http.post('/api/v1/auth/password-login').send(DEMO_LOGINS.station2).expect(200);
    const rates = await t.http
      .get('/api/v1/staff/roster/rates')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    // 东湖: three demo holders (one issued, one approved, one asked for more), one at work, one serving.
    expect(rates.body.total).toMatchObject({
      eligible: 4,
      applied: 3,
      issued: 1,
      applicationRate: 75,
      issuanceRate: 33.3,
    });
  });

  it('makes nothing more when its step runs again', async () => {
    await seedDemoRoster(t.container);
    expect(await t.container.db.manager.count(RosterEntry)).toBe(14);
  });
});
