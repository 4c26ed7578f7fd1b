/**
 * The console end to end, in a real browser: `npm run test:e2e`.
 *
 * Builds the server and the console when stale, starts the built server on a free port with a fresh
 * database and the demo data, and drives Debian's Chromium through playwright-core: a station clerk
 * and then a district reviewer (password + TOTP from the demo secret) work the 优待证 queue by
 * keyboard and send the approved applications to production as one batch; a new district account
 * enrols its authenticator from the QR screen. A screenshot of each main screen goes to
 * .ci/out/console/. Without Chromium the run is skipped (exit 0) with a message saying so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildIfStale, ROOT, type RunningServer, startServer } from './server';
import { msToNextStep, totp } from './totp';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, '.ci', 'out', 'console');
/** The demo district and admin are seeded enrolled with this secret (development only). */
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: RunningServer;
let browser: BrowserContext | undefined;
let page: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(name: string): Promise<void> {
  await sleep(250); // let transitions settle
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Error(what);
}

/** Waits until `fn` holds (polling), or fails saying what was expected. */
async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await sleep(100);
  }
}

const rows = () => page.locator('[data-test=queue-item]');
const selectedName = async () => (await page.locator('[data-test=detail] h2').textContent()) ?? '';

/** A code that has not been used yet: waits for a fresh 30-second step when this one is nearly over. */
async function freshCode(secret: string): Promise<string> {
  if (msToNextStep() < 3000) await sleep(msToNextStep() + 200);
  return totp(secret);
}

