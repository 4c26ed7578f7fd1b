/**
 * The console end to end, in a real browser: `npm run test:e2e`.
 *
 * Builds the server and the console when stale, starts the built server on a free port with a fresh
 * database and the demo data, and drives Debian's Chromium through playwright-core: a station clerk
 * and then a district reviewer (password + TOTP from the demo secret) work the 优待证 queue by
 * keyboard and send the approved applications to production as one batch; a new district account
 * enrols its authenticator from the QR screen. The district then follows the batch through the desk's
 * day (Excel export read back with exceljs, the bank's CSV of card numbers imported, arrival, one card
 * issued), resolves a holder's merchant complaint and opens 统计报表. A screenshot of each main screen goes to
 * .ci/out/console/. Without Chromium the run is skipped (exit 0) with a message saying so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
const consoleErrors: string[] = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-e2e-files-'));
/** The batch the district made, and its applicants as read back from the exported Excel file. */
let batchId = 0;
let applicants: Array<{ name: string; idNumber: string }> = [];
const cardNumberOf = (i: number) => `RYE2E${String(i + 1).padStart(6, '0')}`;

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

/** The 30-second step of the last code each account used: a code is accepted once per step. */
const lastStep = new Map<string, number>();

/**
 * A code that has not been used yet: waits for a fresh 30-second step when this one is nearly over,
 * or when `account` already used this step's code.
 */
