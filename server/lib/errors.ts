/**
 * One error family for the whole server. Every failure a client can see is an AppError with a
 * stable English code (for programs), a Chinese message (for people) and the right HTTP status.
 */

export interface ErrorDetail {
  field?: string;
  rule?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationFailed = (field: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, 'VALIDATION_FAILED', `${field}：${message}`, details ?? [{ field, message }]);

export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);

export const forbidden = (message = '没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message);

/** Also used for someone else's resource: never reveal that it exists. */
export const notFound = (message = '未找到该资源') => new AppError(404, 'NOT_FOUND', message);

export const conflict = (code: string, message: string) => new AppError(409, code, message);

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, code, message, details);

export const payloadTooLarge = (message = '提交的内容过大') => new AppError(413, 'PAYLOAD_TOO_LARGE', message);

/** The request body did not arrive in time. */
export const requestTimeout = (message = '请求超时，请重试') => new AppError(408, 'REQUEST_TIMEOUT', message);

export const unsupportedMediaType = (message: string) => new AppError(415, 'UNSUPPORTED_FILE_TYPE', message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', '操作过于频繁，请稍后再试', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

export const serviceUnavailable = (code: string, message: string) => new AppError(503, code, message);

export const badGateway = (code: string, message: string) => new AppError(502, code, message);
