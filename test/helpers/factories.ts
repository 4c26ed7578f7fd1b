import { insertAccount } from '../../server/modules/auth/accounts.service';
import { hashPassword } from '../../server/lib/password';
import type { Role } from '../../server/modules/auth/roles';
import { checkDigit } from '../../server/lib/id-number';
import { District } from '../../server/modules/staff/district.entity';
import { Station } from '../../server/modules/staff/station.entity';
import { CONSENT_VERSION } from '../../server/modules/people/consent.text';
import type { TestContext } from './context';
import { AccountMfa } from '../../server/modules/auth/account-mfa.entity';
import { Account } from '../../server/modules/auth/account.entity';
import { requiresMfa } from '../../server/modules/auth/mfa.service';
import { totpCode, totpStep } from '../../server/modules/auth/totp';

let counter = 0;
/** A name unique within the test run, for openids and usernames. */
export const unique = (prefix: string) =>
  `${prefix}${process.env.JEST_WORKER_ID ?? '1'}x${++counter}x${Date.now() % 100000}`;

/** A valid 18-character ID number (correct check digit) for a birth date and sequence. */
export function idNumber(birth = '19800101', seq = 1 + (counter++ % 998), region = '110101'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: number;
  auth: { Authorization: string };
}

/**
 * Logs a holder in through the real endpoint with the dev WeChat adapter. The holder has agreed to
 * the current consent text (binding an identity needs it) unless `consent: false`.
 */
export async function loginHolder(
  t: TestContext,
  name = unique('holder'),
  opts: { consent?: boolean } = {},
): Promise<Session> {
  const res = await t.http
    .post('/api/v1/auth/wechat-login')
    .send({ code: `dev-${name}` })
    .expect(200);
  const auth = { Authorization: `Bearer ${res.body.accessToken}` };
  // Recorded through the service, not the endpoint: a login stays one write for the rate limits.
  if (opts.consent !== false)
    await t.container.services.consent.agree({ accountId: res.body.user.id, roles: ['holder'] }, CONSENT_VERSION);
  return {
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    userId: res.body.user.id,
    auth,
  };
}

export async function createDistrictAndStation(t: TestContext): Promise<{ districtId: number; stationId: number }> {
  const now = t.clock.now();
  return t.container.db.transaction(async (em) => {
    const d = await em.insert(District, { code: unique('d').slice(0, 12), name: '测试区', createdAt: now });
    const districtId = Number(d.identifiers[0].id);
    const s = await em.insert(Station, {
      districtId,
      name: unique('服务站'),
      address: '测试路 1 号',
      phone: null,
      createdAt: now,
    });
    return { districtId, stationId: Number(s.identifiers[0].id) };
  });
}

/** An account with a password and roles, logged in through the real password-login endpoint. */
export async function loginStaff(
  t: TestContext,
  roles: Role[],
  place: { stationId?: number; districtId?: number } = {},
): Promise<Session & { username: string; password: string }> {
  const username = unique('staff');
  const password = 'correct-horse-battery';
  const passwordHash = await hashPassword(password);
  await t.container.db.transaction((em) =>
    insertAccount(
      em,
      {
        username,
        passwordHash,
        displayName: '测试员',
        roles,
        stationId: place.stationId ?? null,
        districtId: place.districtId ?? null,
      },
      t.clock.now(),
    ),
  );
  const accountId = await accountIdOf(t, username);
  if (requiresMfa(roles)) {
    // Enrolled directly: the enrolment through the API has tests of its own.
    await t.container.db.transaction((em) =>
      t.container.services.mfa.enrolWithSecret(em, accountId, TEST_TOTP_SECRET, t.clock.now()),
    );
  }
  const body = await signInWithPassword(t, { username, password });
  return {
    username,
    password,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    userId: body.user.id,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** An RGB colour in JPEG's YCbCr, each 0–255. */
const toYCbCr = ([r, g, b]: [number, number, number]) => [
  Math.round(0.299 * r + 0.587 * g + 0.114 * b),
  Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
  Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
];

/** A segment with a two-byte length that counts itself: FF <marker> <len hi> <len lo> <body…>. */
const jpegSegment = (marker: number, body: number[]) => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

/**
 * Tables and entropy-coded data of a baseline image in one flat colour: every 8 x 8 block is its
 * DC value alone, so tiny Huffman tables (a few DC categories, AC end-of-block only) suffice and
 * a 352 x 440 colour image takes under 2 KB.
 */
function flatScan(width: number, height: number, levels: number[]): Buffer {
  const dcs = levels.map((v) => v - 128); // with a DC quantiser of 8, a flat block's DC is its level - 128
  const category = (v: number) => (v === 0 ? 0 : Math.floor(Math.log2(Math.abs(v))) + 1);
  const symbols = [...new Set([0, ...dcs.map(category)])];
  // Canonical codes of lengths 1, 2, 3…: 0, 10, 110, … (none all ones, as JPEG requires).
  const codes = new Map(symbols.map((sym, i) => [sym, { code: (1 << (i + 1)) - 2, length: i + 1 }]));
  const dcCounts = new Array(16).fill(0);
  symbols.forEach((_, i) => (dcCounts[i] = 1));
  const acCounts = [1, ...new Array(15).fill(0)];

  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let b = 0; b < blocks; b++) {
    for (const dc of dcs) {
      const diff = b === 0 ? dc : 0; // DC is coded as the difference from the block before
      const k = category(diff);
      const { code, length } = codes.get(k)!;
      put(code, length);
      if (k > 0) put(diff > 0 ? diff : diff + (1 << k) - 1, k);
      put(0, 1); // end of block
    }
  }
  while (bits.length % 8) bits.push(1);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | bit, 0);
    data.push(byte);
    if (byte === 0xff) data.push(0x00); // byte stuffing
  }

  const components = levels.length;
  const sof: number[] = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, components];
  const sos: number[] = [components];
  for (let c = 0; c < components; c++) {
    sof.push(c + 1, 0x11, 0);
    sos.push(c + 1, 0x00);
  }
  sos.push(0, 63, 0);
  return Buffer.from([
    ...jpegSegment(0xdb, [0x00, ...new Array(64).fill(8)]),
    ...jpegSegment(0xc0, sof),
    ...jpegSegment(0xc4, [0x00, ...dcCounts, ...symbols, 0x10, ...acCounts, 0x00]),
    ...jpegSegment(0xda, sos),
    ...data,
  ]);
}

