import { z } from 'zod';
import { validationFailed } from '../lib/errors';

z.config(z.locales.zhCN());

/**
 * Parses untrusted input with a zod schema; the first problem names its field in the message and
 * every problem is listed in `details`.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  throw validationFailed(details[0].field, details[0].message, details);
}

/** A positive integer id in a path parameter. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
