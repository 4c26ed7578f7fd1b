import { describe, expect, it } from 'vitest';
import {
  accountFormErrors,
  awaitsEnrolment,
  emptyAccountFilters,
  emptyAccountForm,
  generatePassword,
  placementError,
  roleNames,
  toAccountQuery,
  toCreateBody,
} from './accounts';
import {
  actionLabel,
  auditFiltersFromRoute,
  auditFiltersToRoute,
  detailText,
  emptyAuditFilters,
  toAuditQuery,
} from './audit';
import { districtFormErrors, parseSpans, spansText, stationFormErrors, stationPatch } from './places';

describe('accounts', () => {
  it('asks for what the server asks for, in its words', () => {
    const e = accountFormErrors({ ...emptyAccountForm(), username: 'a b', password: 'short' });
    expect(e).toEqual({
      username: '用户名只能包含字母、数字、下划线、点和连字符',
      displayName: '请填写姓名',
      password: '密码至少 10 位',
      roles: '请至少选择一个角色',
    });
    const ok = {
      ...emptyAccountForm(),
      username: 'clerk.2',
      displayName: '王',
      password: 'x'.repeat(10),
      roles: ['lawyer'],
    };
    expect(accountFormErrors(ok)).toEqual({});
  });

  it('needs a station for station staff and a district (or station) for district staff', () => {
    expect(placementError(['station_staff'], null, 3)?.field).toBe('stationId');
    expect(placementError(['district_staff'], null, null)?.field).toBe('districtId');
    expect(placementError(['errand_runner'], null, 3)?.field).toBe('stationId');
    expect(placementError(['errand_runner'], 7, 3)).toBeNull();
    expect(placementError(['district_staff'], 5, null)).toBeNull();
    expect(placementError(['lawyer'], null, null)).toBeNull();
  });

  it('sends trimmed fields and leaves out an empty placement', () => {
    const body = toCreateBody({
      username: ' clerk ',
      displayName: ' 王 ',
      password: 'p'.repeat(10),
      roles: ['lawyer'],
      stationId: null,
      districtId: null,
    });
    expect(body).toEqual({ username: 'clerk', displayName: '王', password: 'p'.repeat(10), roles: ['lawyer'] });
  });

  it('queries by state, leaving out empty filters', () => {
    expect(toAccountQuery(emptyAccountFilters(), null)).toMatchObject({ q: undefined, disabled: undefined, limit: 50 });
    expect(toAccountQuery({ ...emptyAccountFilters(), state: 'disabled', q: ' 王 ' }, 'c')).toMatchObject({
      q: '王',
      disabled: true,
      cursor: 'c',
    });
  });

  it('makes passwords without look-alike characters', () => {
    const pw = generatePassword((n) => Uint32Array.from({ length: n }, (_, i) => i * 7));
    expect(pw).toHaveLength(14);
    expect(pw).not.toMatch(/[0O1lI]/);
  });

  it('names roles in Chinese in a fixed order, and spots accounts still to enrol', () => {
    expect(roleNames(['admin', 'station_staff'])).toEqual(['服务站工作人员', '系统管理员']);
    expect(awaitsEnrolment({ roles: ['district_staff'], mfaEnrolled: false })).toBe(true);
    expect(awaitsEnrolment({ roles: ['station_staff'], mfaEnrolled: false })).toBe(false);
  });
});

describe('audit trail', () => {
  it('round-trips its filters through the address bar, dropping what is malformed', () => {
    const f = {
      ...emptyAuditFilters(),
      actorAccountId: 3,
      action: 'account.',
      range: ['2026-11-01', '2026-11-29'] as [string, string],
    };
    expect(auditFiltersFromRoute(auditFiltersToRoute(f))).toEqual(f);
    expect(auditFiltersFromRoute({ actor: 'x', from: '2026-11-30', to: '2026-11-01' })).toEqual(emptyAuditFilters());
  });

  it('queries with Beijing days and no empty filters', () => {
    const q = toAuditQuery({ ...emptyAuditFilters(), targetId: ' 12 ', range: ['2026-11-01', '2026-11-02'] }, null);
    expect(q).toMatchObject({ targetId: '12', from: '2026-11-01', to: '2026-11-02', action: undefined });
  });

  it('says actions in Chinese and details on one line', () => {
    expect(actionLabel('account.mfa_reset')).toBe('重置第二验证因素');
    expect(actionLabel('station_approve', 'card_application')).toBe('服务站初审通过');
    expect(actionLabel('create', 'legal_provider')).toBe('新增');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(detailText({ reason: '缺材料', roles: ['admin'] })).toBe('reason: 缺材料；roles: ["admin"]');
    expect(detailText(null)).toBe('');
  });
});

describe('places', () => {
  it('checks a station form and sends only what changed', () => {
    expect(stationFormErrors({ districtId: null, name: ' ', address: '', phone: 'abc' })).toEqual({
      districtId: '请选择所属区',
      name: '请填写服务站名称',
      address: '请填写地址',
      phone: '电话只能包含数字、空格和 +-()',
    });
    const before = { name: '东门', address: '东门路 1 号', phone: '123' };
    expect(stationPatch(before, { districtId: 1, name: '东门', address: '东门路 2 号', phone: ' ' })).toEqual({
      address: '东门路 2 号',
      phone: null,
    });
  });

  it('checks a district code', () => {
    expect(districtFormErrors({ code: '12345', name: '' })).toEqual({
      code: '区划代码为 6 位数字',
      name: '请填写区名称',
    });
    expect(districtFormErrors({ code: '330102', name: '上城区' })).toEqual({});
  });

  it('reads business hours as typed, full-width punctuation too', () => {
    expect(parseSpans('13:30-17:30，9:00－12:00'.replace('－', '-'))).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(parseSpans('')).toEqual([]);
    expect(parseSpans('9点到12点')).toMatch(/无法识别/);
    expect(parseSpans('12:00-09:00')).toMatch(/结束须晚于开始/);
    expect(parseSpans('09:00-12:00, 11:00-13:00')).toBe('时段不能重叠');
    expect(spansText([{ start: '09:00', end: '12:00' }])).toBe('09:00-12:00');
  });
});
