/**
 * The demo logins the seed creates, in one place: the seed uses them, and live mode refuses every
 * one of these passwords (as ADMIN_PASSWORD, and on any account found in the database at start).
 * Kept free of imports so the configuration can read it.
 */
export const DEMO_LOGINS = {
  admin: { username: 'admin', password: 'demo-admin-2026' },
  district: { username: 'district', password: 'demo-district-2026' },
  station1: { username: 'station1', password: 'demo-station-2026' },
  station2: { username: 'station2', password: 'demo-station-2026' },
  lawyer: { username: 'lawyer', password: 'demo-lawyer-2026' },
  clerk: { username: 'clerk1', password: 'demo-clerk-2026' },
  runner: { username: 'runner1', password: 'demo-runner-2026' },
} as const;

/**
 * The TOTP secret the demo admin and district accounts are enrolled with, so a developer (any
 * authenticator app, or `oathtool --totp -b`) and the browser tests can compute their codes.
 */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/** The demo accounts enrolled with `DEMO_TOTP_SECRET`. */
export const DEMO_MFA_USERNAMES: readonly string[] = [DEMO_LOGINS.admin.username, DEMO_LOGINS.district.username];

/** Every password the demo seed uses, each once. */
export const DEMO_PASSWORDS: readonly string[] = [...new Set(Object.values(DEMO_LOGINS).map((l) => l.password))];

/** The demo district's code: the seed's own marker that demo data was loaded into a database. */
export const DEMO_DISTRICT_CODE = '330199';
