import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { wechatPayFor } from '../server/container';
import { FakeClock } from '../server/lib/clock';
import { makeTestCertificate, makeWeChatPayTestKeys, type WeChatPayTestKeys } from './fakes/fake-wechat-pay';

const key32 = () => crypto.randomBytes(32).toString('base64');

/** What live mode needs besides WeChat Pay. */
const liveSecrets = () => ({
  JWT_SECRET: crypto.randomBytes(32).toString('hex'),
  ENCRYPTION_KEYS: `k1:${key32()}`,
  BLIND_INDEX_KEY: key32(),
});

let keys: WeChatPayTestKeys;
let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

/** WeChat Pay live with every key given as a file path, as on a server. */
const payEnv = (): Record<string, string> => ({
  WECHATPAY_MCHID: keys.mchId,
  WECHATPAY_APP_ID: keys.appId,
  WECHATPAY_PRIVATE_KEY: file('apiclient_key.pem', keys.merchant.privateKeyPem),
  WECHATPAY_CERTIFICATE: file('apiclient_cert.pem', keys.merchant.certificatePem),
  WECHATPAY_API_V3_KEY: keys.apiV3Key,
  WECHATPAY_PLATFORM_CERTIFICATES: file('wechatpay_platform.pem', keys.platform.certificatePem),
  WECHATPAY_NOTIFY_BASE: 'https://rongyou.example.cn',
});

function problemsOf(env: Record<string, string | undefined>): string[] {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return (caught as ConfigError).problems;
}

