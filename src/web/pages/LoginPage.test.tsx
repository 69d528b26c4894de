// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n/i18n.js';
import { apiError, json, screenPerTest, sessionState, stubApi, type SeenRequest } from '../testing/harness.js';

const screen = screenPerTest('ru');

function signedOut(login: () => Response): SeenRequest[] {
  return stubApi({
    'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
    'GET /api/setup': () => json({ needed: false }),
    'POST /api/session': login,
  });
}

async function signIn(code = ''): Promise<void> {
  await screen.type('login-username', 'vera');
  await screen.type('login-password', 'wrong password here');
  if (code) await screen.type('login-code', code);
  await screen.click('login-submit');
}

describe('sign-in page', () => {
  it('labels its fields and sets the autocomplete hints password managers need', async () => {
    signedOut(() => json(sessionState()));
    await screen.render('/login');
    const username = (await screen.find('login-username')) as HTMLInputElement;
    const password = screen.byTestId('login-password') as HTMLInputElement;
    const code = screen.byTestId('login-code') as HTMLInputElement;
    expect(username.autocomplete).toBe('username');
    expect(password.autocomplete).toBe('current-password');
    expect(password.type).toBe('password');
    expect(code.autocomplete).toBe('one-time-code');
    // Recovery codes have letters: a numeric keyboard would lock them out.
    expect(code.type).toBe('text');
    expect(code.inputMode).not.toBe('numeric');
    expect(code.labels?.[0]?.textContent).toBe('Код из приложения-аутентификатора или резервный код');
    expect(username.labels?.[0]?.textContent).toBe('Имя пользователя');
  });

  it('shows INVALID_CREDENTIALS in Russian and in English, and clears the used code', async () => {
    const seen = signedOut(() => apiError(401, 'INVALID_CREDENTIALS'));
    await screen.render('/login');
    await signIn('123456');
    const error = await screen.find('login-error');
    expect(error.dataset.code).toBe('INVALID_CREDENTIALS');
    expect(error.textContent).toBe('Неверное имя пользователя, пароль или код.');
    expect((screen.byTestId('login-code') as HTMLInputElement).value).toBe('');
    expect(screen.path()).toBe('/login');

    await act(() => switchLanguage('en'));
    expect(screen.byTestId('login-error')?.textContent).toBe('The username, password or code is wrong.');

    const post = seen.find((r) => r.method === 'POST');
    expect(post?.headers.get('X-Homeward-Request')).toBe('1');
    expect(post?.headers.get('Content-Type')).toBe('application/json');
  });

  it('omits the code when it is left empty, for a first sign-in before enrolment', async () => {
    const seen = signedOut(() => json(sessionState({ factorEnrolled: false }, true)));
    await screen.render('/login');
    await signIn();
    await screen.waitForPath('/enrol');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ username: 'vera', password: 'wrong password here' });
  });

  it('says how long to wait when sign-in is throttled', async () => {
    signedOut(() => apiError(429, 'RATE_LIMITED', { 'Retry-After': '120' }));
    await screen.render('/login');
    await signIn('abcde-12345');
    const error = await screen.find('login-error');
    expect(error.dataset.code).toBe('RATE_LIMITED');
    expect(screen.byTestId('retry-after')?.textContent).toBe('Осталось подождать: 2 минуты.');
    await act(() => switchLanguage('en'));
    expect(screen.byTestId('retry-after')?.textContent).toBe('Time to wait: 2 minutes.');
  });

  it('checks for an empty username or password before asking the server', async () => {
    const seen = signedOut(() => json(sessionState()));
    await screen.render('/login');
    await screen.click('login-submit');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    const username = screen.byTestId('login-username') as HTMLInputElement;
    expect(username.getAttribute('aria-invalid')).toBe('true');
    const describedBy = username.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ').at(-1) ?? '')?.textContent).toBe('Заполните это поле.');
  });
});
