import { z } from 'zod';
import type { RouteSpec } from './route';

type Json = Record<string, unknown>;

/**
 * `anyOf: [X, { type: 'null' }]` (zod's `.nullable()`) as `X` with `'null'` added to its type, the
 * usual 3.1 spelling: bounds stay on the property itself. Left alone where that would change the
 * meaning (a `const`, or an X without a single type).
 */
function foldNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(foldNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = foldNullable(v);
  const anyOf = out.anyOf as Json[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((m) => Object.keys(m).length === 1 && m.type === 'null');
    const other = anyOf[1 - nullIndex];
    if (nullIndex >= 0 && typeof other?.type === 'string' && !('const' in other)) {
      const { anyOf: _anyOf, ...rest } = out;
      const merged: Json = { ...other, ...rest, type: [other.type, 'null'] };
      if (Array.isArray(other.enum)) merged.enum = [...(other.enum as unknown[]), null];
      return merged;
    }
  }
  return out;
}

/** A zod schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12, without its `$schema` line). */
const toSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Json;
  return foldNullable(json) as Json;
};

/** `/files/:id` → `/files/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** `{ error: { code, message, details? } }`: the answer of every failure, unless a route has its own format. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .meta({ description: 'Stable SNAKE_CASE code for programs' }),
    message: z.string().min(1).meta({ description: 'Message for people, in Chinese' }),
    details: z
      .array(
        z.strictObject({
          field: z.string().optional(),
          rule: z.string().optional(),
          expected: z.unknown().optional(),
          actual: z.unknown().optional(),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Every problem, for a validation failure' }),
  }),
});

const MEDIA_TYPES = { json: ['application/json'], xml: ['application/xml', 'text/xml'] } as const;

/** The OpenAPI 3 document, generated from the same route specs and zod schemas that serve requests. */
export function buildOpenApi(routes: RouteSpec[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema
          ? { content: { [res.contentType ?? 'application/json']: { schema: toSchema(res.schema, 'output') } } }
          : res.contentType
            ? { content: { [res.contentType]: { schema: { type: 'string', format: 'binary' } } } }
            : {}),
      };
    }
    responses.default = {
      description: `Error${r.errors?.length ? `: ${r.errors.join(', ')}` : ''}`,
      content: {
        'application/json': {
          schema: r.errorFormat ? toSchema(r.errorFormat.schema, 'output') : { $ref: '#/components/schemas/Error' },
        },
      },
    };

    let requestBody: unknown;
    if (r.multipart) {
      const fields = r.body ? (toSchema(r.body, 'input') as { properties?: object; required?: string[] }) : {};
      requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: [r.multipart.fileField, ...(fields.required ?? [])],
              properties: {
                [r.multipart.fileField]: { type: 'string', format: 'binary' },
                ...(fields.properties ?? {}),
              },
            },
          },
        },
      };
    } else if (r.body) {
      const schema = toSchema(r.body, 'input');
      const types = (r.accepts ?? ['json']).flatMap((f) => MEDIA_TYPES[f]);
      requestBody = { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
    }

    const p = openApiPath(r.path);
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.access === 'public' ? { security: [] } : {}),
      ...(Array.isArray(r.access) ? { 'x-roles': r.access } : {}),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: toSchema(errorBodySchema, 'output') },
    },
    paths,
  };
}
