import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { as, buildUser, sessionCookie, signIn, testClock, totpAt, type TestUser } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { issueSetupToken } from '../modules/session/session.service.js';
import { secretChecks } from './checks.js';
import { POLICIES, throttleKey } from './throttle.js';

/**
 * Second factor and throttles under parallel requests, on every database:
 * each code works once however many requests carry it at the same moment,
 * and a burst of guesses reaches the check no more often than the throttle
 * allows (five per account, then locks that double up to an hour).
 */
const STEP = 30_000;
const MINUTE = 60_000;
const FREE = 5;
const LOCKS_MINUTES = [1, 2, 4, 8, 16, 32, 60];

let addressCounter = 0;
/** A new client address for each request, so only the per-account (or per-user) count is at work. */
const freshAddress = () => {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

const statuses = (answers: LightMyRequestResponse[]) => {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.statusCode] = (counts[answer.statusCode] ?? 0) + 1;
  return counts;
};

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

const checksSince = (before: typeof secretChecks) => ({
  password: secretChecks.password - before.password,
  totp: secretChecks.totp - before.totp,
});

describe.each(TEST_DIALECTS)('second factor and throttles under concurrency on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
  });
  afterAll(() => t.cleanup());

  const user = (role: 'lawyer' | 'caseworker' = 'caseworker', enrolled = true) =>
    buildUser(t.database.handle.db, t.keyring, role, clock, { enrolled });

  const login = (payload: object, remoteAddress = freshAddress()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-homeward-request': '1' },
      remoteAddress,
      payload,
    });

  const burst = <T>(n: number, request: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => request(i)));

  /** Audit entries of `action` by `actorId`: one per check that was really made. */
  const audited = async (action: string, actorId: string) => {
    const row = await t.database.handle.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('action', '=', action)
      .where('actor_id', '=', actorId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const sessionsOf = async (userId: string) =>
    (await t.database.handle.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

  const correctSignIn = async (account: TestUser) =>
    login({ username: account.user.username, password: account.password, code: await totpAt(account.secret, clock) });

  it('lets exactly one of 20 parallel sign-ins with one TOTP code through', async () => {
    const account = await user();
    clock.advance(STEP);
    const code = await totpAt(account.secret, clock);
    const answers = await burst(20, () => login({ username: account.user.username, password: account.password, code }));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.every((a) => [200, 401, 429].includes(a.statusCode))).toBe(true);
    expect(await sessionsOf(account.user.id)).toBe(1);
    expect(await audited('session.login', account.user.id)).toBe(1);
  });

  it('lets exactly one of 20 parallel sign-ins with one recovery code through', async () => {
    const account = await user();
    const code = account.recoveryCodes[0];
    const answers = await burst(20, () => login({ username: account.user.username, password: account.password, code }));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(await sessionsOf(account.user.id)).toBe(1);
    const used = await t.database.handle.db
      .selectFrom('recovery_codes')
      .select('used_at')
      .where('user_id', '=', account.user.id)
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(1);
  });

  it('checks at most five of 60 parallel wrong passwords, then refuses the right one until the lock passes', async () => {
    const account = await user();
    clock.advance(STEP);
    const code = await totpAt(account.secret, clock);
    const before = { ...secretChecks };
    const answers = await burst(60, (i) =>
      login({ username: account.user.username, password: `wrong password ${i}`, code }),
    );
    expect(statuses(answers)).toEqual({ 401: FREE, 429: 60 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: FREE, totp: 0 });
    expect(answers.find((a) => a.statusCode === 429)?.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Every password checked leaves an audit entry: five, not sixty.
    expect(await audited('session.login_failed', account.user.id)).toBe(FREE);

    expect((await correctSignIn(account)).statusCode).toBe(429);
    clock.advance(2 * MINUTE);
    expect((await correctSignIn(account)).statusCode).toBe(200);
  });

  it('checks at most five of 40 parallel wrong TOTP codes with the right password', async () => {
    const account = await user('lawyer');
    clock.advance(STEP);
    const code = wrongCode(await totpAt(account.secret, clock));
    const before = { ...secretChecks };
    const answers = await burst(40, () => login({ username: account.user.username, password: account.password, code }));
    expect(statuses(answers)).toEqual({ 401: FREE, 429: 40 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: FREE, totp: FREE });
    expect(await audited('session.login_failed', account.user.id)).toBe(FREE);
    expect((await correctSignIn(account)).statusCode).toBe(429);
  });

  it('counts an unknown username like a known one', async () => {
    const before = { ...secretChecks };
    const answers = await burst(40, (i) =>
      login({ username: 'nobody-at-all', password: `guess ${i}`, code: '123456' }),
    );
    expect(statuses(answers)).toEqual({ 401: FREE, 429: 40 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: FREE, totp: 0 });
  });

  it('checks at most twenty of 100 parallel sign-ins from one address, across accounts', async () => {
    const address = '192.0.2.77';
    const before = { ...secretChecks };
    const answers = await burst(100, (i) =>
      login({ username: `spray-${i}`, password: 'Summer2026!!', code: '123456' }, address),
    );
    expect(statuses(answers)).toEqual({ 401: 20, 429: 80 });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: 20, totp: 0 });
  });

  it('checks at most five of 40 parallel TOTP codes at POST /api/me/recovery-codes, and audits each', async () => {
    const account = await user();
    clock.advance(STEP);
    const cookie = await signIn(t.app, account, clock);
    clock.advance(STEP);
    const code = wrongCode(await totpAt(account.secret, clock));
    const before = { ...secretChecks };
    const answers = await burst(40, () =>
      as(t.app, cookie)({ method: 'POST', url: '/api/me/recovery-codes', payload: { code } }),
    );
    expect(statuses(answers)).toEqual({ 400: FREE, 429: 40 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: 0, totp: FREE });
    expect(answers.find((a) => a.statusCode === 400)?.json()).toMatchObject({ error: { code: 'INVALID_CODE' } });
    expect(await audited('recovery_codes.regenerate_failed', account.user.id)).toBe(FREE);
    const right = {
      method: 'POST',
      url: '/api/me/recovery-codes',
      payload: { code: await totpAt(account.secret, clock) },
    } as const;
    expect((await as(t.app, cookie)(right)).statusCode).toBe(429);
    clock.advance(2 * MINUTE);
    const later = { ...right, payload: { code: await totpAt(account.secret, clock) } };
    const replaced = await as(t.app, cookie)(later);
    expect(replaced.statusCode).toBe(200);
    // …and that code works once, however many requests carry it.
    clock.advance(STEP);
    const once = { ...right, payload: { code: await totpAt(account.secret, clock) } };
    const parallel = await burst(4, () => as(t.app, cookie)(once));
    expect(parallel.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(await audited('recovery_codes.regenerate', account.user.id)).toBe(2);
  });

  it('checks at most five of 40 parallel current passwords at POST /api/me/password, and audits each', async () => {
    const account = await user();
    clock.advance(STEP);
    const cookie = await signIn(t.app, account, clock);
    const change = (currentPassword: string) =>
      as(
        t.app,
        cookie,
      )({
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword, newPassword: 'a brand new passphrase here' },
      });
    const before = { ...secretChecks };
    const answers = await burst(40, (i) => change(`not my password ${i}`));
    expect(statuses(answers)).toEqual({ 400: FREE, 429: 40 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: FREE, totp: 0 });
    expect(answers.find((a) => a.statusCode === 400)?.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'currentPassword' }] },
    });
    expect(await audited('password.change_failed', account.user.id)).toBe(FREE);
    expect((await change(account.password)).statusCode).toBe(429);
    clock.advance(2 * MINUTE);
    expect((await change(account.password)).statusCode).toBe(204);
  });

  it('checks at most five of 30 parallel codes at enrolment, and renews the session once enrolled', async () => {
    const account = await user('caseworker', false);
    const signedIn = await login({ username: account.user.username, password: account.password });
    expect(signedIn.json()).toMatchObject({ enrolmentRequired: true });
    const cookie = sessionCookie(signedIn);
    const enrol = await as(t.app, cookie)({ method: 'POST', url: '/api/me/totp' });
    const { secret } = enrol.json<{ secret: string }>();
    const confirm = (code: string) =>
      as(t.app, cookie)({ method: 'POST', url: '/api/me/totp/confirm', payload: { code } });

    const wrong = wrongCode(await totpAt(secret, clock));
    const before = { ...secretChecks };
    const answers = await burst(30, () => confirm(wrong));
    expect(statuses(answers)).toEqual({ 400: FREE, 429: 30 - FREE });
    // Argon2 and TOTP verifications actually run: no more than the throttle allows.
    expect(checksSince(before)).toEqual({ password: 0, totp: FREE });
    expect(await audited('totp.enrol_failed', account.user.id)).toBe(FREE);
    expect((await confirm(await totpAt(secret, clock))).statusCode).toBe(429);

    clock.advance(2 * MINUTE);
    const code = await totpAt(secret, clock);
    const confirms = await burst(20, () => confirm(code));
    expect(confirms.filter((a) => a.statusCode === 200)).toHaveLength(1);
    const done = confirms.find((a) => a.statusCode === 200);
    if (done === undefined) throw new Error('no confirmation went through');
    // A new session id and cookie; the enrolling session is gone.
    const renewed = sessionCookie(done);
    expect(renewed).not.toBe(cookie);
    const state = done.json<{ session: { session: { id: string } } }>().session;
    expect(state.session.id).not.toBe(signedIn.json<{ session: { id: string } }>().session.id);
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const now = await as(t.app, renewed)({ method: 'GET', url: '/api/session' });
    expect(now.json()).toMatchObject({ session: { id: state.session.id }, enrolmentRequired: false });
    expect(await sessionsOf(account.user.id)).toBe(1);
    expect(await audited('session.renew', account.user.id)).toBe(1);
  });

  it('keeps every lock its full length as locks double up to an hour, however many guesses race', async () => {
    const account = await user();
    const db = t.database.handle.db;
    const key = await throttleKey({ db, keyring: t.keyring }, POLICIES.account, account.user.username.toLowerCase());
    const lockedUntil = async () => {
      const row = await db
        .selectFrom('throttles')
        .select('locked_until')
        .where('key_hash', '=', key)
        .executeTakeFirst();
      return Date.parse(row?.locked_until ?? '');
    };
    let checked = 0;
    for (const [stage, minutes] of LOCKS_MINUTES.entries()) {
      clock.advance(STEP);
      const code = await totpAt(account.secret, clock);
      const startedAt = clock().getTime();
      const before = { ...secretChecks };
      const answers = await burst(stage === 0 ? 40 : 20, (i) =>
        login({ username: account.user.username, password: `wrong ${stage} ${i}`, code }),
      );
      const expected = stage === 0 ? FREE : 1;
      expect(statuses(answers)[401]).toBe(expected);
      // Argon2 and TOTP verifications actually run: no more than the throttle allows.
      expect(checksSince(before)).toEqual({ password: expected, totp: 0 });
      checked += expected;
      expect(await audited('session.login_failed', account.user.id)).toBe(checked);

      // The lock is at least `minutes` long: nothing lost shortened it.
      const longest = await lockedUntil();
      expect(longest - startedAt).toBeGreaterThanOrEqual(minutes * MINUTE);
      expect(longest - startedAt).toBeLessThan(minutes * MINUTE + MINUTE);

      clock.set(new Date(longest - 1_000));
      expect((await correctSignIn(account)).statusCode).toBe(429);
      clock.set(new Date(longest));
    }
    expect(checked).toBe(FREE + LOCKS_MINUTES.length - 1);
    // The hour-long lock repeats: the next guess after it is heard, and locks for another hour.
    const code = await totpAt(account.secret, clock);
    const after = await burst(20, (i) => login({ username: account.user.username, password: `last ${i}`, code }));
    expect(statuses(after)[401]).toBe(1);
    expect((await lockedUntil()) - clock().getTime()).toBeGreaterThanOrEqual(60 * MINUTE);
    clock.advance(61 * MINUTE);
    expect((await correctSignIn(account)).statusCode).toBe(200);
  });
});

