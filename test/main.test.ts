import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { createContainer } from '../server/container';
import { createLogger } from '../server/lib/logger';
import { seedDemo } from '../server/seed/demo';
import { openTestDatabase, testDatabaseUrl } from './helpers/database';
import { compliantPhoto, idNumber } from './helpers/factories';
import { LIVE_TEST_SECRETS } from './helpers/live-wechat';
import { BUILT } from './helpers/built';

/** The server as an operator runs it: a real process, a real port, signals. */
interface Running {
  proc: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Promise<Running> {
  const proc = spawn(process.execPath, [BUILT.server], {
    cwd: path.join(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 25_000);
    const poll = setInterval(() => {
      const m = /"msg":"listening","port":(\d+)/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]), stdout: () => out, stderr: () => err, exited });
      }
    }, 50);
    exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    });
  });
}

function call(
  port: number,
  method: string,
  p: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function databaseEnv(): Promise<{ env: Record<string, string>; cleanup: () => void }> {
  const url = testDatabaseUrl();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-main-'));
  // Prepare (create, migrate, empty) the database the process will use.
  const db = await openTestDatabase(loadConfig({ DATABASE_URL: url }).database);
  await db.close();
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    cleanup: () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (url.startsWith('sqlite:'))
        fs.rmSync(path.dirname(url.slice('sqlite:'.length)), { recursive: true, force: true });
    },
  };
}

