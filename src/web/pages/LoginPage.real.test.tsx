// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n/i18n.js';
import { realApi, screenPerTest } from '../testing/harness.js';

/**
 * The sign-in page against the real server (started by the web project's
 * globalSetup): real answers, real error bodies, real cookies. A change of
 * the error body or of the session answer on the server fails here.
 */
const screen = screenPerTest();

/** Turns of a few milliseconds each: real answers take real time. */
const REAL = 500;

async function signIn(username: string, password: string, code: string): Promise<void> {
  await screen.find('login-username', REAL);
  await screen.type('login-username', username);
  await screen.type('login-password', password);
  await screen.type('login-code', code);
  await screen.click('login-submit');
}

describe('sign-in against the real server', () => {
  it.each([
    ['ru', 'Неверное имя пользователя, пароль или код.'],
    ['en', 'The username, password or code is wrong.'],
  ] as const)('shows the wrong-credentials message for a wrong password (%s)', async (language, message) => {
    await switchLanguage(language);
    const { server, seen } = realApi();
    await screen.render('/login');
    await signIn(server.accounts.caseworker.username, 'not the password at all', '123456');
    const error = await screen.find('login-error', REAL);
    expect(error.dataset.code).toBe('INVALID_CREDENTIALS');
    expect(error.textContent).toBe(message);
    expect(screen.path()).toBe('/login');
    expect(seen.some((r) => r.method === 'POST' && r.path === '/api/session')).toBe(true);
  });

  it('signs in with a recovery code and shows who is signed in', async () => {
    await switchLanguage('en');
    const { server } = realApi();
    await screen.render('/login');
    const { username, password, recoveryCodes } = server.accounts.caseworker;
    await signIn(username, password, recoveryCodes[0] ?? '');
    expect((await screen.find('user-menu-username', REAL)).textContent).toBe(username);
    expect(screen.byTestId('user-menu-role')?.dataset.role).toBe('caseworker');
  });
});
