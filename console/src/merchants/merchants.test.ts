import { describe, expect, it, vi } from 'vitest';
import { debounce, groupLicence, historyLine, merchantActions, pageQuery, reasonProblem } from './merchants';

describe('the merchant desk', () => {
  it('wants a reason of 2–255 characters, trimmed', () => {
    expect(reasonProblem(' ')).toBe('请填写原因（至少 2 个字）');
    expect(reasonProblem('不')).toBe('请填写原因（至少 2 个字）');
    expect(reasonProblem(' 不实 ')).toBeNull();
    expect(reasonProblem('字'.repeat(256))).toBe('原因不超过 255 个字');
    expect(reasonProblem('字'.repeat(500), 500)).toBeNull();
  });

  it('builds page queries without empty filters', () => {
    expect(pageQuery({ status: null }, null)).toEqual({ limit: 50 });
    expect(pageQuery({ status: 'pending', merchantId: 7 }, 'abc', 20)).toEqual({
      limit: 20,
      status: 'pending',
      merchantId: 7,
      cursor: 'abc',
    });
  });

  it('sends the category and the search text, trimmed, and leaves out empty ones', () => {
    expect(pageQuery({ status: 'active', categoryId: 3, q: ' 面馆 ' }, null)).toEqual({
      limit: 50,
      status: 'active',
      categoryId: 3,
      q: '面馆',
    });
    expect(pageQuery({ status: null, categoryId: null, q: '   ' }, 'next')).toEqual({ limit: 50, cursor: 'next' });
    expect(pageQuery({ q: '字'.repeat(80) }, null).q).toBe('字'.repeat(64));
  });

  it('asks once typing pauses, with the last value', () => {
    vi.useFakeTimers();
    try {
      const seen: string[] = [];
      const ask = debounce((q: string) => seen.push(q), 300);
      ask('老');
      vi.advanceTimersByTime(200);
      ask('老兵');
      vi.advanceTimersByTime(299);
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual(['老兵']);
      ask('面馆');
      ask.cancel();
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual(['老兵']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('groups a licence number for reading', () => {
    expect(groupLicence('91310000MA1K4ABC12')).toBe('913100 00MA1K 4ABC12');
    expect(groupLicence('1234')).toBe('1234');
  });

  it('offers the actions a status allows', () => {
    expect(merchantActions('pending')).toEqual(['approve', 'reject']);
    expect(merchantActions('active')).toEqual(['suspend']);
    expect(merchantActions('suspended')).toEqual(['restore']);
    expect(merchantActions('rejected')).toEqual([]);
  });

  it('words a history line', () => {
    const at = '2026-11-23T10:00:00+08:00';
    expect(
      historyLine({ action: 'reject', from: 'pending', to: 'rejected', by: 'staff', reason: '照片不清晰', at }),
    ).toBe('审核不通过（区局）：照片不清晰');
    expect(historyLine({ action: 'restore', from: 'suspended', to: 'active', by: 'staff', reason: null, at })).toBe(
      '恢复（区局）',
    );
  });
});
