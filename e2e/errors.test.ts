import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * The error paths a person meets, in the real built app: each shows its own
 * message, word for word, in Russian and in English. (The served app once
 * answered errors in a shape the web client could not read, so a wrong
 * password said "sign in to continue" and the rest "something went wrong".)
 */
const TEXTS = {
  'ru-RU': {
    invalidCredentials: 'Неверное имя пользователя, пароль или код.',
    invalidCode: 'Код неверен или уже был использован. Дождитесь следующего кода в приложении и попробуйте ещё раз.',
    validationFailed: 'Часть данных заполнена неверно. Проверьте форму и попробуйте ещё раз.',
    incorrect: 'Неверно. Проверьте и введите ещё раз.',
    usernameTaken: 'Это имя пользователя уже занято. Выберите другое.',
  },
  'en-US': {
    invalidCredentials: 'The username, password or code is wrong.',
    invalidCode: 'The code is wrong or has been used already. Wait for the next code in the app and try again.',
    validationFailed: 'Some of the data is not valid. Check the form and try again.',
    incorrect: 'This is not right. Check it and type it again.',
    usernameTaken: 'That username is taken. Choose another.',
  },
} as const;

type Locale = keyof typeof TEXTS;

/** A six-digit code that is none of the codes the server accepts now (it allows one step of drift). */
async function wrongCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await Promise.all([-30, 0, 30].map((shift) => generate({ secret, epoch: now + shift })));
  return ['000000', '111111', '222222'].find((code) => !valid.includes(code)) ?? '333333';
}

/** The error shown under the field whose input has `testId`. */
function fieldError(page: Page, testId: string) {
  return page.getByTestId(testId).locator('xpath=..').locator('.field-error');
}

describe('error messages in Chromium', () => {
  let e2e: E2eContext;
  let admin: E2eAccount;
  let adminCookie: string;

  /** A JSON call to the API as the web app makes it; returns the answer whatever its status. */
  const call = (method: string, path: string, body?: object, cookie?: string) =>
    fetch(`${e2e.server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-homeward-request': '1',
        ...(cookie === undefined ? {} : { cookie }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  /** An account made by the administrator and not yet enrolled: its first sign-in leads to enrolment. */
  const newAccount = async (username: string) => {
    const password = `${username} long passphrase`;
    const created = await call('POST', '/api/users', { username, role: 'caseworker', password }, adminCookie);
    expect(created.status).toBe(201);
    return { username, password };
  };

  /** An enrolled account whose TOTP secret the test knows. */
  const enrolledAccount = async (username: string) => {
    const account = await newAccount(username);
    const cookie = cookieOf(await call('POST', '/api/session', account));
    const { secret } = (await (await call('POST', '/api/me/totp', {}, cookie)).json()) as { secret: string };
    const confirmed = await call('POST', '/api/me/totp/confirm', { code: await generate({ secret }) }, cookie);
    expect(confirmed.status).toBe(200);
    return { ...account, secret };
  };

  beforeAll(async () => {
    e2e = await startE2e();
    admin = await e2e.setUpAdmin();
    const login = await call('POST', '/api/session', {
      username: admin.username,
      password: admin.password,
      code: admin.recoveryCodes.shift(),
    });
    expect(login.status).toBe(200);
    adminCookie = cookieOf(login);
  });
  afterAll(() => e2e.close());

  describe.each(Object.keys(TEXTS) as Locale[])('in %s', (locale) => {
    const text = TEXTS[locale];
    const tag = locale.slice(0, 2);

    it('a wrong password at sign-in says the credentials are wrong, not "sign in to continue"', async () => {
      const account = await enrolledAccount(`wrongpass-${tag}`);
      const page = await e2e.newPage({ locale });
      await page.goto(`${e2e.server.url}/login`);
      await page.getByTestId('login-username').fill(account.username);
      await page.getByTestId('login-password').fill('not my password at all');
      await page.getByTestId('login-code').fill(await generate({ secret: account.secret }));
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await expect.poll(() => error.textContent()).toBe(text.invalidCredentials);
      expect(await error.getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
      expect(page.url()).toMatch(/\/login/);
      await page.close();
    });

    it('a wrong TOTP code at sign-in says the credentials are wrong', async () => {
      const account = await enrolledAccount(`wrongtotp-${tag}`);
      const page = await e2e.newPage({ locale });
      await page.goto(`${e2e.server.url}/login`);
      await page.getByTestId('login-username').fill(account.username);
      await page.getByTestId('login-password').fill(account.password);
      await page.getByTestId('login-code').fill(await wrongCode(account.secret));
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await expect.poll(() => error.textContent()).toBe(text.invalidCredentials);
      expect(await error.getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
      await page.close();
    });

    it('a wrong code at enrolment says the code is wrong', async () => {
      const account = await newAccount(`enrolee-${tag}`);
      const page = await e2e.newPage({ locale });
      await page.goto(`${e2e.server.url}/login`);
      await page.getByTestId('login-username').fill(account.username);
      await page.getByTestId('login-password').fill(account.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/enrol$/);
      const secret = (await page.getByTestId('enrol-secret').getAttribute('data-secret')) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await page.getByTestId('enrol-code').fill(await wrongCode(secret));
      await page.getByTestId('enrol-submit').click();
      const error = page.getByTestId('enrol-error');
      await expect.poll(() => error.textContent()).toBe(text.invalidCode);
      expect(await error.getAttribute('data-code')).toBe('INVALID_CODE');
      await page.close();
    });

    it('a wrong current password at password change is named at its field', async () => {
      const account = await e2e.addUser('caseworker', `changer-${tag}`);
      const page = await e2e.newPage({ locale, account });
      await page.goto(`${e2e.server.url}/account`);
      await page.getByTestId('password-current').fill('this is not it at all');
      await page.getByTestId('password-new').fill('a brand new long passphrase');
      await page.getByTestId('password-repeat').fill('a brand new long passphrase');
      await page.getByTestId('password-submit').click();
      const error = page.getByTestId('password-error');
      await expect.poll(() => error.textContent()).toBe(text.validationFailed);
      expect(await fieldError(page, 'password-current').textContent()).toBe(text.incorrect);
      expect(await page.getByTestId('password-current').getAttribute('aria-invalid')).toBe('true');
      await page.close();
    });

    it('a taken username when creating a user says so at the username', async () => {
      await newAccount(`taken-${tag}`);
      const page = await e2e.newPage({ locale, account: admin });
      await page.goto(`${e2e.server.url}/admin/users`);
      await page.getByTestId('user-new-username').fill(`taken-${tag}`);
      await page.getByTestId('user-new-role').selectOption('intake');
      await page.getByTestId('user-new-password').fill('another long passphrase');
      await page.getByTestId('user-new-submit').click();
      await expect.poll(() => fieldError(page, 'user-new-username').textContent()).toBe(text.usernameTaken);
      expect(await page.getByTestId('user-created').count()).toBe(0);
      await page.close();
    });
  });

  it('broke no CSP rule on the way', () => {
    expect(e2e.consoleErrors.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
  });
});
