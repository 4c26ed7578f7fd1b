import { TEMPLATES } from '../../server/modules';
import { FakeWeChatServer } from '../fakes/fake-wechat';
import { createTestContext, type TestContext, type TestContextOptions } from './context';
import type { Session } from './factories';

/**
 * Live mode refuses the development secrets: these stand in for real ones in tests (fixed, so
 * two contexts on one database read each other's encrypted values).
 */
export const LIVE_TEST_SECRETS = {
  JWT_SECRET: 'test-only-live-jwt-secret-not-for-any-real-use',
  ENCRYPTION_KEYS: 'live1:dGVzdC1saXZlLWVuY3J5cHRpb24ta2V5LTMyYnl0ZXM=',
  BLIND_INDEX_KEY: 'dGVzdC1saXZlLWJsaW5kLWluZGV4LWtleS0zMmJ5dGU=',
} as const;

/** Template ids the fake WeChat knows, one per template key. */
export const TEMPLATE_IDS = Object.fromEntries(Object.keys(TEMPLATES).map((k) => [k, `TPL_${k.toUpperCase()}`]));

/**
 * A context in live WeChat mode whose real adapters talk to a fake WeChat on loopback that knows
 * the configured subscribe-message templates and their field types.
 */
export async function createLiveContext(
  opts: TestContextOptions = {},
): Promise<{ t: TestContext; wx: FakeWeChatServer }> {
  const wx = await new FakeWeChatServer().start();
  for (const [key, def] of Object.entries(TEMPLATES)) {
    wx.templates.set(
      TEMPLATE_IDS[key],
      Object.fromEntries(Object.entries(def.fields).map(([f, spec]) => [f, spec.type])),
    );
  }
  const t = await createTestContext({
    ...opts,
    env: {
      ...LIVE_TEST_SECRETS,
      WECHAT_APP_ID: wx.appId,
      WECHAT_APP_SECRET: wx.appSecret,
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_TEMPLATE_IDS: Object.entries(TEMPLATE_IDS)
        .map(([k, v]) => `${k}:${v}`)
        .join(','),
      ...opts.env,
    },
  });
  const close = t.close;
  t.close = async () => {
    await close();
    await wx.stop();
  };
  return { t, wx };
}

/** A holder logged in through the fake WeChat with this openid. */
export async function loginLiveHolder(t: TestContext, wx: FakeWeChatServer, openid: string): Promise<Session> {
  const res = await t.http
    .post('/api/v1/auth/wechat-login')
    .send({ code: wx.issueCode(openid) })
    .expect(200);
  return {
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    userId: res.body.user.id,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}
