import { createTestContext, type TestContext } from './helpers/context';

describe('health and readiness', () => {
  let t: TestContext;
  let draining = false;
  beforeAll(async () => {
    t = await createTestContext({ isDraining: () => draining });
  });
  afterAll(() => t.close());

  it('answers health', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready while the database answers, and not while draining', async () => {
    await t.http.get('/api/v1/ready').expect(200, { status: 'ready' });
    draining = true;
    const res = await t.http.get('/api/v1/ready').expect(503);
    expect(res.body.error.code).toBe('NOT_READY');
    draining = false;
  });
});
