// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n/i18n.js';
import { realApi, realServer, screenPerTest } from '../../testing/harness.js';
import { REAL, signIn } from '../../testing/real.js';

/**
 * A new password the server's rules refuse is worded at its field in the
 * reader's language, from the reason code the real server sends (not its
 * English detail, which a faked answer could word any way).
 */
const screen = screenPerTest();

describe.each([
  [
    'ru',
    'Этот пароль — один из самых распространённых, его легко угадать. Выберите другой, например фразу из нескольких слов.',
  ],
  [
    'en',
    'This password is one of the most common ones and easy to guess. Choose another, such as a phrase of several words.',
  ],
] as const)('against the real server, in %s', (language, common) => {
  // Each sign-in takes its own recovery code: one per language.
  const codeIndex = language === 'ru' ? 0 : 1;

  it('a common new password is named at its field', async () => {
    const { username, password, recoveryCodes } = realServer().accounts.rules;
    await switchLanguage(language);
    realApi();
    const s = screen;
    await s.render('/account');
    await signIn(s, username, password, recoveryCodes[codeIndex] ?? '');
    await s.find('password-current', REAL);
    await s.type('password-current', password);
    await s.type('password-new', 'password1234');
    await s.type('password-repeat', 'password1234');
    await s.click('password-submit');
    const error = await s.find('password-error', REAL);
    expect(error.dataset.code).toBe('VALIDATION_FAILED');
    const field = s.byTestId('password-new')?.parentElement?.querySelector('.field-error');
    expect(field?.getAttribute('data-reason')).toBe('common');
    expect(field?.textContent).toBe(common);
  });
});