async function freshCode(secret: string, account = secret): Promise<string> {
  if (msToNextStep() < 3000) await sleep(msToNextStep() + 200);
  const step = () => Math.floor(Date.now() / 30_000);
  if (lastStep.get(account) === step()) await sleep(msToNextStep() + 200);
  lastStep.set(account, step());
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

/**
 * 诉求与代办 at a station: a demo holder files an appeal through the API (as the mini-program does),
 * the station's clerk accepts it with a promised date, starts and resolves it in the console, the
 * holder sees it resolved; a second one is refused with a reason; 诉求统计 counts them.
 */
async function appealsAtTheStation(): Promise<void> {
  const holder = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-demo6' });
  const text = `端到端测试：请帮忙代办优待证换领手续 ${Date.now()}`;
  const filed = await api<{ id: number }>(
    'POST',
    '/api/v1/appeals',
    { kind: 'errand', category: '代办手续', text, contactTime: 'morning' },
    holder.accessToken,
  );
  await signInPassword('station1', 'demo-station-2026');
  await page.waitForURL((u) => !u.pathname.includes('/signin'));
  await page.goto(`${server.url}/console/appeals/queue`);
  await page.locator(`[data-test=appeal-${filed.id}]`).waitFor({ timeout: 30_000 });
  await shot('20-appeals-queue');

  await page.click(`[data-test=open-${filed.id}]`);
  const detail = page.locator('[data-test=appeal-detail]');
  await detail.waitFor();
  const status = async () => ((await page.locator('[data-test=appeal-status-tag]').textContent()) ?? '').trim();
  check(((await detail.textContent()) ?? '').includes(text), 'the drawer does not show what the holder wrote');
  check(
    /^陈\*/.test(((await page.locator('[data-test=appeal-holder]').textContent()) ?? '').trim()),
    'the drawer does not show who filed it, masked',
  );
  check((await status()) === '待受理', `a new appeal shows "${await status()}"`);
  await shot('21-appeal-detail');

  await page.click('[data-test=appeal-accept]');
  await page.locator('[data-test=accept-dialog]').waitFor();
  await shot('22-appeal-accept');
  await page.click('[data-test=accept-confirm]');
  await until('the appeal to be accepted', async () => (await status()) === '已受理');
  await page.click('[data-test=appeal-start]');
  await page.locator('.el-message-box').waitFor();
  await page.click('.el-message-box .el-button--primary');
  await until('the work to be under way', async () => (await status()) === '办理中');
  await page.click('[data-test=appeal-resolve]');
  const outcome = page.locator('[data-test=preset-reason]:visible textarea');
  await outcome.waitFor();
  await outcome.fill('已代为办理换领手续，新证到后请到服务站领取');
  await page.click('[data-test=reason-submit]:visible');
  await until('the appeal to be resolved', async () => (await status()) === '已办结');
  check(
    ((await page.locator('[data-test=appeal-outcome]').textContent()) ?? '').includes('已代为办理换领手续'),
    'the outcome is not shown',
  );
  const steps = await page.locator('[data-test=appeal-history] .el-timeline-item').count();
  check(steps === 4, `the history shows ${steps} steps, not submit, accept, start and resolve`);
  await shot('23-appeal-resolved');
  const seen = await api<{ status: string }>('GET', `/api/v1/appeals/${filed.id}`, undefined, holder.accessToken);
  check(seen.status === 'resolved', `the holder sees "${seen.status}"`);

  // One that is not the bureau's to handle is refused with a common reason, which the holder reads.
  const other = await api<{ id: number }>(
    'POST',
    '/api/v1/appeals',
    { kind: 'appeal', category: '其他', text: `端到端测试：小区物业费纠纷 ${Date.now()}` },
    holder.accessToken,
  );
  await page.goto(`${server.url}/console/appeals/queue`);
  await page.click(`[data-test=open-${other.id}]`, { timeout: 30_000 });
  await detail.waitFor();
  await page.click('[data-test=appeal-reject]');
  await page.locator('[data-test=preset-reason]:visible .preset').first().click();
  await page.click('[data-test=reason-submit]:visible');
  await until('the appeal to be refused', async () => (await status()) === '不予受理');
  const refused = await api<{ status: string; rejectReason: string | null }>(
    'GET',
    `/api/v1/appeals/${other.id}`,
    undefined,
    holder.accessToken,
  );
  check(
    refused.status === 'rejected' && !!refused.rejectReason?.includes('不属于'),
    `the holder sees "${refused.status}" with "${refused.rejectReason}"`,
  );

  await page.goto(`${server.url}/console/appeals/figures`);
  const kpis = page.locator('[data-test=appeal-kpis]');
  await kpis.waitFor({ timeout: 30_000 });
  const resolved = Number(((await kpis.locator('.kpi').nth(1).locator('b').textContent()) ?? '').trim());
  check(resolved >= 1, `诉求统计 counts ${resolved} resolved`);
  await shot('24-appeal-figures');
  await signOut();
}

/** An ID number (GB 11643) from its first 17 digits, with the check digit. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * 建档立卡 at the district: the clerk checks a small roster CSV (two good rows, one with a wrong
 * check digit), sees the refused row with its reason, imports, finds a new person, opens their
 * one-person file and records a visit; 申领率 loads.
 */
async function rosterAtTheDistrict(): Promise<void> {
  const good = withCheckDigit('33010219700101901');
  const other = withCheckDigit('33010219580315902');
  const valid = withCheckDigit('33010219660606903');
  const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const csv = path.join(work, 'roster.csv');
  fs.writeFileSync(
    csv,
    '\uFEFF姓名,身份证号,类别,服务站,联系电话,阶段\r\n' +
      `周建华,${good},退役军人,城关街道退役军人服务站,13900001234,退役\r\n` +
      `吴秀兰,${other},烈士遗属,东湖街道退役军人服务站,,\r\n` +
      `钱有误,${wrong},退役军人,城关街道退役军人服务站,,\r\n`,
  );
  await signInPassword('district', 'demo-district-2026');
  await page.locator('input[name=code]').waitFor();
  await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'district'));
  await page.waitForURL((u) => !u.pathname.includes('/signin'));
  await page.goto(`${server.url}/console/roster/list`);
  await page.locator('[data-test=roster-table] tbody tr').first().waitFor({ timeout: 30_000 });

  await page.click('[data-test=roster-import]');
  await page.locator('[data-test=roster-import-dialog]').waitFor();
  await page.setInputFiles('[data-test=roster-file]', csv);
  const summary = page.locator('[data-test=roster-import-summary]');
  await summary.waitFor({ timeout: 30_000 });
  const said = (await summary.textContent()) ?? '';
  check(
    said.includes('新增 2') && said.includes('不能导入 1'),
    `the check does not report 2 new and 1 refused: ${said}`,
  );
  const refused = (await page.locator('[data-test=roster-import-rejected] tbody tr').allTextContents()).join(' | ');
  check(refused.includes('4') && refused.includes('校验位'), `the refused row does not say why: ${refused}`);
  await shot('25-roster-import');
  await page.click('[data-test=roster-import-confirm]');
  await page.locator('[data-test=roster-import-dialog]').waitFor({ state: 'hidden', timeout: 30_000 });

  await page.fill('[data-test=roster-search]', '周建华');
  const row = page.locator('[data-test=roster-table] tbody tr', { hasText: '周建华' });
  await row.waitFor({ timeout: 15_000 });
  await until(
    'the search to narrow the list to him',
    async () => (await page.locator('[data-test=roster-table] tbody tr').count()) === 1,
  );
  const shown = (await row.textContent()) ?? '';
  check(shown.includes(good.slice(-4)) && !shown.includes(good), `the row does not mask the ID number: ${shown}`);
  await shot('26-roster-list');
  await row.click();
  await page.waitForURL('**/console/roster/people/**');
  await page.locator('[data-test=person-name]').waitFor({ timeout: 15_000 });
  check(
    ((await page.locator('[data-test=person-name]').textContent()) ?? '').includes('周建华'),
    'the file is not his',
  );
  await shot('27-person-file');

  await page.click('[data-test=visit-add]');
  await page.locator('[data-test=visit-dialog]').waitFor();
  await page.fill('[data-test=visit-note]', '入户走访，了解就业需求');
  await page.click('[data-test=visit-save]');
  await page.locator('[data-test=visit-dialog]').waitFor({ state: 'hidden', timeout: 15_000 });
  await until('the visit to be listed', async () =>
    ((await page.locator('[data-test=file-visits]').textContent()) ?? '').includes('入户走访，了解就业需求'),
  );
  await page.locator('[data-test=file-visits]').scrollIntoViewIfNeeded();
  await shot('28-person-visit');

  // 家属代办 at the desk: 周建华 has an account, and so does his daughter, each with a bound identity.
  const daughterId = withCheckDigit('33010219950505904');
  const bind = async (code: string, name: string, idNumber: string, phone: string) => {
    const s = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code });
    const consent = await api<{ currentVersion: string }>('GET', '/api/v1/me/consent', undefined, s.accessToken);
    await api('POST', '/api/v1/me/consent', { version: consent.currentVersion }, s.accessToken);
    await api('PUT', '/api/v1/me/identity', { name, idNumber, phone, category: 'veteran' }, s.accessToken);
    return s.accessToken;
  };
  const father = await bind(`dev-e2e-zhou-${Date.now()}`, '周建华', good, '13900001234');
  await bind(`dev-e2e-zhou-d-${Date.now()}`, '周小梅', daughterId, '13900005678');
  await page.reload();
  await page.locator('[data-test=proxy-link]').waitFor({ timeout: 15_000 });
  await page.click('[data-test=proxy-link]');
  await page.locator('[data-test=proxy-dialog]').waitFor();
  await page.fill('input[data-test=proxy-id-number], [data-test=proxy-id-number] input', daughterId);
  await page.click('[data-test=proxy-relation]');
  await page.locator('.el-select-dropdown__item', { hasText: '子女' }).click();
  await shot('28b-proxy-link');
  await page.click('[data-test=proxy-save]');
  await page.locator('[data-test=proxy-dialog]').waitFor({ state: 'hidden', timeout: 15_000 });
  await until('the daughter to be listed', async () =>
    ((await page.locator('[data-test=file-proxies]').textContent()) ?? '').includes('代办中'),
  );
  const mine = await api<{ asHolder: Array<{ relation: string; linkedBy: string }> }>(
    'GET',
    '/api/v1/proxies/mine',
    undefined,
    father,
  );
  check(
    mine.asHolder.some((l) => l.relation === '子女' && l.linkedBy === 'staff'),
    `the father does not see the link: ${JSON.stringify(mine)}`,
  );
  await shot('28c-person-proxies');

  await page.goto(`${server.url}/console/roster/rates`);
  const total = page.locator('[data-test=rates-total]');
  await total.waitFor({ timeout: 30_000 });
  const eligible = Number(((await total.locator('.kpi').first().locator('b').textContent()) ?? '').trim());
  check(eligible >= 13, `申领率 counts ${eligible} eligible people`);
  await shot('29-roster-rates');
  await signOut();
}

