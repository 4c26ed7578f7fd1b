import { describe, expect, it } from 'vitest';
import {
  allPages,
  EMPLOYER_CHIPS,
  EMPLOYER_STATUS_LABELS,
  emptyFairForm,
  employerActions,
  employmentQuery,
  type FairForm,
  fairBody,
  fairFormOf,
  fairHasBegun,
  fairProblems,
  figureTiles,
  figuresTable,
  groupCreditCode,
  historyLine,
  intentionsOf,
  mayTakeDown,
  pickerDay,
  salaryText,
  signupsText,
  signupWho,
} from './employment';
import type { Fair } from './types';

const form = (extra: Partial<FairForm> = {}): FairForm => ({
  ...emptyFairForm(),
  title: '退役军人专场招聘会',
  fairDate: '2027-04-01',
  place: '区退役军人服务中心一楼大厅',
  ...extra,
});

describe('employers', () => {
  it('offers the actions the server’s transition table allows, and none on a rejected employer', () => {
    expect(employerActions('submitted')).toEqual(['approve', 'reject']);
    expect(employerActions('approved')).toEqual(['suspend']);
    expect(employerActions('suspended')).toEqual(['restore']);
    expect(employerActions('rejected')).toEqual([]);
  });

  it('names every status, with a chip for each', () => {
    expect(EMPLOYER_CHIPS.map((s) => EMPLOYER_STATUS_LABELS[s])).toEqual(['待审核', '已通过', '已暂停', '未通过']);
  });

  it('writes a history line with the action, who did it and the reason', () => {
    const at = '2027-03-10T02:00:00.000Z';
    expect(
      historyLine({ action: 'reject', from: 'submitted', to: 'rejected', at, by: 'staff', reason: '执照不清晰' }),
    ).toBe('审核不通过（区局）：执照不清晰');
    expect(historyLine({ action: 'apply', from: null, to: 'submitted', at, by: 'applicant', reason: null })).toBe(
      '提交单位登记（申请单位）',
    );
    expect(historyLine({ action: 'odd', from: null, to: 'x', at, by: 'robot', reason: null })).toBe('odd（robot）');
  });

  it('groups a credit code by six for reading aloud', () => {
    expect(groupCreditCode('91330100MA1K4XXXX1')).toBe('913301 00MA1K 4XXXX1');
  });
});

describe('postings', () => {
  it('lets staff take down a published or closed posting, not one already down', () => {
    expect(mayTakeDown('published')).toBe(true);
    expect(mayTakeDown('closed')).toBe(true);
    expect(mayTakeDown('taken_down')).toBe(false);
  });

  it('builds the page query with only the filters set', () => {
    expect(employmentQuery({}, null)).toEqual({ limit: 50 });
    expect(employmentQuery({ status: 'published', employerId: 7 }, 'abc', 20)).toEqual({
      limit: 20,
      status: 'published',
      employerId: 7,
      cursor: 'abc',
    });
    expect(employmentQuery({ status: '', employerId: null }, null)).toEqual({ limit: 50 });
  });

  it('says a salary as a range, or one figure', () => {
    expect(salaryText(4000, 5500)).toBe('4000–5500 元/月');
    expect(salaryText(5000, 5000)).toBe('5000 元/月');
  });
});

describe('the fair form', () => {
  const ctx = { today: '2027-03-10' };

  it('accepts an on-site fair with a place, and an online one with a link', () => {
    expect(fairProblems(form(), ctx)).toEqual({});
    expect(fairProblems(form({ mode: 'online', place: '', link: 'https://example.cn/fair' }), ctx)).toEqual({});
  });

  it('asks for the place on site and the link online, as the server does', () => {
    expect(fairProblems(form({ place: ' ' }), ctx).place).toBeTruthy();
    expect(fairProblems(form({ mode: 'online', link: '' }), ctx).link).toBeTruthy();
    expect(fairProblems(form({ mode: 'online', link: 'example.cn' }), ctx).link).toBeTruthy();
  });

  it('refuses a short title, no date and a bad capacity, and a capacity below the signups standing', () => {
    const p = fairProblems(form({ title: '会', fairDate: '', capacity: '0' }), ctx);
    expect(Object.keys(p).sort()).toEqual(['capacity', 'fairDate', 'title']);
    expect(fairProblems(form({ capacity: '2.5' }), ctx).capacity).toBeTruthy();
    expect(fairProblems(form({ capacity: '10' }), { ...ctx, signupCount: 12 }).capacity).toBe(
      '已有 12 人报名，上限不能少于此数',
    );
    expect(fairProblems(form({ capacity: '12' }), { ...ctx, signupCount: 12 })).toEqual({});
  });

  it('refuses a day before today, unless an edited fair keeps its own', () => {
    expect(fairProblems(form({ fairDate: '2027-03-09' }), ctx).fairDate).toBe('招聘会日期不能早于今天');
    expect(fairProblems(form({ fairDate: '2027-03-10' }), ctx)).toEqual({});
    expect(fairProblems(form({ fairDate: '2027-03-01' }), { ...ctx, keptDate: '2027-03-01' })).toEqual({});
  });

  it('reads a date picker’s day in its own calendar', () => {
    expect(pickerDay(new Date(2027, 3, 1))).toBe('2027-04-01');
    expect(pickerDay(new Date(2027, 11, 31, 23, 59))).toBe('2027-12-31');
  });

  it('sends the place or the link the mode needs, a capacity or null, each employer once', () => {
    expect(fairBody(form({ link: 'https://x.cn', capacity: ' 80 ', employerIds: [3, 3, 5] }))).toEqual({
      title: '退役军人专场招聘会',
      mode: 'onsite',
      fairDate: '2027-04-01',
      place: '区退役军人服务中心一楼大厅',
      link: null,
      capacity: 80,
      description: '',
      employerIds: [3, 5],
    });
    const online = fairBody(form({ mode: 'online', link: ' https://x.cn/f ' }));
    expect(online.place).toBeNull();
    expect(online.link).toBe('https://x.cn/f');
    expect(online.capacity).toBeNull();
  });

  it('reads a fair back into the form for editing', () => {
    const fair: Fair = {
      id: 1,
      title: '春季招聘会',
      mode: 'online',
      fairDate: '2027-04-01',
      place: null,
      link: 'https://x.cn',
      description: '介绍',
      capacity: null,
      signupCount: 0,
      remaining: null,
      employers: [{ id: 4, name: '甲' }],
    };
    expect(fairFormOf(fair)).toEqual({
      title: '春季招聘会',
      mode: 'online',
      fairDate: '2027-04-01',
      place: '',
      link: 'https://x.cn',
      capacity: '',
      description: '介绍',
      employerIds: [4],
    });
    expect(fairBody(fairFormOf(fair))).toMatchObject({ link: 'https://x.cn', place: null, capacity: null });
  });
});

