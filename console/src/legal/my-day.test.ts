import { describe, expect, it } from 'vitest';
import {
  canMeeting,
  canNotes,
  dayTabs,
  isLink,
  itemsOf,
  meetingProblem,
  notesProblem,
  pickDay,
  spacedPhone,
  stepsOf,
} from './my-day';

// 2026-11-29 10:00 in Beijing.
const now = new Date('2026-11-29T02:00:00Z');
const at = (startsAt: string, status = 'booked') => ({ startsAt, status }) as { startsAt: string; status: 'booked' };

describe('day tabs', () => {
  it('puts today first even when empty, then each later day with appointments, with counts not counting cancelled', () => {
    const tabs = dayTabs(
      [
        at('2026-12-02T09:00:00+08:00'),
        at('2026-11-30T14:00:00+08:00'),
        at('2026-11-30T09:00:00+08:00', 'cancelled'),
        at('2026-11-30T23:30:00+08:00'),
      ],
      now,
    );
    expect(tabs.map((t) => [t.day, t.count])).toEqual([
      ['2026-11-29', 0],
      ['2026-11-30', 2],
      ['2026-12-02', 1],
    ]);
    expect(tabs[0].label).toBe('今天 11月29日 周日');
    expect(tabs[1].label).toBe('11月30日 周一');
  });

  it('groups by the Beijing day, not UTC', () => {
    // 2026-11-29 23:30 UTC is 11-30 07:30 in Beijing.
    expect(dayTabs([at('2026-11-29T23:30:00Z')], now).map((t) => t.day)).toEqual(['2026-11-29', '2026-11-30']);
  });

  it('keeps a day with only cancelled appointments, counted 0', () => {
    expect(dayTabs([at('2026-12-01T09:00:00+08:00', 'cancelled')], now)[1]).toMatchObject({
      day: '2026-12-01',
      count: 0,
    });
  });

  it('picks the chosen day while it is there; at first today, or the next day with work when today has none', () => {
    const tabs = dayTabs([at('2026-12-01T09:00:00+08:00')], now);
    expect(pickDay(tabs, null)).toBe('2026-12-01');
    expect(pickDay(tabs, '2026-11-29')).toBe('2026-11-29');
    expect(pickDay(tabs, '2026-12-05')).toBe('2026-12-01');
    expect(pickDay(dayTabs([at('2026-11-29T15:00:00+08:00')], now), null)).toBe('2026-11-29');
    expect(pickDay(dayTabs([], now), null)).toBe('2026-11-29');
  });

  it("lists a day's appointments in time order", () => {
    const items = [at('2026-11-30T14:00:00+08:00'), at('2026-11-30T09:00:00+08:00'), at('2026-12-01T09:00:00+08:00')];
    expect(itemsOf(items, '2026-11-30').map((a) => a.startsAt)).toEqual([
      '2026-11-30T09:00:00+08:00',
      '2026-11-30T14:00:00+08:00',
    ]);
  });
});

describe('buttons from allowedActions', () => {
  it('shows exactly the steps allowed, in a fixed order, with the routes and confirmations', () => {
    const steps = stepsOf({ allowedActions: ['notes', 'no_show', 'complete', 'check_in', 'cancel'] });
    expect(steps.map((s) => [s.text, s.path])).toEqual([
      ['签到', 'check-in'],
      ['完成', 'complete'],
      ['未到场', 'no-show'],
    ]);
    expect(steps[0].confirm).toBeNull();
    expect(steps[1].confirm?.title).toBe('服务完成');
    expect(steps[2].confirm?.ok).toBe('确认未到场');
    expect(stepsOf({ allowedActions: ['complete'] }).map((s) => s.step)).toEqual(['complete']);
    expect(stepsOf({ allowedActions: [] })).toEqual([]);
  });

  it('allows notes and the meeting only as the server says, the meeting only for video', () => {
    expect(canNotes({ allowedActions: ['notes'] })).toBe(true);
    expect(canNotes({ allowedActions: [] })).toBe(false);
    expect(canMeeting({ allowedActions: ['meeting'], mode: 'video' })).toBe(true);
    expect(canMeeting({ allowedActions: ['meeting'], mode: 'phone' })).toBe(false);
    expect(canMeeting({ allowedActions: ['notes'], mode: 'video' })).toBe(false);
  });
});

describe('checks and words', () => {
  it('asks for a meeting link or number of at least 6 characters', () => {
    expect(meetingProblem('  12345 ')).toMatch(/会议链接或会议号/);
    expect(meetingProblem('123456789')).toBe('');
    expect(meetingProblem('x'.repeat(256))).toMatch(/255/);
  });

  it('allows empty notes, up to 5000 characters', () => {
    expect(notesProblem('')).toBe('');
    expect(notesProblem('x'.repeat(5001))).toMatch(/5000/);
  });

  it('spaces an 11-digit phone and leaves others alone', () => {
    expect(spacedPhone('13911112222')).toBe('139 1111 2222');
    expect(spacedPhone('138****1234')).toBe('138****1234');
    expect(spacedPhone(null)).toBe('');
  });

  it('tells a link from a meeting number', () => {
    expect(isLink('https://meeting.tencent.com/dm/abc')).toBe(true);
    expect(isLink('123 456 789')).toBe(false);
  });
});
