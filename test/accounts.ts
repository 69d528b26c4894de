import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import type { Role } from '../src/shared/roles.js';
import { newTotpSecret } from '../src/server/auth/totp.js';
import type { Keyring } from '../src/server/crypto/keyring.js';
import type { Database, UserRow } from '../src/server/db/schema.js';
import { issueRecoveryCodes } from '../src/server/modules/session/session.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';

/** A clock tests move by hand: no test waits for real time. */
export interface TestClock {
  (): Date;
  set(time: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-25T10:00:00.000Z'): TestClock {
  let now = new Date(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (time) => {
    now = new Date(time);
  };
  clock.advance = (ms) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

export interface TestUser {
  user: UserRow;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

let counter = 0;

/** A staff account with a confirmed TOTP factor and recovery codes, as `homeward user add` makes. */
export async function buildUser(
  db: Kysely<Database>,
  keyring: Keyring,
  role: Role,
  clock: () => Date,
  overrides: { username?: string; enrolled?: boolean } = {},
): Promise<TestUser> {
  counter += 1;
  const password = `correct horse battery ${counter} staple`;
  const secret = newTotpSecret();
  const user = await createUser(
    db,
    keyring,
    null,
    {
      username: overrides.username ?? `${role}-${counter}`,
      role,
      password,
      ...(overrides.enrolled === false ? {} : { withTotpSecret: secret }),
    },
    clock,
  );
  const recoveryCodes = overrides.enrolled === false ? [] : await issueRecoveryCodes(db, user.id);
  return { user, password, secret, recoveryCodes };
}

/** The TOTP code of `secret` at the clock's time. */
export function totpAt(secret: string, clock: () => Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock().getTime() / 1000) });
}

/** The session cookie an answer sets, as a `cookie` request header. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('homeward_session'));
  if (cookie === undefined) throw new Error(`no session cookie in the answer (${String(response.statusCode)})`);
  return `${cookie.name}=${cookie.value}`;
}

/** Signs in through the API and returns the cookie header. */
export async function signIn(app: FastifyInstance, account: TestUser, clock: () => Date): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'x-homeward-request': '1' },
    payload: { username: account.user.username, password: account.password, code: await totpAt(account.secret, clock) },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return sessionCookie(response);
}

/** app.inject with the session cookie and the application header. */
export function as(app: FastifyInstance, cookie: string | undefined) {
  return (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({
      ...options,
      headers: { 'x-homeward-request': '1', ...(cookie === undefined ? {} : { cookie }), ...options.headers },
    });
}
