import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { as, buildUser, sessionCookie, signIn, testClock, totpAt, type TestUser } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { issueSetupToken } from './session.service.js';

const STEP = 30_000;

describe.each(TEST_DIALECTS)('first run, enrolment and throttling on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
  });
  afterAll(() => t.cleanup());

  const post = (url: string, payload: object, cookie?: string) => as(t.app, cookie)({ method: 'POST', url, payload });

  it('creates the first administrator with the setup token, who must enrol TOTP before anything else', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
    const token = await issueSetupToken(t.database.handle.db, clock());
    if (token === undefined) throw new Error('expected a setup token');

    const wrong = await post('/api/setup', {
      token: 'not-the-token',
      username: 'Admin',
      password: 'a long enough passphrase',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'INVALID_SETUP_TOKEN' } });

    const weak = await post('/api/setup', { token, username: 'Admin', password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'password', message: 'is on the list of common passwords' }],
      },
    });
    const short = await post('/api/setup', { token, username: 'Admin', password: 'short' });
    expect(short.json()).toMatchObject({
      error: { fields: [{ path: 'password', message: 'must be at least 12 characters' }] },
    });

    const setup = await post('/api/setup', { token, username: 'Admin', password: 'a long enough passphrase' });
    expect(setup.statusCode).toBe(201);
    expect(setup.json()).toMatchObject({
      user: { username: 'Admin', role: 'admin', factorEnrolled: false },
      enrolmentRequired: true,
    });
    const cookie = sessionCookie(setup);

    // Until the second factor is confirmed, nothing but enrolment is open.
    const users = await as(t.app, cookie)({ method: 'GET', url: '/api/users' });
    expect(users.statusCode).toBe(403);
    expect(users.json()).toMatchObject({ error: { code: 'ENROLMENT_REQUIRED' } });

    const enrol = await post('/api/me/totp', {}, cookie);
    expect(enrol.statusCode).toBe(200);
    const { secret, uri, qrSvg } = enrol.json<{ secret: string; uri: string; qrSvg: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Homeward:Admin\?/);
    expect(qrSvg).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrSvg.split(',')[1] ?? '', 'base64').toString()).toContain('<svg');

    const bad = await post('/api/me/totp/confirm', { code: '000000' }, cookie);
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_CODE' } });
    const confirm = await post(
      '/api/me/totp/confirm',
      { code: await generate({ secret, epoch: clock().getTime() / 1000 }) },
      cookie,
    );
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // The session is renewed: a new cookie works, the enrolling one no longer does.
    const renewed = sessionCookie(confirm);
    expect(renewed).not.toBe(cookie);
    expect((await as(t.app, renewed)({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);

    // Setup is closed once an administrator exists.
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
    const again = await post('/api/setup', { token, username: 'Other', password: 'a long enough passphrase' });
    expect(again.json()).toMatchObject({ error: { code: 'SETUP_NOT_AVAILABLE' } });
  });

  it('makes a user enrol again after an administrator resets their factor, and audits the reset', async () => {
    const db = t.database.handle.db;
    const admin = await buildUser(db, t.keyring, 'admin', clock);
    const worker = await buildUser(db, t.keyring, 'caseworker', clock);
    clock.advance(STEP);
    const adminCookie = await signIn(t.app, admin, clock);
    const reset = await post(`/api/users/${worker.user.id}/factor-reset`, {}, adminCookie);
    expect(reset.statusCode).toBe(204);

    clock.advance(STEP);
    const oldCode = await post('/api/session', {
      username: worker.user.username,
      password: worker.password,
      code: await totpAt(worker.secret, clock),
    });
    expect(oldCode.statusCode).toBe(200);
    expect(oldCode.json()).toMatchObject({ enrolmentRequired: true, user: { factorEnrolled: false } });
    const recovery = await post('/api/session', {
      username: worker.user.username,
      password: worker.password,
      code: worker.recoveryCodes[0],
    });
    expect(recovery.json()).toMatchObject({ enrolmentRequired: true });

    const audit = await as(
      t.app,
      adminCookie,
    )({ method: 'GET', url: `/api/audit?action=user.factor_reset&objectId=${worker.user.id}` });
    expect(audit.json()).toMatchObject({
      entries: [{ action: 'user.factor_reset', actorId: admin.user.id, objectId: worker.user.id }],
    });
  });

  it('slows and then refuses failed sign-ins per account, and counts unknown accounts the same', async () => {
    const target: TestUser = await buildUser(t.database.handle.db, t.keyring, 'lawyer', clock);
    const attempt = (username: string, password: string, address: string, code?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1' },
        remoteAddress: address,
        payload: { username, password, ...(code === undefined ? {} : { code }) },
      });
    for (const username of [target.user.username, 'no-such-user']) {
      for (let i = 0; i < 5; i++)
        expect((await attempt(username, 'wrong password!', `10.0.0.${i}`)).statusCode).toBe(401);
      const refused = await attempt(username, 'wrong password!', '10.0.1.2');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    }
    // Even the right password is refused while the account is locked (a minute, rounded up)…
    clock.advance(50_000);
    expect(
      (await attempt(target.user.username, target.password, '10.0.2.1', await totpAt(target.secret, clock))).statusCode,
    ).toBe(429);
    // …and heard again once the lock has passed.
    clock.advance(2 * 60_000);
    expect(
      (await attempt(target.user.username, target.password, '10.0.2.1', await totpAt(target.secret, clock))).statusCode,
    ).toBe(200);
  });

  it('refuses an address that fails against many accounts', async () => {
    const address = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1' },
        remoteAddress: address,
        payload: { username: `spray-${i}`, password: 'Summer2026!!', code: '123456' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
