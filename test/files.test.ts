import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStorage } from '../server/integrations/storage/local-storage';
import type { FileStorage } from '../server/modules/files/storage.port';
import { Account } from '../server/modules/auth/account.entity';
import { StoredFile } from '../server/modules/files/stored-file.entity';
import { createBureau, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import {
  compliantPhoto,
  createDistrictAndStation,
  loginHolder,
  loginStaff,
  makeJpeg,
  type Session,
} from './helpers/factories';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The start of a real PNG: signature and an IHDR chunk, padded to `size` bytes. */
function makePng(size = 30 * 1024): Buffer {
  const ihdr = Buffer.from([
    0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x60, 0x00, 0x00, 0x01, 0xb8, 0x08, 0x02, 0x00,
    0x00, 0x00, 0, 0, 0, 0,
  ]);
  return Buffer.concat([PNG_SIGNATURE, ihdr, Buffer.alloc(Math.max(0, size - PNG_SIGNATURE.length - ihdr.length))]);
}

function makePdf(size = 4096): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

/** The start of a zip archive (local file header). */
const ZIP = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
  Buffer.alloc(200),
]);

/** Every regular file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

const storedFiles = (t: TestContext) => t.container.db.manager.find(StoredFile, { order: { id: 'ASC' } });

/** Deletes an account outright (its roles and refresh tokens go with it). */
const deleteAccount = (t: TestContext, id: number) =>
  t.container.db.transaction(async (em) => void (await em.delete(Account, { id })));

function upload(
  t: TestContext,
  auth: Record<string, string>,
  purpose: string,
  bytes: Buffer,
  file: { filename?: string; contentType?: string } = {},
) {
  return t.http
    .post('/api/v1/files')
    .set(auth)
    .field('purpose', purpose)
    .attach('file', bytes, { filename: file.filename ?? 'p.jpg', contentType: file.contentType ?? 'image/jpeg' });
}

/** GET a file and keep its body as raw bytes, whatever its type. */
const download = (t: TestContext, id: number | string, auth: Record<string, string>) =>
  t.http.get(`/api/v1/files/${id}`).set(auth).responseType('blob');

/** The JSON error body of a response read as raw bytes. */
const errorOf = (res: { body: Buffer }) =>
  (
    JSON.parse(Buffer.from(res.body).toString('utf8')) as {
      error: { code: string; message: string; details?: unknown[] };
    }
  ).error;

/** A storage that records what the service asks of it and passes it on to a real local directory. */
class RecordingStorage implements FileStorage {
  readonly puts: string[] = [];
  readonly removes: string[] = [];
  failPut = false;
  failRemove = false;
  /** Runs once the bytes are written, before the service records them. */
  afterPut?: () => Promise<void>;

  constructor(readonly inner: FileStorage) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    this.puts.push(key);
    if (this.failPut) throw new Error('storage unavailable');
    await this.inner.put(key, bytes);
    await this.afterPut?.();
  }

  read(key: string): Promise<Buffer> {
    return this.inner.read(key);
  }

  async remove(key: string): Promise<void> {
    this.removes.push(key);
    if (this.failRemove) throw new Error('storage unavailable');
    await this.inner.remove(key);
  }

  reset(): void {
    this.puts.length = 0;
    this.removes.length = 0;
    this.failPut = false;
    this.failRemove = false;
    this.afterPut = undefined;
  }
}

