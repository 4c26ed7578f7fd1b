import type { Container } from '../container';
import { seedDemoAppeals } from './demo-appeals';
import { seedDemoCards } from './demo-cards';
import { seedDemoEmployment } from './demo-employment';
import { seedDemoLegalAid } from './demo-legal-aid';
import { seedDemoLodging } from './demo-lodging';
import { seedDemoMerchants } from './demo-merchants';
import { seedDemoRoster } from './demo-roster';
import { seedDemoVouchers } from './demo-vouchers';
import { Account } from '../modules/auth/account.entity';
import { insertAccount } from '../modules/auth/accounts.service';
import { hashPassword } from '../lib/password';
import type { Role } from '../modules/auth/roles';
import { District } from '../modules/staff/district.entity';
import { Station } from '../modules/staff/station.entity';
import { DEMO_DISTRICT_CODE, DEMO_LOGINS, DEMO_MFA_USERNAMES, DEMO_TOTP_SECRET } from './demo-credentials';

/** Demo logins for the embedded default. Development only: production and live mode refuse SEED_DEMO. */
export const DEMO_ACCOUNTS: Array<{
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  station?: number;
  district?: boolean;
}> = [
  { ...DEMO_LOGINS.admin, displayName: '系统管理员（演示）', roles: ['admin'] },
  { ...DEMO_LOGINS.district, displayName: '区局审核员（演示）', roles: ['district_staff'], district: true },
  { ...DEMO_LOGINS.station1, displayName: '城关街道服务站（演示）', roles: ['station_staff'], station: 0 },
  { ...DEMO_LOGINS.station2, displayName: '东湖街道服务站（演示）', roles: ['station_staff'], station: 1 },
  { ...DEMO_LOGINS.lawyer, displayName: '王律师（演示）', roles: ['lawyer'] },
  { ...DEMO_LOGINS.runner, displayName: '李志愿（代办员，演示）', roles: ['errand_runner'], station: 0 },
];

const STATIONS = [
  { name: '城关街道退役军人服务站', address: '城关街道人民路 12 号', phone: '0571-8000-0001' },
  { name: '东湖街道退役军人服务站', address: '东湖街道湖滨路 88 号', phone: '0571-8000-0002' },
  { name: '西山镇退役军人服务站', address: '西山镇建设街 3 号', phone: '0571-8000-0003' },
];

/**
 * Loads the demo district, stations and accounts once (idempotent: a district with the demo code
 * means it is done). Returns the accounts created, for the start-up banner.
 */
export async function seedDemo(c: Container): Promise<typeof DEMO_ACCOUNTS> {
  const em = c.db.manager;
  if (await em.findOneBy(District, { code: DEMO_DISTRICT_CODE })) return [];
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  const created: typeof DEMO_ACCOUNTS = [];
  await c.db.transaction(async (tx) => {
    const now = c.clock.now();
    const district = await tx.insert(District, {
      code: DEMO_DISTRICT_CODE,
      name: '示范区退役军人事务局',
      createdAt: now,
    });
    const districtId = Number(district.identifiers[0].id);
    const stationIds: number[] = [];
    for (const s of STATIONS) {
      const r = await tx.insert(Station, { ...s, districtId, createdAt: now });
      stationIds.push(Number(r.identifiers[0].id));
    }
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      if (await tx.findOneBy(Account, { username: a.username })) continue; // e.g. ADMIN_USERNAME=admin already made it
      const account = await insertAccount(
        tx,
        {
          username: a.username,
          passwordHash: hashes[i],
          displayName: a.displayName,
          roles: a.roles,
          stationId: a.station !== undefined ? stationIds[a.station] : null,
          districtId: a.station !== undefined || a.district ? districtId : null,
        },
        now,
      );
      // Enrolled already, with a published secret: the console's second factor works out of the box.
      if (DEMO_MFA_USERNAMES.includes(a.username)) {
        await c.services.mfa.enrolWithSecret(tx, account.id, DEMO_TOTP_SECRET, now);
      }
      created.push(a);
    }
  });
  await seedDemoCards(c);
  await seedDemoMerchants(c);
  await seedDemoLegalAid(c);
  await seedDemoVouchers(c);
  await seedDemoEmployment(c);
  await seedDemoLodging(c);
  await seedDemoAppeals(c);
  await seedDemoRoster(c);
  return created;
}

export function demoBanner(accounts: typeof DEMO_ACCOUNTS): string {
  const rows = accounts.map((a) => `  ${a.username.padEnd(10)} ${a.password.padEnd(20)} ${a.roles.join(',')}`);
  return [
    '',
    '==================== 演示数据 / demo data loaded ====================',
    '  Staff logins (POST /api/v1/auth/password-login):',
    ...rows,
    `  admin and district also need a TOTP code: authenticator secret ${DEMO_TOTP_SECRET}`,
    '  Holders: POST /api/v1/auth/wechat-login with { "code": "dev-<name>" }',
    '  Demo holders with applications at every stage: dev-demo1 … dev-demo8 (dev-demo7 holds a card)',
    '  Merchants around 30.2741, 120.1551: owners dev-shop1 … dev-shop30; ' +
      `counter clerk ${DEMO_LOGINS.clerk.username} / ${DEMO_LOGINS.clerk.password}`,
    '  Legal aid: four providers with weekday hours; the lawyer login above is 王建华',
    '  就业超市: 杭州拥军安保服务有限公司 (owner dev-shop1) with five postings and a job fair next week',
    '  军人驿站: 拥军酒店 (owner dev-shop5) offers two free rooms a night; dev-demo7 has a booking for tomorrow',
    '  Development only. Set SEED_DEMO=false to start with an empty database.',
    '=====================================================================',
    '',
  ].join('\n');
}
