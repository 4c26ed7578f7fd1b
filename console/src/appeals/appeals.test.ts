import { describe, expect, it } from 'vitest';
import {
  addDays,
  APPEAL_STATUS_LABELS,
  appealsQuery,
  beforeToday,
  beijingToday,
  categoriesFor,
  daysBetween,
  defaultPromise,
  figuresTable,
  handlerChoices,
  handlerLine,
  historyLine,
  holderLine,
  promiseProblem,
  promiseText,
  rate,
  spanPresets,
  STATUS_CHIPS,
  stepsOf,
} from './appeals';
import type { AppealFigures, StaffAppeal } from './types';

const appeal = (over: Partial<StaffAppeal> = {}): StaffAppeal => ({
  id: 7,
  kind: 'appeal',
  category: '待遇保障',
  status: 'accepted',
  statusText: '已受理',
  text: '抚恤金本月未到账，请帮忙查询',
  contactTime: 'morning',
  stationId: 2,
  stationName: '城关街道退役军人服务站',
  promisedDate: '2026-11-20',
  overdue: false,
  reopenedCount: 0,
  rating: null,
  createdAt: '2026-11-18T09:00:00+08:00',
  updatedAt: '2026-11-18T09:00:00+08:00',
  handlerAccountId: 3,
  handlerName: '张敏',
  ...over,
});

const row = { accepted: 0, resolved: 0, onTime: 0, onTimeRate: null, rated: 0, satisfied: 0, satisfactionRate: null };

describe('the appeals queue', () => {
  it('names every status and offers each as a chip, with 全部 last', () => {
    for (const s of STATUS_CHIPS) if (s) expect(APPEAL_STATUS_LABELS[s]).toBeTruthy();
    expect(STATUS_CHIPS[0]).toBe('submitted');
    expect(STATUS_CHIPS.at(-1)).toBe('');
    expect(new Set(STATUS_CHIPS).size).toBe(7);
  });

  it('sends only the filters set: overdue only as "true", never "false" (which would hide overdue work)', () => {
    expect(appealsQuery({ status: '', kind: '', overdueOnly: false })).toEqual({
      limit: 50,
      status: undefined,
      kind: undefined,
      category: undefined,
      overdue: undefined,
      stationId: undefined,
      cursor: undefined,
    });
    expect(
      appealsQuery(
        { status: 'in_progress', kind: 'errand', category: '代取证件', overdueOnly: true, stationId: 4 },
        'abc',
      ),
    ).toEqual({
      limit: 50,
      status: 'in_progress',
      kind: 'errand',
      category: '代取证件',
      overdue: 'true',
      stationId: 4,
      cursor: 'abc',
    });
    expect(appealsQuery({ status: '', kind: '', overdueOnly: false, stationId: null }, null).stationId).toBeUndefined();
  });

  it("offers the kind's categories, or both kinds' once each", () => {
    const all = { appeal: ['待遇保障', '其他'], errand: ['代取证件', '其他'] };
    expect(categoriesFor(all, 'errand')).toEqual(['代取证件', '其他']);
    expect(categoriesFor(all, '')).toEqual(['待遇保障', '其他', '代取证件']);
    expect(categoriesFor(null, 'appeal')).toEqual([]);
  });

  it('shows the steps the server allows, in the order of the work, and nothing it does not know', () => {
    expect(stepsOf(['reject', 'accept'])).toEqual(['accept', 'reject']);
    expect(stepsOf(['resolve'])).toEqual(['resolve']);
    expect(stepsOf(['confirm', 'rate'])).toEqual([]);
    expect(stepsOf([])).toEqual([]);
  });

  it('flags overdue work with how many days late it is', () => {
    expect(promiseText(appeal(), '2026-11-19')).toBe('2026-11-20');
    expect(promiseText(appeal({ overdue: true }), '2026-11-23')).toBe('2026-11-20（逾期 3 天）');
    expect(promiseText(appeal({ promisedDate: null }), '2026-11-23')).toBe('—');
  });
});

