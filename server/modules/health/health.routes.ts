import { z } from 'zod';
import type { Database } from '../../db/database';
import { serviceUnavailable } from '../../http/errors';
import { route } from '../../http/route';

/** Liveness (the process answers) and readiness (the database answers and we are not draining). */
export const healthRoutes = (db: Database, isDraining: () => boolean, openApi: () => unknown) => [
  route({
    method: 'get',
    path: '/api/v1/health',
    tag: 'health',
    summary: 'Liveness',
    access: 'public',
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ body: { status: 'ok' } }),
  }),
  route({
    method: 'get',
    path: '/api/v1/ready',
    tag: 'health',
    summary: 'Readiness: 200 when the database answers, else 503',
    access: 'public',
    responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ready') }) } },
    errors: ['NOT_READY'],
    handler: async () => {
      if (isDraining()) throw serviceUnavailable('NOT_READY', '服务正在停止');
      try {
        await db.ping();
      } catch {
        throw serviceUnavailable('NOT_READY', '数据库暂时不可用');
      }
      return { body: { status: 'ready' } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'health',
    summary: 'This document',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3 document' } },
    handler: async () => ({ body: openApi() }),
  }),
];
