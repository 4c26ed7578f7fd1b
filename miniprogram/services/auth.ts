import type { ApiBody } from './api-types';
import { request } from './request';
import { clearSession, loadSession } from './session';

/**
 * Signs out on this phone and ends the session on the server too, so the refresh token kept
 * here can no longer be used. The phone forgets the session even when the server cannot be reached.
 */
export async function logout(): Promise<void> {
  const session = loadSession();
  clearSession();
  if (!session || !session.refreshToken) return;
  const data: ApiBody<'/api/v1/auth/logout', 'post'> = { refreshToken: session.refreshToken };
  try {
    // 204: no body to read.
    await request<unknown>('/api/v1/auth/logout', { method: 'POST', data, auth: false });
  } catch {
    // Nothing to tell the person: they are signed out here either way.
  }
}
