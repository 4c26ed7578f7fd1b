import { ROLE_LABELS } from '../labels';

/** The roles an admin grants here (holders come through WeChat, never from this screen). */
export const ASSIGNABLE_ROLES = [
  'station_staff',
  'errand_runner',
  'district_staff',
  'admin',
  'lawyer',
  'merchant_owner',
  'merchant_clerk',
];

/** Roles whose sign-in asks for a second factor. */
export const MFA_ROLES = ['admin', 'district_staff'];

export interface AccountFilters {
  q: string;
  role: string | null;
  stationId: number | null;
  districtId: number | null;
  /** 'active', 'disabled' or null for both. */
  state: 'active' | 'disabled' | null;
}

export const emptyAccountFilters = (): AccountFilters => ({
  q: '',
  role: null,
  stationId: null,
  districtId: null,
  state: null,
});

/** The list's query for these filters. */
export function toAccountQuery(f: AccountFilters, cursor: string | null, limit = 50) {
  return {
    q: f.q.trim() || undefined,
    role: f.role ?? undefined,
    stationId: f.stationId ?? undefined,
    districtId: f.districtId ?? undefined,
    disabled: f.state === null ? undefined : f.state === 'disabled',
    cursor: cursor ?? undefined,
    limit,
  };
}

export interface AccountForm {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  stationId: number | null;
  districtId: number | null;
}

export const emptyAccountForm = (): AccountForm => ({
  username: '',
  displayName: '',
  password: '',
  roles: [],
  stationId: null,
  districtId: null,
});

/** What is wrong with a new account, field by field, in the server's words; empty when it may be sent. */
export function accountFormErrors(f: AccountForm): Partial<Record<keyof AccountForm, string>> {
  const e: Partial<Record<keyof AccountForm, string>> = {};
  const username = f.username.trim();
  if (username.length < 3 || username.length > 64) e.username = '用户名为 3–64 位';
  else if (!/^[A-Za-z0-9_.-]+$/.test(username)) e.username = '用户名只能包含字母、数字、下划线、点和连字符';
  if (!f.displayName.trim()) e.displayName = '请填写姓名';
  const pw = passwordError(f.password);
  if (pw) e.password = pw;
  if (!f.roles.length) e.roles = '请至少选择一个角色';
  else {
    const placement = placementError(f.roles, f.stationId, f.districtId);
    if (placement) e[placement.field] = placement.message;
  }
  return e;
}

export function passwordError(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 128) return '密码最多 128 位';
  return null;
}

/** Station staff and 代办员 need a station; district staff a district (a station gives its district). */
export function placementError(
  roles: readonly string[],
  stationId: number | null,
  districtId: number | null,
): { field: 'stationId' | 'districtId'; message: string } | null {
  if ((roles.includes('station_staff') || roles.includes('errand_runner')) && stationId === null) {
    return { field: 'stationId', message: '服务站工作人员和代办员须指定所属服务站' };
  }
  if (roles.includes('district_staff') && stationId === null && districtId === null) {
    return { field: 'districtId', message: '区级工作人员须指定所属区' };
  }
  return null;
}

/** The body of `POST /api/v1/staff/accounts`. */
export function toCreateBody(f: AccountForm) {
  return {
    username: f.username.trim(),
    displayName: f.displayName.trim(),
    password: f.password,
    roles: [...f.roles],
    ...(f.stationId !== null ? { stationId: f.stationId } : {}),
    ...(f.districtId !== null ? { districtId: f.districtId } : {}),
  };
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A password to hand over on paper: 14 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(random: (n: number) => Uint32Array = randomWords, length = 14): string {
  return [...random(length)].map((n) => PASSWORD_ALPHABET[n % PASSWORD_ALPHABET.length]).join('');
}

const randomWords = (n: number) => crypto.getRandomValues(new Uint32Array(n));

/** Roles in Chinese, in the order of ASSIGNABLE_ROLES ('holder' last). */
export function roleNames(roles: readonly string[]): string[] {
  const order = [...ASSIGNABLE_ROLES, 'holder'];
  return [...roles].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((r) => ROLE_LABELS[r] ?? r);
}

/** Whether the account signs in with a second factor but has none enrolled yet. */
export const awaitsEnrolment = (a: { roles: readonly string[]; mfaEnrolled: boolean }) =>
  !a.mfaEnrolled && a.roles.some((r) => MFA_ROLES.includes(r));
