import { isoTime } from '../../lib/time';
import type { StoredFile } from './stored-file.entity';

export const presentFile = (f: StoredFile) => ({
  id: f.id,
  purpose: f.purpose,
  size: f.size,
  mime: f.mime,
  width: f.width,
  height: f.height,
  createdAt: isoTime(f.createdAt),
});
