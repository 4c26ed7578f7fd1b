import { z } from 'zod';
import { validationFailed } from '../lib/errors';

/** `?cursor=&limit=` as the contract fixes it: limit at most 100. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Cursors are opaque to clients: base64url of the sort key of the last item returned. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the validation error
  }
  throw validationFailed('cursor', '分页游标无效');
}

/** Given `limit + 1` rows, the page and the cursor for the next one (null at the end). */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (r: Row) => Item,
  keyOf: (r: Row) => Record<string, string | number>,
) {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(present), nextCursor: more ? encodeCursor(keyOf(page[page.length - 1])) : null };
}

export const pageView = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
