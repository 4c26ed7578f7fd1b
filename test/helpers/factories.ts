import { insertAccount } from '../../server/modules/auth/accounts';
import { hashPassword } from '../../server/modules/auth/password';
import type { Role } from '../../server/modules/auth/roles';
import { checkDigit } from '../../server/modules/people/id-number';
import { District } from '../../server/modules/staff/district.entity';
import { Station } from '../../server/modules/staff/station.entity';
import type { TestContext } from './context';

let counter = 0;
/** A name unique within the test run, for openids and usernames. */
export const unique = (prefix: string) => `${prefix}${process.env.JEST_WORKER_ID ?? '1'}x${++counter}x${Date.now() % 100000}`;

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

/** Logs a holder in through the real endpoint with the dev WeChat adapter. */
export async function loginHolder(t: TestContext, name = unique('holder')): Promise<Session> {
  const res = await t.http.post('/api/v1/auth/wechat-login').send({ code: `dev-${name}` }).expect(200);
  return {
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    userId: res.body.user.id,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export async function createDistrictAndStation(t: TestContext): Promise<{ districtId: number; stationId: number }> {
  const now = t.clock.now();
  return t.container.db.transaction(async (em) => {
    const d = await em.insert(District, { code: unique('d').slice(0, 12), name: '测试区', createdAt: now });
    const districtId = Number(d.identifiers[0].id);
    const s = await em.insert(Station, { districtId, name: unique('服务站'), address: '测试路 1 号', phone: null, createdAt: now });
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
    insertAccount(em, { username, passwordHash, displayName: '测试员', roles, stationId: place.stationId ?? null, districtId: place.districtId ?? null }, t.clock.now()),
  );
  const res = await t.http.post('/api/v1/auth/password-login').send({ username, password }).expect(200);
  return {
    username,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    userId: res.body.user.id,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/**
 * A minimal well-formed JPEG: SOI, JFIF APP0, comment padding to reach `size` bytes exactly,
 * a baseline SOF0 frame header with the given dimensions, and EOI. Enough for header checks.
 */
export function makeJpeg(opts: { width: number; height: number; size: number; components?: number; progressive?: boolean }): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const components = opts.components ?? 3;
  const sofLength = 8 + components * 3;
  const sof = Buffer.alloc(2 + sofLength);
  sof[0] = 0xff;
  sof[1] = opts.progressive ? 0xc2 : 0xc0;
  sof.writeUInt16BE(sofLength, 2);
  sof[4] = 8;
  sof.writeUInt16BE(opts.height, 5);
  sof.writeUInt16BE(opts.width, 7);
  sof[9] = components;
  for (let c = 0; c < components; c++) sof.set([c + 1, 0x11, 0], 10 + c * 3);
  const eoi = Buffer.from([0xff, 0xd9]);
  const fixed = soi.length + app0.length + sof.length + eoi.length;
  const padding: Buffer[] = [];
  let remaining = opts.size - fixed;
  if (remaining < 0) throw new Error('size too small for a JPEG header');
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
  return Buffer.concat([soi, app0, ...padding, sof, eoi]);
}

/** A photo that meets the 优待证 specification. */
export const compliantPhoto = () => makeJpeg({ width: 352, height: 440, size: 30 * 1024 });
