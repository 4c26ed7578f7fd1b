import type { z } from 'zod';
import type { Role } from '../modules/auth/roles';
import type { AppContext } from './context';
import type { Principal } from '../lib/principal';
import type { AppError } from '../lib/errors';
import type { Limiter } from './rate-limit';
import type { UploadedFile } from '../lib/uploaded-file';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any logged-in account, or accounts holding one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export type { UploadedFile };

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route whose access is not 'public'. */
  principal: Principal;
  file?: UploadedFile;
  /** The body's bytes exactly as received (no decoding, BOM kept); present when the route declares `rawBody`. */
  rawBody?: Buffer;
  /**
   * Aborts when the process starts draining for shutdown or the client goes away: a handler that
   * waits (a long poll) answers with what it has as soon as it fires.
   */
  signal: AbortSignal;
  requestId: string;
  ctx: AppContext;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
}

/** The body formats a route reads; `json` alone unless the route says otherwise. */
export type BodyFormat = 'json' | 'xml';

/** The services a family member may be granted to act on for a holder (家属代办). */
export type ProxyScope = 'card' | 'appeals' | 'legal_aid';

/** The answer to `X-Acting-For` that the caller may not use here (the proxies module's catalogue). */
export const PROXY_NOT_ALLOWED = 'PROXY_NOT_ALLOWED';

/**
 * A route's own error answer, for callers that expect their own shape (WeChat Pay wants
 * `{ code, message }` with a 4xx/5xx). `schema` describes the body in the document and in tests.
 */
export interface ErrorFormat {
  schema: z.ZodType;
  /** The answer for an error raised anywhere in the route's chain (unknown errors arrive as a 500). */
  format(err: AppError): { status: number; body: unknown; contentType?: string };
}

export interface MultipartSpec {
  fileField: string;
  /** Upper bound read from the wire; the service applies stricter per-purpose limits. */
  maxBytes: number;
}

/**
 * A route as data: the chain (access, rate limit, validation) is declared, and the same schemas
 * drive request validation and the OpenAPI document.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  multipart?: MultipartSpec;
  /**
   * Hand the handler the body's exact bytes as `rawBody` (for signatures computed over them); the
   * JSON size limit still applies.
   */
  rawBody?: true;
  /** Body formats accepted, by Content-Type: JSON (default) and/or flat XML as WeChat sends it. */
  accepts?: BodyFormat[];
  /** Answer errors in the route's own shape instead of `{ error: { code, message } }`. */
  errorFormat?: ErrorFormat;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Error codes this route may answer with, listed in the OpenAPI document. */
  errors?: string[];
  rateLimit?: Limiter[];
  /**
   * A family member with an active link granting this service may call the route for the holder
   * (header `X-Acting-For: <holder account id>`): the handler then gets the holder's principal with
   * `actedBy`. Without it the header is refused (403 PROXY_NOT_ALLOWED). Several services: any one
   * of them granted will do (a document uploaded serves the card application and appeals alike).
   */
  proxy?: ProxyScope | readonly ProxyScope[];
  handler: (input: RouteInput<P, Q, B>) => Promise<RouteResult | void>;
}

/** Identity function that keeps the schema-inferred types of a route together. */
export function route<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec {
  if (spec.proxy && !spec.errors?.includes(PROXY_NOT_ALLOWED)) {
    return { ...spec, errors: [...(spec.errors ?? []), PROXY_NOT_ALLOWED] } as unknown as RouteSpec;
  }
  return spec as unknown as RouteSpec;
}
