import { describe, expect, it } from 'vitest';
import { homeFor, menuFor } from './menu';

describe('menu by role', () => {
  it('gives station and district staff the review queue', () => {
    expect(menuFor(['station_staff']).map((m) => m.name)).toEqual(['queue']);
    expect(menuFor(['district_staff']).map((m) => m.name)).toEqual(['queue']);
    expect(homeFor(['district_staff'])).toBe('/cards/queue');
  });
  it('lists no screen a role cannot open (admins have none built yet)', () => {
    expect(menuFor(['admin'])).toEqual([]);
    expect(homeFor(['admin'])).toBe('/home');
    expect(menuFor(['holder'])).toEqual([]);
  });
});
