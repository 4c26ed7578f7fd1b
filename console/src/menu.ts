import type { Component } from 'vue';

/** A screen in the console's left menu, the roles that may open it, and its view (loaded when opened). */
export interface MenuEntry {
  path: string;
  name: string;
  title: string;
  roles: readonly string[];
  view: () => Promise<Component | { default: Component }>;
}

/**
 * The screens that exist, in menu order. A screen joins this list when it is built, never before;
 * the router makes one route of each entry.
 */
export const SCREENS: readonly MenuEntry[] = [
  {
    path: '/cards/queue',
    name: 'queue',
    title: '优待证审核',
    roles: ['station_staff', 'district_staff'],
    view: () => import('./views/Queue.vue'),
  },
];

/** The menu for a person with these roles, in the list's order. */
export const menuFor = (roles: readonly string[]): MenuEntry[] =>
  SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));

/** Where a person lands after signing in: their first screen, or the home page when they have none. */
export const homeFor = (roles: readonly string[]): string => menuFor(roles)[0]?.path ?? '/home';
