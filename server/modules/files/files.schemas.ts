import { z } from 'zod';
import { idParam } from '../../http/validate';
import { FILE_PURPOSES, UPLOAD_PURPOSES } from './stored-file.entity';

export const uploadFields = z.strictObject({ purpose: z.enum(UPLOAD_PURPOSES) });
export const fileIdParams = z.object({ id: idParam });

export const fileView = z.object({
  id: z.number().int(),
  purpose: z.enum(FILE_PURPOSES),
  size: z.number().int(),
  mime: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: z.string(),
});
