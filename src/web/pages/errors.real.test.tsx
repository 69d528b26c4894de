// @vitest-environment jsdom
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n/i18n.js';
import { realApi, realServer, screenPerTest, settle, type Screen, type WebApiAccount } from '../testing/harness.js';
import { REAL, signIn } from '../testing/real.js';

/**
 * The error paths a person meets, against the real server (the web project's
 * globalSetup): each shows its own message in Russian and English. Faked
 * answers could not catch the served app answering in another shape.
 */
const screen = screenPerTest();

/** A fresh app at `path` whose fetches go to the real server, with a cookie jar of its own. */
async function open(path: string, language: 'ru' | 'en'): Promise<Screen> {
  await switchLanguage(language);
  realApi();
  await screen.render(path);
  return screen;
}

/** A code none of the ones the server accepts now (one step of drift either way). */
async function wrongCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await Promise.all([-30, 0, 30].map((shift) => generate({ secret, epoch: now + shift })));
  return ['000000', '111111', '222222'].find((code) => !valid.includes(code)) ?? '333333';
}

const fieldError = (s: Screen, testId: string) =>
  s.byTestId(testId)?.parentElement?.querySelector('.field-error')?.textContent;

const server = realServer;
const account = (name: 'changer' | 'admin'): WebApiAccount => server().accounts[name];

describe.each([
  [
    'ru',
    {
      invalidCode: 'Код неверен или уже был использован. Дождитесь следующего кода в приложении и попробуйте ещё раз.',
      validationFailed: 'Часть данных заполнена неверно. Проверьте форму и попробуйте ещё раз.',
      incorrect: 'Неверно. Проверьте и введите ещё раз.',
      usernameTaken: 'Это имя пользователя уже занято. Выберите другое.',
    },
  ],
  [
    'en',
    {
      invalidCode: 'The code is wrong or has been used already. Wait for the next code in the app and try again.',
      validationFailed: 'Some of the data is not valid. Check the form and try again.',
      incorrect: 'This is not right. Check it and type it again.',
      usernameTaken: 'That username is taken. Choose another.',
    },
  ],
] as const)('against the real server, in %s', (language, text) => {
  // Each sign-in takes its own recovery code: one per language.
  const codeIndex = language === 'ru' ? 0 : 1;
  it('a wrong code at enrolment says the code is wrong', async () => {
    const { enrolee } = server();
    const s = await open('/login', language);
    await signIn(s, enrolee.username, enrolee.password);
    const secret = (await s.find('enrol-secret', REAL)).dataset.secret ?? '';
    await s.type('enrol-code', await wrongCode(secret));
    await s.click('enrol-submit');
    const error = await s.find('enrol-error', REAL);
    expect(error.dataset.code).toBe('INVALID_CODE');
    expect(error.textContent).toBe(text.invalidCode);
  });

  it('a wrong current password is named at its field', async () => {
    const changer = account('changer');
    const s = await open('/account', language);
    await signIn(s, changer.username, changer.password, changer.recoveryCodes[codeIndex] ?? '');
    await s.find('password-current', REAL);
    await s.type('password-current', 'this is not it at all');
    await s.type('password-new', 'a brand new long passphrase');
    await s.type('password-repeat', 'a brand new long passphrase');
    await s.click('password-submit');
    const error = await s.find('password-error', REAL);
    expect(error.dataset.code).toBe('VALIDATION_FAILED');
    expect(error.textContent).toBe(text.validationFailed);
    expect(fieldError(s, 'password-current')).toBe(text.incorrect);
  });

  it('a taken username when creating a user says so at the username', async () => {
    const admin = account('admin');
    const s = await open('/admin/users', language);
    await signIn(s, admin.username, admin.password, admin.recoveryCodes[codeIndex] ?? '');
    await s.find('user-new-username', REAL);
    await s.type('user-new-username', server().accounts.changer.username);
    await s.type('user-new-password', 'another long passphrase');
    await s.click('user-new-submit');
    for (let turn = 0; turn < REAL && fieldError(s, 'user-new-username') === undefined; turn += 1) {
      await settle(10);
    }
    expect(fieldError(s, 'user-new-username')).toBe(text.usernameTaken);
  });
});