/**
 * 军人驿站 at the district: the demo 驿站 is listed; the demo holder's booking opens with its history;
 * a booking made through the API (as the mini-program does) with a proof of status waits for review
 * and is approved, which its guest then sees; 驿站统计 lists the 驿站.
 */
async function lodgingAtTheDistrict(): Promise<void> {
  const guest = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-demo6' });
  const form = new FormData();
  form.set('purpose', 'document');
  form.set('file', new Blob(['%PDF-1.7\n士兵证\n%%EOF'], { type: 'application/pdf' }), 'proof.pdf');
  const upload = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${guest.accessToken}` },
    body: form,
  });
  check(upload.status === 201, `uploading the proof answered ${upload.status}`);
  const proofFileId = ((await upload.json()) as { id: number }).id;
  const open = await api<{ items: Array<{ id: number; name: string }> }>(
    'GET',
    '/api/v1/lodging/hotels',
    undefined,
    guest.accessToken,
  );
  const hotel = open.items.find((h) => h.name.includes('拥军酒店'));
  check(hotel, 'the demo data has no 驿站');
  const night = new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
  const booked = await api<{ id: number }>(
    'POST',
    '/api/v1/lodging/bookings',
    { hotelId: hotel.id, night, guestKind: 'serving_soldier', guestName: '周建军', phone: '13800000006', proofFileId },
    guest.accessToken,
  );

  await signInPassword('district', 'demo-district-2026');
  await page.locator('input[name=code]').waitFor();
  await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'district'));
  await page.waitForURL((u) => !u.pathname.includes('/signin'));
  await page.goto(`${server.url}/console/lodging/hotels`);
  const hotelRow = page.locator('[data-test=hotel-table] tbody tr', { hasText: '拥军酒店' });
  await hotelRow.waitFor({ timeout: 30_000 });
  check(((await hotelRow.textContent()) ?? '').includes('2 间'), 'the 驿站 does not show its two free rooms');
  await shot('40-lodging-hotels');
  await hotelRow.locator('button[data-test^=hotel-edit-]').click();
  const dialog = page.locator('[data-test=hotel-dialog]');
  await dialog.waitFor();
  check((await page.locator('[data-test=hotel-quota] input').inputValue()) === '2', 'the form does not show the quota');
  await shot('41-lodging-hotel-form');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // Signing another merchant: the picker lists the alliance's open shops, the 驿站 already signed greyed.
  await page.click('[data-test=hotel-new]');
  await dialog.waitFor();
  await page.click('[data-test=hotel-merchant]');
  await page.locator('.el-select-dropdown__item').first().waitFor({ timeout: 15_000 });
  check(
    (await page.locator('.el-select-dropdown__item.is-disabled', { hasText: '已是驿站' }).count()) === 1,
    'the picker does not grey out the shop that is already a 驿站',
  );
  await shot('41-lodging-hotel-new');
  await page.keyboard.press('Escape');
  await page.locator('[data-test=hotel-dialog] button', { hasText: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.goto(`${server.url}/console/lodging/bookings`);
  const demoRow = page.locator('[data-test=booking-table] tbody tr', { hasText: '陈秀兰' });
  await demoRow.waitFor({ timeout: 30_000 });
  await shot('42-lodging-bookings');
  await demoRow.locator('button[data-test^=booking-open-]').click();
  const detail = page.locator('[data-test=booking-detail]');
  await detail.waitFor();
  check(((await detail.textContent()) ?? '').includes('陈秀兰'), 'the drawer does not show the demo booking');
  const history = page.locator('[data-test=booking-history] .el-timeline-item');
  await until('the booking step in the history', async () => (await history.count()) === 1);
  await shot('43-lodging-booking');
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'hidden' });

  await page.click('[data-test=booking-proof-waiting]');
  await page.click(`[data-test=booking-open-${booked.id}]`, { timeout: 30_000 });
  await until('the proof waiting review', async () =>
    ((await page.locator('[data-test=booking-proof]').textContent()) ?? '').includes('待审核'),
  );
  await page.locator('[data-test=booking-detail] [data-test=pdf-file]').waitFor({ timeout: 15_000 });
  await page.click('[data-test=booking-approve]');
  await page.locator('.el-message-box').waitFor();
  await page.click('.el-message-box .el-button--primary');
  await until('the proof to be approved', async () =>
    ((await page.locator('[data-test=booking-proof]').textContent()) ?? '').includes('已通过'),
  );
  await until('approval in the history', async () => (await history.count()) === 2);
  await shot('44-lodging-proof-approved');
  const seen = await api<{ proofStatus: string; status: string }>(
    'GET',
    `/api/v1/lodging/bookings/${booked.id}`,
    undefined,
    guest.accessToken,
  );
  check(
    seen.proofStatus === 'approved' && seen.status === 'booked',
    `the guest sees ${seen.status} / ${seen.proofStatus}`,
  );
  await page.keyboard.press('Escape');

  await page.goto(`${server.url}/console/lodging/figures`);
  await page.locator('[data-test=lodging-kpis]').waitFor({ timeout: 30_000 });
  await until('the 驿站 in the figures', async () =>
    ((await page.locator('[data-test=lodging-figures]').textContent()) ?? '').includes('拥军酒店'),
  );
  await shot('45-lodging-figures');
  await signOut();
}

/**
 * 就业超市 at the district: a company registers as an employer through the API (as the mini-program
 * does) and the district approves it beside its licence; postings open with a drawer; a fair is
 * created with the new employer taking part; the demo fair's signups open; 就业统计 counts the postings.
 */
async function employmentAtTheDistrict(): Promise<void> {
  const owner = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-e2e-employer' });
  const form = new FormData();
  form.set('purpose', 'document');
  form.set('file', new Blob(['%PDF-1.7\n营业执照\n%%EOF'], { type: 'application/pdf' }), 'licence.pdf');
  const upload = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${owner.accessToken}` },
    body: form,
  });
  check(upload.status === 201, `uploading the licence answered ${upload.status}`);
  const company = '示范区端到端物业服务有限公司';
  const applied = await api<{ id: number }>(
    'POST',
    '/api/v1/employment/employer',
    {
      companyName: company,
      creditCode: '91330100MA2E2E000H',
      contactName: '赵经理',
      contactPhone: '0571-88001234',
      address: '城关街道建设路 8 号',
      licenceFileId: ((await upload.json()) as { id: number }).id,
    },
    owner.accessToken,
  );
  const holder = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-demo6' });
  const open = await api<{ items: Array<{ id: number; title: string }> }>(
    'GET',
    '/api/v1/employment/fairs',
    undefined,
    holder.accessToken,
  );
  const demoFair = open.items.find((f) => f.title === '退役军人专场招聘会');
  check(demoFair, 'the demo data has no job fair');
  await api('POST', `/api/v1/employment/fairs/${demoFair.id}/signups`, undefined, holder.accessToken);

  await signInPassword('district', 'demo-district-2026');
  await page.locator('input[name=code]').waitFor();
  await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'district'));
  await page.waitForURL((u) => !u.pathname.includes('/signin'));
  await page.goto(`${server.url}/console/employment/employers`);
  const item = page.locator(`[data-test=employer-item][data-id="${applied.id}"]`);
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  const detail = page.locator('[data-test=employer-detail]');
  await until('the employer to open', async () => ((await detail.locator('h2').textContent()) ?? '') === company);
  check(
    ((await page.locator('[data-test=credit-code]').textContent()) ?? '').includes('913301 00MA2E 2E000H'),
    'the credit code is not shown in groups',
  );
  await detail.locator('[data-test=pdf-file]').waitFor({ timeout: 15_000 });
  await shot('50-employment-employer');
  await page.click('[data-test=employer-approve]');
  await page.locator('.el-message-box').waitFor();
  await page.click('.el-message-box .el-button--primary');
  await item.waitFor({ state: 'detached' });
  const mine = await api<{ status: string }>('GET', '/api/v1/employment/employer/mine', undefined, owner.accessToken);
  check(mine.status === 'approved', `the owner sees "${mine.status}"`);
  await page.click('[data-test=employer-status] [data-status=approved]');
  await page.locator(`[data-test=employer-item][data-id="${applied.id}"]`).click({ timeout: 30_000 });
  await until(
    'two steps in the history',
    async () => (await page.locator('[data-test=employer-history] li').count()) === 2,
  );
  await shot('51-employment-employer-approved');

  await page.goto(`${server.url}/console/employment/postings`);
  const posting = page.locator('[data-test=posting-table] tbody tr', { hasText: '小区安保队长' });
  await posting.waitFor({ timeout: 30_000 });
  await posting.click();
  const drawer = page.locator('[data-test=posting-detail]');
  await until('the posting to open', async () => ((await drawer.textContent()) ?? '').includes('45 岁以下'));
  check(await page.locator('[data-test=posting-take-down]').isVisible(), 'the district may not take the posting down');
  await shot('52-employment-posting');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  await page.goto(`${server.url}/console/employment/fairs`);
  await page.locator('[data-test=fair-table] tbody tr', { hasText: '退役军人专场招聘会' }).waitFor({ timeout: 30_000 });
  await page.click('[data-test=fair-new]');
  const fairForm = page.locator('[data-test=fair-form]');
  await fairForm.waitFor();
  const title = `端到端物业专场招聘会 ${Date.now() % 100000}`;
  await fairForm.locator('[data-test=fair-title]').fill(title);
  const day = new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
  const picker = fairForm.getByPlaceholder('选择日期');
  await picker.click();
  await picker.fill(day);
  await picker.press('Enter');
  await fairForm.locator('[data-test=fair-place]').fill('城关街道建设路 8 号一楼');
  await fairForm.locator('[data-test=fair-capacity]').fill('80');
  await fairForm.locator('[data-test=fair-employers]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: company }).click();
  await shot('53-employment-fair-form');
  await page.click('[data-test=fair-save]');
  const made = page.locator('[data-test=fair-table] tbody tr', { hasText: title });
  await made.waitFor({ timeout: 30_000 });
  const said = (await made.textContent()) ?? '';
  check(said.includes(day) && said.includes(company) && said.includes('已报名 0 / 80'), `the new fair reads: ${said}`);
  await page.click(`[data-test=fair-signups-${demoFair.id}]`);
  const signups = page.locator('[data-test=signup-table] tbody tr');
  await until('the demo holder’s signup', async () => (await signups.count()) === 1);
  await shot('54-employment-fair-signups');
  await page.keyboard.press('Escape');

  await page.goto(`${server.url}/console/employment/figures`);
  const postings = page.locator('[data-test=employment-kpis] [data-kpi=postings] b');
  await postings.waitFor({ timeout: 30_000 });
  const n = Number(((await postings.textContent()) ?? '').trim());
  check(n >= 5, `就业统计 counts ${n} postings`);
  await shot('55-employment-figures');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click('[data-test=employment-export]'),
  ]);
  const file = path.join(work, 'employment.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const first = book.worksheets[0];
  const cells: string[] = [];
  first.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
  check(cells.includes('发布岗位') && cells.includes('达成意向'), `the workbook reads: ${cells.join(' ')}`);
  await signOut();
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
      await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'district'));
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
        code: await freshCode(DEMO_TOTP_SECRET, 'admin'),
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

  [
    'the district exports the new batch as Excel: ID numbers are text cells, every applicant is there',
    async () => {
      await signOut();
      await signInPassword('district', 'demo-district-2026');
      await page.locator('input[name=code]').waitFor();
      await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'district'));
      await page.waitForURL('**/console/cards/queue**', { timeout: 30_000 });
      await page.goto(`${server.url}/console/cards/batches`);
      await page.locator('[data-test=batch-table] [data-test^=open-]').first().waitFor({ timeout: 30_000 });
      const ids = await page
        .locator('[data-test=batch-table] [data-test^=open-]')
        .evaluateAll((els) => els.map((e) => Number((e.getAttribute('data-test') ?? '').slice('open-'.length))));
      batchId = Math.max(...ids);
      await page.click(`[data-test=open-${batchId}]`);
      await page.locator('[data-test=batch-detail]').waitFor();
      await until(
        'the batch items',
        async () => (await page.locator('[data-test=batch-items] tbody tr').count()) === 4,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.click('[data-test=export-xlsx]'),
      ]);
      const file = path.join(work, 'batch.xlsx');
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets[0];
      let header = 0;
      let idCol = 0;
      let nameCol = 0;
      sheet.eachRow((row, n) => {
        if (header) return;
        row.eachCell((cell, c) => {
          if (cell.text === '身份证号码') idCol = c;
          if (cell.text === '姓名') nameCol = c;
        });
        if (idCol) header = n;
      });
      check(header && nameCol, 'the Excel file has no 身份证号码/姓名 header');
      applicants = [];
      sheet.eachRow((row, n) => {
        if (n <= header) return;
        const cell = row.getCell(idCol);
        if (!cell.text) return;
        check(cell.type === ExcelJS.ValueType.String, `row ${n}: the ID number is not a text cell (type ${cell.type})`);
        check(/^\d{17}[\dX]$/.test(cell.text), `row ${n}: "${cell.text}" is not an ID number`);
        applicants.push({ name: row.getCell(nameCol).text, idNumber: cell.text });
      });
      const shown = await page.locator('[data-test=batch-items] tbody tr td:nth-child(2)').allTextContents();
      check(
        applicants.length === 4 && shown.every((n) => applicants.some((a) => a.name === n.trim())),
        `the Excel rows (${applicants.map((a) => a.name).join(', ')}) are not the batch (${shown.join(', ')})`,
      );
      await shot('11-batch-detail');
    },
  ],
  [
    "the bank's returned card numbers are imported from a CSV of over 70 KB: the preview matches every applicant",
    async () => {
      const csv = path.join(work, 'bank-return.csv');
      // Banks add columns of their own; a long remark makes the file larger than a JSON body could carry.
      const remark = '制卡备注'.repeat(2500);
      const lines = applicants.map((a, i) => `${a.idNumber},${cardNumberOf(i)},${a.name},${remark}`);
      fs.writeFileSync(csv, `身份证号码,卡号,姓名,备注\n${lines.join('\n')}\n`);
      check(fs.statSync(csv).size > 70_000, 'the bank file is not over 70 KB');
      await page.click('[data-test=import]');
      await page.locator('[data-test=import-dialog]').waitFor();
      await page.setInputFiles('[data-test=import-file]', csv);
      await page.locator('[data-test=import-summary]').waitFor({ timeout: 30_000 });
      check(
        ((await page.locator('[data-test=import-summary]').textContent()) ?? '').includes('可登记 4'),
        `the preview does not match all four: ${await page.locator('[data-test=import-summary]').textContent()}`,
      );
      const matched = await page.locator('[data-test=import-matched] tbody tr').allTextContents();
      check(
        applicants.every((a, i) => matched.some((r) => r.includes(a.name) && r.includes(cardNumberOf(i)))),
        `the matched rows are not the applicants: ${matched.join(' | ')}`,
      );
      await shot('12-bank-import');
      await page.click('[data-test=import-confirm]');
      await page.locator('[data-test=import-dialog]').waitFor({ state: 'hidden', timeout: 30_000 });
      await until(
        'all four card numbers recorded',
        async () => ((await page.locator('[data-test=batch-detail]').textContent()) ?? '').includes('已登记卡号 4/4'),
        30_000,
      );
    },
  ],
  [
    'the batch is marked arrived and one card is issued with its number filled in',
    async () => {
      await page.click('[data-test=arrived]');
      await page.locator('.el-message-box').waitFor();
      await page.click('.el-message-box .el-button--primary');
      const issueButtons = page.locator('[data-test=batch-items] button[data-test^=issue-]');
      await until('four cards ready to issue', async () => (await issueButtons.count()) === 4, 30_000);
      const button = issueButtons.first();
      const appId = ((await button.getAttribute('data-test')) ?? '').slice('issue-'.length);
      const row = page.locator('[data-test=batch-items] tbody tr', { has: page.locator(`[data-test=issue-${appId}]`) });
      const name = ((await row.locator('td:nth-child(2)').textContent()) ?? '').trim();
      const expected = cardNumberOf(applicants.findIndex((a) => a.name === name));
      await button.click();
      await page.locator('[data-test=issue-dialog]').waitFor();
      const filled = await page.locator('input[data-test=issue-number], [data-test=issue-number] input').inputValue();
      check(filled === expected, `the issue dialog shows "${filled}", not the imported ${expected}`);
      await shot('13-issue');
      await page.click('[data-test=issue-confirm]');
      await page.locator('[data-test=issue-dialog]').waitFor({ state: 'hidden', timeout: 30_000 });
      await until('three cards left to issue', async () => (await issueButtons.count()) === 3, 30_000);
      const issuedRow = page.locator('[data-test=batch-items] tbody tr', { hasText: name });
      await until(
        'the row to say 已发放',
        async () => ((await issuedRow.textContent()) ?? '').includes('已发放'),
        30_000,
      );
      await shot('14-issued');
    },
  ],

  [
    "a holder's complaint about a merchant is resolved on 商户投诉",
    async () => {
      const holder = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-demo7' });
      const merchants = await api<{ items: Array<{ id: number }> }>(
        'GET',
        '/api/v1/merchants?lat=30.2741&lng=120.1551&radiusKm=50&limit=5',
      );
      check(merchants.items.length > 0, 'the demo data has no merchants');
      const text = `端到端测试：出示优待证后店员拒绝打折 ${Date.now()}`;
      const filed = await api<{ id: number }>(
        'POST',
        `/api/v1/merchants/${merchants.items[0].id}/complaints`,
        { text },
        holder.accessToken,
      );
      await page.goto(`${server.url}/console/merchants/complaints`);
      const item = page.locator(`[data-test=complaint-item][data-id="${filed.id}"]`);
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      await page.locator('[data-test=resolve-form]').waitFor();
      await page.locator('[data-test=outcome]').getByText('投诉成立').click();
      await page.locator('[data-test=resolve-form] .preset').first().click();
      await shot('15-complaint');
      await page.click('[data-test=resolve]');
      await page.locator('.el-message-box').waitFor();
      await page.click('.el-message-box .el-button--primary');
      await until(
        'the complaint to be resolved',
        async () => {
          const rows = await api<{ items: Array<{ id: number; status: string }> }>(
            'GET',
            '/api/v1/me/complaints',
            undefined,
            holder.accessToken,
          );
          return rows.items.find((c) => c.id === filed.id)?.status === 'upheld';
        },
        30_000,
      );
    },
  ],
  [
    'a voucher bought in the mini-program shows on 代金券结算, and a past day is reconciled on 对账',
    async () => {
      const holder = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat-login', { code: 'dev-demo7' });
      const mine = await api<{ items: Array<{ offerId: number; merchantId: number }> }>(
        'GET',
        '/api/v1/voucher-orders/mine',
        undefined,
        holder.accessToken,
      );
      check(mine.items.length > 0, 'the demo holder has no voucher order');
      const made = await api<{ order: { id: number } }>(
        'POST',
        '/api/v1/voucher-orders',
        { offerId: mine.items[0].offerId, quantity: 1 },
        holder.accessToken,
      );
      await api('POST', `/api/v1/voucher-orders/${made.order.id}/dev-pay`, undefined, holder.accessToken);

      await page.goto(`${server.url}/console/vouchers/settlements`);
      const row = page.locator('[data-test=settlement-table] .el-table__body tr').first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      await page.locator('[data-test=settlement-offers] .el-table__body tr').first().waitFor({ timeout: 30_000 });
      const detail = (await page.locator('[data-test=settlement-detail]').textContent()) ?? '';
      check(detail.includes('50 元代金券'), `the drawer does not show the shop's voucher: ${detail.slice(0, 200)}`);
      await shot('18-settlement');

      await page.goto(`${server.url}/console/vouchers/reconciliation`);
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      const picker = page.getByPlaceholder('选择日期');
      await picker.click();
      await picker.fill(yesterday);
      await picker.press('Enter');
      await page.getByRole('button', { name: '对账该日' }).click();
      const day = page.locator('[data-test=reconciliation-day]').first();
      await day.waitFor({ timeout: 30_000 });
      check(((await day.textContent()) ?? '').includes(yesterday), `yesterday is not listed`);
      const report = page.locator('[data-test=reconciliation-detail]');
      await report.waitFor({ timeout: 30_000 });
      // Nothing was paid yesterday in the demo, and the dev adapter's bill has nothing either.
      const said = (await report.textContent()) ?? '';
      check(
        said.includes(`${yesterday} 微信支付对账`) && said.includes('无交易'),
        `the report says: ${said.slice(0, 200)}`,
      );
      await shot('19-reconciliation');
    },
  ],
  [
    '统计报表 draws its charts (a sized canvas) without breaking the CSP',
    async () => {
      await page.goto(`${server.url}/console/figures`);
      const canvas = page.locator('[data-test=chart] canvas').first();
      await canvas.waitFor({ timeout: 30_000 });
      await until(
        'the chart canvas to have a size',
        async () => {
          const box = await canvas.boundingBox();
          return !!box && box.width > 0 && box.height > 0;
        },
        30_000,
      );
      const csp = consoleErrors.filter((t) => /Content Security Policy/i.test(t));
      check(csp.length === 0, `CSP errors in the browser console: ${csp.join(' | ')}`);
      await shot('16-figures');
    },
  ],
  [
    'every screen on the district’s menu opens with no failed request and no error shown',
    async () => {
      await walkMenu('district');
      await signOut();
    },
  ],
  [
    'every screen on the administrator’s menu opens with no failed request and no error shown',
    async () => {
      await signInPassword('admin', 'demo-admin-2026');
      await page.locator('input[name=code]').waitFor();
      await page.fill('input[name=code]', await freshCode(DEMO_TOTP_SECRET, 'admin'));
      await page.waitForURL((u) => !u.pathname.includes('/signin'));
      await walkMenu('admin');
      await signOut();
    },
  ],
  [
    'a station clerk accepts, starts and resolves an appeal, refuses another; 诉求统计 counts them',
    appealsAtTheStation,
  ],
  ['the district imports a roster after checking it, opens a person’s file and records a visit', rosterAtTheDistrict],
  [
    'the district sees its 驿站, opens the demo booking and approves a proof of status; 驿站统计 loads',
    lodgingAtTheDistrict,
  ],
  [
    'the district approves an employer beside its licence, opens a posting, creates a fair; 就业统计 counts',
    employmentAtTheDistrict,
  ],
  [
    'every screen on a station’s and a lawyer’s menu opens with no failed request and no error shown',
    async () => {
      await signInPassword('station1', 'demo-station-2026');
      await page.waitForURL((u) => !u.pathname.includes('/signin'));
      await page.goto(`${server.url}/console/cards/pickups`);
      const batchRows = page.locator('[data-test=pickup-batches] tbody tr');
      await until('a batch with cards waiting at the station', async () => (await batchRows.count()) > 0);
      await batchRows.first().locator('button[data-test^=pickup-]').click();
      await page.locator('[data-test=pickup-sheet]').waitFor();
      const sheet = (await page.locator('[data-test=pickup-sheet]').textContent()) ?? '';
      check(sheet.includes('城关'), `the station's 签收单 does not name the station: ${sheet.slice(0, 200)}`);
      await shot('17-station-pickup');
      await walkMenu('station');
      await signOut();
      await signInPassword('lawyer', 'demo-lawyer-2026');
      await page.waitForURL((u) => !u.pathname.includes('/signin'));
      await walkMenu('lawyer');
      await signOut();
    },
  ],
];

