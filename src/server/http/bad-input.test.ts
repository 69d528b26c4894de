import crypto from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, isErrorCode, type ErrorCode } from '../../shared/errors.js';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { BOOKKEEPING, changedTables, databaseDigest } from '../../../test/db-digest.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { REQUESTS } from '../../../test/matrix-requests.js';
import { multipart, pdf } from '../../../test/evidence.js';
import { buildWorld, contextFor, type Identity, type World } from '../../../test/world.js';
import { routeTable } from '../app.js';
import { can } from '../auth/access.js';
import type { AnyRoute } from './route.js';

/** Path parameters no route should take: wrong shape, traversal, oversize, odd characters. */
const BAD_PARAMS = ['x', '..%2F..%2Fetc', 'a'.repeat(300), '%00', '12345678-1234-1234-1234-1234567890ab%27'];

/** Bodies of the wrong type or size, built against the route's own fields where it has them. */
function badBodies(route: AnyRoute): unknown[] {
  const fields = Object.keys(shapeOf(route.body));
  const each = (value: unknown) => Object.fromEntries((fields.length > 0 ? fields : ['x']).map((f) => [f, value]));
  return [
    {},
    [],
    'text',
    42,
    null,
    each(12345),
    each('x'.repeat(200_000)),
    each({ nested: [1, { deep: true }] }),
    each(null),
    each(-1),
  ];
}

const BAD_QUERIES = [
  '?limit=-1&cursor=%FF%FE',
  '?from=yesterday&to=2026-99-99',
  '?q=%00%01',
  `?q=${'я'.repeat(3000)}`,
  '?status=everything&before=abc',
];

/** A value no field of a query accepts: too long for any text, not a number, date, id or term. */
const BAD_QUERY_VALUE = `${'x'.repeat(600)}!`;

