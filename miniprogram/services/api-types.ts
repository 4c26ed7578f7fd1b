import type { paths } from '../types/api';

/**
 * Types of the server's answers and bodies, read from the generated `types/api.d.ts`, so a page
 * cannot expect a field the server does not send. Paths are written as in the OpenAPI document
 * (`/api/v1/card-applications/{id}`).
 */
export type ApiPath = keyof paths;

type Operation<P extends ApiPath, M extends string> = M extends keyof paths[P] ? paths[P][M] : never;

/**
 * The JSON body of a successful answer: `ApiResult<'/api/v1/me'>`,
 * `ApiResult<'/api/v1/card-applications', 'post', 201>`.
 */
export type ApiResult<P extends ApiPath, M extends string = 'get', S extends number = 200> =
  Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { 'application/json': infer B } }
        ? B
        : never
      : never
    : never;

/** The JSON request body of an operation. */
export type ApiBody<P extends ApiPath, M extends string> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of an operation, as the server declares them. */
export type ApiQuery<P extends ApiPath, M extends string = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The items of a list answer (`{ items, nextCursor }`). */
export type ApiItem<P extends ApiPath, M extends string = 'get', S extends number = 200> =
  ApiResult<P, M, S> extends { items: Array<infer I> } ? I : never;
