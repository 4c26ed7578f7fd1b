/** The queue's filters as the screen holds them. */
export interface QueueFilters {
  status: string | null;
  stationId: number | null;
  category: string | null;
  ageMin: number | null;
  ageMax: number | null;
  overdue: boolean;
  q: string;
}

export const emptyFilters = (status: string | null = null): QueueFilters => ({
  status,
  stationId: null,
  category: null,
  ageMin: null,
  ageMax: null,
  overdue: false,
  q: '',
});

/** The status a reviewer's queue opens on: what waits for their level. */
export function defaultStatus(roles: readonly string[]): string | null {
  if (roles.includes('district_staff')) return 'station_approved';
  if (roles.includes('station_staff')) return 'submitted';
  return null;
}

/**
 * What a search box entry means: the last 4–6 characters of an ID number or the whole number (X
 * allowed last), else a name.
 */
export function searchKind(q: string): 'id_digits' | 'name' | 'none' {
  const s = q.trim();
  if (!s) return 'none';
  return /^(\d{3,5}|\d{17})[\dXx]$/.test(s) ? 'id_digits' : 'name';
}

export const PAGE_SIZE = 50;

/**
 * The query string of `GET /api/v1/staff/card-applications` for the filters: only what is set,
 * ages as whole years with min ≤ max, `overdue=true` only when ticked, the search trimmed (an ID
 * tail upper-cased for its X).
 */
export function toQueueQuery(
  f: QueueFilters,
  cursor?: string | null,
  limit = PAGE_SIZE,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { limit };
  if (f.status) out.status = f.status;
  if (f.stationId !== null && f.stationId > 0) out.stationId = f.stationId;
  if (f.category) out.category = f.category;
  let { ageMin, ageMax } = f;
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) [ageMin, ageMax] = [ageMax, ageMin];
  if (ageMin !== null && ageMin > 0) out.ageMin = Math.floor(ageMin);
  if (ageMax !== null && ageMax > 0) out.ageMax = Math.floor(ageMax);
  if (f.overdue) out.overdue = true;
  const kind = searchKind(f.q);
  if (kind === 'id_digits') out.q = f.q.trim().toUpperCase();
  else if (kind === 'name') out.q = f.q.trim();
  if (cursor) out.cursor = cursor;
  return out;
}

/** A row of the queue as the list route answers it. */
export interface QueueRow {
  id: number;
  status: string;
  category: string;
  applicantName: string;
  stationId: number;
}

/**
 * A server that does not know a filter yet ignores it; these rows are checked again here for the
 * filters a row can answer (status, station, category, a name search), so the list never shows
 * what the filters exclude.
 */
export function matchesLocally(row: QueueRow, f: QueueFilters): boolean {
  if (f.status && row.status !== f.status) return false;
  if (f.stationId !== null && f.stationId > 0 && row.stationId !== f.stationId) return false;
  if (f.category && row.category !== f.category) return false;
  if (searchKind(f.q) === 'name' && !row.applicantName.includes(f.q.trim())) return false;
  return true;
}

/** The filters as URL query values (so a reload or a shared link keeps them), and back. */
export function filtersToRoute(f: QueueFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(toQueueQuery(f, null, PAGE_SIZE))) if (k !== 'limit') out[k] = String(v);
  if (!f.status) out.status = 'all';
  return out;
}

export function filtersFromRoute(q: Record<string, unknown>, fallbackStatus: string | null): QueueFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  const num = (v: unknown) => {
    const n = Number.parseInt(str(v), 10);
    return Number.isFinite(n) && n > 0 ? n : null;
  };
  const status = str(q.status);
  return {
    status: status === 'all' ? null : status || fallbackStatus,
    stationId: num(q.stationId),
    category: str(q.category) || null,
    ageMin: num(q.ageMin),
    ageMax: num(q.ageMax),
    overdue: str(q.overdue) === 'true',
    q: str(q.q),
  };
}
