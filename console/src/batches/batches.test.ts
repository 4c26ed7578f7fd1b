import { describe, expect, it } from 'vitest';
import {
  batchStage,
  cardNumberProblem,
  cardQueries,
  countByStatus,
  filenameFrom,
  filterItems,
  importFileProblem,
  stationsOf,
  toBase64,
} from './batches';
import type { BatchItem } from './types';

const item = (over: Partial<BatchItem>): BatchItem => ({
  applicationId: 1,
  name: '陈卫国',
  idNumberMasked: '**************1234',
  stationId: 1,
  stationName: '东城服务站',
  delivery: 'pickup',
  status: 'in_production',
  bankCardNumber: null,
  card: null,
  ...over,
});

describe('batch desk logic', () => {
  it('names where a batch stands', () => {
    expect(batchStage({ exportedAt: null, arrivedAt: null }).label).toBe('待导出给银行');
    expect(batchStage({ exportedAt: 'x', arrivedAt: null }).key).toBe('exported');
    expect(batchStage({ exportedAt: 'x', arrivedAt: 'y' }).tag).toBe('success');
  });

  it('filters by name, ID tail, card number, status and station', () => {
    const items = [
      item({ applicationId: 1 }),
      item({
        applicationId: 2,
        name: '李华',
        idNumberMasked: '**************567X',
        bankCardNumber: 'B88001',
        stationId: 2,
      }),
      item({ applicationId: 3, name: '王芳', status: 'card_ready' }),
    ];
    const f = { q: '', status: null, stationId: null };
    expect(filterItems(items, { ...f, q: '李' }).map((i) => i.applicationId)).toEqual([2]);
    expect(filterItems(items, { ...f, q: '567x' }).map((i) => i.applicationId)).toEqual([2]);
    expect(filterItems(items, { ...f, q: 'b880' }).map((i) => i.applicationId)).toEqual([2]);
    expect(filterItems(items, { ...f, status: 'card_ready' }).map((i) => i.applicationId)).toEqual([3]);
    expect(filterItems(items, { ...f, stationId: 1 }).map((i) => i.applicationId)).toEqual([1, 3]);
    expect(countByStatus(items)).toEqual({ in_production: 2, card_ready: 1 });
  });

  it('counts the cards waiting at each station', () => {
    const s = stationsOf([
      item({ status: 'card_ready' }),
      item({ status: 'card_ready', delivery: 'mail' }),
      item({ stationId: 2, stationName: '西城服务站' }),
    ]);
    expect(s).toEqual([
      { id: 1, name: '东城服务站', ready: 1, total: 2 },
      { id: 2, name: '西城服务站', ready: 0, total: 1 },
    ]);
  });

  it('checks the bank file before sending it', () => {
    expect(importFileProblem({ name: 'a.pdf', size: 10 })).toContain('CSV');
    expect(importFileProblem({ name: 'a.CSV', size: 0 })).toBe('文件是空的');
    expect(importFileProblem({ name: 'a.xlsx', size: 200 * 1024 })).toContain('文件过大');
    expect(importFileProblem({ name: 'a.xlsx', size: 2048 })).toBeNull();
    expect(toBase64(new TextEncoder().encode('身份证'))).toBe(Buffer.from('身份证').toString('base64'));
  });

  it('validates a card number and reads a search text', () => {
    expect(cardNumberProblem(' ')).toBe('请填写卡号');
    expect(cardNumberProblem('12-34')).toContain('6–32');
    expect(cardNumberProblem('RY2026000001')).toBeNull();
    expect(cardQueries('RY2026000001')).toEqual({ number: 'RY2026000001', holder: null });
    expect(cardQueries('陈卫国')).toEqual({ number: null, holder: '陈卫国' });
    expect(cardQueries('1234')).toEqual({ number: null, holder: '1234' });
    expect(cardQueries('12345X')).toEqual({ number: '12345X', holder: '12345X' });
    expect(cardQueries('11010519491231002X')).toEqual({ number: null, holder: '11010519491231002X' });
  });

  it('takes the file name from the download', () => {
    expect(filenameFrom('attachment; filename="card-batch-3.xlsx"', 'x')).toBe('card-batch-3.xlsx');
    expect(filenameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
