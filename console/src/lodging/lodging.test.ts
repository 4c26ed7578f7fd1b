import { describe, expect, it } from 'vitest';
import {
  bookingsQuery,
  createBody,
  emptyHotelForm,
  figuresTable,
  freeSummary,
  historyLine,
  hotelFormOf,
  hotelFormProblem,
  monthPresets,
  nightWords,
  sortNights,
  stepsOf,
  upcomingClosed,
  updateBody,
} from './lodging';
import type { LodgingFigures, StaffHotel } from './types';

const hotel = (over: Partial<StaffHotel> = {}): StaffHotel => ({
  id: 4,
  name: '拥军酒店（军人驿站）',
  address: '城关街道解放路 8 号',
  dailyQuota: 2,
  rules: '入住时请出示证件',
  nights: [
    { night: '2026-11-30', free: 2 },
    { night: '2026-12-01', free: 0 },
    { night: '2026-12-02', free: 1 },
  ],
  merchantId: 9,
  merchantOpen: true,
  status: 'active',
  closedNights: ['2026-12-31', '2026-11-01'],
  createdAt: '2026-11-01T08:00:00+08:00',
  updatedAt: '2026-11-01T08:00:00+08:00',
  ...over,
});

describe('the 驿站 list', () => {
  it('starts a new 驿站 at two free rooms a night and asks for the merchant first', () => {
    const f = emptyHotelForm();
    expect(f.dailyQuota).toBe(2);
    expect(hotelFormProblem(f, true)).toBe('请选择一家联盟商户');
    expect(hotelFormProblem({ ...f, merchantId: 9 }, true)).toBeNull();
  });

  it('holds the quota to 1–50 whole rooms, the name to 64 and the rules to 1000 characters, at most 60 closed nights', () => {
    const f = { ...emptyHotelForm(), merchantId: 9 };
    for (const q of [0, 51, 1.5, Number.NaN]) expect(hotelFormProblem({ ...f, dailyQuota: q }, true)).toMatch(/1–50/);
    expect(hotelFormProblem({ ...f, dailyQuota: 50 }, true)).toBeNull();
    expect(hotelFormProblem({ ...f, name: '店'.repeat(65) }, true)).toMatch(/64/);
    expect(hotelFormProblem({ ...f, rules: '须'.repeat(1001) }, true)).toMatch(/1000/);
    const nights = Array.from({ length: 61 }, (_, i) => `2027-01-${String((i % 28) + 1).padStart(2, '0')}`);
    // Repeated days count once.
    expect(hotelFormProblem({ ...f, closedNights: nights }, true)).toBeNull();
    const many = Array.from(
      { length: 61 },
      (_, i) => `2027-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    );
    expect(hotelFormProblem({ ...f, closedNights: many }, true)).toMatch(/60/);
  });

  it('needs a name when a 驿站 is changed (the shop’s name is only the default when signing)', () => {
    expect(hotelFormProblem({ ...hotelFormOf(hotel()), name: '  ' }, false)).toBe('请填写驿站名称');
    expect(hotelFormProblem(hotelFormOf(hotel()), false)).toBeNull();
  });

  it('signs a merchant leaving out what was not written, the closed nights sorted once each', () => {
    expect(createBody({ ...emptyHotelForm(), merchantId: 9 })).toEqual({ merchantId: 9, dailyQuota: 2 });
    expect(
      createBody({
        merchantId: 9,
        name: ' 拥军酒店 ',
        dailyQuota: 3,
        rules: ' 须知 ',
        closedNights: ['2027-02-01', '2027-01-01', '2027-02-01'],
      }),
    ).toEqual({
      merchantId: 9,
      name: '拥军酒店',
      dailyQuota: 3,
      rules: '须知',
      closedNights: ['2027-01-01', '2027-02-01'],
    });
  });

  it('changes a 驿站 with every field, clearing emptied rules', () => {
    const f = { ...hotelFormOf(hotel()), rules: '  ', dailyQuota: 5 };
    expect(updateBody(f)).toEqual({
      name: '拥军酒店（军人驿站）',
      dailyQuota: 5,
      rules: null,
      closedNights: ['2026-11-01', '2026-12-31'],
    });
    // The form is a copy: editing it leaves the row alone.
    const h = hotel();
    hotelFormOf(h).closedNights.push('2027-01-01');
    expect(h.closedNights).toHaveLength(2);
  });

  it('lists the closed nights still to come, and the coming nights at a glance', () => {
    expect(upcomingClosed(hotel(), '2026-11-30')).toEqual(['2026-12-31']);
    expect(sortNights(['b', 'a', 'b'])).toEqual(['a', 'b']);
    expect(freeSummary(hotel())).toBe('今晚余 2 间 · 3 晚中 1 晚已满');
    expect(freeSummary(hotel({ nights: [{ night: '2026-11-30', free: 1 }] }))).toBe('今晚余 1 间 · 近 1 晚均有空房');
    expect(freeSummary(hotel({ nights: [] }))).toBe('—');
  });
});

describe('the bookings desk', () => {
  it('sends only the filters that are set; "proof waiting" asks for pending proofs', () => {
    expect(bookingsQuery({})).toEqual({
      hotelId: undefined,
      status: undefined,
      proofStatus: undefined,
      from: undefined,
      to: undefined,
      cursor: undefined,
      limit: 50,
    });
    expect(
      bookingsQuery({ hotelId: 4, status: 'booked', proofWaiting: true, nights: ['2026-12-01', '2026-12-07'] }, 'c1'),
    ).toEqual({
      hotelId: 4,
      status: 'booked',
      proofStatus: 'pending',
      from: '2026-12-01',
      to: '2026-12-07',
      cursor: 'c1',
      limit: 50,
    });
  });

  it('offers the steps the server allows, in a fixed order', () => {
    expect(stepsOf(['cancel', 'reject_proof', 'approve_proof'])).toEqual(['approve_proof', 'reject_proof', 'cancel']);
    expect(stepsOf(['cancel'])).toEqual(['cancel']);
    expect(stepsOf([])).toEqual([]);
  });

  it('says who did what in the history, with the reason', () => {
    expect(historyLine({ action: 'book', by: 'guest', reason: null })).toBe('预订人：预订');
    expect(historyLine({ action: 'reject_proof', by: 'staff', reason: '照片看不清' })).toBe(
      '区局：证明材料未通过，预订取消（照片看不清）',
    );
    expect(historyLine({ action: 'something_new', by: 'robot', reason: null })).toBe('robot：something_new');
  });

  it('says a night with its weekday', () => {
    expect(nightWords('2026-11-30')).toBe('11月30日 周一');
    expect(nightWords('2027-01-03')).toBe('1月3日 周日');
  });
});

describe('the 驿站 figures', () => {
  it('offers this month and the two before it, across a new year', () => {
    expect(monthPresets('2027-01-15').map((p) => p.month)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(monthPresets('2026-03-31').map((p) => p.label)).toEqual(['本月', '上月', '前月']);
  });

  it('tabulates each 驿站 and the total, occupancy as a percentage or a dash', () => {
    const row = { booked: 5, stays: 3, noShows: 1, cancellations: 2, freeRoomNights: 60, occupancy: 0.05 };
    const f: LodgingFigures = {
      month: '2026-11',
      hotels: [
        { hotelId: 4, hotelName: '拥军酒店', ...row },
        {
          hotelId: 5,
          hotelName: '迎宾宾馆',
          ...row,
          booked: 0,
          stays: 0,
          noShows: 0,
          cancellations: 0,
          freeRoomNights: 0,
          occupancy: null,
        },
      ],
      total: row,
    };
    const t = figuresTable(f);
    expect(t.columns).toEqual(['驿站', '预订间夜', '入住', '未入住', '取消', '免费间夜', '免费房入住率']);
    expect(t.rows).toEqual([
      ['拥军酒店', 5, 3, 1, 2, 60, '5%'],
      ['迎宾宾馆', 0, 0, 0, 0, 0, '—'],
      ['合计', 5, 3, 1, 2, 60, '5%'],
    ]);
  });
});
