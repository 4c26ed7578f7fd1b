import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../server/app';
import { CONSOLE_CSP } from '../server/modules/console/console.routes';
import { defaultConsoleDir } from '../server/modules/console/console-site.service';
import { createTestContext, type TestContext } from './helpers/context';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/console/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';

/** A built console in a temporary folder, shaped like Vite's output. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("hi");');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(dir, 'assets', 'logo-1.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(dir, 'assets', 'font-1.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  fs.writeFileSync(path.join(dir, 'assets', 'pic-1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(dir, 'manifest.json'), '{"name":"戎友"}');
  fs.writeFileSync(path.join(dir, '.build-stamp'), 'stamp');
  return dir;
}

describe('the console at /console/', () => {
  let t: TestContext;
  let dist: string;
  let http: TestAgent;
  /** A secret file beside the built folder, which no path may reach. */
  let secretFile: string;
  beforeAll(async () => {
    t = await createTestContext();
    dist = fakeDist();
    secretFile = path.join(path.dirname(dist), `${path.basename(dist)}-secret.txt`);
    fs.writeFileSync(secretFile, 'top secret');
    http = request(buildApp(t.container, { consoleDir: dist }).callback());
  });
  afterAll(async () => {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(secretFile, { force: true });
    await t.close();
  });

  const expectConsoleHeaders = (res: request.Response) => {
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  };

  it('serves index.html at /console/, revalidated on every load, under the console CSP', async () => {
    const res = await http.get('/console/').expect(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expectConsoleHeaders(res);
    expect(CONSOLE_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; frame-src blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    const again = await http.get('/console/').set('If-Modified-Since', res.headers['last-modified']).expect(304);
    expect(again.text ?? '').toBe('');
    await http.get('/console').expect(301).expect('Location', '/console/');
  });

  it('lets a PDF show inline from a blob: URL, and no other frame', async () => {
    const res = await http.get('/console/').expect(200);
    const directives = new Map(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values] as const),
    );
    // Exactly blob: frames (the PDF viewer over fetched bytes): not 'self', not data:, not a host.
    expect(directives.get('frame-src')).toEqual(['blob:']);
    expect(directives.has('child-src')).toBe(false);
    // Plugins and everything else still fall back to 'self'; the console itself is never framed.
    expect(directives.has('object-src')).toBe(false);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('falls back to index.html for the SPA’s own routes', async () => {
    for (const p of ['/console/cards/queue', '/console/batches/12', '/console/login?next=%2Fconsole%2F']) {
      const res = await http.get(p).expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expectConsoleHeaders(res);
    }
  });

  it('serves hashed assets for a year with the right content types', async () => {
    const cases: Array<[string, string]> = [
      ['/console/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
      ['/console/assets/index-abc123.css', 'text/css; charset=utf-8'],
      ['/console/assets/logo-1.svg', 'image/svg+xml'],
      ['/console/assets/font-1.woff2', 'font/woff2'],
      ['/console/assets/pic-1.png', 'image/png'],
    ];
    for (const [p, type] of cases) {
      const res = await http.get(p).expect(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expectConsoleHeaders(res);
    }
    const json = await http.get('/console/manifest.json').expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the index', async () => {
    const res = await http.get('/console/assets/gone-999.js').expect(404);
    expect(res.text).not.toContain('<html');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await http.head('/console/assets/index-abc123.js').expect(200);
    expect(res.headers['content-length']).toBe(String('console.log("hi");'.length));
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.text ?? '').toBe('');
    await http.head('/console/').expect(200);
  });

  it('refuses paths that leave the folder, dotfiles and other methods', async () => {
    const name = path.basename(secretFile);
    for (const p of [
      `/console/..%2F${name}`,
      `/console/%2e%2e/${name}`,
      `/console/assets/..%2F..%2F${name}`,
      '/console/..%5C..%5Cetc%5Cpasswd',
      '/console/%00index.html',
      '/console/.build-stamp',
      '/console/%E0%A4%A',
    ]) {
      const res = await http.get(p);
      expect([400, 404]).toContain(res.status);
      expect(res.text).not.toContain('top secret');
      expect(res.text).not.toBe('stamp');
    }
    const post = await http.post('/console/').send({}).expect(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('leaves the API alone', async () => {
    const res = await http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    await http.get('/consoles').expect(404);
  });

  it('says the console was not built when there is no build', async () => {
    const missing = path.join(os.tmpdir(), `console-dist-missing-${process.pid}`);
    const bare = request(buildApp(t.container, { consoleDir: missing }).callback());
    for (const p of ['/console/', '/console/cards', '/console/assets/index-abc123.js']) {
      const res = await bare.get(p).expect(503);
      expect(res.text).toContain('npm run build:console');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expectConsoleHeaders(res);
    }
  });

  it('finds the project’s console/dist from the sources', () => {
    expect(defaultConsoleDir()).toBe(path.resolve(__dirname, '..', 'console', 'dist'));
  });
});
