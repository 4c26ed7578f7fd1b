import crypto from 'node:crypto';
import type { Middleware } from 'koa';
import { databaseErrorCode, isDatabaseUnavailable, isRetryableTransactionError, isSqliteBusy } from '../db/errors';
import type { Logger } from '../lib/logger';
import type { AppState } from './context';
import { AppError } from '../lib/errors';

type Mw = Middleware<AppState>;

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Takes a well-formed X-Request-Id from the caller (a gateway) or makes one; echoes it back. */
export const requestId = (): Mw => async (ctx, next) => {
  const incoming = ctx.get('x-request-id');
  ctx.state.requestId = SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  ctx.set('X-Request-Id', ctx.state.requestId);
  await next();
};

/**
 * One structured line per request. The matched route pattern is logged rather than the URL, and
 * never the query string, headers or body: they can carry personal data and tokens.
 */
export const requestLog =
  (logger: Logger): Mw =>
  async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const routePath = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      logger.info('request', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        route: routePath,
        status: ctx.status,
        ms: Math.round(ms * 10) / 10,
        accountId: ctx.state.principal?.accountId,
        // A family member acting for the holder (家属代办): who really made the request.
        actedBy: ctx.state.principal?.actedBy,
        errorCode: ctx.state.errorCode ?? (ctx.body as { error?: { code?: string } } | undefined)?.error?.code,
      });
    }
  };

/** Maps every failure to `{ error: { code, message } }` with the right status. */
export const errorHandler =
  (logger: Logger): Mw =>
  async (ctx, next) => {
    try {
      await next();
      // The router answers unknown paths and methods without a body: give them the error shape.
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) {
          ctx.status = 404;
          ctx.body = { error: { code: 'NOT_FOUND', message: '未找到该接口' } };
        } else if (ctx.status === 405) {
          ctx.body = { error: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' } };
        } else if (ctx.status === 501) {
          ctx.body = { error: { code: 'NOT_IMPLEMENTED', message: '不支持该请求方法' } };
        }
      }
    } catch (err) {
      const mapped = toAppError(err);
      if (mapped) {
        if (mapped.code === 'DB_UNAVAILABLE' || mapped.code === 'DB_BUSY') {
          const msg = mapped.code === 'DB_BUSY' ? 'database busy' : 'database unavailable';
          logger.warn(msg, { requestId: ctx.state.requestId, code: databaseErrorCode(err) });
        }
        if (answerInRouteFormat(ctx, mapped)) return;
        ctx.status = mapped.status;
        ctx.body = {
          error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) },
        };
        for (const [k, v] of Object.entries(mapped.headers ?? {})) ctx.set(k, v);
        return;
      }
      logger.error('unhandled error', { requestId: ctx.state.requestId, err });
      const internal = new AppError(
        500,
        'INTERNAL_ERROR',
        `服务器内部错误，请稍后再试（请求编号 ${ctx.state.requestId}）`,
      );
      if (answerInRouteFormat(ctx, internal)) return;
      ctx.status = 500;
      ctx.body = { error: { code: internal.code, message: internal.message } };
    }
  };

/** A route with its own error format (WeChat Pay's `{ code, message }`) answers in it. */
function answerInRouteFormat(ctx: Parameters<Mw>[0], err: AppError): boolean {
  const format = ctx.state.route?.errorFormat;
  if (!format) return false;
  const answer = format.format(err);
  ctx.state.errorCode = err.code;
  ctx.status = answer.status;
  ctx.body = answer.body;
  if (answer.contentType) ctx.type = answer.contentType;
  for (const [k, v] of Object.entries(err.headers ?? {})) ctx.set(k, v);
  return true;
}

/** Socket-level failures of a client that went away or sent bytes that are not HTTP. */
const CLIENT_GONE = /^(ECONNRESET|EPIPE|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|HPE_[A-Z_]+)$/;

/**
 * Koa's 'error' event: failures outside the middleware chain, such as the socket of a client that
 * hung up mid-request. Logged by code only: an HTTP parse error carries the raw request bytes.
 */
export const connectionErrorLog =
  (logger: Logger) => (err: { code?: unknown; name?: unknown } | null, ctx?: { state?: Partial<AppState> }) => {
    const code = typeof err?.code === 'string' ? err.code : typeof err?.name === 'string' ? err.name : 'unknown';
    const fields = { code, requestId: ctx?.state?.requestId };
    if (CLIENT_GONE.test(code)) logger.debug('client connection error', fields);
    else logger.warn('connection error', fields);
  };

/** Errors raised by Koa's own parts (body parser, router) carry an HTTP status: give them codes. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  // The one place where a database that cannot answer (refused, stalled past a timeout, pool
  // full) or keeps colliding after the retries becomes a 503 the client may try again later.
  if (isDatabaseUnavailable(err)) {
    return new AppError(503, 'DB_UNAVAILABLE', '数据库暂时不可用，请稍后再试', undefined, { 'Retry-After': '5' });
  }
  if (isRetryableTransactionError(err) || isSqliteBusy(err)) {
    return new AppError(503, 'DB_BUSY', '系统繁忙，请稍后再试', undefined, { 'Retry-After': '1' });
  }
  const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean } | null;
  const status = e?.status ?? e?.statusCode;
  if (!status || status >= 500) return undefined;
  if (status === 413) return new AppError(413, 'PAYLOAD_TOO_LARGE', '提交的内容过大');
  if (status === 415) return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
  if (status === 405) return new AppError(405, 'METHOD_NOT_ALLOWED', '不支持该请求方法');
  if (status === 400) return new AppError(400, 'VALIDATION_FAILED', '请求体：不是有效的 JSON');
  if (status === 404) return new AppError(404, 'NOT_FOUND', '未找到该接口');
  return new AppError(status, 'BAD_REQUEST', '请求无法处理');
}

/** Headers for a JSON API that no browser should frame, sniff or cache carelessly. */
export const securityHeaders =
  (production: boolean): Mw =>
  async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (production) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Set before the route runs so error answers carry it too; a route may override it.
    ctx.set('Cache-Control', 'no-store');
    await next();
  };

/**
 * WeChat's wx.request cannot send PATCH: the mini-program sends POST with
 * `X-HTTP-Method-Override: PATCH`. Only that one substitution is honoured.
 */
export const methodOverride = (): Mw => async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.get('x-http-method-override').toUpperCase() === 'PATCH') ctx.method = 'PATCH';
  await next();
};
