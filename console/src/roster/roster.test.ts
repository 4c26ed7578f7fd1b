import { describe, expect, it } from 'vitest';
import { addVisit } from '../api/roster';
import {
  beijingToday,
  localDay,
  percent,
  rateTables,
  rosterFileProblem,
  rosterImportForm,
  rosterQuery,
  TEMPLATE_HEADER,
  templateCsv,
  visitProblem,
} from './roster';

describe('the roster list and import', () => {
  it('sends only the filters that are set', () => {
    expect(rosterQuery({ q: '  张 ', stationId: '', category: '', stage: '' })).toEqual({
      q: '张',
      stationId: undefined,
      category: undefined,
      stage: undefined,
      cursor: undefined,
      limit: 50,
    });
    expect(rosterQuery({ q: '', stationId: 3, category: 'veteran', stage: 'retired' }, 'abc')).toMatchObject({
      stationId: 3,
      category: 'veteran',
      stage: 'retired',
      cursor: 'abc',
    });
    // A cleared select may leave undefined behind.
    expect(rosterQuery({ q: '', stationId: undefined }).stationId).toBeUndefined();
  });

  it('takes CSV and .xlsx files up to 5 MB, and says why not otherwise', () => {
    expect(rosterFileProblem({ name: '名册.csv', size: 100 })).toBeNull();
    expect(rosterFileProblem({ name: '名册.XLSX', size: 100 })).toBeNull();
    expect(rosterFileProblem({ name: '名册.xls', size: 100 })).toContain('.xlsx');
    expect(rosterFileProblem({ name: '名册.csv', size: 0 })).toBe('文件是空的');
    expect(rosterFileProblem({ name: '名册.csv', size: 6 * 1024 * 1024 })).toContain('文件过大');
  });

  it('sends the file with dryRun, first as a check', () => {
    const form = rosterImportForm(new Blob(['x']), '名册.csv', true);
    expect(form.get('dryRun')).toBe('true');
    expect((form.get('file') as File).name).toBe('名册.csv');
  });

  it('offers a template with the columns the import reads, readable by Excel', async () => {
    const bytes = new Uint8Array(await templateCsv().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).trim()).toBe(TEMPLATE_HEADER.join(','));
    expect(TEMPLATE_HEADER).toEqual(['姓名', '身份证号', '类别', '服务站', '联系电话', '阶段']);
  });
});

describe('visits', () => {
  it('needs a day not after today and a kind; the note is at most 500 characters', () => {
    const ok = { visitedOn: '2027-03-10', kind: 'home_visit', note: '' };
    expect(visitProblem(ok, '2027-03-10')).toBeNull();
    expect(visitProblem({ ...ok, visitedOn: '' }, '2027-03-10')).toBe('请选择走访日期');
    expect(visitProblem({ ...ok, visitedOn: '2027-03-11' }, '2027-03-10')).toBe('走访日期不能晚于今天');
    expect(visitProblem({ ...ok, kind: '' }, '2027-03-10')).toBe('请选择走访方式');
    expect(visitProblem({ ...ok, note: '字'.repeat(501) }, '2027-03-10')).toBe('备注最多 500 字');
  });

  it('sends the visit’s own fields only, the note trimmed', async () => {
    const sent: unknown[] = [];
    const api = {
      get: async <T>() => ({}) as T,
      postForm: async <T>() => ({}) as T,
      post: async <T>(path: string, body?: unknown) => {
        sent.push([path, body]);
        return {} as T;
      },
    };
    const form = { open: true, busy: false, problem: '', visitedOn: '2027-03-10', kind: 'phone', note: ' 电话回访 ' };
    await addVisit(api, 5, form);
    expect(sent).toEqual([
      ['/api/v1/staff/people/5/visits', { visitedOn: '2027-03-10', kind: 'phone', note: '电话回访' }],
    ]);
  });

  it('counts today in Beijing, and a picker day as it is shown', () => {
    expect(beijingToday(new Date('2027-03-10T16:30:00Z'))).toBe('2027-03-11');
    expect(beijingToday(new Date('2027-03-10T15:59:00Z'))).toBe('2027-03-10');
    expect(localDay(new Date(2027, 2, 9))).toBe('2027-03-09');
  });
});

describe('the rates', () => {
  const figures = (eligible: number, applied: number, issued: number) => ({
    eligible,
    applied,
    approved: issued,
    issued,
    applicationRate: eligible ? Math.round((applied / eligible) * 1000) / 10 : null,
    issuanceRate: applied ? Math.round((issued / applied) * 1000) / 10 : null,
  });

  it('shows percentages with one decimal, and a dash with nothing to divide by', () => {
    expect(percent(62.5)).toBe('62.5%');
    expect(percent(100)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });

  it('tabulates stations with their district, and districts with the total last', () => {
    const t = rateTables({
      stations: [
        { stationId: 1, stationName: '东城服务站', districtId: 7, ...figures(8, 5, 2) },
        { stationId: 2, stationName: '西城服务站', districtId: 7, ...figures(0, 0, 0) },
      ],
      districts: [{ districtId: 7, districtName: '示范区', ...figures(8, 5, 2) }],
      total: figures(8, 5, 2),
    });
    expect(t.stations.columns).toEqual([
      '服务站',
      '所属区',
      '应申领人数',
      '已申领',
      '已审核通过',
      '已发放',
      '申领率',
      '发放率',
    ]);
    expect(t.stations.rows).toEqual([
      ['东城服务站', '示范区', 8, 5, 2, 2, '62.5%', '40.0%'],
      ['西城服务站', '示范区', 0, 0, 0, 0, '—', '—'],
    ]);
    expect(t.districts.rows).toEqual([
      ['示范区', 8, 5, 2, 2, '62.5%', '40.0%'],
      ['合计', 8, 5, 2, 2, '62.5%', '40.0%'],
    ]);
  });
});