describe('the appeal in detail', () => {
  it('writes each history step with who took it and the reason', () => {
    expect(
      historyLine({
        action: 'accept',
        from: 'submitted',
        to: 'accepted',
        at: '',
        by: 'staff',
        reason: '承诺 2026-12-01 前办结',
      }),
    ).toBe('受理（工作人员）：承诺 2026-12-01 前办结');
    expect(historyLine({ action: 'submit', from: null, to: 'submitted', at: '', by: 'holder', reason: null })).toBe(
      '提交（持证人）',
    );
    expect(historyLine({ action: 'other', from: null, to: 'x', at: '', by: 'robot', reason: null })).toBe(
      'other（robot）',
    );
  });

  it('says who filed it as the server masks it, and an unbound holder as such', () => {
    expect(holderLine({ nameMasked: '张*国', category: 'veteran', phoneLast4: '1234' })).toBe(
      '张*国 · 退役军人 · 手机尾号 1234',
    );
    expect(holderLine({ nameMasked: '李*', category: 'martyr_family', phoneLast4: '' })).toBe('李* · 烈士遗属');
    expect(holderLine(null)).toBe('未实名');
  });

  it('names the handler: the caller themselves, another account, or nobody yet', () => {
    const me = { id: 3, displayName: '城关街道服务站' };
    expect(handlerLine(3, me)).toBe('本人（城关街道服务站）');
    expect(handlerLine(9, me)).toBe('工作人员（账号 9）');
    expect(handlerLine(9, me, '李强')).toBe('李强');
  });

  it('lists the caller first as 本人, then colleagues, with 代办员 named as such', () => {
    const me = { id: 3, displayName: '城关街道服务站' };
    const items = [
      { accountId: 8, displayName: '李强', roles: ['errand_runner'] },
      { accountId: 3, displayName: '城关街道服务站', roles: ['station_staff'] },
      { accountId: 5, displayName: '王芳', roles: ['station_staff'] },
    ];
    expect(handlerChoices(items, me)).toEqual([
      { accountId: 3, label: '本人（城关街道服务站）' },
      { accountId: 8, label: '李强（代办员）' },
      { accountId: 5, label: '王芳' },
    ]);
    // District staff are not on a station's list: they can still take it themselves.
    expect(handlerChoices(items.slice(0, 1), { id: 40, displayName: '区局' })[0]).toEqual({
      accountId: 40,
      label: '本人（区局）',
    });
    expect(handlerLine(null, me)).toBe('尚未指定');
  });
});

describe('the promised date', () => {
  it('is a Beijing day: 23:30 UTC is already the next day in Beijing', () => {
    expect(beijingToday(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-29');
    expect(beijingToday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });

  it('counts calendar days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-20', '2026-12-01')).toBe(11);
    expect(defaultPromise('2026-11-29')).toBe('2026-12-06');
  });

  it('must be chosen, and today or later, as the server takes it', () => {
    expect(promiseProblem('', '2026-11-29')).toBe('请选择承诺办结日期');
    expect(promiseProblem(null, '2026-11-29')).toBe('请选择承诺办结日期');
    expect(promiseProblem('2026-11-28', '2026-11-29')).toBe('承诺办结日期不能早于今天');
    expect(promiseProblem('2026-11-29', '2026-11-29')).toBeNull();
    expect(promiseProblem('2027-01-02', '2026-11-29')).toBeNull();
  });

  it('greys out the days before today in the picker', () => {
    expect(beforeToday(new Date(2026, 10, 28), '2026-11-29')).toBe(true);
    expect(beforeToday(new Date(2026, 10, 29), '2026-11-29')).toBe(false);
    expect(beforeToday(new Date(2026, 11, 1), '2026-11-29')).toBe(false);
  });
});

describe('the appeals figures', () => {
  it('writes a ratio as a percentage with one decimal, and a dash when nothing was counted', () => {
    expect(rate(0.8571)).toBe('85.7%');
    expect(rate(1)).toBe('100%');
    expect(rate(0)).toBe('0%');
    expect(rate(null)).toBe('—');
  });

  it('offers spans that end today, the months by their calendar', () => {
    const presets = spanPresets('2026-03-15');
    const p = (label: string) => presets.filter((s) => s.label === label).map((s) => [s.from, s.to])[0];
    expect(p('近 7 天')).toEqual(['2026-03-09', '2026-03-15']);
    expect(p('近 30 天')).toEqual(['2026-02-14', '2026-03-15']);
    expect(p('本月')).toEqual(['2026-03-01', '2026-03-15']);
    expect(p('上月')).toEqual(['2026-02-01', '2026-02-28']);
    expect(p('今年')).toEqual(['2026-01-01', '2026-03-15']);
    expect(spanPresets('2026-01-10').find((s) => s.label === '上月')).toMatchObject({
      from: '2025-12-01',
      to: '2025-12-31',
    });
  });

  it('tabulates each station and the total last, a station without a name by its number', () => {
    const f: AppealFigures = {
      from: '2026-11-01',
      to: '2026-11-29',
      stations: [
        {
          ...row,
          stationId: 1,
          stationName: '城关',
          accepted: 4,
          resolved: 3,
          onTime: 2,
          onTimeRate: 0.6667,
          rated: 2,
          satisfied: 1,
          satisfactionRate: 0.5,
        },
        { ...row, stationId: 5, stationName: null, accepted: 1 },
      ],
      total: { accepted: 5, resolved: 3, onTime: 2, onTimeRate: 0.6667, rated: 2, satisfied: 1, satisfactionRate: 0.5 },
    };
    const t = figuresTable(f);
    expect(t.name).toBe('诉求统计 2026-11-01 至 2026-11-29');
    expect(t.name.length).toBeLessThanOrEqual(31); // an Excel sheet's name
    expect(t.columns).toEqual([
      '服务站',
      '受理',
      '办结',
      '按期办结',
      '按期办结率',
      '评价数',
      '满意（4–5 星）',
      '满意率',
    ]);
    expect(t.rows).toEqual([
      ['城关', 4, 3, 2, '66.7%', 2, 1, '50%'],
      ['服务站 5', 1, 0, 0, '—', 0, 0, '—'],
      ['合计', 5, 3, 2, '66.7%', 2, 1, '50%'],
    ]);
  });
});