describe('files', () => {
  let t: TestContext;
  let holder: Session;

  beforeAll(async () => {
    t = await createTestContext();
    holder = await loginHolder(t);
  });
  afterAll(() => t.close());

  describe('uploading a card photo', () => {
    it('stores a compliant photo privately and describes it', async () => {
      const photo = compliantPhoto();
      const res = await upload(t, holder.auth, 'card_photo', photo).expect(201);

      expect(res.body).toEqual({
        id: expect.any(Number),
        purpose: 'card_photo',
        size: photo.length,
        mime: 'image/jpeg',
        width: 352,
        height: 440,
        createdAt: expect.any(String),
      });

      const row = await t.container.db.manager.findOneByOrFail(StoredFile, { id: res.body.id });
      expect(row).toMatchObject({
        ownerAccountId: holder.userId,
        purpose: 'card_photo',
        mime: 'image/jpeg',
        size: photo.length,
        width: 352,
        height: 440,
      });
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      // The key is made by the server; nothing of the uploaded name survives.
      expect(row.storageKey).not.toContain('p.jpg');

      const onDisk = path.join(t.config.fileStorageDir, row.storageKey);
      expect(fs.readFileSync(onDisk).equals(photo)).toBe(true);
      expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
      expect(filesUnder(t.config.fileStorageDir)).toContain(row.storageKey);
      expect(filesUnder(t.config.fileStorageDir).filter((f) => f.endsWith('.part'))).toEqual([]);
    });

    it('keeps each upload under its own key', async () => {
      const photo = compliantPhoto();
      const a = await upload(t, holder.auth, 'card_photo', photo).expect(201);
      const b = await upload(t, holder.auth, 'card_photo', photo).expect(201);
      expect(a.body.id).not.toBe(b.body.id);
      const rows = await t.container.db.manager.findBy(StoredFile, [{ id: a.body.id }, { id: b.body.id }]);
      expect(rows).toHaveLength(2);
      expect(rows[0].storageKey).not.toBe(rows[1].storageKey);
    });

    it('rejects a PNG as not a JPEG', async () => {
      const before = (await storedFiles(t)).length;
      const res = await upload(t, holder.auth, 'card_photo', makePng(), {
        filename: 'p.png',
        contentType: 'image/png',
      }).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'format', actual: 'image/png' })]);
      expect(await storedFiles(t)).toHaveLength(before);
    });

    it('judges the type from the bytes, not the name or declared type', async () => {
      const text = Buffer.from('这不是照片。'.repeat(2000));
      const res = await upload(t, holder.auth, 'card_photo', text, {
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
      }).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ rule: 'format', actual: 'unknown' }));

      // And the other way round: a real JPEG declared as something else is still a photo.
      const photo = compliantPhoto();
      const ok = await upload(t, holder.auth, 'card_photo', photo, {
        filename: 'scan.bin',
        contentType: 'application/octet-stream',
      }).expect(201);
      expect(ok.body.mime).toBe('image/jpeg');
    });

    it('rejects the wrong dimensions, naming the actual ones', async () => {
      const res = await upload(
        t,
        holder.auth,
        'card_photo',
        makeJpeg({ width: 400, height: 500, size: 30 * 1024 }),
      ).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([
        expect.objectContaining({
          rule: 'dimensions',
          expected: '352x440',
          actual: '400x500',
          message: expect.any(String),
        }),
      ]);
      expect(res.body.error.message).toContain('400 x 500');
    });

    it('rejects a photo under 20 KB', async () => {
      const small = makeJpeg({ width: 352, height: 440, size: 10 * 1024 });
      const res = await upload(t, holder.auth, 'card_photo', small).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'size', actual: small.length })]);
    });

    it('rejects a photo over 50 KB', async () => {
      const large = makeJpeg({ width: 352, height: 440, size: 60 * 1024 });
      const res = await upload(t, holder.auth, 'card_photo', large).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'size', actual: large.length })]);
    });

    it('accepts exactly 20 KB and exactly 50 KB', async () => {
      await upload(t, holder.auth, 'card_photo', makeJpeg({ width: 352, height: 440, size: 20 * 1024 })).expect(201);
      await upload(t, holder.auth, 'card_photo', makeJpeg({ width: 352, height: 440, size: 50 * 1024 })).expect(201);
    });

    it('lists every problem at once', async () => {
      const res = await upload(
        t,
        holder.auth,
        'card_photo',
        makeJpeg({ width: 400, height: 500, size: 60 * 1024 }),
      ).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details.map((d: { rule: string }) => d.rule).sort()).toEqual(['dimensions', 'size']);
    });

    it('rejects a grayscale photo', async () => {
      const res = await upload(
        t,
        holder.auth,
        'card_photo',
        makeJpeg({ width: 352, height: 440, size: 30 * 1024, components: 1 }),
      ).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'color', actual: 1 })]);
    });

    it('rejects a truncated JPEG', async () => {
      const truncated = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
      const res = await upload(t, holder.auth, 'card_photo', truncated).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ rule: 'format', actual: 'corrupt' }));
    });

    it('rejects a JPEG that ends before its frame header, even at a compliant size', async () => {
      const photo = compliantPhoto();
      const frameAt = photo.indexOf(Buffer.from([0xff, 0xc0]));
      expect(frameAt).toBeGreaterThan(0);
      const headerless = Buffer.concat([
        photo.subarray(0, frameAt),
        Buffer.from([0xff, 0xd9]),
        Buffer.alloc(photo.length - frameAt - 2),
      ]);
      expect(headerless).toHaveLength(photo.length);
      const res = await upload(t, holder.auth, 'card_photo', headerless).expect(400);
      expect(res.body.error.code).toBe('PHOTO_SPEC');
      expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'format', actual: 'corrupt' })]);
    });

    it('decodes the photo: refuses a truncated one and one with garbage image data behind sound headers', async () => {
      const photo = compliantPhoto();
      const sos = photo.indexOf(Buffer.from([0xff, 0xda]));
      const scanStart = sos + 2 + photo.readUInt16BE(sos + 2);
      const truncated = photo.subarray(0, scanStart + 200);
      const garbage = Buffer.from(photo);
      for (let i = scanStart; i < garbage.length - 2; i++) garbage[i] = (i * 37) % 251;
      const rowsBefore = await storedFiles(t);
      for (const bytes of [truncated, garbage]) {
        expect(bytes.length).toBeGreaterThanOrEqual(20 * 1024);
        const res = await upload(t, holder.auth, 'card_photo', bytes).expect(400);
        expect(res.body.error.code).toBe('PHOTO_SPEC');
        expect(res.body.error.details).toEqual([expect.objectContaining({ rule: 'decode', actual: 'undecodable' })]);
        expect(res.body.error.message).toContain('无法解码');
      }
      expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
    });

    it('stores nothing for a rejected photo', async () => {
      const rowsBefore = await storedFiles(t);
      const diskBefore = filesUnder(t.config.fileStorageDir);
      await upload(t, holder.auth, 'card_photo', makeJpeg({ width: 400, height: 500, size: 30 * 1024 })).expect(400);
      await upload(t, holder.auth, 'card_photo', makePng(), { contentType: 'image/png' }).expect(400);
      expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
      expect(filesUnder(t.config.fileStorageDir)).toEqual(diskBefore);
    });
  });

  describe('uploading a document', () => {
    it('accepts a PDF, whatever its declared type', async () => {
      const pdf = makePdf();
      const res = await upload(t, holder.auth, 'document', pdf, {
        filename: 'discharge.dat',
        contentType: 'application/octet-stream',
      }).expect(201);
      expect(res.body).toMatchObject({
        purpose: 'document',
        size: pdf.length,
        mime: 'application/pdf',
        width: null,
        height: null,
      });
      const row = await t.container.db.manager.findOneByOrFail(StoredFile, { id: res.body.id });
      expect(row.mime).toBe('application/pdf');
      expect(fs.readFileSync(path.join(t.config.fileStorageDir, row.storageKey)).equals(pdf)).toBe(true);
    });

    it('accepts a PNG declared as a PDF, and records it as a PNG', async () => {
      const png = makePng(5000);
      const res = await upload(t, holder.auth, 'document', png, {
        filename: 'scan.pdf',
        contentType: 'application/pdf',
      }).expect(201);
      expect(res.body).toMatchObject({ purpose: 'document', size: png.length, mime: 'image/png' });
    });

    it('accepts a JPEG of any size and dimensions, and records them', async () => {
      const jpeg = makeJpeg({ width: 1200, height: 900, size: 200 * 1024 });
      const res = await upload(t, holder.auth, 'document', jpeg, {
        filename: 'scan.txt',
        contentType: 'text/plain',
      }).expect(201);
      expect(res.body).toMatchObject({
        purpose: 'document',
        size: jpeg.length,
        mime: 'image/jpeg',
        width: 1200,
        height: 900,
      });
    });

    it('refuses plain text, even named and declared as a PDF', async () => {
      const before = (await storedFiles(t)).length;
      const res = await upload(t, holder.auth, 'document', Buffer.from('退役军人证明\n'.repeat(50)), {
        filename: 'proof.pdf',
        contentType: 'application/pdf',
      }).expect(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
      expect(await storedFiles(t)).toHaveLength(before);
    });

    it('refuses a zip archive', async () => {
      const res = await upload(t, holder.auth, 'document', ZIP, {
        filename: 'docs.zip',
        contentType: 'application/zip',
      }).expect(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    });
  });

  describe('malformed uploads', () => {
    it('requires a file', async () => {
      const res = await t.http.post('/api/v1/files').set(holder.auth).field('purpose', 'document').expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'file' }));
    });

    it('requires the file under the field named file', async () => {
      const res = await t.http
        .post('/api/v1/files')
        .set(holder.auth)
        .field('purpose', 'document')
        .attach('photo', makePdf(), { filename: 'a.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'file' }));
    });

    it('refuses an empty file', async () => {
      const res = await upload(t, holder.auth, 'document', Buffer.alloc(0), { filename: 'empty.pdf' }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'file' }));
    });

    it('takes one file at a time', async () => {
      const before = (await storedFiles(t)).length;
      const res = await t.http
        .post('/api/v1/files')
        .set(holder.auth)
        .field('purpose', 'document')
        .attach('file', makePdf(), { filename: 'a.pdf', contentType: 'application/pdf' })
        .attach('file', makePdf(), { filename: 'b.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(await storedFiles(t)).toHaveLength(before);
    });

    it('requires a purpose', async () => {
      const res = await t.http
        .post('/api/v1/files')
        .set(holder.auth)
        .attach('file', compliantPhoto(), { filename: 'p.jpg', contentType: 'image/jpeg' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'purpose' }));
    });

    it('requires a known purpose', async () => {
      const res = await upload(t, holder.auth, 'avatar', compliantPhoto()).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'purpose' }));
    });

    it('refuses unknown fields', async () => {
      const res = await t.http
        .post('/api/v1/files')
        .set(holder.auth)
        .field('purpose', 'card_photo')
        .field('ownerAccountId', '1')
        .attach('file', compliantPhoto(), { filename: 'p.jpg', contentType: 'image/jpeg' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('requires multipart/form-data', async () => {
      const before = (await storedFiles(t)).length;
      const res = await t.http
        .post('/api/v1/files')
        .set(holder.auth)
        .send({ purpose: 'document', file: makePdf().toString('base64') })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(await storedFiles(t)).toHaveLength(before);
    });

    it('requires a login', async () => {
      const before = (await storedFiles(t)).length;
      const res = await t.http
        .post('/api/v1/files')
        .field('purpose', 'card_photo')
        .attach('file', compliantPhoto(), { filename: 'p.jpg', contentType: 'image/jpeg' })
        .expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(await storedFiles(t)).toHaveLength(before);
    });

    it('refuses an invalid token', async () => {
      const res = await upload(t, { Authorization: 'Bearer not-a-token' }, 'card_photo', compliantPhoto()).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('reading a file', () => {
    let photo: Buffer;
    let photoId: number;

    beforeAll(async () => {
      photo = compliantPhoto();
      // Make the bytes distinguishable from every other upload in this file.
      photo.write('owner-only', 100, 'latin1');
      photoId = (await upload(t, holder.auth, 'card_photo', photo).expect(201)).body.id;
    });

    it('gives the owner the exact bytes, typed and not cached', async () => {
      const res = await download(t, photoId, holder.auth).expect(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.headers['cache-control']).toContain('private');
      expect(Buffer.isBuffer(res.body)).toBe(true);
      expect((res.body as Buffer).equals(photo)).toBe(true);
    });

    it('serves a document with its judged type', async () => {
      const pdf = makePdf(3000);
      const id = (await upload(t, holder.auth, 'document', pdf, { contentType: 'image/jpeg' }).expect(201)).body.id;
      const res = await download(t, id, holder.auth).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect((res.body as Buffer).equals(pdf)).toBe(true);
    });

    it('answers another holder as if the file did not exist', async () => {
      const other = await loginHolder(t);
      const res = await download(t, photoId, other.auth).expect(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const missing = await download(t, 2_000_000_000, other.auth).expect(404);
      expect(errorOf(res)).toEqual(errorOf(missing));
      expect(Buffer.from(res.body).includes('owner-only')).toBe(false);
    });

    it('does not let station staff read a file no application of theirs uses', async () => {
      const place = await createDistrictAndStation(t);
      const staff = await loginStaff(t, ['station_staff'], place);
      await download(t, photoId, staff.auth).expect(404);
    });

    it('does not let non-staff roles read it', async () => {
      const merchant = await loginStaff(t, ['merchant_owner']);
      const res = await download(t, photoId, merchant.auth).expect(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    });

    it('refuses a non-numeric id', async () => {
      const res = await download(t, 'abc', holder.auth).expect(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
    });

    it('answers 404 for an unknown id', async () => {
      const res = await download(t, 2_000_000_000, holder.auth).expect(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    });

    it('requires a login', async () => {
      const res = await t.http.get(`/api/v1/files/${photoId}`).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });
});

describe('upload size limit', () => {
  let t: TestContext;
  let holder: Session;
  const MB = 1024 * 1024;

  beforeAll(async () => {
    t = await createTestContext({ env: { UPLOAD_LIMIT_MB: '1' } });
    holder = await loginHolder(t);
  });
  afterAll(() => t.close());

  it('accepts a document one byte under the limit', async () => {
    const res = await upload(t, holder.auth, 'document', makePdf(MB - 1), { contentType: 'application/pdf' }).expect(
      201,
    );
    expect(res.body.size).toBe(MB - 1);
  });

  it('accepts a document of exactly the limit', async () => {
    const res = await upload(t, holder.auth, 'document', makePdf(MB), { contentType: 'application/pdf' }).expect(201);
    expect(res.body.size).toBe(MB);
  });

  it('refuses an upload well over the limit and keeps nothing of it', async () => {
    const rowsBefore = await storedFiles(t);
    const diskBefore = filesUnder(t.config.fileStorageDir);
    const res = await upload(t, holder.auth, 'document', makePdf(1.5 * MB), { contentType: 'application/pdf' }).expect(
      413,
    );
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
    expect(filesUnder(t.config.fileStorageDir)).toEqual(diskBefore);
  });

  it('refuses an upload just over the limit, found while reading it, and keeps nothing of it', async () => {
    const rowsBefore = await storedFiles(t);
    const diskBefore = filesUnder(t.config.fileStorageDir);
    const res = await upload(t, holder.auth, 'document', makePdf(MB + 1), { contentType: 'application/pdf' }).expect(
      413,
    );
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
    expect(filesUnder(t.config.fileStorageDir)).toEqual(diskBefore);
  });

  it('refuses a card photo over the limit as too large, before checking it as a photo', async () => {
    const rowsBefore = await storedFiles(t);
    const res = await upload(t, holder.auth, 'card_photo', makeJpeg({ width: 352, height: 440, size: MB + 1 })).expect(
      413,
    );
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
  });

  it('refuses a request whose declared length is over the limit, even when its file is small', async () => {
    const rowsBefore = await storedFiles(t);
    const diskBefore = filesUnder(t.config.fileStorageDir);
    const res = await t.http
      .post('/api/v1/files')
      .set(holder.auth)
      .field('purpose', 'card_photo')
      .field('note', 'x'.repeat(1.5 * MB))
      .attach('file', compliantPhoto(), { filename: 'p.jpg', contentType: 'image/jpeg' })
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
    expect(filesUnder(t.config.fileStorageDir)).toEqual(diskBefore);
  });
});

describe('storage and record kept together', () => {
  let t: TestContext;
  let holder: Session;
  let storage: RecordingStorage;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-recorded-'));
    storage = new RecordingStorage(new LocalFileStorage(storageDir));
    t = await createTestContext({ overrides: { storage } });
    holder = await loginHolder(t);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });
  beforeEach(() => storage.reset());

  it('writes the bytes under the key it records', async () => {
    const photo = compliantPhoto();
    const res = await upload(t, holder.auth, 'card_photo', photo).expect(201);
    const row = await t.container.db.manager.findOneByOrFail(StoredFile, { id: res.body.id });
    expect(storage.puts).toEqual([row.storageKey]);
    expect(storage.removes).toEqual([]);
    expect(fs.readFileSync(path.join(storageDir, row.storageKey)).equals(photo)).toBe(true);
  });

  it('writes nothing for a photo that fails the specification', async () => {
    await upload(t, holder.auth, 'card_photo', makeJpeg({ width: 400, height: 500, size: 30 * 1024 })).expect(400);
    await upload(t, holder.auth, 'document', ZIP).expect(415);
    expect(storage.puts).toEqual([]);
  });

  it('removes the written bytes again when the record cannot be saved', async () => {
    // The account is deleted while its upload is under way: the owner reference fails.
    const gone = await loginHolder(t);
    storage.afterPut = () => deleteAccount(t, gone.userId);
    const rowsBefore = await storedFiles(t);
    const diskBefore = filesUnder(storageDir);

    const res = await upload(t, gone.auth, 'card_photo', compliantPhoto()).expect(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');

    expect(storage.puts).toHaveLength(1);
    expect(storage.removes).toEqual(storage.puts);
    expect(fs.existsSync(path.join(storageDir, storage.puts[0]))).toBe(false);
    expect(filesUnder(storageDir)).toEqual(diskBefore);
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
  });

  it('still reports the failure when the bytes cannot be removed either, and logs the orphan', async () => {
    const gone = await loginHolder(t);
    storage.afterPut = () => deleteAccount(t, gone.userId);
    storage.failRemove = true;
    const logsBefore = t.logs.length;

    const res = await upload(t, gone.auth, 'card_photo', compliantPhoto()).expect(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(storage.removes).toEqual(storage.puts);

    const orphanLines = t.logs
      .slice(logsBefore)
      .map((l) => JSON.parse(l) as { level: string; msg: string; storageKey?: string })
      .filter((l) => l.msg === 'orphan upload not removed');
    expect(orphanLines).toEqual([expect.objectContaining({ level: 'warn', storageKey: storage.puts[0] })]);
    // Clean up the bytes the failing removal left behind.
    await storage.inner.remove(storage.puts[0]);
  });

  it('records nothing when the bytes cannot be written', async () => {
    storage.failPut = true;
    const rowsBefore = await storedFiles(t);
    const res = await upload(t, holder.auth, 'card_photo', compliantPhoto()).expect(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(storage.puts).toHaveLength(1);
    expect(await storedFiles(t)).toHaveLength(rowsBefore.length);
  });
});

describe('who reads a private file of an application', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lets staff of the application’s station and district read its photo and documents, nobody else', async () => {
    const bureau = await createBureau(t);
    const h = await readyHolder(t);
    await submittedApplication(t, h, bureau.stationId);
    for (const id of [h.photoFileId, h.documentFileId]) {
      await download(t, id, bureau.stationReviewer.auth).expect(200);
      await download(t, id, bureau.districtReviewer.auth).expect(200);
      await download(t, id, bureau.otherStationReviewer.auth).expect(404);
      await download(t, id, bureau.otherDistrictReviewer.auth).expect(404);
    }
    const admin = await loginStaff(t, ['admin']);
    await download(t, h.photoFileId, admin.auth).expect(200);
  });

  it('shows an active provider’s profile photo to anyone logged in', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    // Only a profile photo can be published on a profile (see file-attach.test.ts).
    const photo = (await upload(t, staff.auth, 'profile_photo', compliantPhoto()).expect(201)).body.id;
    const holder = await loginHolder(t);
    await download(t, photo, holder.auth).expect(404);
    await t.http
      .post('/api/v1/staff/legal-aid/providers')
      .set(staff.auth)
      .send({
        name: '周律师',
        kind: 'lawyer',
        firm: '拥军律师事务所',
        specialties: [],
        serviceTypes: ['consultation'],
        modes: ['phone'],
        photoFileId: photo,
      })
      .expect(201);
    await download(t, photo, holder.auth).expect(200);
  });
});
