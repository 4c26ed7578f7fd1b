import type { Container } from '../container';
import { toCsv, type CsvCell } from '../lib/csv';
import { checkDigit } from '../lib/id-number';
import type { Principal } from '../lib/principal';
import { Account } from '../modules/auth/account.entity';
import { RosterEntry } from '../modules/roster/roster-entry.entity';
import { Station } from '../modules/staff/station.entity';
import { DEMO_LOGINS } from './demo-credentials';

/** People on the roster who have not used the mini-program: some still in the forces, so not yet counted. */
const OTHERS: Array<{ name: string; birth: string; category: string; station: number; stage: string; phone?: string }> =
  [
    { name: '黄国庆', birth: '19491001', category: '退役军人', station: 0, stage: '优待', phone: '13910002001' },
    { name: '马红梅', birth: '19600815', category: '烈士遗属', station: 0, stage: '优待' },
    { name: '郑志远', birth: '19850320', category: '退役军人', station: 1, stage: '就业', phone: '13910002003' },
    { name: '冯立新', birth: '19790611', category: '退役军人', station: 2, stage: '退役' },
    { name: '何家俊', birth: '20010504', category: '退役军人', station: 1, stage: '服役' },
    { name: '罗晨阳', birth: '20060918', category: '退役军人', station: 2, stage: '入伍' },
  ];

/**
 * A small roster (建档立卡) for the demo district: the demo holders (`dev-demo1` … `dev-demo8`,
 * bound by demo-cards.ts) under the identities they bound, at the station of their application,
 * and a few people who never used the mini-program, so 建档立卡, 一人一档 and 申领率 show real
 * figures. Imported through the roster service as the district's clerk would, from a CSV.
 * Idempotent: nothing is made once the roster has anyone.
 */
export async function seedDemoRoster(c: Container): Promise<void> {
  const em = c.db.manager;
  if ((await em.count(RosterEntry)) > 0) return;
  const clerk = await em.findOneBy(Account, { username: DEMO_LOGINS.district.username });
  const stations = await em.find(Station, { order: { id: 'ASC' } });
  if (!clerk || stations.length < 3) return;
  const rows: CsvCell[][] = [];
  for (let i = 1; i <= 8; i++) {
    const account = await em.findOneBy(Account, { openid: `dev-demo${i}` });
    const person = account ? await c.services.people.identityOf(account.id) : null;
    if (!person) continue;
    const { applications } = await c.services.cardStats.recordOf(person.id);
    const stationId = applications[0]?.stationId ?? stations[0].id;
    const stage = i === 4 ? '就业' : '';
    rows.push([
      person.name,
      { text: c.services.people.revealIdNumber(person) },
      person.category,
      String(stationId),
      '',
      stage,
    ]);
  }
  for (const [i, p] of OTHERS.entries()) {
    const first17 = `330102${p.birth}${String(600 + i * 2 + 1).padStart(3, '0')}`;
    rows.push([
      p.name,
      { text: first17 + checkDigit(first17) },
      p.category,
      stations[p.station].name,
      p.phone ?? '',
      p.stage,
    ]);
  }
  const bytes = Buffer.from(toCsv(['姓名', '身份证号', '类别', '服务站', '联系电话', '阶段'], rows));
  const principal: Principal = { accountId: clerk.id, roles: ['district_staff'] };
  await c.services.roster.importRoster(
    principal,
    { field: 'file', filename: '示范区名册.csv', declaredMime: 'text/csv', bytes },
    false,
    'demo-seed',
  );
}
