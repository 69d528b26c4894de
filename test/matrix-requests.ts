import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { totpAt } from './accounts.js';
import { unique, type SeededCase } from './seed.js';
import { ACCOUNT_REQUESTS } from './matrix-requests-accounts.js';
import { INCIDENT_REQUESTS } from './matrix-requests-incidents.js';
import { EVIDENCE_REQUESTS, INCIDENT_EVIDENCE_REQUESTS } from './matrix-requests-evidence.js';
import { OVERSIGHT_REQUESTS } from './matrix-requests-oversight.js';
import { STATISTICS_REQUESTS } from './matrix-requests-statistics.js';
import { contains, type Plan, type Planned } from './matrix-plan.js';
import type { Context } from './world.js';

/**
 * How to make a call that succeeds for whoever may make it, route by route,
 * on real objects the seeder made (fresh ones where the call changes them, so
 * the order of calls does not matter). The authorization matrix checks that
 * the allowed really succeed and the others are refused; a route without an
 * entry here fails it.
 */

/** Who sees a case in lists and search: coordinators every case; caseworkers and lawyers the granted ones. */
function listed(response: LightMyRequestResponse, context: Context, scope: 'list' | 'work'): string[] {
  const { caseA, caseB } = context.world;
  const sees = (c: SeededCase) => response.body.includes(c.id);
  const problems: string[] = [];
  const granted = context.who === 'caseworker' || context.who === 'lawyer';
  const all = context.who === 'coordinator' && scope === 'list';
  if ((granted || all) && !sees(caseA)) problems.push('the granted case A is not listed');
  if (!all && sees(caseB)) problems.push('case B, which this identity holds no grant on, is listed');
  if (!granted && !all && sees(caseA)) problems.push('case A is listed to an identity without a grant');
  return problems;
}

const onFreshCase =
  (build: (c: SeededCase, context: Context) => Promise<Omit<Planned, 'request'> & { request: InjectOptions }>) =>
  async (context: Context) =>
    build(await context.world.freshCase(context.target), context);

const page = (url: string, marker: string) =>
  Promise.resolve({
    request: { method: 'GET' as const, url, headers: { accept: 'text/html' } },
    check: contains(marker),
  });

const formPost = (url: string, marker: string) =>
  Promise.resolve({
    request: {
      method: 'POST' as const,
      url,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=en&receiptCode=x&message=x&requesterRole=spouse&text=x',
    },
    status: 403,
    check: contains(marker),
  });

const caseUrl = (c: SeededCase, rest = '') => `/api/cases/${c.id}${rest}`;

