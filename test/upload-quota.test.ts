import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStorage } from '../server/integrations/storage/local-storage';
import type { FileStorage } from '../server/modules/files/storage.port';
import { StoredFile } from '../server/modules/files/stored-file.entity';
import { UploadQuota } from '../server/modules/files/upload-quota.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, makeJpeg, type Session } from './helpers/factories';

const KB = 1024;

const upload = (t: TestContext, s: Session, purpose: string, bytes: Buffer, filename = 'p.jpg') =>
  t.http
    .post('/api/v1/files')
    .set(s.auth)
    .field('purpose', purpose)
    .attach('file', bytes, { filename, contentType: 'image/jpeg' });

/** A PDF of exactly `size` bytes. */
const pdf = (size: number) => {
  const head = Buffer.from('%PDF-1.7\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
};

const storedOf = (t: TestContext, s: Session) =>
  t.container.db.manager.findBy(StoredFile, { ownerAccountId: s.userId });
const quotaOf = (t: TestContext, s: Session) => t.container.db.manager.findBy(UploadQuota, { accountId: s.userId });

/** Passes everything to a real directory, or fails every write while `failing` is set. */
class FlakyStorage implements FileStorage {
  failing = false;
  constructor(private readonly inner: FileStorage) {}
  async put(key: string, bytes: Buffer): Promise<void> {
    if (this.failing) throw new Error('storage unavailable');
    await this.inner.put(key, bytes);
  }
  read(key: string): Promise<Buffer> {
    return this.inner.read(key);
  }
  remove(key: string): Promise<void> {
    return this.inner.remove(key);
  }
}

describe('daily upload quota: count', () => {
  let t: TestContext;
  let storage: FlakyStorage;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-quota-'));
    storage = new FlakyStorage(new LocalFileStorage(dir));
    t = await createTestContext({ env: { UPLOAD_DAILY_COUNT: '3', UPLOAD_DAILY_MB: '100' }, overrides: { storage } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly the allowed number of concurrent uploads through', async () => {
    const s = await loginHolder(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => upload(t, s, 'card_photo', compliantPhoto())));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, ...new Array(7).fill(429)]);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(refused.body.error.message).toMatch(/今日上传已达上限.*3 个文件/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(await storedOf(t, s)).toHaveLength(3);
    expect(await quotaOf(t, s)).toEqual([expect.objectContaining({ count: 3, bytes: 3 * compliantPhoto().length })]);
  });

  it('counts per person, and starts again on the next day in Asia/Shanghai', async () => {
    t.clock.set('2026-11-23T15:59:00Z'); // 23:59 in Shanghai
    const s = await loginHolder(t);
    const other = await loginHolder(t);
    for (let i = 0; i < 3; i++) await upload(t, s, 'document', pdf(2 * KB), 'a.pdf').expect(201);
    const refused = await upload(t, s, 'document', pdf(2 * KB), 'a.pdf').expect(429);
    expect(Number(refused.headers['retry-after'])).toBe(60);
    await upload(t, other, 'document', pdf(2 * KB), 'a.pdf').expect(201);
    t.clock.set('2026-11-23T16:00:00Z'); // midnight in Shanghai
    await upload(t, s, 'document', pdf(2 * KB), 'a.pdf').expect(201);
    expect((await quotaOf(t, s)).map((q) => [q.day, q.count]).sort()).toEqual([
      ['2026-11-23', 3],
      ['2026-11-24', 1],
    ]);
  });

  it('does not count a refused photo', async () => {
    const s = await loginHolder(t);
    for (let i = 0; i < 5; i++)
      await upload(t, s, 'card_photo', makeJpeg({ width: 400, height: 500, size: 30 * KB })).expect(400);
    for (let i = 0; i < 3; i++) await upload(t, s, 'card_photo', compliantPhoto()).expect(201);
  });

  it('gives the place back when the bytes cannot be stored', async () => {
    const s = await loginHolder(t);
    storage.failing = true;
    try {
      for (let i = 0; i < 3; i++) await upload(t, s, 'card_photo', compliantPhoto()).expect(500);
    } finally {
      storage.failing = false;
    }
    expect(await quotaOf(t, s)).toEqual([expect.objectContaining({ count: 0, bytes: 0 })]);
    for (let i = 0; i < 3; i++) await upload(t, s, 'card_photo', compliantPhoto()).expect(201);
    await upload(t, s, 'card_photo', compliantPhoto()).expect(429);
  });
});

describe('daily upload quota: bytes', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { UPLOAD_DAILY_COUNT: '100', UPLOAD_DAILY_MB: '1' } });
  });
  afterAll(() => t.close());

  it('lets through exactly the concurrent uploads that fit in the day’s bytes', async () => {
    const s = await loginHolder(t);
    // 300 KB each: three fit in 1 MB, a fourth does not.
    const results = await Promise.all(
      Array.from({ length: 8 }, () => upload(t, s, 'document', pdf(300 * KB), 'a.pdf')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
    expect(results.find((r) => r.status === 429)!.body.error.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(await quotaOf(t, s)).toEqual([expect.objectContaining({ count: 3, bytes: 900 * KB })]);
    // What is left still takes a smaller file.
    await upload(t, s, 'document', pdf(100 * KB), 'a.pdf').expect(201);
    await upload(t, s, 'document', pdf(30 * KB), 'a.pdf').expect(429);
  });

  it('refuses a single file larger than the whole day’s allowance', async () => {
    const s = await loginHolder(t);
    const res = await upload(t, s, 'document', pdf(1024 * KB + 1), 'a.pdf').expect(429);
    expect(res.body.error.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(await storedOf(t, s)).toHaveLength(0);
  });
});
