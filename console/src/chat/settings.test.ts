import { describe, expect, it } from 'vitest';
import {
  cannedErrors,
  cannedPatch,
  createBody,
  dayListError,
  defaultPlace,
  hoursBody,
  hoursForm,
  insertVariable,
  mayEditCanned,
  placeLabel,
  placeOptions,
  unknownVariables,
} from './settings';
import type { BusinessHours, CannedReply, CannedScope } from './types';

const reply = (over: Partial<CannedReply> = {}): CannedReply => ({
  id: 1,
  title: '进度',
  text: '{姓名}您好',
  stationId: 10,
  districtId: 1,
  updatedAt: '2026-11-29T01:00:00.000Z',
  ...over,
});

const stationStaff: CannedScope = {
  admin: false,
  stationId: 10,
  districtId: null,
  stations: [{ id: 10, name: '东站', districtId: 1 }],
  districtWide: false,
};
const districtStaff: CannedScope = {
  admin: false,
  stationId: null,
  districtId: 1,
  stations: [
    { id: 10, name: '东站', districtId: 1 },
    { id: 11, name: '西站', districtId: 1 },
  ],
  districtWide: true,
};

describe('canned replies: who edits what', () => {
  it('follows the server: own station’s for station staff, the district’s for district staff, all for admins', () => {
    expect(mayEditCanned(reply(), stationStaff)).toBe(true);
    expect(mayEditCanned(reply({ stationId: 11 }), stationStaff)).toBe(false);
    // A district-wide reply is the district's, even though station staff use it.
    expect(mayEditCanned(reply({ stationId: null }), stationStaff)).toBe(false);
    expect(mayEditCanned(reply({ stationId: null }), districtStaff)).toBe(true);
    expect(mayEditCanned(reply({ stationId: null, districtId: 2 }), districtStaff)).toBe(false);
    expect(mayEditCanned(reply({ districtId: 2, stationId: 99 }), { ...stationStaff, admin: true })).toBe(true);
  });

  it('offers the district first to district staff, only their station to station staff', () => {
    expect(placeOptions(stationStaff)).toEqual([{ value: 10, label: '东站' }]);
    expect(placeOptions(districtStaff).map((o) => o.value)).toEqual([null, 10, 11]);
    expect(defaultPlace(stationStaff)).toBe(10);
    expect(defaultPlace(districtStaff)).toBeNull();
    expect(defaultPlace({ ...districtStaff, admin: true, districtId: null, districtWide: false })).toBe(10);
    expect(placeLabel(reply({ stationId: null }), stationStaff)).toBe('全区通用');
    expect(placeLabel(reply({ stationId: 11 }), districtStaff)).toBe('西站');
    expect(placeLabel(reply({ stationId: 99 }), null)).toBe('服务站 #99');
  });
});

describe('canned replies: the form', () => {
  it('needs a title of at most 64 and a text of at most 500 characters', () => {
    expect(cannedErrors({ title: ' ', text: '', place: null })).toEqual({ title: '请填写标题', text: '请填写内容' });
    expect(cannedErrors({ title: '标'.repeat(65), text: '字'.repeat(501), place: null })).toEqual({
      title: '标题最多 64 个字',
      text: '内容最多 500 个字',
    });
    expect(cannedErrors({ title: '标'.repeat(64), text: '字'.repeat(500), place: null })).toEqual({});
  });

  it('points out braces that are not variables', () => {
    expect(unknownVariables('{姓名}您好，{名字}，请致电{服务站电话}{名字}')).toEqual(['{名字}']);
    expect(unknownVariables('没有变量')).toEqual([]);
  });

  it('sends trimmed fields, and only what changed in an edit', () => {
    expect(createBody({ title: ' 进度 ', text: ' 您好 ', place: null })).toEqual({
      title: '进度',
      text: '您好',
      stationId: null,
    });
    expect(cannedPatch(reply(), { title: '进度', text: '{姓名}您好 ', place: 10 })).toBeNull();
    expect(cannedPatch(reply(), { title: '申请进度', text: '{姓名}您好', place: 10 })).toEqual({ title: '申请进度' });
  });

  it('inserts a variable at the caret', () => {
    expect(insertVariable('您好，', 0, '{姓名}')).toEqual({ text: '{姓名}您好，', caret: 4 });
    expect(insertVariable('您好', 99, '{姓名}')).toEqual({ text: '您好{姓名}', caret: 6 });
  });
});

describe('business hours form', () => {
  const hours: BusinessHours = {
    stationId: 10,
    weekly: [
      [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      [],
      [],
      [],
      [],
      [],
      [],
    ],
    holidays: ['2027-01-01'],
    extraWorkdays: [],
    openNow: false,
    nextOpening: null,
  };

  it('round-trips what the server gives', () => {
    const f = hoursForm(hours);
    expect(f.days[0]).toBe('09:00-12:00, 13:30-17:30');
    expect(hoursBody(f)).toEqual({
      body: { weekly: hours.weekly, holidays: ['2027-01-01'], extraWorkdays: [] },
    });
  });

  it('names the day or the list that does not read', () => {
    const f = { ...hoursForm(hours), holidays: '2027-01-01，明天' };
    f.days[2] = '9点到12点';
    const r = hoursBody(f);
    expect('errors' in r && Object.keys(r.errors).sort()).toEqual(['day2', 'holidays']);
    expect(dayListError('2027-02-30x', 10)).toMatch('2027-02-30x');
    expect(dayListError(Array(3).fill('2027-01-01').join(','), 2)).toBe('最多 2 天');
    expect(dayListError('', 2)).toBe('');
  });
});
