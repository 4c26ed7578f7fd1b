/** The login the phone holds: tokens and how they were obtained, kept in local storage. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: number;
  roles: string[];
  /** A WeChat login can always be redone silently; a password login cannot. */
  via: 'wechat' | 'password';
}

const KEY = 'rongyou.session';

export function loadSession(): Session | null {
  const s = wx.getStorageSync(KEY) as Session | '';
  return s ? s : null;
}

export function saveSession(s: Session): void {
  wx.setStorageSync(KEY, s);
}

export function clearSession(): void {
  wx.removeStorageSync(KEY);
}

export const hasRole = (role: string) => (loadSession()?.roles ?? []).includes(role);
