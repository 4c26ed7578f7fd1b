import { In, Not, Like } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { FileUse } from './file-use.entity';
import { StoredFile } from './stored-file.entity';
import { UploadQuota } from './upload-quota.entity';

/** A file whose bytes were removed with its owner's account: its row stays for the records naming it. */
const ERASED_PREFIX = 'erased/';

/**
 * The holder's uploads, by purpose and size. Deleting marks each erased (rows stay for the
 * applications that name them; nobody can read them), and hands the storage keys back so the
 * bytes are removed after the commit.
 */
export const filesPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const files = await em.find(StoredFile, {
      where: { ownerAccountId: accountId, storageKey: Not(Like(`${ERASED_PREFIX}%`)) },
      select: { id: true, purpose: true, size: true, createdAt: true },
      order: { id: 'DESC' },
    });
    return {
      files: files.map((f) => ({ id: f.id, purpose: f.purpose, size: f.size, createdAt: isoTime(f.createdAt) })),
    };
  },
  async erase(em, { accountId }) {
    const files = await em.find(StoredFile, {
      where: { ownerAccountId: accountId, storageKey: Not(Like(`${ERASED_PREFIX}%`)) },
      select: { id: true, storageKey: true },
    });
    if (files.length) {
      await em.delete(FileUse, { fileId: In(files.map((f) => f.id)) });
      for (const f of files)
        await em.update(
          StoredFile,
          { id: f.id },
          { storageKey: `${ERASED_PREFIX}${f.id}`, sha256: '', width: null, height: null },
        );
    }
    await em.delete(UploadQuota, { accountId });
    return files.map((f) => f.storageKey);
  },
});