describe.each(TEST_DIALECTS)('first-run setup under concurrency on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  /** What the server logged as errors, to name the cause of an answer outside the expected ones. */
  let serverErrors: string[];
  beforeEach(async () => {
    serverErrors = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => serverErrors.push(line) });
    t = await buildTestApp(dialect, { clock, logger });
  });
  afterEach(() => t.cleanup());

  const setup = (payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { 'x-homeward-request': '1' },
      remoteAddress: freshAddress(),
      payload,
    });
  const newToken = async () => {
    const token = await issueSetupToken(t.database.handle.db, clock());
    if (token === undefined) throw new Error('expected a setup token');
    return token;
  };

  it('makes exactly one administrator of 20 parallel setups with the token', async () => {
    const token = await newToken();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        setup({ token, username: `first${i}`, password: 'a long enough passphrase' }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    const unexpected = answers.filter((a) => ![201, 409, 429].includes(a.statusCode));
    expect(
      unexpected.map((a) => `${a.statusCode} ${a.body}`),
      serverErrors.join('\n'),
    ).toEqual([]);
    expect(await t.database.handle.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('hears at most five of 30 parallel wrong setup tokens, and audits each', async () => {
    await newToken();
    const wrong = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        setup({ token: `not the token ${i}`, username: `admin${i}`, password: 'a long enough passphrase' }),
      ),
    );
    expect(statuses(wrong)).toEqual({ 403: FREE, 429: 30 - FREE });
    const failed = await t.database.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'setup.failed')
      .execute();
    expect(failed).toHaveLength(FREE);
  });
});
