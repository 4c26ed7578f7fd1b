import { dayWord, formatDate, formatDateTime, formatRelative } from '../../miniprogram/utils/format';

describe('time formatting (Beijing time)', () => {
  it('shows an ISO time with +08:00 as 年月日 and 24-hour clock', () => {
    expect(formatDateTime('2026-11-23T09:05:00.000+08:00')).toBe('2026年11月23日 09:05');
    expect(formatDateTime('2026-01-02T23:59:59+08:00')).toBe('2026年1月2日 23:59');
    expect(formatDate('2026-01-02T23:59:59+08:00')).toBe('2026年1月2日');
  });

  it('shows other offsets in Beijing time', () => {
    expect(formatDateTime('2026-11-22T16:30:00Z')).toBe('2026年11月23日 00:30');
  });

  it('leaves text that is not a time unchanged', () => {
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('names yesterday, today and tomorrow by the Beijing calendar', () => {
    const now = new Date('2026-11-23T23:30:00+08:00');
    expect(dayWord('2026-11-23T00:10:00+08:00', now)).toBe('今天');
    expect(dayWord('2026-11-24T08:00:00+08:00', now)).toBe('明天');
    expect(dayWord('2026-11-22T08:00:00+08:00', now)).toBe('昨天');
    expect(dayWord('2026-11-26T08:00:00+08:00', now)).toBe('');
    expect(formatRelative('2026-11-24T14:30:00+08:00', now)).toBe('明天 14:30');
    expect(formatRelative('2026-12-01T14:30:00+08:00', now)).toBe('2026年12月1日 14:30');
  });
});
