// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n/i18n.js';
import { realApi, screenPerTest } from '../testing/harness.js';
import { REAL, signIn } from '../testing/real.js';

/**
 * The sign-in page against the real server (started by the web project's
 * globalSetup): real answers, real error bodies, real cookies. A change of
 * the error body or of the session answer on the server fails here.
 */
const screen = screenPerTest();

describe('sign-in against the real server', () => {
  it.each([
    ['ru', 'Неверное имя пользователя, пароль или код.'],
    ['en', 'The username, password or code is wrong.'],
  ] as const)('shows the wrong-credentials message for a wrong password (%s)', async (language, message) => {
    await switchLanguage(language);
    const { server, seen } = realApi();
    await screen.render('/login');
    await signIn(screen, server.accounts.caseworker.username, 'not the password at all', '123456');
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
    await signIn(screen, username, password, recoveryCodes[0] ?? '');
    expect((await screen.find('user-menu-username', REAL)).textContent).toBe(username);
    expect(screen.byTestId('user-menu-role')?.dataset.role).toBe('caseworker');
  });
});
