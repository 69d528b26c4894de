// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n/i18n.js';
import {
  apiError,
  json,
  sessionState,
  stubApi,
  validationFailed,
  type SeenRequest,
  screenPerTest,
} from '../testing/harness.js';

const screen = screenPerTest();

function newInstallation(setup: () => Response): SeenRequest[] {
  return stubApi({
    'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
    'GET /api/setup': () => json({ needed: true }),
    'POST /api/setup': setup,
    'POST /api/me/totp': () =>
      json({ secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://x', qrSvg: 'data:image/svg+xml;base64,PHN2Zy8+' }),
  });
}

async function fill(password: string, repeat: string): Promise<void> {
  await screen.type('setup-token', ' tok-123 ');
  await screen.type('setup-username', 'admin.one');
  await screen.type('setup-password', password);
  await screen.type('setup-password-repeat', repeat);
  await screen.click('setup-submit');
}

describe('first-run setup', () => {
  it('checks that the two passwords match before sending anything', async () => {
    const seen = newInstallation(() => json(sessionState({}, true), 201));
    await screen.render('/setup');
    await fill('a long enough passphrase', 'a long enough passphrasf');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    const repeat = screen.byTestId('setup-password-repeat') as HTMLInputElement;
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(screen.container.textContent).toContain('The two passwords are not the same.');
  });

  it('creates the administrator and goes on to enrol a second factor', async () => {
    const seen = newInstallation(() => json(sessionState({ factorEnrolled: false }, true), 201));
    await screen.render('/setup');
    expect((screen.byTestId('setup-password') as HTMLInputElement).autocomplete).toBe('new-password');
    await fill('a long enough passphrase', 'a long enough passphrase');
    await screen.waitForPath('/enrol');
    const post = seen.find((r) => r.method === 'POST' && r.path === '/api/setup');
    expect(post?.body).toEqual({ token: 'tok-123', username: 'admin.one', password: 'a long enough passphrase' });
    expect(post?.headers.get('X-Homeward-Request')).toBe('1');
  });

  it('puts a wrong token next to the token field and a refused password next to the password', async () => {
    let answer = apiError(403, 'INVALID_SETUP_TOKEN');
    newInstallation(() => answer);
    await screen.render('/setup');
    await fill('a long enough passphrase', 'a long enough passphrase');
    expect((await screen.find('setup-token')).getAttribute('aria-invalid')).toBe('true');

    answer = validationFailed([{ path: 'password', message: 'is on the list of common passwords', reason: 'common' }]);
    await screen.click('setup-submit');
    await screen.find('setup-error');
    const password = screen.byTestId('setup-password') as HTMLInputElement;
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.parentElement?.textContent).toContain(
      'This password is one of the most common ones and easy to guess. Choose another, such as a phrase of several words.',
    );
    expect(screen.byTestId('setup-token')?.getAttribute('aria-invalid')).toBeNull();
  });

  it.each([
    ['en', 'Too short: at least 3 characters.', 'Too long: at most 512 characters.'],
    ['ru', 'Слишком коротко: символов должно быть не меньше 3.', 'Слишком длинно: символов должно быть не больше 512.'],
  ] as const)('words a refused field by its reason code, in %s', async (language, short, long) => {
    await switchLanguage(language);
    newInstallation(() =>
      validationFailed([
        { path: 'username', message: 'must be at least 3 characters', reason: 'too_short', limit: 3 },
        { path: 'password', message: 'is too long', reason: 'too_long', limit: 512 },
      ]),
    );
    await screen.render('/setup');
    await fill('a long enough passphrase', 'a long enough passphrase');
    await screen.find('setup-error');
    const username = screen.byTestId('setup-username') as HTMLInputElement;
    const password = screen.byTestId('setup-password') as HTMLInputElement;
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(username.parentElement?.querySelector('.field-error')?.textContent).toBe(short);
    expect(password.parentElement?.querySelector('.field-error')?.textContent).toBe(long);
  });
});
