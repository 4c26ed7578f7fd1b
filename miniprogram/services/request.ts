import { config, envVersion } from '../config';
import type { components } from '../types/api';
import { actingHeader, stopActing } from './acting';
import type { ApiResult } from './api-types';
import { clearSession, loadSession, saveSession, type Session } from './session';

/** The server's error answer (`{ error: { code, message, details? } }`), from the generated API types. */
type ErrorBody = components['schemas']['Error'];

/** A failure as the server states it (`{ error: { code, message } }`), or the network's. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorBody['error']['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  /** Attach the access token (default true). */
  auth?: boolean;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

function send(path: string, method: Method, data: unknown, token?: string): Promise<RawResponse> {
  // wx.request has no PATCH: it goes as POST with the method named in a header the server honours.
  const override = method === 'PATCH' ? { 'X-HTTP-Method-Override': 'PATCH' } : {};
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.baseUrl}${path}`,
      method: method === 'PATCH' ? 'POST' : method,
      data: data as WechatMiniprogram.IAnyObject,
      header: {
        'content-type': 'application/json',
        ...override,
        // 为家人代办: the granted services' requests are the holder's (never without a login).
        ...(token ? { Authorization: `Bearer ${token}`, ...actingHeader(path) } : {}),
      },
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: () => reject(new ApiError(0, 'NETWORK_ERROR', '网络不可用，请检查网络后重试')),
    });
  });
}

export function toApiError(res: RawResponse): ApiError {
  // Anything may arrive here (a proxy's HTML page, say): every part of the error shape is checked.
  const body = res.data as Partial<{ error: Partial<ErrorBody['error']> }> | undefined;
  if (body?.error?.code)
    return new ApiError(res.statusCode, body.error.code, body.error.message ?? '请求失败', body.error.details);
  return new ApiError(res.statusCode, 'HTTP_ERROR', res.statusCode >= 500 ? '服务暂时不可用，请稍后再试' : '请求失败');
}

function wxLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (r) =>
        r.code ? resolve(r.code) : reject(new ApiError(0, 'WECHAT_LOGIN_FAILED', '微信登录失败，请重试')),
      fail: () => reject(new ApiError(0, 'WECHAT_LOGIN_FAILED', '微信登录失败，请重试')),
    });
  });
}

/** What a login or a refresh answers: the tokens and who they belong to (the same for all three routes). */
type SessionBody =
  | ApiResult<'/api/v1/auth/wechat-login', 'post'>
  | ApiResult<'/api/v1/auth/password-login', 'post'>
  | ApiResult<'/api/v1/auth/refresh', 'post'>
  | ApiResult<'/api/v1/auth/mfa/verify', 'post'>;

/**
 * The session in an answer. The mini-program never asks for the console's cookie session, so its
 * answers always carry the refresh token; an answer without one (or a second-factor step) is refused
 * rather than kept as a session that cannot renew itself.
 */
function toSession(b: SessionBody, via: Session['via']): Session {
  if (!('accessToken' in b) || !('refreshToken' in b) || !b.refreshToken)
    throw new ApiError(0, 'SESSION_INVALID', '登录没有完成，请重新登录');
  return { accessToken: b.accessToken, refreshToken: b.refreshToken, userId: b.user.id, roles: b.user.roles, via };
}

/** Logs in with the code from wx.login and keeps the session. */
export async function loginWithWeChat(): Promise<Session> {
  const code = config.devLoginCode && envVersion() === 'develop' ? config.devLoginCode : await wxLoginCode();
  const res = await send('/api/v1/auth/wechat-login', 'POST', { code });
  if (res.statusCode !== 200) throw toApiError(res);
  const session = toSession(res.data as SessionBody, 'wechat');
  saveSession(session);
  return session;
}

/**
 * What the password step leads to: signed in, or (admin and district accounts) the second factor
 * still to give, with the short-lived token of this step. `enrolled` false: the authenticator has
 * not been set up yet, which is done in the staff console on a computer.
 */
export type PasswordLogin =
  | { kind: 'signedIn'; session: Session }
  | { kind: 'secondFactor'; mfaToken: string; enrolled: boolean };

/** Staff, lawyers and merchant clerks log in with the account the bureau gave them. */
export async function loginWithPassword(username: string, password: string): Promise<PasswordLogin> {
  const res = await send('/api/v1/auth/password-login', 'POST', { username, password });
  if (res.statusCode !== 200) throw toApiError(res);
  const body = res.data as ApiResult<'/api/v1/auth/password-login', 'post'>;
  if ('mfaRequired' in body && body.mfaRequired)
    return { kind: 'secondFactor', mfaToken: body.mfaToken, enrolled: body.enrolled };
  const session = toSession(body, 'password');
  saveSession(session);
  return { kind: 'signedIn', session };
}

/**
 * The second step for admin and district staff: the six-digit code of their authenticator, or one
 * of their recovery codes. Fails with MFA_CODE_INVALID (try again), MFA_LOCKED (too many wrong
 * codes: wait) or UNAUTHENTICATED (the step took too long: start again with the password).
 */
export async function verifySecondFactor(
  mfaToken: string,
  answer: { code: string } | { recoveryCode: string },
): Promise<Session> {
  const res = await send('/api/v1/auth/mfa/verify', 'POST', { mfaToken, ...answer });
  if (res.statusCode !== 200) throw toApiError(res);
  const session = toSession(res.data as SessionBody, 'password');
  saveSession(session);
  return session;
}

let renewing: Promise<Session | null> | null = null;

/**
 * Gets a new access token once for every request that found its token refused at the same time:
 * the refresh token first, then (for WeChat logins) a silent wx.login. Null when neither works.
 */
function renew(): Promise<Session | null> {
  if (renewing) return renewing;
  renewing = (async () => {
    const current = loadSession();
    if (current?.refreshToken) {
      const res = await send('/api/v1/auth/refresh', 'POST', { refreshToken: current.refreshToken }).catch(() => null);
      if (res?.statusCode === 200) {
        const next = toSession(res.data as SessionBody, current.via);
        saveSession(next);
        return next;
      }
    }
    if (!current || current.via === 'wechat') {
      try {
        return await loginWithWeChat();
      } catch {
        clearSession();
        return null;
      }
    }
    clearSession();
    return null;
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

/**
 * The only way pages reach the server. Attaches the access token; on 401 renews the login once,
 * silently, and repeats the request once; turns every failure into an ApiError with the server's
 * stable code and Chinese message.
 */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const auth = opts.auth ?? true;
  let session = auth ? loadSession() : null;
  if (auth && !session) session = await renew();
  let res = await send(path, method, opts.data, session?.accessToken);
  if (res.statusCode === 401 && auth) {
    const renewed = await renew();
    if (!renewed) throw toApiError(res);
    res = await send(path, method, opts.data, renewed.accessToken);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = toApiError(res);
  // The link was revoked (by either side) while acting: acting for that person ends here too.
  if (err.code === 'PROXY_NOT_ALLOWED') stopActing();
  throw err;
}

/** Uploads a local file (multipart) with the same login handling and errors as `request`. */
export async function upload<T>(path: string, filePath: string, formData: Record<string, string>): Promise<T> {
  const attempt = (token?: string) =>
    new Promise<RawResponse>((resolve, reject) => {
      wx.uploadFile({
        url: `${config.baseUrl}${path}`,
        filePath,
        name: 'file',
        formData,
        header: token ? { Authorization: `Bearer ${token}`, ...actingHeader(path) } : {},
        success: (r) => {
          let data: unknown = r.data;
          try {
            data = JSON.parse(r.data);
          } catch {
            // not JSON: leave as text
          }
          resolve({ statusCode: r.statusCode, data });
        },
        fail: () => reject(new ApiError(0, 'NETWORK_ERROR', '网络不可用，请检查网络后重试')),
      });
    });
  let res = await attempt(loadSession()?.accessToken);
  if (res.statusCode === 401) {
    const renewed = await renew();
    if (!renewed) throw toApiError(res);
    res = await attempt(renewed.accessToken);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = toApiError(res);
  if (err.code === 'PROXY_NOT_ALLOWED') stopActing();
  throw err;
}

/**
 * Downloads a private file (photo, document) to a temporary path for <image> or preview, with the
 * same login handling as `request`: on 401 the login is renewed once and the download repeated.
 */
export async function download(path: string): Promise<string> {
  const attempt = (token?: string) =>
    new Promise<{ statusCode: number; tempFilePath: string }>((resolve, reject) => {
      wx.downloadFile({
        url: `${config.baseUrl}${path}`,
        header: token ? { Authorization: `Bearer ${token}`, ...actingHeader(path) } : {},
        success: (r) => resolve({ statusCode: r.statusCode, tempFilePath: r.tempFilePath }),
        fail: () => reject(new ApiError(0, 'NETWORK_ERROR', '网络不可用，请检查网络后重试')),
      });
    });
  let res = await attempt(loadSession()?.accessToken);
  if (res.statusCode === 401) {
    const renewed = await renew();
    if (!renewed) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    res = await attempt(renewed.accessToken);
  }
  if (res.statusCode >= 200 && res.statusCode < 300 && res.tempFilePath) return res.tempFilePath;
  if (res.statusCode === 404) throw new ApiError(404, 'NOT_FOUND', '文件不存在或无权查看');
  throw new ApiError(res.statusCode, 'HTTP_ERROR', '文件读取失败，请稍后再试');
}

/** What a page shows for a failure: the server's message, or a plain fallback. */
export const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : '出了点问题，请稍后再试');
