import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { routeTable } from '../app.js';
import type { AnyRoute } from './route.js';

/** Path parameters no route should take: wrong shape, traversal, oversize, odd characters. */
const BAD_PARAMS = ['x', '..%2F..%2Fetc', 'a'.repeat(300), '%00', '12345678-1234-1234-1234-1234567890ab%27'];

/** Bodies of the wrong type or size, built against the route's own fields where it has them. */
function badBodies(route: AnyRoute): unknown[] {
  const shape = route.body === undefined ? {} : ((route.body as { shape?: Record<string, unknown> }).shape ?? {});
  const fields = Object.keys(shape);
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

/**
 * Every route of the table, for every identity that may reach it, fed bad
 * input: the answer is a 4xx with a catalogue code, never a 5xx or a stack.
 */
describe.each(TEST_DIALECTS)('bad input on every route (%s)', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let routes: AnyRoute[];
  const cookies: (string | undefined)[] = [undefined];

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) }).filter(
      // Signing out would end the session the other calls use.
      (route) => !(route.method === 'DELETE' && route.url === '/api/session'),
    );
    for (const role of ['coordinator', 'admin', 'intake', 'lawyer'] as const) {
      cookies.push(await signIn(t.app, await buildUser(t.database.handle.db, t.keyring, role, clock), clock));
    }
  });
  afterAll(() => t.cleanup());

  it('never answers 5xx, and every error is a catalogue error naming what is wrong', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const urls = route.url.includes(':')
        ? BAD_PARAMS.map((bad) => route.url.replace(/:[A-Za-z0-9_]+/g, bad))
        : BAD_QUERIES.map((query) => `${route.url}${query}`);
      const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : badBodies(route);
      for (const cookie of cookies) {
        for (const url of urls) {
          for (const body of bodies) {
            const response = await as(
              t.app,
              cookie,
            )({
              method: route.method,
              url,
              ...(body === undefined
                ? {}
                : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
            });
            const label = `${route.method} ${url.slice(0, 80)} ${JSON.stringify(body ?? null).slice(0, 60)} → ${String(response.statusCode)}`;
            if (response.statusCode >= 500) failures.push(`${label} ${response.body.slice(0, 200)}`);
            if (response.statusCode >= 400) {
              const parsed = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
              if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string') {
                failures.push(`${label}: not a catalogue error: ${response.body.slice(0, 200)}`);
              }
              if (/\bat .+\.(ts|js):\d+/.test(response.body)) failures.push(`${label}: stack trace in the body`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