describe('the server process', () => {
  it('starts on the embedded default with demo data and the first admin, then stops cleanly on SIGTERM', async () => {
    const { env, cleanup } = await databaseEnv();
    const server = await startServer({
      ...env,
      SEED_DEMO: 'true',
      ADMIN_USERNAME: 'chief',
      ADMIN_PASSWORD: 'chief-password-1',
    });
    try {
      expect(server.stdout()).toContain('demo data loaded');
      expect((await call(server.port, 'GET', '/api/v1/health')).json).toEqual({ status: 'ok' });
      expect((await call(server.port, 'GET', '/api/v1/ready')).status).toBe(200);
      const admin = await call(server.port, 'POST', '/api/v1/auth/password-login', {
        username: 'chief',
        password: 'chief-password-1',
      });
      // The configured first admin signs in, and is asked to enrol a second factor before any token.
      expect(admin.json).toMatchObject({ mfaRequired: true, enrolled: false });
      expect(admin.json.accessToken).toBeUndefined();
      const demo = await call(server.port, 'POST', '/api/v1/auth/password-login', {
        username: 'station1',
        password: 'demo-station-2026',
      });
      expect(demo.json.user.roles).toEqual(['station_staff']);
      const stations = await call(server.port, 'GET', '/api/v1/stations');
      expect(stations.json.items.length).toBeGreaterThanOrEqual(3);

      // A holder binds an identity: the process's own log output must not carry it.
      const login = await call(server.port, 'POST', '/api/v1/auth/wechat-login', { code: 'dev-process-holder' });
      // The separate consent to sensitive personal information comes first.
      const consent = await call(server.port, 'GET', '/api/v1/me/consent', undefined, login.json.accessToken);
      const agreed = await call(
        server.port,
        'POST',
        '/api/v1/me/consent',
        { version: consent.json.currentVersion },
        login.json.accessToken,
      );
      expect(agreed.status).toBe(201);
      const id = idNumber('19700707');
      const bound = await call(
        server.port,
        'PUT',
        '/api/v1/me/identity',
        { name: '赵六', idNumber: id, phone: '13512345678', category: 'veteran' },
        login.json.accessToken,
      );
      expect(bound.status).toBe(200);
      expect(server.stdout() + server.stderr()).not.toContain(id);
      expect(server.stdout() + server.stderr()).not.toContain('13512345678');
      expect(server.stdout()).not.toContain(login.json.accessToken);
    } finally {
      server.proc.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('"msg":"stopped"');
    cleanup();
  }, 90_000);

  it('finishes a request in flight before exiting, and refuses new connections meanwhile', async () => {
    const { env, cleanup } = await databaseEnv();
    const server = await startServer(env);
    const login = await call(server.port, 'POST', '/api/v1/auth/wechat-login', { code: 'dev-slow-uploader' });

    // An upload that arrives in two halves, with SIGTERM in between.
    const boundary = 'rongyou-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ncard_photo\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    );
    const photo = compliantPhoto();
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, photo, tail]);
    const response = new Promise<{ status: number; json: any }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v1/files',
          headers: {
            authorization: `Bearer ${login.json.accessToken}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      setTimeout(async () => {
        server.proc.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
        const refused = await call(server.port, 'GET', '/api/v1/health').then(
          () => 'accepted',
          (e) => e.code,
        );
        expect(refused).toBe('ECONNREFUSED');
        req.end(body.subarray(1000));
      }, 300);
    });
    const res = await response;
    expect(res.status).toBe(201);
    expect(res.json.mime).toBe('image/jpeg');
    expect(await server.exited).toBe(0);
    cleanup();
  }, 90_000);

  describe('in live mode', () => {
    /** Live WeChat with real secrets, outside production: nothing else marks it as live. */
    const liveEnv = {
      ...LIVE_TEST_SECRETS,
      WECHAT_APP_ID: 'wx0123456789abcdef',
      WECHAT_APP_SECRET: 'a-real-secret-from-the-wechat-console',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      SCHEDULER_ENABLED: 'false',
    };

    it('refuses to start on a database seeded with demo data earlier, saying why', async () => {
      const { env, cleanup } = await databaseEnv();
      // Seeded in development, as `npm start` on the embedded default does.
      const dev = await createContainer(loadConfig({ ...env, LOG_LEVEL: 'silent' }), {
        logger: createLogger('silent'),
      });
      await seedDemo(dev);
      await dev.db.close();

      const proc = spawn(process.execPath, [BUILT.server], {
        cwd: path.join(__dirname, '..'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PORT: '0',
          HOST: '127.0.0.1',
          ...env,
          ...liveEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      proc.stdout!.on('data', (c) => (out += c));
      proc.stderr!.on('data', (c) => (err += c));
      const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
      expect(code).toBe(78);
      expect(err).toContain('Live mode refuses a database that holds demo data');
      expect(err).toContain('demo district');
      expect(err).toMatch(/demo password: .*station1/);
      expect(err).not.toContain('demo-station-2026');
      expect(out).not.toContain('"msg":"listening"');
      cleanup();
    }, 60_000);

    it('starts on a database never seeded, with a first admin of its own and no dev logins', async () => {
      const { env, cleanup } = await databaseEnv();
      const server = await startServer({
        ...env,
        ...liveEnv,
        ADMIN_USERNAME: 'chief',
        ADMIN_PASSWORD: 'chief-password-1',
      });
      try {
        expect(server.stdout()).not.toContain('demo data loaded');
        const admin = await call(server.port, 'POST', '/api/v1/auth/password-login', {
          username: 'chief',
          password: 'chief-password-1',
        });
        expect(admin.json).toMatchObject({ mfaRequired: true, enrolled: false });
        expect(admin.json.accessToken).toBeUndefined();
        const demo = await call(server.port, 'POST', '/api/v1/auth/password-login', {
          username: 'station1',
          password: 'demo-station-2026',
        });
        expect(demo.status).toBe(401);
        expect((await call(server.port, 'POST', '/api/v1/auth/wechat-login', { code: 'dev-someone' })).status).not.toBe(
          200,
        );
      } finally {
        server.proc.kill('SIGTERM');
      }
      expect(await server.exited).toBe(0);
      cleanup();
    }, 60_000);
  });

  it('refuses to start in production with development settings, listing every problem', async () => {
    const proc = spawn(process.execPath, [BUILT.server], {
      cwd: path.join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0', DATABASE_URL: 'sqlite::memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('WECHAT_MODE=dev');
    expect(err).toContain('JWT_SECRET');
    expect(err).toContain('ENCRYPTION_KEYS');
    expect(err).toContain('BLIND_INDEX_KEY');
  });
});
