import { describe, expect, it } from 'vitest';
import { homeFor, menuFor, SCREENS } from './menu';

const names = (roles: string[]) => menuFor(roles).map((m) => m.name);

describe('menu by role', () => {
  it('gives station staff their desk: the queue first, then their 签收单, cards, chats, knowledge and figures', () => {
    expect(names(['station_staff'])).toEqual([
      'queue',
      'pickups',
      'card',
      'inbox',
      'knowledge',
      'appeals',
      'appeal-figures',
      'employment-employers',
      'employment-postings',
      'employment-fairs',
      'employment-figures',
      'figures',
      'roster',
      'roster-rates',
    ]);
    expect(SCREENS.find((s) => s.name === 'pickups')?.path).toBe('/cards/pickups');
    expect(homeFor(['station_staff'])).toBe('/cards/queue');
  });

  it('gives district staff the batches, merchants and legal aid besides', () => {
    expect(names(['district_staff'])).toEqual([
      'queue',
      'batches',
      'card',
      'inbox',
      'knowledge',
      'merchant-applications',
      'merchants',
      'complaints',
      'appeals',
      'appeal-figures',
      'legal-appointments',
      'legal-providers',
      'voucher-orders',
      'voucher-settlements',
      'payment-reconciliation',
      'employment-employers',
      'employment-postings',
      'employment-fairs',
      'employment-figures',
      'lodging-hotels',
      'lodging-bookings',
      'lodging-figures',
      'figures',
      'roster',
      'roster-rates',
    ]);
    expect(homeFor(['district_staff'])).toBe('/cards/queue');
    // The district prints a station's 签收单 from the batch's page, not from a station's screen.
    expect(names(['district_staff'])).not.toContain('pickups');
  });

  it('keeps the accounts, stations and the audit log to admins, and no review queue', () => {
    const admin = names(['admin']);
    expect(admin).toEqual(expect.arrayContaining(['accounts', 'stations', 'audit']));
    expect(admin).not.toContain('queue');
    expect(names(['district_staff'])).not.toContain('accounts');
  });

  it('gives station and district staff the appeals queue and its figures, and admins both to read', () => {
    for (const role of ['station_staff', 'district_staff', 'admin']) {
      expect(names([role])).toEqual(expect.arrayContaining(['appeals', 'appeal-figures']));
    }
    expect(SCREENS.find((s) => s.name === 'appeals')?.path).toBe('/appeals/queue');
    expect(SCREENS.find((s) => s.name === 'appeal-figures')?.path).toBe('/appeals/figures');
    expect(names(['lawyer'])).not.toContain('appeals');
  });

  it('gives station and district staff and admins the roster and its rates; the file is not a menu entry', () => {
    for (const role of ['station_staff', 'district_staff', 'admin']) {
      expect(names([role])).toEqual(expect.arrayContaining(['roster', 'roster-rates']));
    }
    expect(SCREENS.find((s) => s.name === 'roster')?.path).toBe('/roster/list');
    expect(SCREENS.find((s) => s.name === 'roster-rates')?.path).toBe('/roster/rates');
    expect(SCREENS.some((s) => s.path.startsWith('/roster/people'))).toBe(false);
    expect(names(['lawyer'])).not.toContain('roster');
  });

  it('gives district staff and admins the 军人驿站 screens, just before 统计报表; stations and desks none', () => {
    for (const role of ['district_staff', 'admin']) {
      const menu = names([role]);
      expect(menu).toEqual(expect.arrayContaining(['lodging-hotels', 'lodging-bookings', 'lodging-figures']));
      const at = menu.indexOf('lodging-hotels');
      expect(menu.slice(at, at + 4)).toEqual(['lodging-hotels', 'lodging-bookings', 'lodging-figures', 'figures']);
    }
    expect(SCREENS.find((s) => s.name === 'lodging-hotels')?.path).toBe('/lodging/hotels');
    expect(SCREENS.find((s) => s.name === 'lodging-bookings')?.path).toBe('/lodging/bookings');
    expect(SCREENS.find((s) => s.name === 'lodging-figures')?.path).toBe('/lodging/figures');
    for (const role of ['station_staff', 'lawyer', 'errand_runner', 'merchant_owner', 'merchant_clerk', 'holder']) {
      expect(names([role]).filter((n) => n.startsWith('lodging-'))).toEqual([]);
    }
  });

  it('gives station and district staff and admins the 就业超市 screens; desks without staff roles none', () => {
    const employment = ['employment-employers', 'employment-postings', 'employment-fairs', 'employment-figures'];
    for (const role of ['station_staff', 'district_staff', 'admin']) {
      expect(names([role]).filter((n) => n.startsWith('employment-'))).toEqual(employment);
    }
    expect(SCREENS.filter((s) => s.name.startsWith('employment-')).map((s) => s.path)).toEqual([
      '/employment/employers',
      '/employment/postings',
      '/employment/fairs',
      '/employment/figures',
    ]);
    for (const role of ['lawyer', 'errand_runner', 'merchant_owner', 'merchant_clerk', 'holder']) {
      expect(names([role]).filter((n) => n.startsWith('employment-'))).toEqual([]);
    }
  });

  it('gives a 代办员 (errand runner) the errands assigned to them only', () => {
    expect(names(['errand_runner'])).toEqual(['appeals']);
    expect(homeFor(['errand_runner'])).toBe('/appeals/queue');
  });

  it('gives a lawyer or mediator their own day only', () => {
    expect(names(['lawyer'])).toEqual(['my-day']);
    expect(homeFor(['lawyer'])).toBe('/legal/my-day');
    expect(names(['district_staff'])).not.toContain('my-day');
  });

  it('lists nothing for people who have no desk', () => {
    for (const role of ['holder', 'merchant_owner', 'merchant_clerk']) {
      expect(menuFor([role])).toEqual([]);
      expect(homeFor([role])).toBe('/home');
    }
  });

  it('gives every screen its own path and name', () => {
    expect(new Set(SCREENS.map((s) => s.path)).size).toBe(SCREENS.length);
    expect(new Set(SCREENS.map((s) => s.name)).size).toBe(SCREENS.length);
  });
});
