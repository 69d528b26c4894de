import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { countAttempt, sweepThrottles, type ThrottlePolicy } from './throttle.js';

/**
 * What the throttle table gives away on a seized disk (nothing that links a
 * row to an address or a name, no request's time), that rows go once their
 * window has passed, and the rates that are not about guessing: intake per
 * API token, and a fixed-window rate under a burst.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

describe.each(TEST_DIALECTS)('throttle rows and rates on %s', (dialect) => {
  // An odd start, so a stored time that is a request's time would show.
  const clock = testClock('2026-11-25T10:17:23.456Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
  });
  afterAll(() => t.cleanup());

  const rows = () => t.database.handle.db.selectFrom('throttles').selectAll().execute();
  const login = (username: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-homeward-request': '1' },
      remoteAddress,
      payload: { username, password: 'a wrong password', code: '123456' },
    });

  it('keys rows so that hashing candidate addresses and names in the old formats matches none, with rounded times', async () => {
    const known = await buildUser(t.database.handle.db, t.keyring, 'lawyer', clock);
    const names = [known.user.username, 'Someone-Else'];
    const requestTimes: string[] = [];
    for (let i = 0; i < 12; i++) {
      clock.advance(1_234);
      requestTimes.push(clock().toISOString());
      await login(names[i % 2] ?? '', `203.0.113.${i}`);
    }
    const stored = await rows();
    expect(stored.length).toBeGreaterThanOrEqual(14);

    const candidates = new Set<string>();
    for (let last = 0; last < 256; last++) {
      const ip = `203.0.113.${last}`;
      for (const text of [ip, `address:${ip}`, `public-form:intake:${ip}`, `public-form:follow_up:${ip}`]) {
        candidates.add(sha256(text));
      }
    }
    for (const name of names) {
      for (const text of [name, name.toLowerCase(), `account:${name}`, `account:${name.toLowerCase()}`]) {
        candidates.add(sha256(text));
      }
    }
    for (const row of stored) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(candidates.has(row.key_hash)).toBe(false);
    }

    // Window ends on whole hours, locks on whole minutes: never a request's own time.
    for (const row of stored) {
      expect(Date.parse(row.window_ends_at) % HOUR).toBe(0);
      if (row.locked_until !== null) expect(Date.parse(row.locked_until) % MINUTE).toBe(0);
      expect(requestTimes).not.toContain(row.window_ends_at);
      expect(requestTimes).not.toContain(row.locked_until);
    }
    // Each name was guessed at six times: five heard, then locked; each address was tried once.
    expect(stored.filter((row) => row.tries === 5 && row.locked_until !== null)).toHaveLength(2);
    expect(stored.filter((row) => row.tries === 1)).toHaveLength(12);
  });

  it('deletes rows once their window and lock have passed: at the next try, and by the sweep', async () => {
    expect((await rows()).length).toBeGreaterThan(0);
    clock.advance(3 * HOUR);
    await login('a-new-name', '198.51.100.1');
    // Only the two rows of this try are left: every older one went at this write.
    expect(await rows()).toHaveLength(2);
    expect((await rows()).every((row) => row.tries === 1)).toBe(true);

    clock.advance(HOUR);
    expect(await sweepThrottles(t.database.handle.db, clock())).toBe(0);
    clock.advance(2 * HOUR);
    expect(await sweepThrottles(t.database.handle.db, clock())).toBe(2);
    expect(await rows()).toHaveLength(0);
  });

  it('lets exactly the limit of a fixed-window rate through a burst, until the window ends', async () => {
    const policy: ThrottlePolicy = { kind: 'fixed', scope: 'test-rate', limit: 7, windowMinutes: 10 };
    const deps = { db: t.database.handle.db, keyring: t.keyring };
    clock.set('2026-11-26T08:03:10.000Z');
    const burst = await Promise.all(Array.from({ length: 40 }, () => countAttempt(deps, policy, 'visitor-1', clock())));
    expect(burst.filter((o) => o.admitted)).toHaveLength(7);
    // Refused until the window (08:00–08:10) ends: 410 seconds.
    expect(burst.flatMap((o) => (o.admitted ? [] : [o.waitSeconds]))).toEqual(Array.from({ length: 33 }, () => 410));
    const [row] = await rows();
    expect(row).toMatchObject({ tries: 7, window_ends_at: '2026-11-26T08:10:00.000Z' });
    clock.set('2026-11-26T08:10:00.000Z');
    expect((await countAttempt(deps, policy, 'visitor-1', clock())).admitted).toBe(true);
    expect(await rows()).toMatchObject([{ tries: 1, window_ends_at: '2026-11-26T08:20:00.000Z' }]);
  });

  it('counts intake per API token across addresses, and wrong tokens per address', async () => {
    const admin = await buildUser(t.database.handle.db, t.keyring, 'admin', clock);
    const cookie = await signIn(t.app, admin, clock);
    const created = await as(t.app, cookie)({ method: 'POST', url: '/api/api-tokens', payload: { label: 'Bot' } });
    const { token } = created.json<{ token: string }>();
    const intake = (bearer: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/intake',
        headers: { authorization: `Bearer ${bearer}` },
        remoteAddress,
        // Not a valid request: the token is checked (and counted) first, and nothing is stored.
        payload: {},
      });
    const spread = await Promise.all(Array.from({ length: 110 }, (_, i) => intake(token, `192.0.2.${i % 50}`)));
    const count = (status: number) => spread.filter((a) => a.statusCode === status).length;
    expect({ 400: count(400), 429: count(429) }).toEqual({ 400: 100, 429: 10 });
    expect(spread.find((a) => a.statusCode === 429)?.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await intake(token, '192.0.2.200')).statusCode).toBe(429);

    const wrong = `hw_${'x'.repeat(43)}`;
    const guesses = await Promise.all(Array.from({ length: 30 }, () => intake(wrong, '198.51.100.9')));
    expect(guesses.filter((a) => a.statusCode === 401)).toHaveLength(20);
    expect(guesses.filter((a) => a.statusCode === 429)).toHaveLength(10);
    expect((await intake(wrong, '198.51.100.10')).statusCode).toBe(401);

    clock.advance(10 * MINUTE);
    expect((await intake(token, '192.0.2.1')).statusCode).toBe(400);
  });
});
