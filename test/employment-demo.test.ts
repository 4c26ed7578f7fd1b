import { Employer } from '../server/modules/employment/employer.entity';
import { JobFair } from '../server/modules/employment/job-fair.entity';
import { JobPosting } from '../server/modules/employment/job-posting.entity';
import { seedDemo } from '../server/seed/demo';
import { seedDemoEmployment } from '../server/seed/demo-employment';
import { createTestContext, type TestContext } from './helpers/context';

describe('demo 就业超市', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.container);
  }, 60_000);
  afterAll(() => t.close());

  it('has an approved employer owned by dev-shop1 with five open postings and a fair next week', async () => {
    const employers = await t.container.db.manager.find(Employer);
    expect(employers).toEqual([expect.objectContaining({ status: 'approved' })]);
    const login = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-demo1' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const postings = (await t.http.get('/api/v1/employment/postings').set(auth).expect(200)).body.items;
    expect(postings).toHaveLength(5);
    expect(postings.every((p: { veteranPreferred: boolean }) => p.veteranPreferred)).toBe(true);
    const fairs = (await t.http.get('/api/v1/employment/fairs').set(auth).expect(200)).body.items;
    expect(fairs).toEqual([
      expect.objectContaining({ employers: [{ id: employers[0].id, name: employers[0].companyName }] }),
    ]);

    const owner = await t.http.post('/api/v1/auth/wechat-login').send({ code: 'dev-shop1' }).expect(200);
    const mine = await t.http
      .get('/api/v1/employment/employer/mine')
      .set({ Authorization: `Bearer ${owner.body.accessToken}` })
      .expect(200);
    expect(mine.body.status).toBe('approved');
  });

  it('makes nothing more when its step runs again', async () => {
    await seedDemoEmployment(t.container);
    expect(await t.container.db.manager.count(Employer)).toBe(1);
    expect(await t.container.db.manager.count(JobPosting)).toBe(5);
    expect(await t.container.db.manager.count(JobFair)).toBe(1);
  });
});