export const REQUESTS: Record<string, Plan> = {
  'GET /api/health': () => Promise.resolve({ request: { method: 'GET', url: '/api/health' } }),
  'GET /api/openapi.json': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/openapi.json' }, check: contains('/api/cases/{caseId}') }),
  'GET /api/setup': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/setup' }, check: contains('"needed":false') }),
  // The handler is reached (an administrator exists), so this public route answers its own refusal.
  'POST /api/setup': () =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/setup',
        payload: { token: 'not-the-token', username: unique('setup'), password: 'a long enough passphrase here' },
      },
      status: 409,
      check: contains('SETUP_NOT_AVAILABLE'),
    }),
  'POST /api/session': async ({ world }) => {
    const account = await world.seed.account('analyst');
    const code = await totpAt(account.secret, world.clock);
    return {
      request: {
        method: 'POST',
        url: '/api/session',
        payload: { username: account.user.username, password: account.password, code },
      },
      check: contains(account.user.id),
    };
  },
  'POST /api/intake': ({ world }) =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/intake',
        headers: { authorization: `Bearer ${world.apiToken.token}` },
        payload: { channel: 'chat_bot', requesterRole: 'parent', text: unique('Matrix via a channel ') },
      },
      check: contains('receiptCode'),
    }),

  // The public pages answer pages; a post without the form's token reaches the handler and is refused there.
  'GET /public/intake.css': () => page('/public/intake.css', '.hp'),
  'GET /intake': () => page('/intake?lang=en', 'data-testid="intake-form"'),
  'POST /intake': () => formPost('/intake', 'data-testid="intake-forbidden"'),
  'GET /intake/received': () => page('/intake/received', 'data-testid="intake-received-again"'),
  'GET /intake/follow-up': () => page('/intake/follow-up', 'data-testid="follow-up-form"'),
  'POST /intake/follow-up': () => formPost('/intake/follow-up', 'data-testid="intake-forbidden"'),

  ...ACCOUNT_REQUESTS,
  ...INCIDENT_REQUESTS,
  ...EVIDENCE_REQUESTS,
  ...INCIDENT_EVIDENCE_REQUESTS,

  ...OVERSIGHT_REQUESTS,
  ...STATISTICS_REQUESTS,

  'GET /api/vocabularies': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/vocabularies' }, check: contains('"stage"') }),
  'GET /api/vocabularies/stage/transitions': () =>
    Promise.resolve({
      request: { method: 'GET', url: '/api/vocabularies/stage/transitions' },
      check: contains('follow_up'),
    }),
  'PUT /api/vocabularies/stage/transitions': () =>
    Promise.resolve({
      request: { method: 'PUT', url: '/api/vocabularies/stage/transitions', payload: { from: 'closed', to: 'intake' } },
    }),
  'DELETE /api/vocabularies/stage/transitions': async ({ world }) => {
    await world.seed.transition('closed', 'verification');
    return {
      request: {
        method: 'DELETE',
        url: '/api/vocabularies/stage/transitions',
        payload: { from: 'closed', to: 'verification' },
      },
    };
  },
  'GET /api/vocabularies/:vocabulary': ({ world }) =>
    Promise.resolve({ request: { method: 'GET', url: '/api/vocabularies/region' }, check: contains(world.termId) }),
  'GET /api/vocabularies/:vocabulary/terms/:termId': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/vocabularies/region/terms/${world.termId}` },
      check: contains(world.termId),
    }),
  'POST /api/vocabularies/:vocabulary/terms': () => {
    const code = unique('t_');
    return Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/vocabularies/region/terms',
        payload: { code, labelRu: `Термин ${code}`, labelEn: `Term ${code}` },
      },
      check: contains(code),
    });
  },
  'PATCH /api/vocabularies/:vocabulary/terms/:termId': async ({ world }) => {
    const id = await world.seed.term('region');
    return {
      request: { method: 'PATCH', url: `/api/vocabularies/region/terms/${id}`, payload: { labelEn: 'Renamed term' } },
      check: contains(id, 'Renamed term'),
    };
  },

  'POST /api/people': () =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/people',
        payload: { personRole: 'serviceman', nameLatin: { family: unique('Standalone') } },
      },
    }),
  'GET /api/people/duplicates': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/people/duplicates?personId=${world.duplicate.personId}` },
      check: contains(world.duplicate.otherId),
    }),
  'POST /api/people/:personId/merge': async ({ world }) => {
    const target = await world.freshCase('ungranted');
    const from = await world.seed.personOn(target.id);
    const into = await world.seed.personOn(target.id);
    return {
      request: {
        method: 'POST',
        url: `/api/people/${from}/merge`,
        payload: { into, keep: { region: 'merged', contacts: 'both' } },
      },
      check: contains(into),
    };
  },
  'GET /api/people/:personId': onFreshCase(async (c, { world }) => {
    const id = await world.seed.personOn(c.id);
    return { request: { method: 'GET', url: `/api/people/${id}?limit=5` }, check: contains(id, c.id) };
  }),
  'PATCH /api/people/:personId': onFreshCase(async (c, { world }) => {
    const id = await world.seed.personOn(c.id);
    return {
      request: { method: 'PATCH', url: `/api/people/${id}`, payload: { nameLatin: { family: 'Renamedov' } } },
      check: contains(id, 'Renamedov'),
    };
  }),
  'POST /api/cases/:caseId/people': onFreshCase((c) =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: caseUrl(c, '/people'),
        payload: { role: 'serviceman', person: { nameLatin: { family: unique('Linked') } } },
      },
      check: contains(c.id),
    }),
  ),
  'DELETE /api/cases/:caseId/people/:personId': onFreshCase(async (c, { world }) => ({
    request: { method: 'DELETE', url: caseUrl(c, `/people/${await world.seed.personOn(c.id)}`) },
  })),
  'PATCH /api/cases/:caseId/people/:personId': onFreshCase(async (c, { world }) => ({
    request: {
      method: 'PATCH',
      url: caseUrl(c, `/people/${await world.seed.personOn(c.id)}`),
      payload: { role: 'witness' },
    },
  })),

  'GET /api/intake': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: '/api/intake' },
      check: (response, { who }) => [
        ...contains(world.intakeId)(response),
        ...(who === 'intake' && response.body.includes(world.triagedIntakeId)
          ? ['a request opened as a case is listed to an intake volunteer']
          : []),
      ],
    }),
  // On `ungranted` the request has become a case: refused to volunteers, and a conflict for coordinators.
  'GET /api/intake/:intakeId': async ({ world, target }) => {
    const id = await world.freshIntake(target);
    return { request: { method: 'GET', url: `/api/intake/${id}` }, check: contains(id) };
  },
  'POST /api/intake/:intakeId/decline': async ({ world, target }) => ({
    request: {
      method: 'POST',
      url: `/api/intake/${await world.freshIntake(target)}/decline`,
      payload: { reason: 'spam' },
    },
    ...(target === 'ungranted' ? { status: 409 } : {}),
  }),
  'PATCH /api/intake/:intakeId': async ({ world, target }) => ({
    request: { method: 'PATCH', url: `/api/intake/${await world.freshIntake(target)}`, payload: { urgency: 'high' } },
    ...(target === 'ungranted' ? { status: 409 } : {}),
  }),

  'GET /api/intake/assignees': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: '/api/intake/assignees' },
      check: contains(world.seed.coordinator.user.id),
    }),
  'POST /api/intake/bulk': async ({ world, target }) => {
    const id = await world.freshIntake(target);
    return {
      request: {
        method: 'POST',
        url: '/api/intake/bulk',
        payload: { ids: [id], change: { kind: 'urgency', urgency: 'high' } },
      },
      check: contains(id),
    };
  },

  'GET /api/api-tokens': ({ world }) =>
    Promise.resolve({ request: { method: 'GET', url: '/api/api-tokens' }, check: contains(world.apiToken.id) }),
  'POST /api/api-tokens': () =>
    Promise.resolve({ request: { method: 'POST', url: '/api/api-tokens', payload: { label: unique('bot ') } } }),
  'DELETE /api/api-tokens/:tokenId': async ({ world }) => ({
    request: { method: 'DELETE', url: `/api/api-tokens/${(await world.seed.apiToken()).id}` },
  }),

  'GET /api/saved-filters': () => Promise.resolve({ request: { method: 'GET', url: '/api/saved-filters' } }),
  'POST /api/saved-filters': () =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/saved-filters',
        payload: { name: unique('Мои дела '), filters: { stage: 'intake', open: 'true', sort: 'number' } },
      },
    }),
  'DELETE /api/saved-filters/:filterId': async ({ call }) => {
    // The identity's own filter where it may make one; for the others, access is refused before any lookup.
    const made = await call({
      method: 'POST',
      url: '/api/saved-filters',
      payload: { name: unique('Удалить '), filters: {} },
    });
    const id = made.statusCode === 201 ? made.json<{ id: string }>().id : crypto.randomUUID();
    return { request: { method: 'DELETE', url: `/api/saved-filters/${id}` } };
  },

  'POST /api/cases': () =>
    Promise.resolve({
      request: { method: 'POST', url: '/api/cases', payload: { type: 'contract_termination', title: unique('New ') } },
    }),
  'GET /api/cases': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/cases?q=${world.word}` },
      check: (response, context) => listed(response, context, 'list'),
    }),
  'GET /api/search': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/search?q=${world.word}&types=case` },
      check: (response, context) =>
        ['intake', 'analyst', 'admin', 'admin_break_glass'].includes(context.who)
          ? listed(response, { ...context, who: 'analyst' }, 'list')
          : listed(response, context, 'list'),
    }),
  'GET /api/me/work': () =>
    Promise.resolve({
      request: { method: 'GET', url: '/api/me/work' },
      check: (response, context) => listed(response, context, 'work'),
    }),
  'GET /api/cases/:caseId': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'GET', url: caseUrl(c) }, check: contains(c.id, c.title) }),
  ),
  'GET /api/cases/by-number/:number': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'GET', url: `/api/cases/by-number/${c.number}` }, check: contains(c.id) }),
  ),
  'GET /api/cases/:caseId/requests': onFreshCase(async (c, { world }) => {
    const intakeId = await world.seed.intake();
    await world.seed.attach(c.id, intakeId);
    return { request: { method: 'GET', url: caseUrl(c, '/requests') }, check: contains(intakeId) };
  }),
  'PATCH /api/cases/:caseId': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'PATCH', url: caseUrl(c), payload: { title: 'Renamed case' } } }),
  ),
  'POST /api/cases/:caseId/attach-intake': onFreshCase(async (c, { world }) => ({
    request: { method: 'POST', url: caseUrl(c, '/attach-intake'), payload: { intakeId: await world.seed.intake() } },
  })),
  'GET /api/cases/assignable': ({ world }) =>
    Promise.resolve({ request: { method: 'GET', url: '/api/cases/assignable' }, check: contains(world.bystanderId) }),
  'GET /api/cases/:caseId/assignable': onFreshCase((c, { world }) =>
    Promise.resolve({ request: { method: 'GET', url: caseUrl(c, '/assignable') }, check: contains(world.bystanderId) }),
  ),
  'POST /api/cases/:caseId/purge': onFreshCase((c) =>
    Promise.resolve({
      request: { method: 'POST', url: caseUrl(c, '/purge'), payload: { reason: 'duplicate', confirmNumber: c.number } },
    }),
  ),
  'POST /api/cases/:caseId/stage': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'POST', url: caseUrl(c, '/stage'), payload: { to: 'safety_triage' } } }),
  ),
  'POST /api/cases/:caseId/outcome': onFreshCase(async (c, { world }) => {
    await world.seed.stage(c.id, 'resolved');
    return { request: { method: 'POST', url: caseUrl(c, '/outcome'), payload: { outcome: 'dismissed' } } };
  }),
  'POST /api/cases/:caseId/close': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'POST', url: caseUrl(c, '/close'), payload: { reason: 'done' } } }),
  ),
  'POST /api/cases/:caseId/reopen': onFreshCase(async (c, { world }) => {
    await world.seed.close(c.id);
    return { request: { method: 'POST', url: caseUrl(c, '/reopen') } };
  }),
  'GET /api/cases/:caseId/timeline': onFreshCase(async (c, { world }) => {
    const noteId = await world.seed.note(c.id);
    return { request: { method: 'GET', url: caseUrl(c, '/timeline') }, check: contains(noteId) };
  }),
  'POST /api/cases/:caseId/notes': onFreshCase((c) =>
    Promise.resolve({ request: { method: 'POST', url: caseUrl(c, '/notes'), payload: { body: unique('Note ') } } }),
  ),
  'POST /api/cases/:caseId/tasks': onFreshCase((c) =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: caseUrl(c, '/tasks'),
        payload: { title: unique('Task '), dueDate: '2027-01-15' },
      },
    }),
  ),
  'PATCH /api/cases/:caseId/tasks/:taskId': onFreshCase(async (c, { world }) => ({
    request: { method: 'PATCH', url: caseUrl(c, `/tasks/${await world.seed.task(c.id)}`), payload: { done: true } },
  })),
  'GET /api/cases/:caseId/grants': onFreshCase((c, { world }) =>
    Promise.resolve({ request: { method: 'GET', url: caseUrl(c, '/grants') }, check: contains(world.bystanderId) }),
  ),
  'PUT /api/cases/:caseId/grants/:userId': onFreshCase((c, { world }) =>
    Promise.resolve({ request: { method: 'PUT', url: caseUrl(c, `/grants/${world.granteeId}`) } }),
  ),
  'DELETE /api/cases/:caseId/grants/:userId': onFreshCase((c, { world }) =>
    Promise.resolve({ request: { method: 'DELETE', url: caseUrl(c, `/grants/${world.bystanderId}`) } }),
  ),
};