async function api<T>(method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(server.url + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function signInPassword(username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/console/`);
  await page.waitForURL('**/console/signin**');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

async function signOut(): Promise<void> {
  await page.click('[data-test=sign-out]');
  await page.waitForURL('**/console/signin**');
}

async function approveSelectedByKeyboard(): Promise<string> {
  const name = await selectedName();
  const before = await rows().count();
  await page.keyboard.press('a');
  await until(`"${name}" to leave the list`, async () => (await rows().count()) === before - 1);
  if (before > 1) await page.locator('[data-test=detail]').waitFor();
  return name;
}

const steps: Array<[string, () => Promise<void>]> = [
  [
    'the console is served at /console/ with its CSP, and deep links fall back to the app',
    async () => {
      const res = await fetch(`${server.url}/console/cards/queue`);
      check(res.status === 200, `GET /console/cards/queue answered ${res.status}`);
      check((await res.text()).includes('<div id="app">'), 'the SPA route did not serve index.html');
      const csp = res.headers.get('content-security-policy') ?? '';
      check(csp.includes("script-src 'self'"), `CSP missing or weak: "${csp}"`);
    },
  ],
  [
    'station staff sign in with a password alone and land on their queue',
    async () => {
      await page.goto(`${server.url}/console/`);
      await page.waitForURL('**/console/signin**');
      await page.locator('input[name=username]').waitFor();
      await shot('01-signin');
      await signInPassword('station1', 'demo-station-2026');
      await page.waitForURL('**/console/cards/queue**');
      await until('two submitted applications', async () => (await rows().count()) === 2);
      await page.locator('[data-test=detail]').waitFor();
      check(
        ((await page.locator('[data-test=who]').textContent()) ?? '').includes('城关'),
        'the layout does not show who is signed in',
      );
      await shot('02-queue-station');
    },
  ],
  [
    'shortcuts never fire while typing in the search box',
    async () => {
      await page.click('.search input');
      await page.keyboard.type('xa');
      await sleep(600);
      await until('the search to narrow the list to nothing', async () => (await rows().count()) === 0);
      await page.fill('.search input', '');
      await until('the list to come back', async () => (await rows().count()) === 2);
      await page.locator('[data-test=detail]').click({ position: { x: 5, y: 5 } }); // leave the input
    },
  ],
  [
    'R opens the reason picker; Esc cancels without a decision',
    async () => {
      await page.keyboard.press('r');
      await page.locator('[data-test=reason-dialog]').waitFor();
      await page.keyboard.press('2');
      await shot('03-reason-dialog');
      await page.keyboard.press('Escape');
      await page.locator('[data-test=reason-dialog]').waitFor({ state: 'hidden' });
      check((await rows().count()) === 2, 'a cancelled dialog changed the queue');
    },
  ],
  [
    'the station approves both submitted applications with A',
    async () => {
      await approveSelectedByKeyboard();
      await approveSelectedByKeyboard();
      await until('an empty station queue', async () => (await rows().count()) === 0);
      await signOut();
    },
  ],
  [
    'district staff need the second factor: a TOTP code from the authenticator',
    async () => {
      await signInPassword('district', 'demo-district-2026');
      await page.locator('input[name=code]').waitFor();
      await shot('04-mfa-code');
      await page.fill('input[name=code]', '000000');
      await page.locator('[data-test=error]').waitFor();
      check(
        ((await page.locator('[data-test=error]').textContent()) ?? '').includes('验证码'),
        'a wrong code was not refused in Chinese',
      );
      await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET));
      await page.waitForURL('**/console/cards/queue**');
      await until('three applications waiting for the district', async () => (await rows().count()) === 3);
      await page.locator('[data-test=detail]').waitFor();
      await shot('05-queue-district');
    },
  ],
  [
    'J and K move through the queue; ? shows the shortcuts',
    async () => {
      const first = await selectedName();
      await page.keyboard.press('j');
      await until('the second application', async () => (await selectedName()) !== first);
      await page.keyboard.press('k');
      await until('the first application again', async () => (await selectedName()) === first);
      await page.keyboard.press('?');
      await page.locator('[data-test=shortcut-help]').waitFor();
      await shot('06-shortcuts');
      await page.keyboard.press('Escape');
      await page.locator('[data-test=shortcut-help]').waitFor({ state: 'hidden' });
    },
  ],
  [
    'the search finds an application by the last digits of the ID number; the chip counts follow',
    async () => {
      await page.fill('.search input', '1018'); // 张建国's ID number ends in 1018
      await until('one application found by its ID tail', async () => (await rows().count()) === 1);
      check((await selectedName()).includes('张建国'), 'the ID tail found someone else');
      await until('the chip to count what the search found', async () => {
        return ((await page.locator('[data-status=station_approved] .count').textContent()) ?? '') === '1';
      });
      await page.fill('.search input', '');
      await until('the whole queue again', async () => (await rows().count()) === 3);
      await page.locator('[data-test=detail]').click({ position: { x: 5, y: 5 } });
    },
  ],
  [
    'the district approves three applications by keyboard',
    async () => {
      const names = [];
      for (let i = 0; i < 3; i++) names.push(await approveSelectedByKeyboard());
      check(new Set(names).size === 3, `approved ${names.join(', ')}`);
      await until('an empty district queue', async () => (await rows().count()) === 0);
    },
  ],
  [
    'the approved applications go to production as one batch',
    async () => {
      await page.click('[data-status=approved]');
      await until('four applications waiting for production', async () => (await rows().count()) === 4);
      await page.locator('.batchbar .el-checkbox').click();
      await until('all four ticked', async () =>
        ((await page.locator('[data-test=create-batch]').textContent()) ?? '').includes('4'),
      );
      await shot('07-batch-select');
      await page.click('[data-test=create-batch]');
      await page.locator('.el-message-box').waitFor();
      await page.click('.el-message-box .el-button--primary');
      await until('the batch to leave the list', async () => (await rows().count()) === 0);
      await page.click('[data-status=in_production]');
      await until('four applications in production', async () => (await rows().count()) === 4);
      await page.locator('[data-test=detail]').waitFor();
      await shot('08-in-production');
    },
  ],
  [
    'a reload keeps the session through the refresh cookie (the access token was only in memory)',
    async () => {
      await page.reload();
      await page.waitForURL('**/console/cards/queue**');
      await until('the queue after the reload', async () => (await rows().count()) === 4);
      await signOut();
      await page.goto(`${server.url}/console/cards/queue`);
      await page.waitForURL('**/console/signin**');
    },
  ],
  [
    'a new district account enrols its authenticator from the QR code and gets recovery codes once',
    async () => {
      const adminChallenge = await api<{ mfaToken: string }>('POST', '/api/v1/auth/password-login', {
        username: 'admin',
        password: 'demo-admin-2026',
      });
      const admin = await api<{ accessToken: string }>('POST', '/api/v1/auth/mfa/verify', {
        mfaToken: adminChallenge.mfaToken,
        code: await freshCode(DEMO_TOTP_SECRET),
      });
      const stations = await api<{ items: Array<{ district: { id: number } }> }>('GET', '/api/v1/stations');
      await api(
        'POST',
        '/api/v1/staff/accounts',
        {
          username: 'reviewer2',
          password: 'reviewer-pass-2026',
          displayName: '区局复核员',
          roles: ['district_staff'],
          districtId: stations.items[0].district.id,
        },
        admin.accessToken,
      );
      await signInPassword('reviewer2', 'reviewer-pass-2026');
      await page.locator('[data-test=qr]').waitFor();
      const secret = ((await page.locator('[data-test=secret]').textContent()) ?? '').replace(/\s+/g, '');
      check(/^[A-Z2-7]{16,}$/.test(secret), `the secret shown is not base32: ${secret}`);
      await shot('09-enrol');
      await page.fill('input[name=code]', await freshCode(secret));
      await page.locator('[data-test=recovery-codes]').waitFor();
      const codes = await page.locator('[data-test=recovery-codes] li').count();
      check(codes === 10, `expected 10 recovery codes, saw ${codes}`);
      await shot('10-recovery-codes');
      const firstCode = ((await page.locator('[data-test=recovery-codes] li').first().textContent()) ?? '').trim();
      await page.getByText('我已妥善保存').click();
      await page.waitForURL('**/console/cards/queue**');
      await signOut();

      // The phone is lost: a recovery code signs in once.
      await signInPassword('reviewer2', 'reviewer-pass-2026');
      await page.getByText('使用恢复码').click();
      await page.fill('input[name=recoveryCode]', firstCode);
      await page.click('button[type=submit]');
      await page.waitForURL('**/console/cards/queue**');
    },
  ],
];

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    process.stdout.write(
      `console e2e skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)\n` +
        'e2e: 0 passed, 0 failed, 1 skipped\n',
    );
    return 0;
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  buildIfStale();
  server = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-chromium-'));
  let passed = 0;
  let failed = 0;
  try {
    // A persistent context is how Playwright takes an explicit, empty --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    for (const [name, fn] of steps) {
      const started = Date.now();
      try {
        await fn();
        passed++;
        process.stdout.write(`  ✓ ${name} (${Date.now() - started} ms)\n`);
      } catch (e) {
        failed++;
        process.stdout.write(`  ✗ ${name}\n    ${e instanceof Error ? e.message : String(e)}\n`);
        await page.screenshot({ path: path.join(SHOTS, `failed-${passed + failed}.png`) }).catch(() => undefined);
        break; // each step builds on the one before
      }
    }
    const cspErrors = consoleErrors.filter((t) => /Content Security Policy/i.test(t));
    if (cspErrors.length) {
      failed++;
      process.stdout.write(`  ✗ the page broke its CSP:\n    ${cspErrors.join('\n    ')}\n`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const skipped = steps.length - passed - (failed ? 1 : 0);
  process.stdout.write(`screenshots in ${path.relative(ROOT, SHOTS)}/\n`);
  process.stdout.write(`e2e: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.stdout.write('e2e: 0 passed, 1 failed\n');
    process.exit(1);
  },
);