function shapeOf(schema: z.ZodType | undefined): Record<string, unknown> {
  return (schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
}

/** A value of another type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  if (value === null) return 12345;
  return 'not an object';
}

interface ErrorAnswer {
  error?: { code?: unknown; message?: unknown; fields?: { path?: unknown; message?: unknown }[] };
}

/** Problems with an error answer as a catalogue error: code, its own status, message, fields. */
function catalogueProblems(response: LightMyRequestResponse): string[] {
  let parsed: ErrorAnswer;
  try {
    parsed = JSON.parse(response.body) as ErrorAnswer;
  } catch {
    return [`not JSON: ${response.body.slice(0, 120)}`];
  }
  const code = parsed.error?.code;
  if (!isErrorCode(code)) return [`not a catalogue code: ${response.body.slice(0, 160)}`];
  const problems: string[] = [];
  if (ERROR_CATALOGUE[code].status !== response.statusCode)
    problems.push(`${code} with status ${String(response.statusCode)}`);
  if (typeof parsed.error?.message !== 'string') problems.push('no message');
  for (const field of parsed.error?.fields ?? []) {
    if (typeof field.path !== 'string' || typeof field.message !== 'string')
      problems.push('a field without path or message');
  }
  if (/\bat .+\.(ts|js):\d+/.test(response.body)) problems.push('stack trace in the body');
  return problems;
}

interface Variant {
  label: string;
  request: InjectOptions;
  status: number;
  code: ErrorCode;
  /** The field the answer must name. */
  path?: string;
}

const invalid = (label: string, request: InjectOptions, path: string): Variant => ({
  label,
  request,
  status: 400,
  code: 'VALIDATION_FAILED',
  path,
});

/** Handler-level checks: a value of the right type that the route must refuse, naming the field. */
const SEMANTIC: Record<string, [patch: Record<string, unknown>, path: string][]> = {
  'POST /api/cases': [[{ type: 'no_such_type' }, 'type']],
  'PATCH /api/cases/:caseId': [[{ type: 'no_such_type' }, 'type']],
  'POST /api/cases/:caseId/stage': [[{ to: 'no_such_stage' }, 'to']],
  'POST /api/cases/:caseId/outcome': [[{ outcome: 'no_such_outcome' }, 'outcome']],
  'POST /api/cases/:caseId/purge': [[{ confirmNumber: '1999-9999' }, 'confirmNumber']],
  'POST /api/cases/:caseId/attach-intake': [[{ intakeId: crypto.randomUUID() }, 'intakeId']],
  'POST /api/cases/:caseId/people': [[{ role: 'no_such_role' }, 'role']],
  'POST /api/people': [[{ personRole: 'no_such_role' }, 'personRole']],
  'PUT /api/vocabularies/stage/transitions': [[{ from: 'no_such_stage' }, 'from']],
  'POST /api/users': [[{ password: 'short' }, 'password']],
  'POST /api/me/password': [[{ newPassword: 'short' }, 'newPassword']],
  'POST /api/intake': [[{ channel: 'no_such_channel' }, 'channel']],
  'POST /api/cases/:caseId/tasks': [[{ assigneeId: crypto.randomUUID() }, 'assigneeId']],
};

/** Every way to break a valid request one field at a time, with the answer each must get. */
function variantsOf(route: AnyRoute, valid: InjectOptions): Variant[] {
  const key = `${route.method} ${route.url}`;
  const url = new URL(typeof valid.url === 'string' ? valid.url : '/', 'http://localhost');
  const variants: Variant[] = [];
  const segments = route.url.split('/');
  const actual = url.pathname.split('/');
  const params = Object.fromEntries(
    segments.flatMap((segment, i) => (segment.startsWith(':') ? [[segment.slice(1), actual[i] ?? '']] : [])),
  );
  for (const name of Object.keys(params)) {
    if (route.params?.safeParse({ ...params, [name]: 'not-a-uuid' }).success !== false) continue;
    const broken = segments.map((segment, i) => (segment === `:${name}` ? 'not-a-uuid' : actual[i])).join('/');
    variants.push(invalid(`param ${name}`, { ...valid, url: `${broken}${url.search}` }, `params.${name}`));
  }
  const query = Object.fromEntries(url.searchParams);
  for (const name of Object.keys(shapeOf(route.query))) {
    if (route.query?.safeParse({ ...query, [name]: BAD_QUERY_VALUE }).success !== false) continue;
    const search = new URLSearchParams({ ...query, [name]: BAD_QUERY_VALUE });
    variants.push(invalid(`query ${name}`, { ...valid, url: `${url.pathname}?${search.toString()}` }, `query.${name}`));
  }
  if (route.multipart !== undefined) variants.push(...multipartVariants(valid));
  const payload = valid.payload;
  if (route.body === undefined || typeof payload !== 'object' || Array.isArray(payload) || Buffer.isBuffer(payload)) {
    return variants;
  }
  const body = payload as Record<string, unknown>;
  for (const [name, value] of Object.entries(body)) {
    variants.push(
      invalid(`body ${name} of the wrong type`, { ...valid, payload: { ...body, [name]: wrongType(value) } }, name),
    );
    const without = Object.fromEntries(Object.entries(body).filter(([other]) => other !== name));
    const result = route.body.safeParse(without);
    if (!result.success && result.error.issues.some((issue) => issue.path[0] === name)) {
      variants.push(invalid(`body without ${name}`, { ...valid, payload: without }, name));
    }
  }
  for (const [patch, path] of SEMANTIC[key] ?? []) {
    variants.push(invalid(`body ${JSON.stringify(patch)}`, { ...valid, payload: { ...body, ...patch } }, path));
  }
  if (!route.body.safeParse([]).success) {
    variants.push(invalid('body an array', { ...valid, payload: [] }, 'body'));
  }
  const raw = (text: string, type: string) => ({
    ...valid,
    payload: text,
    headers: { ...valid.headers, 'content-type': type },
  });
  variants.push({
    label: 'malformed JSON',
    request: raw('{"broken', 'application/json'),
    status: 400,
    code: 'MALFORMED_JSON',
  });
  variants.push({
    label: 'not JSON',
    request: raw('<a>1</a>', 'application/xml'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  });
  return variants;
}

/** A multipart upload broken one part at a time: the file or a field missing, a field of no allowed value. */
function multipartVariants(valid: InjectOptions): Variant[] {
  const file = { name: 'x.pdf', content: pdf() };
  const send = (fields: Record<string, string>, withFile: boolean) => ({
    ...valid,
    ...multipart(fields, withFile ? file : undefined),
  });
  return [
    invalid('multipart without the file', send({ kind: 'other' }, false), 'file'),
    invalid('multipart without kind', send({}, true), 'kind'),
    invalid('multipart with an unknown kind', send({ kind: 'no_such_kind' }, true), 'kind'),
    // As for JSON bodies, an unknown key is named under `body` (zod reports the keys, not a path).
    invalid('multipart with an unknown field', send({ kind: 'other', owner: 'x' }, true), 'body'),
    {
      label: 'JSON instead of multipart',
      request: { ...valid, payload: { kind: 'other' }, headers: { 'content-type': 'application/json' } },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ];
}

/** Who makes the valid call: someone the route's rule admits. */
function identityFor(route: AnyRoute): Identity {
  const access = route.access;
  if (access.kind === 'public') return 'anonymous';
  if (access.kind !== 'action') return 'coordinator';
  const roles = ['coordinator', 'admin', 'intake'] as const;
  return roles.find((role) => can({ userId: 'nobody', role }, access.action)) ?? 'coordinator';
}

describe.each(TEST_DIALECTS)('bad input on every route (%s)', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let routes: AnyRoute[];
  let world: World;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) });
    world = await buildWorld(t, clock);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('never answers 5xx, and every error is a catalogue error with its own status', async () => {
    const failures: string[] = [];
    const callers = (['anonymous', 'coordinator', 'admin', 'intake', 'lawyer'] as const).flatMap((who) => {
      const call = world.identities.get(who)?.call;
      return call === undefined ? [] : [call];
    });
    for (const route of routes) {
      // Signing out would end the session the other calls use.
      if (route.method === 'DELETE' && route.url === '/api/session') continue;
      const urls = route.url.includes(':')
        ? BAD_PARAMS.map((bad) => route.url.replace(/:[A-Za-z0-9_]+/g, bad))
        : BAD_QUERIES.map((query) => `${route.url}${query}`);
      const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : badBodies(route);
      for (const call of callers) {
        for (const url of urls) {
          for (const body of bodies) {
            const response = await call({
              method: route.method,
              url,
              ...(body === undefined
                ? {}
                : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
            });
            const label = `${route.method} ${url.slice(0, 80)} ${JSON.stringify(body ?? null).slice(0, 60)} → ${String(response.statusCode)}`;
            if (response.statusCode >= 500) failures.push(`${label} ${response.body.slice(0, 200)}`);
            else if (response.statusCode >= 400) {
              failures.push(...catalogueProblems(response).map((problem) => `${label}: ${problem}`));
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('answers each broken field with its catalogue code and the field named, and writes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const plan = REQUESTS[key];
      if (plan === undefined) {
        failures.push(`${key}: no valid request in test/matrix-requests.ts`);
        continue;
      }
      const context = contextFor(world, identityFor(route), 'granted');
      const planned = await plan(context);
      const call = planned.call ?? context.call;
      const variants = variantsOf(route, planned.request);
      for (const variant of variants) {
        const before = await databaseDigest(t.database.handle, { ignore: BOOKKEEPING });
        const response = await call(variant.request);
        const written = changedTables(before, await databaseDigest(t.database.handle, { ignore: BOOKKEEPING }));
        const label = `${key} (${variant.label}) → ${String(response.statusCode)} ${response.body.slice(0, 200)}`;
        const parsed = (response.body === '' ? {} : JSON.parse(response.body)) as ErrorAnswer;
        const paths = (parsed.error?.fields ?? []).map((field) => field.path);
        if (response.statusCode !== variant.status || parsed.error?.code !== variant.code) {
          failures.push(`${label}: expected ${String(variant.status)} ${variant.code}`);
        } else if (variant.path !== undefined && !paths.includes(variant.path)) {
          failures.push(`${label}: fields do not name ${variant.path}`);
        }
        failures.push(...catalogueProblems(response).map((problem) => `${label}: ${problem}`));
        if (written.length > 0) failures.push(`${label}: wrote to ${written.join(', ')}`);
        checked += 1;
      }
      if (variants.length > 0) {
        // The same request unbroken succeeds: the refusals above were the broken field's doing.
        const response = await call(planned.request);
        const status = planned.status ?? route.successStatus ?? 200;
        if (response.statusCode !== status) {
          failures.push(`${key} (unbroken) → ${String(response.statusCode)} ${response.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 240_000);
});
