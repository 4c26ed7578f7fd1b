import { describe, expect, it } from 'vitest';
import {
  addDays,
  beijingClock,
  beijingDay,
  byDay,
  dayTitle,
  mondayOf,
  scheduleProblems,
  slotsPerWeek,
  sortSchedule,
  spanOf,
  stars,
  statusCounts,
  weekdayOf,
} from './legal';
import type { ScheduleRow } from './types';

const row = (over: Partial<ScheduleRow> = {}): ScheduleRow => ({
  weekday: 1,
  start: '09:00',
  end: '12:00',
  slotMinutes: 30,
  capacity: 1,
  serviceTypes: ['consultation'],
  modes: ['onsite'],
  ...over,
});

describe('Beijing days and weeks', () => {
  it('takes the day in Beijing, not in UTC', () => {
    expect(beijingDay('2026-11-29T16:30:00Z')).toBe('2026-11-30');
    expect(beijingDay('2026-11-29T15:59:00Z')).toBe('2026-11-29');
    expect(beijingClock('2026-11-29T16:30:00Z')).toBe('00:30');
  });

  it('finds the Monday of a week and the span of days', () => {
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(spanOf('2026-11-23', 7)).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' });
    expect(dayTitle('2026-11-30')).toBe('11月30日 周一');
  });

  it('groups by day in time order, empty days kept', () => {
    const items = [
      { id: 2, startsAt: '2026-11-24T10:00:00+08:00' },
      { id: 1, startsAt: '2026-11-24T09:00:00+08:00' },
      { id: 3, startsAt: '2026-11-23T23:30:00+08:00' },
      { id: 4, startsAt: '2026-12-10T09:00:00+08:00' },
    ];
    const g = byDay(items, '2026-11-23', 3);
    expect(g.map((d) => [d.day, d.items.map((i) => i.id)])).toEqual([
      ['2026-11-23', [3]],
      ['2026-11-24', [1, 2]],
      ['2026-11-25', []],
    ]);
    expect(statusCounts([{ status: 'booked' }, { status: 'booked' }, { status: 'no_show' }])).toEqual({
      booked: 2,
      no_show: 1,
    });
  });
});

describe('weekly hours', () => {
  it('accepts sound hours', () => {
    expect(scheduleProblems([row(), row({ weekday: 1, start: '14:00', end: '17:00' }), row({ weekday: 2 })])).toEqual(
      [],
    );
  });

  it('says what is wrong, row by row', () => {
    expect(scheduleProblems([row({ end: '09:15' })])).toEqual([
      '第 1 行（周一）：结束时间须晚于开始时间至少一个时段（30 分钟）',
    ]);
    expect(scheduleProblems([row({ start: '9:00' })])).toEqual(['第 1 行（周一）：时间格式为 HH:MM']);
    expect(scheduleProblems([row({ serviceTypes: [], modes: [] })])).toEqual([
      '第 1 行（周一）：至少选择一项服务',
      '第 1 行（周一）：至少选择一种方式',
    ]);
    expect(scheduleProblems([row(), row({ start: '11:30', end: '13:00' })])).toEqual([
      '第 1 行与第 2 行（周一）时间重叠',
    ]);
    // Touching ends do not overlap.
    expect(scheduleProblems([row(), row({ start: '12:00', end: '13:00' })])).toEqual([]);
  });

  it('sorts and counts', () => {
    const rows = [row({ weekday: 3 }), row({ weekday: 1, start: '14:00', end: '15:00', capacity: 2 }), row()];
    expect(sortSchedule(rows).map((r) => `${r.weekday} ${r.start}`)).toEqual(['1 09:00', '1 14:00', '3 09:00']);
    expect(slotsPerWeek(rows)).toBe(6 + 4 + 6);
    expect(stars(4)).toBe('★★★★☆');
    expect(stars(null)).toBe('—');
  });
});
