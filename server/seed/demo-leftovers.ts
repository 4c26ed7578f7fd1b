import { In } from 'typeorm';
import type { Database } from '../db/database';
import { Account } from '../modules/auth/account.entity';
import { verifyPassword } from '../lib/password';
import { District } from '../modules/staff/district.entity';
import { DEMO_DISTRICT_CODE, DEMO_LOGINS, DEMO_PASSWORDS } from './demo-credentials';

/**
 * What a database still holds of the demo data, for live mode to refuse at start (a database
 * seeded in development and then switched to live). Two cheap checks:
 * 1. the seed's own marker, the demo district;
 * 2. the demo usernames, each checked against its demo password, and the configured first admin
 *    checked against every demo password: a handful of scrypt checks, not a scan of all accounts.
 * Returns one line per finding, naming usernames only (never a password); empty when clean.
 */
export async function findDemoLeftovers(db: Database, admin: { username: string } | null): Promise<string[]> {
  const findings: string[] = [];
  if (await db.manager.existsBy(District, { code: DEMO_DISTRICT_CODE })) {
    findings.push(`the demo data is loaded (demo district ${DEMO_DISTRICT_CODE}, its stations, holders and merchants)`);
  }

  const candidates = new Map<string, readonly string[]>();
  for (const login of Object.values(DEMO_LOGINS)) candidates.set(login.username, [login.password]);
  if (admin) candidates.set(admin.username, DEMO_PASSWORDS);
  const accounts = await db.manager.find(Account, {
    select: { id: true, username: true, passwordHash: true },
    where: { username: In([...candidates.keys()]) },
  });
  const weak = await Promise.all(
    accounts.map(async (a) => {
      if (!a.username || !a.passwordHash) return undefined;
      for (const password of candidates.get(a.username) ?? []) {
        if (await verifyPassword(password, a.passwordHash)) return a.username;
      }
      return undefined;
    }),
  );
  const names = weak.filter((n): n is string => n !== undefined).sort();
  if (names.length > 0) findings.push(`accounts still have a demo password: ${names.join(', ')}`);
  return findings;
}
