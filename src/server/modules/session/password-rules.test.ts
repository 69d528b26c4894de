import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock, type TestUser } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { issueSetupToken } from './session.service.js';

/**
 * A new password the rules refuse is named at its field with a reason code
 * (and the bound crossed), so the web app can say why in the reader's
 * language; with reason `invalid` it could only show the server's English.
 * Every route that takes a new password answers the same, and writes nothing.
 */
const REFUSED = [
  ['too short', 'short pass', { reason: 'too_short', limit: 12, message: 'must be at least 12 characters' }],
  // Twelve UTF-16 units, but six characters as a person counts them.
  [
    'too short in characters',
    '😀'.repeat(6),
    { reason: 'too_short', limit: 12, message: 'must be at least 12 characters' },
  ],
  ['too long', 'я'.repeat(129), { reason: 'too_long', limit: 128, message: 'must be at most 128 characters' }],
  ['common', 'Password1234', { reason: 'common', message: 'is on the list of common passwords' }],
] as const;

describe.each(TEST_DIALECTS)('new-password rules on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let admin: TestUser;
  let adminCookie: string;
  let vera: TestUser;
  let veraCookie: string;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const db = t.database.handle.db;
    admin = await buildUser(db, t.keyring, 'admin', clock);
    vera = await buildUser(db, t.keyring, 'caseworker', clock, { username: 'vera' });
    adminCookie = await signIn(t.app, admin, clock);
    veraCookie = await signIn(t.app, vera, clock);
  });
  afterAll(() => t.cleanup());

  const users = async () =>
    (
      await t.database.handle.db.selectFrom('users').select(['id', 'username', 'password_hash']).orderBy('id').execute()
    ).map((row) => ({ ...row }));

  it.each(REFUSED)('POST /api/users: a %s password', async (_case, password, field) => {
    const before = await users();
    const response = await as(
      t.app,
      adminCookie,
    )({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'new.lawyer', role: 'lawyer', password },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: `Invalid password: ${field.message}`,
        fields: [{ path: 'password', ...field }],
      },
    });
    expect(await users()).toEqual(before);
  });

  it.each(REFUSED)('POST /api/me/password: a %s new password', async (_case, password, field) => {
    const before = await users();
    const response = await as(
      t.app,
      veraCookie,
    )({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: vera.password, newPassword: password },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: `Invalid newPassword: ${field.message}`,
        fields: [{ path: 'newPassword', ...field }],
      },
    });
    expect(await users()).toEqual(before);
    // The session the change would have ended still works.
    expect((await as(t.app, veraCookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(200);
  });
});

describe.each(TEST_DIALECTS)('new-password rules at first run on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const issued = await issueSetupToken(t.database.handle.db, clock());
    if (issued === undefined) throw new Error('expected a setup token');
    token = issued;
  });
  afterAll(() => t.cleanup());

  it.each(REFUSED)('POST /api/setup: a %s password', async (_case, password, field) => {
    const response = await as(
      t.app,
      undefined,
    )({
      method: 'POST',
      url: '/api/setup',
      payload: { token, username: 'Admin', password },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: `Invalid password: ${field.message}`,
        fields: [{ path: 'password', ...field }],
      },
    });
    expect(await t.database.handle.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
  });
});
