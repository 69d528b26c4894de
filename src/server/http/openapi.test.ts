import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { routeTable } from '../app.js';
import { ERROR_CATALOGUE } from '../../shared/errors.js';

interface Operation {
  operationId: string;
  summary: string;
  'x-access': string;
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => t.cleanup());

  it('is an OpenAPI 3.1 document with the error schema', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
  });

  it('describes every route of the route table, with its access rule', () => {
    const routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) });
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      expect(operation?.['x-access']).toBe(route.access.kind);
      expect(operation?.summary).toBe(route.summary);
    }
  });

  it('gives the health route its response schema and its error codes', () => {
    const health = document.paths['/api/health']?.get;
    expect(health?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { status: { const: 'ok' }, database: { enum: ['sqlite', 'postgres'] }, version: { type: 'string' } },
    });
    expect(Object.keys(health?.responses ?? {}).sort()).toEqual(
      ['200', String(ERROR_CATALOGUE.INTERNAL_ERROR.status), String(ERROR_CATALOGUE.SERVICE_UNAVAILABLE.status)].sort(),
    );
  });

  it('gives every operation a unique id', () => {
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
