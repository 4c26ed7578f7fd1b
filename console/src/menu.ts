/** A screen in the console's left menu and the roles that may open it. */
export interface MenuEntry {
  path: string;
  name: string;
  title: string;
  roles: readonly string[];
}

/** The screens that exist. A screen joins this list when it is built, never before. */
export const SCREENS: readonly MenuEntry[] = [
  { path: '/cards/queue', name: 'queue', title: '优待证审核', roles: ['station_staff', 'district_staff'] },
];

/** The menu for a person with these roles, in the list's order. */
export const menuFor = (roles: readonly string[]): MenuEntry[] =>
  SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));

/** Where a person lands after signing in: their first screen, or the home page when they have none. */
export const homeFor = (roles: readonly string[]): string => menuFor(roles)[0]?.path ?? '/home';
