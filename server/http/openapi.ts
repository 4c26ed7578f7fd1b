import { z } from 'zod';
import type { RouteSpec } from './route';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

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

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable SNAKE_CASE code for programs' },
        message: { type: 'string', description: 'Message for people, in Chinese' },
        details: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};

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
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
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
              properties: { [r.multipart.fileField]: { type: 'string', format: 'binary' }, ...(fields.properties ?? {}) },
            },
          },
        },
      };
    } else if (r.body) {
      requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
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
    openapi: '3.0.3',
    info,
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
