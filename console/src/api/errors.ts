/** A failed API call, in the server's own words (`{ error: { code, message } }`, messages in Chinese). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the console says when the server gave no message of its own (network down, HTML error page). */
const FALLBACK: Record<number, string> = {
  0: '网络连接失败，请检查网络后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '内容不存在或已被删除',
  409: '状态已变化，请刷新后重试',
  413: '文件过大',
  429: '操作过于频繁，请稍后再试',
};

/** Turns a non-2xx answer's body into an ApiError, keeping the server's code and message. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + status;
  const message =
    typeof e?.message === 'string' && e.message
      ? e.message
      : (FALLBACK[status] ?? (status >= 500 ? '服务器暂时无法处理，请稍后再试' : '请求失败（' + status + '）'));
  return new ApiError(status, code, message, e?.details);
}

export const networkError = () => new ApiError(0, 'NETWORK', FALLBACK[0]);

/** The message to show for anything thrown by an API call. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
