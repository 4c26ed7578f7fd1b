import type { z } from 'zod';
import type { Role } from '../modules/auth/roles';
import type { AppContext, Principal } from './context';
import type { RateLimiter } from './rate-limit';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any logged-in account, or accounts holding one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface UploadedFile {
  field: string;
  filename: string;
  declaredMime: string;
  bytes: Buffer;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route whose access is not 'public'. */
  principal: Principal;
  file?: UploadedFile;
  requestId: string;
  ctx: AppContext;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
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
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Error codes this route may answer with, listed in the OpenAPI document. */
  errors?: string[];
  rateLimit?: RateLimiter[];
  handler: (input: RouteInput<P, Q, B>) => Promise<RouteResult | void>;
}

/** Identity function that keeps the schema-inferred types of a route together. */
export function route<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