describe('a fair’s day', () => {
  it('allows attendance and 意向 on the day and after, not before', () => {
    expect(fairHasBegun('2027-04-01', '2027-03-31')).toBe(false);
    expect(fairHasBegun('2027-04-01', '2027-04-01')).toBe(true);
    expect(fairHasBegun('2027-04-01', '2027-04-02')).toBe(true);
  });

  it('says the signups against the capacity', () => {
    expect(signupsText({ signupCount: 12, capacity: 50 })).toBe('已报名 12 / 50');
    expect(signupsText({ signupCount: 3, capacity: null })).toBe('已报名 3（不限人数）');
  });

  it('names a signed-up holder by name and phone tail, whichever there is', () => {
    expect(signupWho({ name: '王建国', phoneLast4: '1234', accountId: 9 })).toBe('王建国（尾号 1234）');
    expect(signupWho({ name: null, phoneLast4: '1234', accountId: 9 })).toBe('尾号 1234');
    expect(signupWho({ name: null, phoneLast4: null, accountId: 9 })).toBe('持证人 9');
  });

  it('lists one holder’s intentions with the employers’ names', () => {
    const at = '2027-04-01T02:00:00.000Z';
    const intentions = [
      { id: 1, fairId: 1, accountId: 9, employerId: 4, note: '下周面试', createdAt: at },
      { id: 2, fairId: 1, accountId: 8, employerId: 4, note: '留电话', createdAt: at },
      { id: 3, fairId: 1, accountId: 9, employerId: 5, note: '再联系', createdAt: at },
    ];
    expect(intentionsOf(9, intentions, [{ id: 4, name: '拥军安保' }])).toEqual([
      { id: 1, employer: '拥军安保', note: '下周面试' },
      { id: 3, employer: '单位 5', note: '再联系' },
    ]);
  });
});

describe('figures', () => {
  it('shows every figure the server counts, in the bureau’s order', () => {
    const tiles = figureTiles({
      from: '2027-03-01',
      to: '2027-03-31',
      postings: 5,
      positions: 12,
      applications: 30,
      hires: 4,
      fairs: 1,
      participants: 40,
      intentions: 9,
    });
    expect(tiles.map((t) => `${t.label}${t.value}`)).toEqual([
      '发布岗位5',
      '招聘人数12',
      '投递简历30',
      '录用4',
      '招聘会1',
      '到场人数40',
      '达成意向9',
    ]);
    const table = figuresTable({
      from: '2027-03-01',
      to: '2027-03-31',
      postings: 5,
      positions: 12,
      applications: 30,
      hires: 4,
      fairs: 1,
      participants: 40,
      intentions: 9,
    });
    expect(table.name).toBe('就业统计 2027-03-01 至 2027-03-31');
    expect(table.columns).toEqual(['指标', '数值']);
    expect(table.rows[0]).toEqual(['发布岗位', 5]);
    expect(table.rows).toHaveLength(7);
  });
});

describe('allPages', () => {
  it('follows the cursor with the filter until the last page, and stops at the cap', async () => {
    const asked: Array<Record<string, string | number>> = [];
    const pages = [
      { items: [1, 2], nextCursor: 'a' },
      { items: [3], nextCursor: null },
    ];
    const get = async (q: Record<string, string | number>) => {
      asked.push(q);
      return pages[asked.length - 1];
    };
    expect(await allPages(get, { status: 'approved' })).toEqual([1, 2, 3]);
    expect(asked).toEqual([
      { limit: 100, status: 'approved' },
      { limit: 100, status: 'approved', cursor: 'a' },
    ]);
    const endless = async () => ({ items: [0], nextCursor: 'more' });
    expect(await allPages(endless, {}, 3)).toEqual([0, 0, 0]);
  });
});
