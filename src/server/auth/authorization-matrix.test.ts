import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.js';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { BOOKKEEPING } from '../../../test/db-digest.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { REQUESTS } from '../../../test/matrix-requests.js';
import {
  IDENTITIES,
  buildWorld,
  contextFor,
  roleOf,
  type Identity,
  type Target,
  type World,
} from '../../../test/world.js';
import { installWriteCounter, writtenTables, type WriteCounter } from '../../../test/write-counter.js';
import { routeTable } from '../app.js';
import type { AnyRoute } from '../http/route.js';

/**
 * Who may call each route, written out by hand: the test checks the route
 * table against it, and calls every route as every identity on real objects
 * (test/matrix-requests.ts says how). A route added without a line here fails.
 *   'public'  anyone;  'staff'  any signed-in user;  Role[]  those roles only;
 *   { case: Role[] }  those roles on any case; `granted` also those roles on a case they hold a grant on;
 *     `breakGlass` also an administrator with an active break-glass grant on it;
 *   { person: Role[] }  likewise for a person, `granted` meaning linked to a case they hold a grant on;
 *   { intake: Role[] }  those roles on any intake request; `untriaged` also those roles on one not yet a case.
 *   { incident: Role[]; granted }  likewise for an incident, `granted` meaning linked to a case they hold a grant on.
 */
