import { totpAt } from './accounts.js';
import { contains, type Plan } from './matrix-plan.js';
import { unique } from './seed.js';

/** The valid calls of the session, own-account and user-administration routes (see matrix-requests.ts). */
export const ACCOUNT_REQUESTS: Record<string, Plan> = {
  'GET /api/session': ({ world, who }) =>
    Promise.resolve({
      request: { method: 'GET', url: '/api/session' },
      check: contains(world.identities.get(who)?.userId ?? 'anonymous'),
    }),
  'DELETE /api/session': async ({ fresh }) => ({
    request: { method: 'DELETE', url: '/api/session' },
    call: (await fresh()).call,
  }),
  'POST /api/me/totp': async ({ fresh }) => ({
    request: { method: 'POST', url: '/api/me/totp' },
    call: (await fresh({ enrolled: false })).call,
    check: contains('otpauth://'),
  }),
  'POST /api/me/totp/confirm': async ({ fresh, world }) => {
    const { call } = await fresh({ enrolled: false });
    const started = await call({ method: 'POST', url: '/api/me/totp' });
    const code =
      started.statusCode === 200 ? await totpAt(started.json<{ secret: string }>().secret, world.clock) : '000000';
    return {
      request: { method: 'POST', url: '/api/me/totp/confirm', payload: { code } },
      call,
      check: contains('recoveryCodes'),
    };
  },
  'POST /api/me/recovery-codes': async ({ fresh, world }) => {
    const { call, secret } = await fresh();
    // The sign-in spent this time step's code.
    world.clock.advance(31_000);
    return {
      request: { method: 'POST', url: '/api/me/recovery-codes', payload: { code: await totpAt(secret, world.clock) } },
      call,
      check: contains('recoveryCodes'),
    };
  },
  'POST /api/me/password': async ({ fresh }) => {
    const { call, password } = await fresh();
    return {
      request: {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: password, newPassword: `${unique('a brand new passphrase ')} for me` },
      },
      call,
    };
  },
  'GET /api/me/sessions': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/me/sessions' }, check: contains('"current":true') }),
  'DELETE /api/me/sessions': async ({ fresh }) => ({
    request: { method: 'DELETE', url: '/api/me/sessions' },
    call: (await fresh()).call,
  }),
  'DELETE /api/me/sessions/:sessionId': async ({ fresh }) => {
    const first = await fresh();
    const sessions = await first.call({ method: 'GET', url: '/api/me/sessions' });
    const id =
      sessions.statusCode === 200
        ? (sessions.json<{ sessions: { id: string }[] }>().sessions[0]?.id ?? '')
        : '00000000-0000-4000-8000-000000000000';
    return { request: { method: 'DELETE', url: `/api/me/sessions/${id}` }, call: first.call };
  },

  'GET /api/users': ({ world }) =>
    Promise.resolve({ request: { method: 'GET', url: '/api/users' }, check: contains(world.seed.admin.user.id) }),
  'POST /api/users': () =>
    Promise.resolve({
      request: {
        method: 'POST',
        url: '/api/users',
        payload: { username: unique('new-user-'), role: 'analyst', password: unique('a first passphrase ') },
      },
    }),
  'PATCH /api/users/:userId': async ({ world }) => {
    const { account } = await world.seed.user('analyst');
    return {
      request: { method: 'PATCH', url: `/api/users/${account.user.id}`, payload: { role: 'lawyer' } },
      check: contains(account.user.id),
    };
  },
  'POST /api/users/:userId/factor-reset': async ({ world }) => {
    const { account } = await world.seed.user('analyst');
    return { request: { method: 'POST', url: `/api/users/${account.user.id}/factor-reset` } };
  },
  'DELETE /api/users/:userId/sessions': async ({ world }) => {
    const { account } = await world.seed.user('analyst');
    return { request: { method: 'DELETE', url: `/api/users/${account.user.id}/sessions` } };
  },
  'GET /api/audit': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/audit?objectId=${world.caseA.id}` },
      check: contains('"action":"case.create"'),
    }),
  'GET /api/audit/export': ({ world }) =>
    Promise.resolve({
      request: { method: 'GET', url: `/api/audit/export?objectId=${world.caseA.id}&action=case.` },
      check: contains('case.create', world.caseA.id, world.caseA.number),
    }),
};
