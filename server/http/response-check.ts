import { Readable } from 'node:stream';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppState } from './context';
import { errorBodySchema } from './openapi';

/** A response that does not match what its route declares. */
export interface ResponseMismatch {
  method: string;
  /** The route pattern, or the path when no route matched. */
  route: string;
  status: number;
  problems: string[];
}

const isJsonValue = (body: unknown) =>
  body !== null &&
  typeof body === 'object' &&
  !Buffer.isBuffer(body) &&
  !(body instanceof Readable) &&
  !(body instanceof Uint8Array);

const at = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(body)');

/**
 * Fields the parse dropped or changed: the schema accepted the body, but it is not what the
 * schema's output (and so the document) says the client gets.
 */
function differences(sent: unknown, declared: unknown, path: PropertyKey[], out: string[]): void {
  if (Array.isArray(sent) && Array.isArray(declared)) {
    sent.forEach((v, i) => differences(v, declared[i], [...path, i], out));
    return;
  }
  if (sent && declared && typeof sent === 'object' && typeof declared === 'object') {
    const d = declared as Record<string, unknown>;
    for (const [k, v] of Object.entries(sent as Record<string, unknown>)) {
      if (!Object.hasOwn(d, k)) out.push(`${at([...path, k])}: not declared in the response schema`);
      else differences(v, d[k], [...path, k], out);
    }
    for (const k of Object.keys(d)) {
      if (!Object.hasOwn(sent, k) && d[k] !== undefined) out.push(`${at([...path, k])}: missing (filled by a default)`);
    }
    return;
  }
  if (!Object.is(sent, declared))
    out.push(`${at(path)}: sent ${JSON.stringify(sent)}, the schema makes it ${JSON.stringify(declared)}`);
}

/** Problems of one JSON body against a schema, as the client receives it (after JSON encoding). */
export function checkBody(schema: z.ZodType, body: unknown): string[] {
  const sent = JSON.parse(JSON.stringify(body)) as unknown;
  const result = schema.safeParse(sent);
  if (!result.success) return result.error.issues.map((i) => `${at(i.path)}: ${i.message} (${i.code})`);
  const out: string[] = [];
  differences(sent, result.data, [], out);
  return out;
}

/**
 * Checks every answer against what its route declares: a 2xx body against `responses[status].schema`
 * (an undeclared status or an undeclared JSON body is a problem too), an error body against the
 * route's own error format or the common error shape. Reports each mismatch; the answer itself is
 * left as it was. For test runs: it keeps the document and the presenters from drifting apart.
 */
export const responseCheck =
  (report: (mismatch: ResponseMismatch) => void): Middleware<AppState> =>
  async (ctx, next) => {
    await next();
    if (ctx.method === 'HEAD') return;
    const spec = ctx.state.route;
    const status = ctx.status;
    const body = ctx.body;
    const declared = spec?.responses[status];
    const problems: string[] = [];

    if (declared?.schema) {
      if (isJsonValue(body)) problems.push(...checkBody(declared.schema, body));
      else
        problems.push(
          `declared as JSON, but the body is ${body === undefined || body === null ? 'empty' : typeof body}`,
        );
    } else if (status < 400) {
      if (!spec) return;
      if (!declared)
        problems.push(`status ${status} is not declared (declared: ${Object.keys(spec.responses).join(', ')})`);
      else if (!declared.contentType && isJsonValue(body)) problems.push('a JSON body is sent, but none is declared');
    } else if (spec?.errorFormat) {
      problems.push(...(isJsonValue(body) ? checkBody(spec.errorFormat.schema, body) : []));
    } else if (isJsonValue(body)) {
      problems.push(...checkBody(errorBodySchema, body));
    } else {
      problems.push('an error answer without the error body');
    }

    if (problems.length > 0) {
      report({ method: ctx.method, route: spec?.path ?? ctx.path, status, problems });
    }
  };
