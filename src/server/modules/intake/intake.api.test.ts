import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp } from '../../../../test/intake.js';

const REQUEST = {
  channel: 'chat_bot',
  handle: 'Иванов',
  contact: '@ivanov_tg',
  requesterRole: 'self',
  groupSize: 1,
  region: 'RU-MOW',
  text: 'Рапорт об увольнении не принимают уже месяц',
  consentDocumentation: true,
};

describe.each(TEST_DIALECTS)('the intake API on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  const cookies = new Map<Role, string>();
  const call = (role: Role | undefined) => as(t.app, role === undefined ? undefined : cookies.get(role));
  const rows = (table: 'intake_requests' | 'api_tokens') =>
    t.database.handle.db.selectFrom(table).selectAll().execute();

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
    for (const role of ['admin', 'intake', 'coordinator', 'caseworker', 'analyst'] as const) {
      cookies.set(role, await signIn(t.app, await buildUser(t.database.handle.db, t.keyring, role, clock), clock));
    }
  });
  afterAll(() => t.cleanup());

  const post = (token: string | undefined, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/intake',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      payload: payload as Record<string, unknown>,
    });

  it('issues a token, takes requests with it, and refuses it once revoked', async () => {
    const created = await call('admin')({ method: 'POST', url: '/api/api-tokens', payload: { label: 'Telegram bot' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^hw_/);
    expect((await rows('api_tokens')).find((r) => r.id === id)?.token_hash).not.toContain(token);
    const list = await call('admin')({ method: 'GET', url: '/api/api-tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);

    const ok = await post(token, REQUEST);
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ receiptCode: string }>().receiptCode).toMatch(/^[0-9A-Z-]{24}$/);
    const stored = (await rows('intake_requests')).find((r) => r.id === ok.json<{ id: string }>().id);
    expect(stored).toMatchObject({ channel: 'chat_bot', api_token_id: id, urgency: 'normal' });

    expect((await call('admin')({ method: 'DELETE', url: `/api/api-tokens/${id}` })).statusCode).toBe(204);
    const refused = await post(token, REQUEST);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect([401, 403]).toContain((await post(undefined, REQUEST)).statusCode);
    expect((await post('hw_nonsense_nonsense_nonsense', REQUEST)).statusCode).toBe(401);
  });

  it('refuses bad input to the token routes and the intake API, naming the field and writing nothing', async () => {
    const noLabel = await call('admin')({ method: 'POST', url: '/api/api-tokens', payload: { label: '' } });
    expect(noLabel.statusCode).toBe(400);
    expect(noLabel.json()).toMatchObject({ error: { fields: [{ path: 'label' }] } });
    expect((await call('admin')({ method: 'DELETE', url: '/api/api-tokens/nope' })).statusCode).toBe(400);
    const { token } = (
      await call('admin')({ method: 'POST', url: '/api/api-tokens', payload: { label: 'Phone desk' } })
    ).json<{ token: string }>();
    const before = (await rows('intake_requests')).length;
    for (const [payload, field] of [
      [{ ...REQUEST, channel: 'pigeon' }, 'channel'],
      [{ ...REQUEST, region: 'XX' }, 'region'],
      [{ ...REQUEST, text: 'x'.repeat(10_001) }, 'text'],
      [{ ...REQUEST, handle: 'x'.repeat(101) }, 'handle'],
      [{ ...REQUEST, urgency: 'extreme' }, 'urgency'],
      [{ ...REQUEST, groupSize: 0 }, 'groupSize'],
    ] as const) {
      const response = await post(token, payload);
      expect(response.statusCode, field).toBe(400);
      expect(JSON.stringify(response.json()), field).toContain(`"path":"${field}"`);
    }
    expect((await rows('intake_requests')).length).toBe(before);
  });

  it('lets an intake volunteer list, open and decline requests, with matches among open requests only', async () => {
    const { token } = (
      await call('admin')({ method: 'POST', url: '/api/api-tokens', payload: { label: 'Bot 2' } })
    ).json<{ token: string }>();
    const { id } = (await post(token, { ...REQUEST, urgency: 'critical' })).json<{ id: string }>();
    clock.advance(60_000);
    const list = await call('intake')({ method: 'GET', url: '/api/intake' });
    expect(list.statusCode).toBe(200);
    const first = list.json<{ requests: { id: string; preview: string; ageSeconds: number }[] }>().requests[0];
    expect(first?.id).toBe(id);
    expect(first?.preview).toBe(REQUEST.text);
    expect(first?.ageSeconds).toBe(60);

    const detail = await call('intake')({ method: 'GET', url: `/api/intake/${id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ handle: 'Иванов', contact: '@ivanov_tg', text: REQUEST.text, messages: [] });
    expect(detail.json<{ possibleMatches: object }>().possibleMatches).not.toHaveProperty('cases');
    expect(detail.json<{ possibleMatches: object }>().possibleMatches).not.toHaveProperty('people');
    const coordinator = await call('coordinator')({ method: 'GET', url: `/api/intake/${id}` });
    expect(coordinator.json<{ possibleMatches: object }>().possibleMatches).toHaveProperty('cases');

    expect(
      (
        await call('intake')({
          method: 'PATCH',
          url: `/api/intake/${id}`,
          payload: { status: 'in_triage', urgency: 'high' },
        })
      ).statusCode,
    ).toBe(204);
    const badReason = await call('intake')({
      method: 'POST',
      url: `/api/intake/${id}/decline`,
      payload: { reason: 'boring' },
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json()).toMatchObject({ error: { fields: [{ path: 'reason' }] } });
    const declined = await call('intake')({
      method: 'POST',
      url: `/api/intake/${id}/decline`,
      payload: { reason: 'spam' },
    });
    expect(declined.statusCode).toBe(204);
    const row = (await rows('intake_requests')).find((r) => r.id === id);
    expect(row).toMatchObject({ status: 'declined', decline_reason: 'spam', urgency: 'high' });
    const again = await call('intake')({
      method: 'POST',
      url: `/api/intake/${id}/decline`,
      payload: { reason: 'spam' },
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.database.handle.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['intake.read', 'intake.update', 'intake.decline']),
    );

    const badQuery = await call('intake')({ method: 'GET', url: '/api/intake?status=lost' });
    expect(badQuery.statusCode).toBe(400);
    expect((await call('intake')({ method: 'GET', url: '/api/intake/not-a-uuid' })).statusCode).toBe(400);
    expect((await call('intake')({ method: 'PATCH', url: `/api/intake/${id}`, payload: {} })).statusCode).toBe(400);
  });

  it.each([['caseworker'], ['analyst'], ['admin'], [undefined]] as const)(
    'refuses %s on the triage routes',
    async (role) => {
      const id = crypto.randomUUID();
      for (const [method, url, payload] of [
        ['GET', '/api/intake', undefined],
        ['GET', `/api/intake/${id}`, undefined],
        ['POST', `/api/intake/${id}/decline`, { reason: 'spam' }],
        ['PATCH', `/api/intake/${id}`, { urgency: 'low' }],
      ] as const) {
        const response = await call(role)({ method, url, ...(payload === undefined ? {} : { payload }) });
        expect(response.statusCode, `${method} ${url}`).toBe(role === undefined ? 401 : 403);
      }
      if (role !== 'admin') {
        expect((await call(role)({ method: 'GET', url: '/api/api-tokens' })).statusCode).toBe(
          role === undefined ? 401 : 403,
        );
      }
    },
  );
});
