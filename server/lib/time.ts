const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A stored UTC instant as ISO 8601 in Asia/Shanghai with its offset: `2026-11-23T10:00:00.000+08:00`. */
export function isoTime(d: Date): string {
  const local = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, -1)}+08:00`;
}
