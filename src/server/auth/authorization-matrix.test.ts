import crypto from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.js';
import { as, buildUser, signIn, testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { routeTable } from '../app.js';
import type { AnyRoute } from '../http/route.js';

/**
 * Who may call each route, written out by hand: the test checks the route
 * table against it. A route added without a line here fails the first test.
 *   'public'  anyone;  'staff'  any signed-in user;
 *   Role[]    those roles only;  { case: Role[] }  those roles, on a case they hold no grant for;
 *   { person: Role[] }  those roles, on a person linked to no case they hold a grant for.
 */
type Expectation = 'public' | 'staff' | Role[] | { case: Role[] } | { person: Role[] };

const EXPECTED: Record<string, Expectation> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'POST /api/session': 'public',
  'GET /api/session': 'staff',
  'DELETE /api/session': 'staff',
  'POST /api/me/totp': 'staff',
  'POST /api/me/totp/confirm': 'staff',
  'POST /api/me/recovery-codes': 'staff',
  'POST /api/me/password': 'staff',
  'GET /api/me/sessions': 'staff',
  'DELETE /api/me/sessions': 'staff',
  'DELETE /api/me/sessions/:sessionId': 'staff',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:userId': ['admin'],
  'POST /api/users/:userId/factor-reset': ['admin'],
  'DELETE /api/users/:userId/sessions': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/break-glass': ['coordinator', 'admin'],
  'POST /api/break-glass': ['admin'],
  'DELETE /api/break-glass/:id': ['admin'],
  'GET /api/vocabularies': 'staff',
  'GET /api/vocabularies/stage/transitions': 'staff',
  'PUT /api/vocabularies/stage/transitions': ['coordinator'],
  'DELETE /api/vocabularies/stage/transitions': ['coordinator'],
  'GET /api/vocabularies/:vocabulary': 'staff',
  'GET /api/vocabularies/:vocabulary/terms/:termId': 'staff',
  'POST /api/vocabularies/:vocabulary/terms': ['coordinator'],
  'PATCH /api/vocabularies/:vocabulary/terms/:termId': ['coordinator'],
  'POST /api/people': ['coordinator'],
  'POST /api/cases/:caseId/people': { case: ['coordinator'] },
  'DELETE /api/cases/:caseId/people/:personId': { case: ['coordinator'] },
  'GET /api/people/duplicates': ['coordinator'],
  'GET /api/people/:personId': { person: ['coordinator'] },
  'PATCH /api/people/:personId': { person: ['coordinator'] },
  'POST /api/people/:personId/merge': ['coordinator'],
  'POST /api/intake': 'public',
  'GET /api/intake': ['intake', 'coordinator'],
  'GET /api/intake/:intakeId': ['intake', 'coordinator'],
  'POST /api/intake/:intakeId/decline': ['intake', 'coordinator'],
  'PATCH /api/intake/:intakeId': ['intake', 'coordinator'],
  'GET /api/api-tokens': ['admin'],
  'POST /api/api-tokens': ['admin'],
  'DELETE /api/api-tokens/:tokenId': ['admin'],
  'POST /api/cases': ['coordinator'],
  'GET /api/cases': ['caseworker', 'lawyer', 'coordinator'],
  'GET /api/cases/:caseId': { case: ['coordinator'] },
  'PATCH /api/cases/:caseId': { case: ['coordinator'] },
  'POST /api/cases/:caseId/attach-intake': { case: ['coordinator'] },
  'GET /api/cases/:caseId/assignable': { case: ['coordinator'] },
  'POST /api/cases/:caseId/purge': { case: ['coordinator'] },
  'GET /api/me/work': ['caseworker', 'lawyer', 'coordinator'],
  'GET /api/search': 'staff',
  'POST /api/cases/:caseId/stage': { case: ['coordinator'] },
  'POST /api/cases/:caseId/outcome': { case: ['coordinator'] },
  'POST /api/cases/:caseId/close': { case: ['coordinator'] },
  'POST /api/cases/:caseId/reopen': { case: ['coordinator'] },
  'GET /api/cases/:caseId/timeline': { case: ['coordinator'] },
  'POST /api/cases/:caseId/notes': { case: ['coordinator'] },
  'POST /api/cases/:caseId/tasks': { case: ['coordinator'] },
  'PATCH /api/cases/:caseId/tasks/:taskId': { case: ['coordinator'] },
  'GET /api/cases/:caseId/grants': { case: ['coordinator'] },
  'PUT /api/cases/:caseId/grants/:userId': { case: ['coordinator'] },
  'DELETE /api/cases/:caseId/grants/:userId': { case: ['coordinator'] },
};

