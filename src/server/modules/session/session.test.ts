import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, sessionCookie, signIn, testClock, totpAt, type TestUser } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../auth/sessions.js';

const STEP = 30_000;

describe.each(TEST_DIALECTS)('sessions on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let lawyer: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    lawyer = await buildUser(t.database.handle.db, t.keyring, 'lawyer', clock);
    admin = await buildUser(t.database.handle.db, t.keyring, 'admin', clock);
  });
  afterAll(() => t.cleanup());

  const login = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/session', headers: { 'x-homeward-request': '1' }, payload });

  it('signs in with password and TOTP code, in a __Host- cookie that is Secure, HttpOnly and SameSite=Strict', async () => {
    clock.advance(STEP);
    const response = await login({
      username: lawyer.user.username,
      password: lawyer.password,
      code: await totpAt(lawyer.secret, clock),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { id: lawyer.user.id, username: lawyer.user.username, role: 'lawyer', factorEnrolled: true },
      enrolmentRequired: false,
    });
    const cookie = response.cookies.find((c) => c.name === '__Host-homeward_session');
    expect(cookie).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(cookie?.domain).toBeUndefined();
    const me = await as(t.app, sessionCookie(response))({ method: 'GET', url: '/api/session' });
    expect(me.json()).toMatchObject({ user: { id: lawyer.user.id } });
  });

  it('gives a new session id at every sign-in', async () => {
    clock.advance(STEP);
    const first = await signIn(t.app, lawyer, clock);
    clock.advance(STEP);
    const second = await signIn(t.app, lawyer, clock);
    expect(first).not.toBe(second);
  });

  it('refuses a TOTP code used once already, even inside its window', async () => {
    clock.advance(STEP);
    const code = await totpAt(lawyer.secret, clock);
    expect((await login({ username: lawyer.user.username, password: lawyer.password, code })).statusCode).toBe(200);
    clock.advance(5_000);
    const replay = await login({ username: lawyer.user.username, password: lawyer.password, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('accepts each recovery code once', async () => {
    const [code] = lawyer.recoveryCodes;
    const payload = { username: lawyer.user.username, password: lawyer.password, code: code?.toUpperCase() };
    expect((await login(payload)).statusCode).toBe(200);
    expect((await login(payload)).statusCode).toBe(401);
  });

  it('refuses a wrong password, a missing code and a wrong code alike', async () => {
    clock.advance(STEP);
    const good = await totpAt(lawyer.secret, clock);
    const answers = await Promise.all([
      login({ username: lawyer.user.username, password: 'wrong password here', code: good }),
      login({ username: lawyer.user.username, password: lawyer.password }),
      login({
        username: lawyer.user.username,
        password: lawyer.password,
        code: good === '000000' ? '111111' : '000000',
      }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'The username, password or code is wrong.' },
      });
    }
  });

  it('answers an unknown username exactly as a wrong password, and leaves no cookie', async () => {
    clock.advance(STEP);
    const unknown = await login({ username: 'nobody-here', password: 'some password 123', code: '123456' });
    const wrong = await login({ username: admin.user.username, password: 'some password 123', code: '123456' });
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.cookies).toEqual([]);
    expect(wrong.cookies).toEqual([]);
  });

  it('ends a session after 30 idle minutes', async () => {
    clock.advance(STEP);
    const cookie = await signIn(t.app, lawyer, clock);
    clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
    clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
    clock.advance(IDLE_TIMEOUT_MS);
    const expired = await as(t.app, cookie)({ method: 'GET', url: '/api/session' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    clock.advance(STEP);
    const cookie = await signIn(t.app, lawyer, clock);
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - IDLE_TIMEOUT_MS; elapsed += IDLE_TIMEOUT_MS / 2) {
      clock.advance(IDLE_TIMEOUT_MS / 2);
      expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
    }
    clock.advance(IDLE_TIMEOUT_MS);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
  });

  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    clock.advance(STEP);
    const cookie = await signIn(t.app, lawyer, clock);
    const out = await as(t.app, cookie)({ method: 'DELETE', url: '/api/session' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === '__Host-homeward_session')?.value).toBe('');
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
  });

  it("lets a user list and end their own sessions, not another user's", async () => {
    clock.advance(STEP);
    const phone = await signIn(t.app, lawyer, clock);
    clock.advance(STEP);
    const laptop = await signIn(t.app, lawyer, clock);
    const list = await as(t.app, laptop)({ method: 'GET', url: '/api/me/sessions', headers: { 'user-agent': 'x' } });
    const sessions = list.json<{ sessions: { id: string; current: boolean }[] }>().sessions;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneId = (await as(t.app, phone)({ method: 'GET', url: '/api/session' })).json<{ session: { id: string } }>()
      .session.id;

    clock.advance(STEP);
    const adminCookie = await signIn(t.app, admin, clock);
    const foreign = await as(t.app, adminCookie)({ method: 'DELETE', url: `/api/me/sessions/${phoneId}` });
    expect(foreign.statusCode).toBe(404);
    expect((await as(t.app, phone)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);

    expect((await as(t.app, laptop)({ method: 'DELETE', url: `/api/me/sessions/${phoneId}` })).statusCode).toBe(204);
    expect((await as(t.app, phone)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    expect((await as(t.app, laptop)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
  });

  it("lets an administrator end all of a user's sessions, and disabling a user ends them at once", async () => {
    clock.advance(STEP);
    const cookie = await signIn(t.app, lawyer, clock);
    clock.advance(STEP);
    const adminCookie = await signIn(t.app, admin, clock);
    const revoke = await as(t.app, adminCookie)({ method: 'DELETE', url: `/api/users/${lawyer.user.id}/sessions` });
    expect(revoke.statusCode).toBe(204);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);

    clock.advance(STEP);
    const again = await signIn(t.app, lawyer, clock);
    const disable = await as(
      t.app,
      adminCookie,
    )({
      method: 'PATCH',
      url: `/api/users/${lawyer.user.id}`,
      payload: { disabled: true },
    });
    expect(disable.json()).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await as(t.app, again)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    clock.advance(STEP);
    const refused = await login({
      username: lawyer.user.username,
      password: lawyer.password,
      code: await totpAt(lawyer.secret, clock),
    });
    expect(refused.statusCode).toBe(401);
    await as(
      t.app,
      adminCookie,
    )({ method: 'PATCH', url: `/api/users/${lawyer.user.id}`, payload: { disabled: false } });
  });
});
