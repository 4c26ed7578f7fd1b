import { type EntityManager, In } from 'typeorm';
import crypto from 'node:crypto';
import type { Database } from '../../db/database';
import { notFound, payloadTooLarge, unsupportedMediaType, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { UploadedFile } from '../../lib/uploaded-file';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { readJpegFrame, sniffType } from './file-type';
import { usesOfFile, type FileReadRules } from './file-use.service';
import { FileErrors } from './files.errors';
import { canAttachFile, canReadFile } from './files.policy';
import { checkCardPhoto } from './photo-spec';
import type { FileStorage } from './storage.port';
import { StoredFile, type FilePurpose, type UploadPurpose } from './stored-file.entity';
import type { UploadQuotas } from './upload-quota';

/** Purposes of files the server stores itself from another system, never uploaded by a client. */
export type ReceivedPurpose = Exclude<FilePurpose, UploadPurpose>;

/** A provider's profile photo: JPEG or PNG, at most 2 MB. */
const PROFILE_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** Private uploads: card photos checked against the national specification, and supporting documents. */
export class FilesService {
  constructor(
    private readonly db: Database,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly maxDocumentBytes: number,
    private readonly quota: UploadQuotas,
    /** Read rules of the modules that attach files, by owner type. */
    private readonly readRules: FileReadRules = {},
  ) {}

  /**
   * 1. Judge the type from the bytes and apply the purpose's rules.
   * 2. Take a place in the uploader's daily quota (429 when spent).
   * 3. Write the bytes to storage (outside the transaction).
   * 4. Record the file; if that fails, remove the bytes again. If storing or recording fails, give
   *    the quota place back.
   */
  async upload(principal: Principal, purpose: UploadPurpose, file: UploadedFile | undefined): Promise<StoredFile> {
    if (!file || file.bytes.length === 0) throw validationFailed('file', '请选择要上传的文件');
    const bytes = file.bytes;
    const mime = sniffType(bytes);

    if (purpose === 'card_photo') {
      const problems = checkCardPhoto(bytes);
      if (problems.length > 0) throw FileErrors.photoSpec(problems);
    } else if (purpose === 'profile_photo') {
      if (mime !== 'image/jpeg' && mime !== 'image/png') throw unsupportedMediaType('头像照片仅支持 JPG、PNG 图片');
      if (bytes.length > PROFILE_PHOTO_MAX_BYTES) throw payloadTooLarge('头像照片不能超过 2 MB');
    } else {
      if (!mime) throw unsupportedMediaType('仅支持 JPG、PNG 图片和 PDF 文件');
      if (bytes.length > this.maxDocumentBytes) {
        throw payloadTooLarge(`文件不能超过 ${Math.floor(this.maxDocumentBytes / 1024 / 1024)} MB`);
      }
    }

    return this.keep(principal.accountId, purpose, bytes, mime!);
  }

  /**
   * A picture received for its owner from another system (a holder's picture in WeChat's service
   * chat), kept as a private file of theirs. The type is judged from the bytes: anything but a
   * JPEG or PNG is refused (415), as is more than the document limit (413); the owner's daily
   * quota applies as to their uploads (429). The caller attaches the file where it belongs.
   */
  async storeReceived(ownerAccountId: number, bytes: Buffer, opts: { purpose: ReceivedPurpose }): Promise<StoredFile> {
    const mime = sniffType(bytes);
    if (mime !== 'image/jpeg' && mime !== 'image/png') throw unsupportedMediaType('仅支持 JPG、PNG 图片');
    if (bytes.length > this.maxDocumentBytes) {
      throw payloadTooLarge(`图片不能超过 ${Math.floor(this.maxDocumentBytes / 1024 / 1024)} MB`);
    }
    return this.keep(ownerAccountId, opts.purpose, bytes, mime);
  }

  /**
   * Takes back a file from `storeReceived` that the caller could not attach (its own write failed),
   * so a retry does not leave a second copy. A file something already uses is left alone.
   */
  async discardReceived(fileId: number): Promise<void> {
    const file = await this.db.manager.findOneBy(StoredFile, { id: fileId });
    if (!file || (await usesOfFile(this.db.manager, fileId)).length > 0) return;
    await this.db.statement((em) => em.delete(StoredFile, { id: fileId }));
    await this.storage
      .remove(file.storageKey)
      .catch((e) => this.logger.warn('orphan upload not removed', { storageKey: file.storageKey, err: e }));
  }

  /** Steps 2–4 of `upload`: quota, storage, the row (each undone if a later one fails). */
  private async keep(ownerAccountId: number, purpose: FilePurpose, bytes: Buffer, mime: string): Promise<StoredFile> {
    const now = this.clock.now();
    const frame = mime === 'image/jpeg' ? readJpegFrame(bytes) : undefined;
    const month = String(now.getUTCMonth() + 1).padStart(2, '0');
    const storageKey = `${now.getUTCFullYear()}/${month}/${crypto.randomUUID()}`;
    const reservation = await this.quota.reserve(ownerAccountId, bytes.length);
    const giveBack = () =>
      this.quota.release(reservation).catch((e) => this.logger.warn('upload quota not released', { err: e }));
    try {
      await this.storage.put(storageKey, bytes);
    } catch (err) {
      await giveBack();
      throw err;
    }
    try {
      return await this.db.transaction(async (em) => {
        const result = await em.insert(StoredFile, {
          ownerAccountId,
          purpose,
          mime,
          size: bytes.length,
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          width: frame?.width ?? null,
          height: frame?.height ?? null,
          createdAt: now,
        });
        return em.findOneByOrFail(StoredFile, { id: Number(result.identifiers[0].id) });
      });
    } catch (err) {
      await this.storage
        .remove(storageKey)
        .catch((e) => this.logger.warn('orphan upload not removed', { storageKey, err: e }));
      await giveBack();
      throw err;
    }
  }

  /** The file and its bytes, when the caller may read it; otherwise 404, as if it did not exist. */
  async open(principal: Principal, id: number): Promise<{ file: StoredFile; bytes: Buffer }> {
    const file = await this.db.manager.findOneBy(StoredFile, { id });
    if (!file || !(await canReadFile(this.db.manager, principal, file, this.readRules))) throw notFound('文件不存在');
    return { file, bytes: await this.storage.read(file.storageKey) };
  }

  /**
   * The bytes of files another module has already authorised the caller to handle (the photos of a
   * production batch for the bank), by id. Every id must exist.
   */
  async readStored(ids: number[]): Promise<Map<number, Buffer>> {
    const unique = [...new Set(ids)];
    const files = unique.length ? await this.db.manager.findBy(StoredFile, { id: In(unique) }) : [];
    if (files.length !== unique.length) throw notFound('文件不存在');
    const out = new Map<number, Buffer>();
    for (const f of files) out.set(f.id, await this.storage.read(f.storageKey));
    return out;
  }
}

/**
 * The file with this id if it may be attached under the rule (its purpose, uploaded by one of the
 * owners), else null: for another module checking a file id it was sent before it keeps it.
 */
export async function attachableFile(
  em: EntityManager,
  fileId: number,
  rule: Parameters<typeof canAttachFile>[1],
): Promise<StoredFile | null> {
  const file = await em.findOneBy(StoredFile, { id: fileId });
  return canAttachFile(file, rule) ? file : null;
}
