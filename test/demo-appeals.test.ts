import { Appeal } from '../server/modules/appeals/appeal.entity';
import { seedDemo } from '../server/seed/demo';
import { seedDemoAppeals } from '../server/seed/demo-appeals';
import { DEMO_LOGINS } from '../server/seed/demo-credentials';
import { createTestContext, type TestContext } from './helpers/context';

describe('demo appeals', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.container);
  }, 60_000);
  afterAll(() => t.close());

  it('gives the first station one appeal at each stage of the work, through the service', async () => {
    const rows = await t.container.db.manager.find(Appeal, { order: { id: 'ASC' } });
    expect(rows.map((a) => [a.kind, a.status])).toEqual([
      ['appeal', 'submitted'],
      ['errand', 'in_progress'],
      ['appeal', 'resolved'],
    ]);
    expect(rows[2].rating).toBe(5);
    expect(new Set(rows.map((a) => a.stationId)).size).toBe(1);

    const login = await t.http.post('/api/v1/auth/password-login').send(DEMO_LOGINS.station1).expect(200);
    const queue = await t.http
      .get('/api/v1/staff/appeals')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(queue.body.items).toHaveLength(3);
    const resolved = await t.http
      .get(`/api/v1/staff/appeals/${rows[2].id}`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    // The errand is the station's 代办员's: it is all they see.
    const runner = await t.http.post('/api/v1/auth/password-login').send(DEMO_LOGINS.runner).expect(200);
    const theirs = await t.http
      .get('/api/v1/staff/appeals')
      .set('Authorization', `Bearer ${runner.body.accessToken}`)
      .expect(200);
    expect(theirs.body.items.map((a: { id: number }) => a.id)).toEqual([rows[1].id]);
    expect(theirs.body.items[0].handlerName).toBe('李志愿（代办员，演示）');
    expect(resolved.body.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'accept',
      'start',
      'resolve',
      'rate',
    ]);
  });

  it('makes nothing more when its step runs again', async () => {
    await seedDemoAppeals(t.container);
    expect(await t.container.db.manager.count(Appeal)).toBe(3);
  });
});
