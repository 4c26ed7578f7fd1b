import { describe, expect, it } from 'vitest';
import {
  changeMark,
  filterCanned,
  formatDuration,
  insertAt,
  mergeLines,
  percent,
  queuePlaces,
  replyBody,
  shanghaiDay,
  tabQuery,
  transferCandidates,
  waitedNow,
  waitLevel,
} from './inbox';
import type { CannedReply, InboxItem, StaffLine } from './types';

const item = (id: number, stationId: number | null, over: Partial<InboxItem> = {}): InboxItem => ({
  id,
  state: 'waiting_staff',
  holder: { name: '张*', category: 'veteran', verified: true },
  station: stationId === null ? null : { id: stationId, name: `站${stationId}` },
  trigger: 'asked',
  handedOverAt: '2026-11-29T01:00:00.000Z',
  waitingSince: '2026-11-29T01:00:00.000Z',
  waitingSeconds: 90,
  agent: null,
  resolvedAt: null,
  outcome: null,
  lastMessage: null,
  ...over,
});

const line = (id: number, at: string, internal = false): StaffLine => ({
  id,
  internal,
  cursor: internal ? null : String(id),
  from: internal ? 'staff' : 'holder',
  kind: 'text',
  text: 't' + id,
  forReview: false,
  at,
});

describe('inbox tabs and the queue', () => {
  it('asks the list route for each tab', () => {
    expect(tabQuery('waiting')).toEqual({ state: 'waiting_staff' });
    expect(tabQuery('mine')).toEqual({ state: 'with_staff', mine: 'true' });
    expect(tabQuery('open')).toEqual({ state: 'with_staff' });
    expect(tabQuery('resolved')).toEqual({ state: 'resolved' });
  });

  it('numbers the places per station queue, the district queue apart', () => {
    const places = queuePlaces([
      item(1, 3),
      item(2, null),
      item(3, 3),
      item(4, 5),
      item(5, 3, { state: 'with_staff' }),
    ]);
    expect([...places]).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 1],
    ]);
  });

  it('counts the wait on from the fetch for waiting ones only', () => {
    expect(waitedNow(item(1, 1), 1000, 31_000)).toBe(120);
    expect(waitedNow(item(1, 1, { state: 'with_staff' }), 1000, 31_000)).toBe(90);
    expect(waitLevel(599)).toBe('ok');
    expect(waitLevel(600)).toBe('warn');
    expect(waitLevel(1800)).toBe('late');
  });

  it('says durations as a clerk does', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 秒');
    expect(formatDuration(12 * 60 + 5)).toBe('12 分钟');
    expect(formatDuration(2 * 3600)).toBe('2 小时');
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 小时 5 分');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3 天 4 小时');
  });

  it('notices a change of state, agent or last line', () => {
    const a = item(1, 1);
    expect(changeMark(a)).toBe(changeMark({ ...a, waitingSeconds: 500 }));
    expect(changeMark(a)).not.toBe(changeMark({ ...a, lastMessage: { from: 'holder', text: '在吗', at: 'x' } }));
    expect(changeMark(a)).not.toBe(changeMark({ ...a, agent: { accountId: 2, displayName: '李' } }));
    expect(changeMark(undefined)).toBe('');
  });
});

describe('the conversation lines', () => {
  it('merges new lines once each, in time order, a note after a message of the same instant', () => {
    const t = '2026-11-29T01:00:00.000Z';
    const merged = mergeLines(
      [line(1, t), line(2, '2026-11-29T01:01:00.000Z')],
      [line(1, t, true), line(2, '2026-11-29T01:01:00.000Z'), line(3, t)],
    );
    expect(merged.map((l) => (l.internal ? 'n' : 'm') + l.id)).toEqual(['m1', 'm3', 'n1', 'm2']);
  });
});

describe('the reply box', () => {
  const canned = { id: 7, text: '{姓名}您好，您的申请{申请状态}。' };

  it('sends an unchanged canned reply by its id so the server fills the variables', () => {
    expect(replyBody({ text: canned.text, canned, internal: false })).toEqual({ body: { cannedReplyId: 7 } });
  });

  it('refuses edited text that still holds a variable', () => {
    const r = replyBody({ text: '{姓名}您好，请带上身份证。', canned, internal: false });
    expect('error' in r && r.error).toContain('{姓名}');
  });

  it('sends typed text trimmed, notes marked internal, and refuses empty or over-long text', () => {
    expect(replyBody({ text: '  您好 ', canned: null, internal: false })).toEqual({ body: { text: '您好' } });
    expect(replyBody({ text: '转区局核实', canned: null, internal: true })).toEqual({
      body: { text: '转区局核实', internal: true },
    });
    expect(replyBody({ text: '   ', canned: null, internal: false })).toEqual({ error: '请输入内容' });
    expect(replyBody({ text: '字'.repeat(501), canned: null, internal: false })).toEqual({ error: '最多 500 字' });
  });

  it('inserts at the caret, replacing a selection', () => {
    expect(insertAt('您好。', 2, 2, '请稍候')).toEqual({ text: '您好请稍候。', caret: 5 });
    expect(insertAt('abcdef', 1, 3, 'X')).toEqual({ text: 'aXdef', caret: 2 });
    expect(insertAt('ab', 9, 9, 'X')).toEqual({ text: 'abX', caret: 3 });
  });

  it('filters canned replies by title or text, the station’s own first', () => {
    const c = (id: number, title: string, stationId: number | null): CannedReply => ({
      id,
      title,
      text: title + '的内容',
      stationId,
      districtId: 1,
      updatedAt: '',
    });
    const list = [c(1, '办理材料', null), c(2, '营业时间', 3), c(3, '材料补充', 3)];
    expect(filterCanned(list, '材料').map((x) => x.id)).toEqual([3, 1]);
    expect(filterCanned(list, '').map((x) => x.id)).toEqual([3, 2, 1]);
  });
});

describe('figures', () => {
  it('takes days in Asia/Shanghai and shows shares as percentages', () => {
    expect(shanghaiDay(Date.parse('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
    expect(shanghaiDay(Date.parse('2026-11-29T17:00:00Z'), 6)).toBe('2026-11-24');
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(null)).toBe('—');
  });
});

describe('transfer', () => {
  it('offers each known agent once, neither the caller nor the current agent', () => {
    const known = [
      { accountId: 5, displayName: '王' },
      { accountId: 2, displayName: '李' },
      { accountId: 5, displayName: '王' },
      { accountId: 9, displayName: '我' },
      { accountId: 3, displayName: '赵' },
    ];
    expect(transferCandidates(known, 9, 3)).toEqual([
      { accountId: 2, displayName: '李' },
      { accountId: 5, displayName: '王' },
    ]);
  });
});