/**
 * A well-formed JPEG of exactly `size` bytes: SOI, JFIF APP0, comment segments as padding, then a
 * baseline image in one flat colour (`rgb`, an ID-photo blue by default) that a decoder reads
 * whole, and EOI. With `progressive` or `scan: false` there is a frame header and no image data:
 * enough for header checks only. Throws when the image does not fit in `size`.
 */
export function makeJpeg(opts: {
  width: number;
  height: number;
  size: number;
  components?: number;
  progressive?: boolean;
  scan?: boolean;
  rgb?: [number, number, number];
}): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ]);
  const components = opts.components ?? 3;
  let image: Buffer;
  if (opts.progressive || opts.scan === false || (components !== 1 && components !== 3)) {
    const sofLength = 8 + components * 3;
    image = Buffer.alloc(2 + sofLength);
    image[0] = 0xff;
    image[1] = opts.progressive ? 0xc2 : 0xc0;
    image.writeUInt16BE(sofLength, 2);
    image[4] = 8;
    image.writeUInt16BE(opts.height, 5);
    image.writeUInt16BE(opts.width, 7);
    image[9] = components;
    for (let c = 0; c < components; c++) image.set([c + 1, 0x11, 0], 10 + c * 3);
  } else {
    const ycc = toYCbCr(opts.rgb ?? [67, 142, 219]);
    image = flatScan(opts.width, opts.height, components === 1 ? [ycc[0]] : ycc);
  }
  const eoi = Buffer.from([0xff, 0xd9]);
  const fixed = soi.length + app0.length + image.length + eoi.length;
  const padding: Buffer[] = [];
  let remaining = opts.size - fixed;
  if (remaining < 0) throw new Error(`a ${opts.width}x${opts.height} JPEG needs at least ${fixed} bytes`);
  while (remaining > 0) {
    // A comment segment costs 4 bytes of marker and length; its body fills the rest.
    const body = Math.min(remaining - 4, 65533);
    if (body < 0) throw new Error('cannot pad to that exact size');
    const seg = Buffer.alloc(4 + body, 0x20);
    seg[0] = 0xff;
    seg[1] = 0xfe;
    seg.writeUInt16BE(body + 2, 2);
    padding.push(seg);
    remaining -= seg.length;
  }
  return Buffer.concat([soi, app0, ...padding, image, eoi]);
}

/** A photo that meets the 优待证 specification. */
export const compliantPhoto = () => makeJpeg({ width: 352, height: 440, size: 30 * 1024 });

/** The TOTP secret `loginStaff` enrols admin and district accounts with. */
export const TEST_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function accountIdOf(t: TestContext, username: string): Promise<number> {
  return (await t.container.db.manager.findOneByOrFail(Account, { username })).id;
}

/**
 * A TOTP code for an account that the server will take now: of a time step after the last one
 * the account used (the test clock stands still, and a code is accepted once). When every step
 * in the window is used up, the account's replay marker is cleared, as if a step had passed.
 */
export async function totpFor(t: TestContext, accountId: number, secret: string): Promise<string> {
  const now = totpStep(t.clock.now());
  const row = await t.container.db.manager.findOneBy(AccountMfa, { accountId });
  const last = row?.lastUsedStep ?? null;
  const step = [now - 1, now, now + 1].find((s) => last === null || s > last);
  if (step !== undefined) return totpCode(secret, step);
  await t.container.db.transaction((em) => em.update(AccountMfa, { accountId }, { lastUsedStep: null }));
  return totpCode(secret, now);
}

/**
 * Signs in through the real endpoints: the password, then for admin and district accounts the
 * second factor, enrolling an authenticator first when the account has none (its secret is then
 * the one the server handed out). `secret` is the enrolled account's secret (default: the one
 * `loginStaff` uses). Returns the session's body; `recoveryCodes` when this sign-in enrolled.
 */
export async function signInWithPassword(
  t: TestContext,
  credentials: { username: string; password: string },
  opts: { secret?: string; headers?: Record<string, string> } = {},
): Promise<{
  accessToken: string;
  refreshToken: string;
  user: { id: number; roles: Role[] };
  recoveryCodes?: string[];
  secret?: string;
}> {
  const headers = opts.headers ?? {};
  const first = await t.http.post('/api/v1/auth/password-login').set(headers).send(credentials).expect(200);
  if (!first.body.mfaRequired) return first.body;
  const { mfaToken, enrolled } = first.body as { mfaToken: string; enrolled: boolean };
  let secret = opts.secret ?? TEST_TOTP_SECRET;
  if (!enrolled) {
    const enrolment = await t.http.post('/api/v1/auth/mfa/enroll').set(headers).send({ mfaToken }).expect(200);
    secret = enrolment.body.secret;
  }
  const accountId = await accountIdOf(t, credentials.username);
  const code = await totpFor(t, accountId, secret);
  const done = await t.http.post('/api/v1/auth/mfa/verify').set(headers).send({ mfaToken, code }).expect(200);
  return enrolled ? done.body : { ...done.body, secret };
}
