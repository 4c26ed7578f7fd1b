import { FileUse1765100000000 } from '../../../migrations/1765100000000-file-use';
import { defineModule } from '../../module';
import { FileUse } from './file-use.entity';
import { filesRoutes } from './files.routes';
import { FilesService } from './files.service';
import { StoredFile } from './stored-file.entity';
import { UploadQuota } from './upload-quota.entity';
import { UploadQuotas } from './upload-quota';
import { filesPersonalData } from './files.personal-data';

/** Private uploads, their daily quotas, and who may read them (each attaching module's rule). */
export const filesModule = defineModule({
  name: 'files',
  entities: [StoredFile, FileUse, UploadQuota],
  migrations: [FileUse1765100000000],
  personalData: () => filesPersonalData,
  build: (c) => {
    const maxBytes = c.config.limits.uploadMb * 1024 * 1024;
    const quotas = new UploadQuotas(c.db, c.clock, {
      count: c.config.limits.uploadDailyCount,
      bytes: c.config.limits.uploadDailyBytes,
    });
    return { files: new FilesService(c.db, c.ports.storage, c.clock, c.logger, maxBytes, quotas, c.fileReadRules) };
  },
  routes: (s, c) => filesRoutes(s.files, c.config.limits.uploadMb * 1024 * 1024),
});
