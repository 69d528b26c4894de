import { Writable } from 'node:stream';
import { pino } from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { BODY_LIMIT_BYTES } from '../app.js';
import { AppError } from './errors.js';
import { defineRoute, type AnyRoute } from './route.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/** Routes that exercise the HTTP layer itself: validation, output stripping, errors. */
const probeRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/probe/:id',
    summary: 'probe',
    tags: ['test'],
    access: { kind: 'public' },
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
    body: z.object({ name: z.string().min(1).max(20), tags: z.array(z.string()).max(3) }),
    response: z.object({ id: z.number(), page: z.number(), name: z.string() }),
    errors: ['CONFLICT'],
    handler: ({ params, query, body }) => {
      if (body.name === 'taken') throw new AppError('CONFLICT', 'That name is taken.');
      // The extra field must be stripped by the response schema.
      return Promise.resolve({ id: params.id, page: query.page, name: body.name, secret: 'do-not-send' });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/probe/crash',
    summary: 'crash',
    tags: ['test'],
    access: { kind: 'public' },
    response: z.object({}),
    errors: [],
    handler: () => Promise.reject(new Error('database password is hunter2')),
  }),
];

describe('HTTP layer', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await buildTestApp('sqlite', { routes: probeRoutes, logger: pino({ level: 'info' }, sink) });
  });
  afterAll(() => t.cleanup());

  const SAME_APP = { 'x-homeward-request': '1' };
  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: SAME_APP });

  it('passes parsed input to the handler and strips fields the response schema does not name', async () => {
    const response = await post('/api/probe/7?page=3', { name: 'Anna', tags: [] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 7, page: 3, name: 'Anna' });
  });

  it('answers 400 VALIDATION_FAILED naming every query and body field at fault', async () => {
    const response = await post('/api/probe/1?page=0', { name: '', tags: 'x' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; fields: { path: string }[] } }>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['name', 'query.page', 'tags']);
  });

  it('checks path parameters before anything else of the request', async () => {
    const response = await post('/api/probe/0?page=0', { name: '' });
    const body = response.json<{ error: { code: string; fields: { path: string }[] } }>();
    expect(response.statusCode).toBe(400);
    expect(body.error.fields.map((f) => f.path)).toEqual(['params.id']);
  });

  it('refuses a state-changing request without the application header with 403 CSRF_REJECTED', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/probe/1', payload: { name: 'a', tags: [] } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site but other-origin fetch', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s even with the header', async (_what, headers) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      payload: { name: 'a', tags: [] },
      headers: { ...SAME_APP, ...headers },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
  });

  it('lets a bearer-token client without a session cookie skip the application header, but not a cookie holder', async () => {
    const payload = { name: 'a', tags: [] };
    const bearer = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      payload,
      headers: { authorization: 'Bearer hw_token' },
    });
    expect(bearer.statusCode).toBe(200);
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      payload,
      headers: { authorization: 'Bearer hw_token', cookie: '__Host-homeward_session=x' },
    });
    expect(withCookie.statusCode).toBe(403);
  });

  it('accepts a same-origin request from the browser', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      payload: { name: 'a', tags: [] },
      headers: { ...SAME_APP, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('names body fields by their path', async () => {
    const response = await post('/api/probe/1', { name: 'x'.repeat(21), tags: ['a', 'b', 'c', 'd'] });
    const body = response.json<{ error: { code: string; message: string; fields: { path: string }[] } }>();
    expect(response.statusCode).toBe(400);
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['name', 'tags']);
    expect(body.error.message).toBe('Invalid fields: name, tags');
  });

  it('answers a missing body with VALIDATION_FAILED', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/probe/1', headers: SAME_APP });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
  });

  it('answers a non-JSON body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/probe/1',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post('/api/probe/1', { name: 'a', tags: ['x'.repeat(BODY_LIMIT_BYTES)] });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1024 KiB.' },
    });
  });

  it('answers a domain error with its code and message', async () => {
    const response = await post('/api/probe/1', { name: 'taken', tags: [] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: { code: 'CONFLICT', message: 'That name is taken.' } });
  });

  it('hides an unexpected error behind INTERNAL_ERROR without its message or a stack', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/probe/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on the server.' },
    });
    expect(response.body).not.toContain('hunter2');
  });

  it('answers an unknown API route with JSON 404 ROUTE_NOT_FOUND', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/no-such-thing' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    }
  });

  it('answers a known path with the wrong method with 405 METHOD_NOT_ALLOWED', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/probe/1' });
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('logs method, route pattern and status, but no query, body or header', async () => {
    logLines.length = 0;
    await t.app.inject({
      method: 'POST',
      url: '/api/probe/5?page=2&name=Ivanov',
      headers: { ...SAME_APP, cookie: 'session=marker-cookie', 'x-custom': 'marker-header' },
      payload: { name: 'marker-body', tags: [] },
    });
    const log = logLines.join('');
    expect(log).toContain('"route":"/api/probe/:id"');
    expect(log).toContain('"status":200');
    for (const marker of ['Ivanov', 'marker-cookie', 'marker-header', 'marker-body', 'page=2']) {
      expect(log).not.toContain(marker);
    }
  });
});

describe.each(['sqlite'] as const)('security headers (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.cleanup());

  it('sends a CSP without unsafe-inline or unsafe-eval, framing denied, no referrer, no-store', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