beforeAll(() => {
  keys = makeWeChatPayTestKeys();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechatpay-config-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WeChat Pay configuration', () => {
  describe('modes', () => {
    it('is dev on the embedded default, with the dev adapter', () => {
      const config = loadConfig({});
      expect(config.wechatPay).toEqual({
        mode: 'dev',
        mchId: '1900000000',
        appId: 'wx-dev-app',
        notifyBase: 'http://127.0.0.1:3000',
      });
      expect(config.live).toEqual([]);
      const port = wechatPayFor(config, new FakeClock());
      expect(port.mode).toBe('dev');
      expect(port.dev).not.toBeNull();
    });

    it('takes the app id from WECHAT_APP_ID when WECHATPAY_APP_ID is unset', () => {
      expect(loadConfig({ WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_MODE: 'dev' }).wechatPay).toMatchObject({
        appId: 'wx0123456789abcdef',
      });
      const config = loadConfig({ ...liveSecrets(), ...payEnv(), WECHATPAY_APP_ID: '', WECHAT_APP_ID: 'wxfromlogin' });
      expect(config.wechatPay.mode === 'live' && config.wechatPay.appId).toBe('wxfromlogin');
    });

    it('is live when the merchant number and key are given, reading every key from its file', () => {
      const config = loadConfig({ ...liveSecrets(), ...payEnv() });
      expect(config.live).toEqual(['wechatpay']);
      const pay = config.wechatPay;
      expect(pay.mode).toBe('live');
      if (pay.mode !== 'live') return;
      expect(pay).toMatchObject({
        mchId: keys.mchId,
        appId: keys.appId,
        serialNo: keys.merchant.serialNo,
        apiBase: 'https://api.mch.weixin.qq.com',
        notifyBase: 'https://rongyou.example.cn',
        publicKey: null,
        timeoutMs: 10_000,
      });
      expect(pay.serialNo).toBe(pay.serialNo.toUpperCase());
      expect(pay.apiV3Key.length).toBe(32);
      expect(pay.platformCertificates.map((c) => c.serialNo)).toEqual([keys.platform.serialNo]);
      expect(pay.privateKey).toContain('BEGIN PRIVATE KEY');
      const port = wechatPayFor(config, new FakeClock());
      expect(port.mode).toBe('live');
      expect(port.dev).toBeNull();
    });

    it('takes PEMs inline, with \\n escapes, and several platform certificates plus the public key', () => {
      const second = makeTestCertificate('second platform certificate');
      const escaped = (pem: string) => pem.replace(/\n/g, '\\n');
      const config = loadConfig({
        ...liveSecrets(),
        ...payEnv(),
        WECHATPAY_PRIVATE_KEY: escaped(keys.merchant.privateKeyPem),
        WECHATPAY_CERTIFICATE: keys.merchant.certificatePem,
        WECHATPAY_PLATFORM_CERTIFICATES: keys.platform.certificatePem + second.certificatePem,
        WECHATPAY_PUBLIC_KEY: escaped(keys.publicKey.pem),
        WECHATPAY_PUBLIC_KEY_ID: keys.publicKey.id,
      });
      if (config.wechatPay.mode !== 'live') throw new Error('expected live');
      expect(config.wechatPay.platformCertificates.map((c) => c.serialNo)).toEqual([
        keys.platform.serialNo,
        second.serialNo,
      ]);
      expect(config.wechatPay.publicKey?.id).toBe(keys.publicKey.id);
    });

    it('lists platform certificate files separated by commas', () => {
      const second = makeTestCertificate('second platform certificate');
      const config = loadConfig({
        ...liveSecrets(),
        ...payEnv(),
        WECHATPAY_PLATFORM_CERTIFICATES: `${file('p1.pem', keys.platform.certificatePem)}, ${file('p2.pem', second.certificatePem)}`,
      });
      expect(config.wechatPay.mode === 'live' && config.wechatPay.platformCertificates.length).toBe(2);
    });

    it('runs on the public key alone, with a serial number instead of the certificate', () => {
      const config = loadConfig({
        ...liveSecrets(),
        ...payEnv(),
        WECHATPAY_CERTIFICATE: '',
        WECHATPAY_SERIAL_NO: keys.merchant.serialNo.toLowerCase(),
        WECHATPAY_PLATFORM_CERTIFICATES: '',
        WECHATPAY_PUBLIC_KEY: file('pub_key.pem', keys.publicKey.pem),
        WECHATPAY_PUBLIC_KEY_ID: keys.publicKey.id,
      });
      if (config.wechatPay.mode !== 'live') throw new Error('expected live');
      expect(config.wechatPay.serialNo).toBe(keys.merchant.serialNo);
      expect(config.wechatPay.certificate).toBeNull();
      expect(config.wechatPay.platformCertificates).toEqual([]);
    });

    it('can be switched off, and is off in production when nothing is configured', () => {
      expect(loadConfig({ WECHATPAY_MODE: 'off' }).wechatPay).toEqual({ mode: 'off' });
      const production = loadConfig({
        NODE_ENV: 'production',
        WECHAT_APP_ID: 'wx0123456789abcdef',
        WECHAT_APP_SECRET: 'a-real-secret-from-the-wechat-console',
        ...liveSecrets(),
      });
      expect(production.wechatPay).toEqual({ mode: 'off' });
      expect(wechatPayFor(production, new FakeClock()).mode).toBe('off');
    });
  });

  describe('refusals', () => {
    it('production refuses dev mode', () => {
      const problems = problemsOf({
        NODE_ENV: 'production',
        WECHAT_APP_ID: 'wx0123456789abcdef',
        WECHAT_APP_SECRET: 'a-real-secret-from-the-wechat-console',
        ...liveSecrets(),
        WECHATPAY_MODE: 'dev',
      });
      expect(problems).toEqual([
        'NODE_ENV=production refuses WECHATPAY_MODE=dev: configure WeChat Pay (or WECHATPAY_MODE=off)',
      ]);
    });

    it('live WeChat Pay refuses development secrets like live WeChat does', () => {
      const problems = problemsOf(payEnv());
      expect(problems.some((p) => p.startsWith('JWT_SECRET') && p.includes('WeChat Pay live'))).toBe(true);
      expect(problems.some((p) => p.startsWith('ENCRYPTION_KEYS'))).toBe(true);
      expect(problems.some((p) => p.startsWith('BLIND_INDEX_KEY'))).toBe(true);
    });

    it('lists everything live mode lacks at once', () => {
      const problems = problemsOf({ ...liveSecrets(), WECHATPAY_MODE: 'live' });
      expect(problems).toEqual(
        expect.arrayContaining([
          'WECHATPAY_MODE=live needs WECHATPAY_MCHID',
          'WECHATPAY_MODE=live needs WECHATPAY_APP_ID (or WECHAT_APP_ID)',
          expect.stringContaining('WECHATPAY_MODE=live needs WECHATPAY_NOTIFY_BASE'),
          expect.stringContaining('WECHATPAY_MODE=live needs WECHATPAY_PRIVATE_KEY'),
          expect.stringContaining('WECHATPAY_MODE=live needs WECHATPAY_SERIAL_NO or WECHATPAY_CERTIFICATE'),
          'WECHATPAY_MODE=live needs WECHATPAY_API_V3_KEY',
          expect.stringContaining('WECHATPAY_MODE=live needs WECHATPAY_PLATFORM_CERTIFICATES or WECHATPAY_PUBLIC_KEY'),
        ]),
      );
      expect(problems).toHaveLength(7);
    });

    it('lists every bad key at once: unreadable, mismatched, wrong length, not https', () => {
      const other = makeTestCertificate('another merchant');
      const problems = problemsOf({
        ...liveSecrets(),
        ...payEnv(),
        NODE_ENV: 'production',
        WECHAT_APP_ID: 'wx0123456789abcdef',
        WECHAT_APP_SECRET: 'a-real-secret-from-the-wechat-console',
        WECHATPAY_CERTIFICATE: file('other_cert.pem', other.certificatePem),
        WECHATPAY_SERIAL_NO: keys.merchant.serialNo,
        WECHATPAY_API_V3_KEY: 'too-short',
        WECHATPAY_PLATFORM_CERTIFICATES: path.join(dir, 'missing.pem'),
        WECHATPAY_PUBLIC_KEY: 'not a key at all -----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
        WECHATPAY_PUBLIC_KEY_ID: keys.publicKey.id,
        WECHATPAY_NOTIFY_BASE: 'http://rongyou.example.cn',
        WECHATPAY_API_BASE: 'http://127.0.0.1:9',
      });
      expect(problems).toEqual([
        'WECHATPAY_NOTIFY_BASE: production needs an https URL (WeChat Pay posts notices only to https)',
        'WECHATPAY_API_BASE: production needs https (requests carry the merchant signature)',
        'WECHATPAY_CERTIFICATE: does not match WECHATPAY_PRIVATE_KEY',
        `WECHATPAY_SERIAL_NO: ${keys.merchant.serialNo} is not the serial of WECHATPAY_CERTIFICATE (${other.serialNo})`,
        'WECHATPAY_API_V3_KEY: must be the 32-character APIv3 key (got 9 bytes)',
        expect.stringMatching(/^WECHATPAY_PLATFORM_CERTIFICATES: cannot read .*missing\.pem \(ENOENT\)$/),
        'WECHATPAY_PUBLIC_KEY: not a readable public key (PEM)',
      ]);
    });

    it('refuses an unreadable or non-RSA private key, and a public key without its id', () => {
      const ec = crypto
        .generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' });
      expect(problemsOf({ ...liveSecrets(), ...payEnv(), WECHATPAY_PRIVATE_KEY: path.join(dir, 'nope.pem') })).toEqual([
        expect.stringMatching(/^WECHATPAY_PRIVATE_KEY: cannot read .*nope\.pem \(ENOENT\)$/),
      ]);
      expect(
        problemsOf({ ...liveSecrets(), ...payEnv(), WECHATPAY_PRIVATE_KEY: file('garbage.pem', 'garbage') }),
      ).toEqual(['WECHATPAY_PRIVATE_KEY: not a readable private key (PEM)']);
      expect(problemsOf({ ...liveSecrets(), ...payEnv(), WECHATPAY_PRIVATE_KEY: ec.toString() })).toEqual([
        'WECHATPAY_PRIVATE_KEY: must be an RSA key',
      ]);
      expect(problemsOf({ ...liveSecrets(), ...payEnv(), WECHATPAY_PUBLIC_KEY: keys.publicKey.pem })).toEqual([
        'WECHATPAY_PUBLIC_KEY and WECHATPAY_PUBLIC_KEY_ID go together',
      ]);
    });

    it('checks the shape of the ids and of the API base', () => {
      const problems = problemsOf({
        WECHATPAY_MODE: 'dev',
        WECHATPAY_MCHID: 'merchant',
        WECHATPAY_PUBLIC_KEY_ID: 'PUB-1',
        WECHATPAY_SERIAL_NO: 'not hex',
        WECHATPAY_API_BASE: 'https://api.mch.weixin.qq.com/v3',
      });
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'WECHATPAY_API_BASE',
        'WECHATPAY_MCHID',
        'WECHATPAY_PUBLIC_KEY_ID',
        'WECHATPAY_SERIAL_NO',
      ]);
    });
  });
});
