import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client';
import {
  batchStage,
  cardNumberProblem,
  cardQueries,
  countByStatus,
  filenameFrom,
  filterItems,
  importBankFile,
  importFileProblem,
  MAX_IMPORT_BYTES,
  stationsOf,
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

  it('checks the bank file before sending it: CSV or .xlsx, up to the server’s 5 MB', () => {
    expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
    expect(importFileProblem({ name: 'a.pdf', size: 10 })).toContain('CSV');
    expect(importFileProblem({ name: 'a.xls', size: 10 })).toContain('另存为 .xlsx');
    expect(importFileProblem({ name: 'a.CSV', size: 0 })).toBe('文件是空的');
    // Larger than the old JSON body allowed, well under the limit.
    expect(importFileProblem({ name: 'a.xlsx', size: 800 * 1024 })).toBeNull();
    expect(importFileProblem({ name: 'a.xlsx', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(importFileProblem({ name: 'a.xlsx', size: MAX_IMPORT_BYTES + 1 })).toContain('文件过大');
  });

  it('uploads the bank file as multipart with the token and CSRF header, and again after a refresh', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    let token = 'access-1';
    const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(url), init });
      if (String(url) === '/api/v1/auth/refresh') {
        token = 'access-2';
        return new Response(JSON.stringify({ accessToken: 'access-2' }), { status: 200 });
      }
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === `Bearer ${token}` && token === 'access-2'
        ? new Response(JSON.stringify({ recorded: 0 }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } }), { status: 401 });
    });
    const client = new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch, readCookie: () => 'csrf-1' });
    client.startSession({ accessToken: 'access-1' });
    const file = new Blob(['身份证号码,卡号\n'], { type: 'text/csv' });

    expect(await importBankFile(client, 7, file, '回传.csv', true)).toEqual({ recorded: 0 });
    const sent = calls.filter((c) => c.url === '/api/v1/staff/card-batches/7/bank-numbers');
    expect(sent).toHaveLength(2);
    for (const c of sent) {
      const headers = c.init.headers as Record<string, string>;
      // No JSON type: the browser writes multipart/form-data with its boundary.
      expect(headers['Content-Type']).toBeUndefined();
      expect(headers['X-CSRF-Token']).toBe('csrf-1');
      expect(c.init.method).toBe('POST');
      const form = c.init.body as FormData;
      expect(form).toBeInstanceOf(FormData);
      expect(form.get('dryRun')).toBe('true');
      const part = form.get('file') as File;
      expect(part.name).toBe('回传.csv');
      expect(await part.text()).toBe('身份证号码,卡号\n');
    }
    expect((sent[1].init.headers as Record<string, string>).Authorization).toBe('Bearer access-2');

    await importBankFile(client, 7, file, '回传.csv', false);
    expect((calls.at(-1)!.init.body as FormData).get('dryRun')).toBe('false');
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
