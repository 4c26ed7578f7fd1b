import { z } from 'zod';
import type { Database } from '../../db/database';
import { route } from '../../http/route';
import { HealthErrors } from './health.errors';

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
      if (isDraining()) throw HealthErrors.draining();
      try {
        await db.ping();
      } catch {
        throw HealthErrors.databaseDown();
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
    responses: {
      200: {
        description: 'OpenAPI 3.1 document',
        schema: z.looseObject({
          openapi: z.string(),
          info: z.looseObject({ title: z.string(), version: z.string() }),
          paths: z.record(z.string(), z.unknown()),
        }),
      },
    },
    handler: async () => ({ body: openApi() }),
  }),
];
