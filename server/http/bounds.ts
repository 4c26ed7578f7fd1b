import { z } from 'zod';

/**
 * Building blocks for input schemas, bounded to what both databases store: a value either
 * database would refuse (MariaDB: 500) or silently cut or wrap is refused here as 400
 * VALIDATION_FAILED naming the field.
 */

/** Largest value of a signed 32-bit `int` column (MariaDB `INT`). */
export const INT32_MAX = 2_147_483_647;

/**
 * The range of business instants: 2000-01-01 00:00:00 to 9999-12-31 23:59:59 in Asia/Shanghai.
 * MariaDB's DATETIME ends with the year 9999, and times are shown in Shanghai, so the last
 * instant is the last whole second whose Shanghai wall time still has a four-digit year (whole,
 * so that a database rounding fractions of a second cannot carry it over).
 */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00.000+08:00');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.000+08:00');
const RANGE_MESSAGE = '时间须在 2000-01-01 至 9999-12-31 之间';

const inRange = (ms: number) =>
  Number.isFinite(ms) && ms >= EARLIEST_INSTANT.getTime() && ms <= LATEST_INSTANT.getTime();

/** An ISO 8601 date-time with an offset (or Z) within the business range, kept as a string. */
export const instantString = () =>
  z.iso.datetime({ offset: true }).refine((s) => inRange(new Date(s).getTime()), RANGE_MESSAGE);

/** An ISO 8601 date-time with an offset within the business range, as a Date. */
export const instant = () => instantString().transform((s) => new Date(s));

/** A calendar day `YYYY-MM-DD` within 2000-01-01 … 9999-12-31 (stored as text, computed on in Shanghai). */
export const businessDay = () => z.iso.date().refine((s) => s >= '2000-01-01' && s <= '9999-12-31', RANGE_MESSAGE);

/** Holds a computed instant (a default end of a range, say) inside the business range. */
export const clampInstant = (d: Date): Date =>
  new Date(Math.min(Math.max(d.getTime(), EARLIEST_INSTANT.getTime()), LATEST_INSTANT.getTime()));

/** An integer for an `int` column, `min`…2,147,483,647 unless a tighter `max` is given. */
export const int32 = (min = 0, max = INT32_MAX) => z.number().int().min(min).max(Math.min(max, INT32_MAX));

/** The same from a query string. */
export const queryInt32 = (min = 0, max = INT32_MAX) => z.coerce.number().int().min(min).max(Math.min(max, INT32_MAX));

/** A reference to a row by id in a body (ids are positive `int`s). */
export const idRef = () => int32(1);

/** A reference to a row by id in a query string. */
export const queryIdRef = () => queryInt32(1);

/** Money in integer fen: never negative, at most what an `int` column holds. */
export const fen = (max = INT32_MAX) => int32(0, max);

/**
 * A list stored joined with commas in a `varchar(max)` column: the joined text (duplicates
 * dropped, as they are when stored) must fit.
 */
export const joinedWithin = <T extends z.ZodType<string[]>>(list: T, max: number) =>
  list.refine((xs) => [...new Set(xs)].join(',').length <= max, `合计不超过 ${max} 个字符`);