/** Requests under way, but for the inbox's long poll (it is always waiting: the network is never idle). */
const inFlight = new Set<unknown>();
const isLongPoll = (url: string) => url.includes('/conversations/changes');

/** Waits until no request but the long poll has been under way for 400 ms (at most 15 s). */
async function settled(): Promise<void> {
  let quietSince = Date.now();
  await until(
    'the screen to finish loading',
    () => {
      if (inFlight.size > 0) quietSince = Date.now();
      return Date.now() - quietSince >= 400;
    },
    15_000,
  );
}

/**
 * Opens each entry of the signed-in person's menu in turn and checks that the screen loaded: no
 * API request answered with an error, no error message shown, no script error and nothing in the
 * browser's console (a missing file, a blocked resource); a screenshot of each
 * goes to `screens/<who>-<n>.png`.
 */
async function walkMenu(who: string): Promise<void> {
  const items = page.locator('.el-menu-item');
  await items.first().waitFor();
  const count = await items.count();
  check(count > 0, `no menu for ${who}`);
  for (let i = 0; i < count; i++) {
    const title = ((await items.nth(i).textContent()) ?? '').trim();
    const failures: string[] = [];
    const onResponse = (res: { status(): number; url(): string; request(): { method(): string } }) => {
      if (res.url().includes('/api/') && res.status() >= 400)
        failures.push(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
    };
    const onError = (e: Error) => failures.push(`script error: ${e.message}`);
    const loggedBefore = consoleErrors.length;
    page.on('response', onResponse);
    page.on('pageerror', onError);
    try {
      await items.nth(i).click();
      await settled();
      const shown = await page.locator('.el-message--error').allTextContents();
      for (const t of shown) failures.push(`error shown: ${t.trim()}`);
      for (const t of consoleErrors.slice(loggedBefore)) failures.push(`browser console: ${t}`);
      await page.screenshot({ path: path.join(SHOTS, 'screens', `${who}-${String(i + 1).padStart(2, '0')}.png`) });
    } finally {
      page.off('response', onResponse);
      page.off('pageerror', onError);
    }
    check(failures.length === 0, `${who} · ${title}: ${failures.join('; ')}`);
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    process.stdout.write(
      `console e2e skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)\n` +
        'e2e: 0 passed, 0 failed, 1 skipped\n',
    );
    return 0;
  }
  fs.mkdirSync(path.join(SHOTS, 'screens'), { recursive: true });
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
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('request', (r) => {
      if (!isLongPoll(r.url())) inFlight.add(r);
    });
    page.on('requestfinished', (r) => inFlight.delete(r));
    page.on('requestfailed', (r) => inFlight.delete(r));
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
    fs.rmSync(work, { recursive: true, force: true });
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