type Expectation =
  | 'public'
  | 'staff'
  | Role[]
  | { case: Role[]; granted?: Role[]; breakGlass?: true }
  | { person: Role[]; granted?: Role[] }
  | { intake: Role[]; untriaged?: Role[] }
  | { incident: Role[]; granted?: Role[] };

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
  'GET /api/audit/export': ['admin'],
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
  'POST /api/cases/:caseId/people': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'DELETE /api/cases/:caseId/people/:personId': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'PATCH /api/cases/:caseId/people/:personId': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/people/duplicates': ['coordinator'],
  'GET /api/people/:personId': { person: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'PATCH /api/people/:personId': { person: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/people/:personId/merge': ['coordinator'],
  'POST /api/intake': 'public',
  // The public pages: server-rendered, no sign-in; their posts check the form token instead.
  'GET /public/intake.css': 'public',
  'GET /intake': 'public',
  'POST /intake': 'public',
  'GET /intake/received': 'public',
  'GET /intake/follow-up': 'public',
  'POST /intake/follow-up': 'public',
  'GET /api/intake': ['intake', 'coordinator'],
  'GET /api/intake/assignees': ['intake', 'coordinator'],
  'POST /api/intake/bulk': ['intake', 'coordinator'],
  'GET /api/intake/:intakeId': { intake: ['coordinator'], untriaged: ['intake'] },
  'POST /api/intake/:intakeId/decline': { intake: ['coordinator'], untriaged: ['intake'] },
  'PATCH /api/intake/:intakeId': { intake: ['coordinator'], untriaged: ['intake'] },
  'GET /api/api-tokens': ['admin'],
  'POST /api/api-tokens': ['admin'],
  'DELETE /api/api-tokens/:tokenId': ['admin'],
  'POST /api/cases': ['coordinator'],
  'GET /api/cases': ['caseworker', 'lawyer', 'coordinator'],
  'GET /api/cases/:caseId': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'GET /api/cases/by-number/:number': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'GET /api/cases/:caseId/requests': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'PATCH /api/cases/:caseId': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/cases/:caseId/attach-intake': { case: ['coordinator'] },
  'GET /api/cases/:caseId/assignable': { case: ['coordinator'] },
  'GET /api/cases/assignable': ['coordinator'],
  'POST /api/cases/:caseId/purge': { case: ['coordinator'] },
  'POST /api/cases/:caseId/evidence': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/cases/:caseId/evidence': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'GET /api/cases/:caseId/evidence/package': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/cases/:caseId/evidence/:evidenceId/working': {
    case: ['coordinator'],
    granted: ['caseworker', 'lawyer'],
    breakGlass: true,
  },
  // Originals only to those who work on the case: a break-glass administrator sees the working copy.
  'GET /api/cases/:caseId/evidence/:evidenceId/original': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/cases/:caseId/evidence/:evidenceId/custody': {
    case: ['coordinator'],
    granted: ['caseworker', 'lawyer'],
    breakGlass: true,
  },
  'POST /api/incidents/:incidentId/evidence': ['coordinator'],
  'GET /api/incidents/:incidentId/evidence': { incident: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/incidents/:incidentId/evidence/package': { incident: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/incidents/:incidentId/evidence/:evidenceId/working': {
    incident: ['coordinator'],
    granted: ['caseworker', 'lawyer'],
  },
  'GET /api/incidents/:incidentId/evidence/:evidenceId/original': {
    incident: ['coordinator'],
    granted: ['caseworker', 'lawyer'],
  },
  'GET /api/incidents/:incidentId/evidence/:evidenceId/custody': {
    incident: ['coordinator'],
    granted: ['caseworker', 'lawyer'],
  },
  'GET /api/me/work': 'staff',
  'GET /api/saved-filters': ['caseworker', 'lawyer', 'coordinator'],
  'POST /api/saved-filters': ['caseworker', 'lawyer', 'coordinator'],
  'DELETE /api/saved-filters/:filterId': ['caseworker', 'lawyer', 'coordinator'],
  'GET /api/search': 'staff',
  'POST /api/cases/:caseId/stage': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/cases/:caseId/outcome': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/cases/:caseId/close': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/cases/:caseId/reopen': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/cases/:caseId/timeline': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'POST /api/cases/:caseId/notes': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'POST /api/cases/:caseId/tasks': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'PATCH /api/cases/:caseId/tasks/:taskId': { case: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'GET /api/cases/:caseId/grants': { case: ['coordinator'] },
  'PUT /api/cases/:caseId/grants/:userId': { case: ['coordinator'] },
  'DELETE /api/cases/:caseId/grants/:userId': { case: ['coordinator'] },
  'GET /api/dashboard/work': ['caseworker', 'lawyer', 'coordinator'],
  'GET /api/dashboard/intake': ['intake', 'coordinator'],
  'GET /api/dashboard/coordination': ['coordinator'],
  'GET /api/dashboard/admin': ['admin'],
  // Each user's own notifications (another's answers NOT_FOUND: notifications.test.ts).
  'GET /api/notifications': 'staff',
  'GET /api/notifications/unread': 'staff',
  'POST /api/notifications/read': 'staff',
  'POST /api/notifications/:notificationId/read': 'staff',
  'GET /api/incidents': ['caseworker', 'lawyer', 'coordinator'],
  'POST /api/incidents': ['coordinator'],
  'GET /api/incidents/:incidentId': { incident: ['coordinator'], granted: ['caseworker', 'lawyer'] },
  'PUT /api/incidents/:incidentId': ['coordinator'],
  'PUT /api/incidents/:incidentId/cases/:caseId': ['coordinator'],
  'DELETE /api/incidents/:incidentId/cases/:caseId': ['coordinator'],
  'PUT /api/incidents/:incidentId/leads-to/:otherId': ['coordinator'],
  'DELETE /api/incidents/:incidentId/leads-to/:otherId': ['coordinator'],
  'GET /api/analysis/incidents': ['analyst', 'coordinator'],
  'GET /api/analysis/incidents/:incidentId': ['analyst', 'coordinator'],
  'GET /api/statistics': ['analyst', 'coordinator', 'admin'],
  'GET /api/statistics/figures/:figure': ['analyst', 'coordinator', 'admin'],
  'GET /api/statistics/figures/:figure/csv': ['analyst', 'coordinator', 'admin'],
  'GET /api/statistics/time-to-outcome': ['analyst', 'coordinator', 'admin'],
  'GET /api/statistics/time-to-outcome/csv': ['analyst', 'coordinator', 'admin'],
  'GET /api/statistics/publication': ['admin'],
  'PUT /api/statistics/publication': ['admin'],
  'GET /api/statistics/publication/preview': ['admin'],
  'POST /api/statistics/snapshots': ['admin'],
  'GET /api/statistics/snapshots': ['admin'],
  'GET /api/statistics/snapshots/:snapshotId': ['admin'],
  'GET /api/statistics/research/incidents': ['analyst', 'coordinator'],
  'GET /api/statistics/research/incidents/csv': ['analyst', 'coordinator'],
  'GET /api/statistics/research/dictionary': ['analyst', 'coordinator'],
  'GET /public/stats.css': 'public',
  'GET /stats': 'public',
  'GET /stats.json': 'public',
  'GET /api/sources': ['coordinator'],
  'GET /api/cases/:caseId/sources': { case: ['coordinator'], granted: ['caseworker', 'lawyer'], breakGlass: true },
  'PUT /api/incidents/:incidentId/sources/:sourceId': ['coordinator'],
  'POST /api/sources': ['coordinator'],
  'GET /api/sources/:sourceId': ['coordinator'],
  'PUT /api/sources/:sourceId': ['coordinator'],
};

const key = (route: AnyRoute) => `${route.method} ${route.url}`;

function allowed(expected: Expectation, who: Identity, target: Target): boolean {
  const role = roleOf(who);
  if (expected === 'public') return true;
  if (role === null) return false;
  if (expected === 'staff') return true;
  if (Array.isArray(expected)) return expected.includes(role);
  if ('intake' in expected) {
    return expected.intake.includes(role) || (target === 'granted' && expected.untriaged?.includes(role) === true);
  }
  const onObject = 'case' in expected ? expected.case : 'person' in expected ? expected.person : expected.incident;
  if (onObject.includes(role)) return true;
  if (target === 'ungranted') return false;
  if (expected.granted?.includes(role) === true) return true;
  return 'breakGlass' in expected && expected.breakGlass === true && who === 'admin_break_glass';
}

const onObject = (expected: Expectation) => typeof expected === 'object' && !Array.isArray(expected);

/** A refusal says what was refused and nothing of the object. */
function bareRefusal(response: { statusCode: number; body: string }, anonymous: boolean): string[] {
  const statuses = anonymous ? [401] : [403, 404];
  const problems: string[] = [];
  if (!statuses.includes(response.statusCode)) problems.push(`status ${String(response.statusCode)}, not a refusal`);
  try {
    const parsed = JSON.parse(response.body) as Record<string, unknown>;
    const error = (parsed.error ?? {}) as Record<string, unknown>;
    if (Object.keys(parsed).join() !== 'error') problems.push('fields beside error');
    if (Object.keys(error).sort().join() !== 'code,message') problems.push('error fields beside code and message');
    const codes = anonymous ? ['UNAUTHENTICATED'] : ['FORBIDDEN', 'NOT_FOUND'];
    if (!codes.includes(String(error.code))) problems.push(`code ${String(error.code)}`);
  } catch {
    problems.push('not JSON');
  }
  return problems;
}

/** A refusal is audited (`denied`), and may count a try: neither is a write of what was refused. */
const REFUSAL_BOOKKEEPING = { ...BOOKKEEPING, audit_log: 'whole table', audit_head: 'whole table' } as const;

describe.each(TEST_DIALECTS)('authorization matrix on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let routes: AnyRoute[];
  let world: World;
  let writes: WriteCounter;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) });
    world = await buildWorld(t, clock);
    writes = await installWriteCounter(t.database.handle, { ignore: REFUSAL_BOOKKEEPING });
  }, 120_000);
  afterAll(() => t.cleanup());

  it('has an expectation and a request for every route, and none for a route that is gone', () => {
    const keys = routes.map(key);
    expect(keys.filter((k) => !(k in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !(k in REQUESTS))).toEqual([]);
    expect(Object.keys(REQUESTS).filter((k) => !keys.includes(k))).toEqual([]);
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

  it.each(IDENTITIES)(
    'lets %s do what its expectation allows, on real objects, and refuses the rest with a bare answer',
    async (who) => {
      const failures: string[] = [];
      for (const route of routes) {
        const expected = EXPECTED[key(route)];
        const plan = REQUESTS[key(route)];
        if (expected === undefined || plan === undefined) continue;
        for (const target of onObject(expected) ? (['granted', 'ungranted'] as const) : (['granted'] as const)) {
          const context = contextFor(world, who, target);
          const planned = await plan(context);
          const refused = !allowed(expected, who, target);
          const before = refused ? await writes.read() : undefined;
          const response = await (planned.call ?? context.call)(planned.request);
          const label = `${who} ${key(route)} on ${target} → ${String(response.statusCode)} ${response.body.slice(0, 160)}`;
          if (!refused) {
            const status = planned.status ?? route.successStatus ?? 200;
            const problems = [
              ...(response.statusCode === status ? [] : [`expected ${String(status)}`]),
              ...(response.statusCode === status ? (planned.check?.(response, context) ?? []) : []),
            ];
            if (problems.length > 0) failures.push(`allowed ${label}: ${problems.join('; ')}`);
          } else {
            const problems = bareRefusal(response, who === 'anonymous');
            if (before !== undefined) {
              const written = writtenTables(before, await writes.read());
              if (written.length > 0) problems.push(`wrote to ${written.join(', ')}`);
            }
            if (problems.length > 0) failures.push(`refused ${label}: ${problems.join('; ')}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it('keeps a session that has not enrolled its second factor to enrolment routes only', async () => {
    const { call } = await world.seed.user('coordinator', { enrolled: false });
    for (const route of routes) {
      if (
        route.access.kind === 'public' ||
        (route.access.kind === 'signed_in' && route.access.duringEnrolment === true)
      )
        continue;
      const url = route.url.replace(/:([A-Za-z0-9_]+)/g, world.caseA.id);
      const response = await call({
        method: route.method,
        url,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(response.statusCode, key(route)).toBe(403);
      expect(response.json(), key(route)).toMatchObject({ error: { code: 'ENROLMENT_REQUIRED' } });
    }
  });
});