const key = (route: AnyRoute) => `${route.method} ${route.url}`;
const REFUSALS = [401, 403, 404];

/** Every path parameter filled with a fresh UUID: an object the caller holds nothing on. */
function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, () => crypto.randomUUID());
}

describe.each(TEST_DIALECTS)('authorization matrix on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let routes: AnyRoute[];
  const cookies = new Map<Role, string>();
  const accounts = new Map<Role, Awaited<ReturnType<typeof buildUser>>>();

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) });
    for (const role of ROLES) {
      const account = await buildUser(t.database.handle.db, t.keyring, role, clock);
      accounts.set(role, account);
      cookies.set(role, await signIn(t.app, account, clock));
    }
    // The caseworker and lawyer hold a grant on some case: never the one a request names.
    const granted = crypto.randomUUID();
    for (const role of ['caseworker', 'lawyer'] as const) {
      const userId = accounts.get(role)?.user.id ?? '';
      await t.database.handle.db
        .insertInto('case_grants')
        .values({ case_id: granted, user_id: userId, granted_by: userId, granted_at: clock().toISOString() })
        .execute();
    }
  });
  afterAll(() => t.cleanup());

  it('has an expectation for every route, and no route without one', () => {
    const keys = routes.map(key);
    expect(keys.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('makes every route declare an access rule that agrees with its expectation', () => {
    for (const route of routes) {
      const expected = EXPECTED[key(route)];
      if (expected === 'public') expect(route.access.kind, key(route)).toBe('public');
      else expect(route.access.kind, key(route)).not.toBe('public');
      if (typeof expected === 'object' && 'case' in expected) expect(route.access.kind, key(route)).toBe('case');
      if (typeof expected === 'object' && 'person' in expected) expect(route.access.kind, key(route)).toBe('person');
    }
  });

  const call = (route: AnyRoute, cookie: string | undefined) =>
    as(
      t.app,
      cookie,
    )({
      method: route.method,
      url: concreteUrl(route.url),
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
    });

  /** A refusal says what was refused and nothing of the object. */
  function expectBareRefusal(body: string, label: string) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed), label).toEqual(['error']);
    const error = parsed.error as Record<string, unknown>;
    expect(Object.keys(error).sort(), label).toEqual(['code', 'message']);
    expect(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'], label).toContain(error.code);
  }

  it('answers 401 to an anonymous caller on every route that is not public', async () => {
    for (const route of routes) {
      if (EXPECTED[key(route)] === 'public') continue;
      const response = await call(route, undefined);
      expect(response.statusCode, key(route)).toBe(401);
      expectBareRefusal(response.body, key(route));
    }
  });

  it.each(ROLES)('refuses a %s every route their role does not allow, and lets them reach the rest', async (role) => {
    // Signing out comes last, since it ends the session the other calls use.
    const ordered = [...routes].sort(
      (a, b) => Number(key(a) === 'DELETE /api/session') - Number(key(b) === 'DELETE /api/session'),
    );
    for (const route of ordered) {
      const expected = EXPECTED[key(route)];
      if (expected === undefined || expected === 'public') continue;
      const response = await call(route, cookies.get(role));
      const label = `${role}: ${key(route)} → ${String(response.statusCode)} ${response.body.slice(0, 120)}`;
      const allowed =
        expected === 'staff' ||
        (Array.isArray(expected)
          ? expected.includes(role)
          : 'case' in expected
            ? expected.case.includes(role)
            : expected.person.includes(role));
      if (allowed) {
        expect(REFUSALS.slice(0, 2), label).not.toContain(response.statusCode);
        expect(response.statusCode, label).toBeLessThan(500);
      } else {
        expect(REFUSALS, label).toContain(response.statusCode);
        expectBareRefusal(response.body, label);
      }
    }
  });

  it('keeps a session that has not enrolled its second factor to enrolment routes only', async () => {
    const pending = await buildUser(t.database.handle.db, t.keyring, 'coordinator', clock, { enrolled: false });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-homeward-request': '1' },
      payload: { username: pending.user.username, password: pending.password },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (const route of routes) {
      if (
        route.access.kind === 'public' ||
        (route.access.kind === 'signed_in' && route.access.duringEnrolment === true)
      )
        continue;
      const response = await call(route, cookie);
      expect(response.statusCode, key(route)).toBe(403);
      expect(response.json(), key(route)).toMatchObject({ error: { code: 'ENROLMENT_REQUIRED' } });
    }
  });
});
