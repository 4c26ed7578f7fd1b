import { describe, expect, it } from 'vitest';
import {
  defaultStatus,
  emptyFilters,
  filtersFromRoute,
  filtersToRoute,
  matchesLocally,
  searchKind,
  toQueueQuery,
} from './query';

describe('toQueueQuery', () => {
  it('sends only what is set, with the page size', () => {
    expect(toQueueQuery(emptyFilters())).toEqual({ limit: 50 });
    expect(toQueueQuery(emptyFilters('submitted'), 'c1', 20)).toEqual({ limit: 20, status: 'submitted', cursor: 'c1' });
  });

  it('maps every filter to the list route’s names', () => {
    const q = toQueueQuery({
      status: 'station_approved',
      stationId: 3,
      category: 'martyr_family',
      ageMin: 60,
      ageMax: 80,
      overdue: true,
      q: ' 张建国 ',
    });
    expect(q).toEqual({
      limit: 50,
      status: 'station_approved',
      stationId: 3,
      category: 'martyr_family',
      ageMin: 60,
      ageMax: 80,
      overdue: true,
      q: '张建国',
    });
  });

  it('swaps a reversed age range and leaves out zeros and an unticked overdue', () => {
    expect(toQueueQuery({ ...emptyFilters(), ageMin: 80, ageMax: 60 })).toEqual({ limit: 50, ageMin: 60, ageMax: 80 });
    expect(toQueueQuery({ ...emptyFilters(), ageMin: 0, stationId: 0, overdue: false })).toEqual({ limit: 50 });
  });

  it('sends an ID number tail upper-cased', () => {
    expect(toQueueQuery({ ...emptyFilters(), q: '123x' }).q).toBe('123X');
    expect(searchKind('4567')).toBe('id_digits');
    expect(searchKind('123456')).toBe('id_digits');
    expect(searchKind('123')).toBe('name');
    expect(searchKind('1234567')).toBe('name');
    expect(searchKind('33010219650312101x')).toBe('id_digits');
    expect(searchKind('  ')).toBe('none');
  });
});

describe('the queue’s other mappings', () => {
  it('opens on what waits for the reviewer’s level', () => {
    expect(defaultStatus(['district_staff'])).toBe('station_approved');
    expect(defaultStatus(['station_staff'])).toBe('submitted');
    expect(defaultStatus(['admin'])).toBeNull();
  });

  it('checks rows again for the filters a row can answer', () => {
    const row = { id: 1, status: 'submitted', category: 'veteran', applicantName: '张建国', stationId: 2 };
    expect(matchesLocally(row, emptyFilters('submitted'))).toBe(true);
    expect(matchesLocally(row, emptyFilters('approved'))).toBe(false);
    expect(matchesLocally(row, { ...emptyFilters(), stationId: 3 })).toBe(false);
    expect(matchesLocally(row, { ...emptyFilters(), category: 'martyr_family' })).toBe(false);
    expect(matchesLocally(row, { ...emptyFilters(), q: '建国' })).toBe(true);
    expect(matchesLocally(row, { ...emptyFilters(), q: '李' })).toBe(false);
    // An ID tail is the server's to match: the row has no ID number.
    expect(matchesLocally(row, { ...emptyFilters(), q: '1234' })).toBe(true);
  });

  it('round-trips through the address bar, "all" meaning no status', () => {
    const f = { ...emptyFilters(), stationId: 2, category: 'veteran', overdue: true, q: '1234' };
    expect(filtersFromRoute(filtersToRoute(f), 'submitted')).toEqual(f);
    expect(filtersFromRoute({}, 'submitted').status).toBe('submitted');
    expect(filtersFromRoute({ stationId: 'abc', ageMin: '-3' }, null)).toEqual(emptyFilters());
  });
});
