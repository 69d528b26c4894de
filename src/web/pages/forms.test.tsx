// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../shared/accounts.schema.js';
import type { VocabulariesResponse } from '../../shared/vocabularies.schema.js';
import {
  apiError,
  json,
  screenPerTest,
  sessionState,
  settle,
  stubApi,
  validationFailed,
  type SeenRequest,
} from '../testing/harness.js';

/**
 * The forms on React Hook Form over the server's schemas: wrong input is
 * named at its field, worded by reason in the reader's language, and nothing
 * is sent; a refusal from the server is shown where it belongs.
 */

const ADMIN = sessionState({ role: 'admin' });
const SELF: UserSummary = {
  id: ADMIN.user.id,
  username: ADMIN.user.username,
  role: 'admin',
  disabled: false,
  factorEnrolled: true,
  createdAt: '2026-11-20T09:00:00.000Z',
  activeSessions: 1,
};
const SUMMARY: VocabulariesResponse = { vocabularies: [{ vocabulary: 'force', terms: 0, retired: 0 }] };

const posts = (seen: SeenRequest[]) => seen.filter((request) => request.method !== 'GET');

describe('new user form, in English', () => {
  const screen = screenPerTest('en');

  function usersPage(create: () => Response): SeenRequest[] {
    return stubApi({
      'GET /api/session': () => json(ADMIN),
      'GET /api/users': () => json({ users: [SELF] }),
      'POST /api/users': create,
    });
  }

  it('names a short username and a short password by their limits and sends nothing', async () => {
    const seen = usersPage(() => json(SELF, 201));
    await screen.render('/admin/users');
    await screen.fill({ 'user-new-username': 'ab', 'user-new-password': 'short' });
    await screen.click('user-new-submit');
    expect(await screen.fieldError('user-new-username')).toBe('Too short: at least 3 characters.');
    expect(await screen.fieldError('user-new-password')).toBe('The password is too short: at least 12 characters.');
    await settle();
    expect(posts(seen)).toEqual([]);
  });

  it('asks for a username left empty, and takes a corrected one', async () => {
    const seen = usersPage(() => json({ ...SELF, username: 'new.one', role: 'caseworker' }, 201));
    await screen.render('/admin/users');
    await screen.type('user-new-password', 'long enough passphrase');
    await screen.click('user-new-submit');
    expect(await screen.fieldError('user-new-username')).toBe('Fill in this field.');
    await screen.type('user-new-username', '  new.one ');
    await screen.click('user-new-submit');
    await screen.find('user-created');
    // The schema's output is what goes: trimmed.
    expect(posts(seen).map((request) => request.body)).toEqual([
      { username: 'new.one', role: 'caseworker', password: 'long enough passphrase' },
    ]);
    expect(await screen.fieldError('user-new-username')).toBeUndefined();
  });

  it('shows a taken username at its field and a common password as the server named it', async () => {
    let answer = () => apiError(409, 'USERNAME_TAKEN');
    usersPage(() => answer());
    await screen.render('/admin/users');
    await screen.fill({ 'user-new-username': 'olga', 'user-new-password': 'password1234' });
    await screen.click('user-new-submit');
    expect(await screen.fieldError('user-new-username')).toBe('That username is taken. Choose another.');
    answer = () => validationFailed([{ path: 'password', message: 'is too common', reason: 'common' }]);
    await screen.type('user-new-username', 'olga2');
    await screen.click('user-new-submit');
    expect(await screen.fieldError('user-new-password')).toContain('one of the most common ones');
    expect(await screen.fieldError('user-new-username')).toBeUndefined();
  });
});

describe('sign-in and break-glass forms, in Russian', () => {
  const screen = screenPerTest('ru');

  it('asks for the username and password in Russian, then shows wrong credentials and empties the code', async () => {
    const seen = stubApi({
      'GET /api/session': () => apiError(401, 'UNAUTHENTICATED'),
      'POST /api/session': () => apiError(401, 'INVALID_CREDENTIALS'),
    });
    await screen.render('/login');
    await screen.click('login-submit');
    expect(await screen.fieldError('login-username')).toBe('Заполните это поле.');
    expect(await screen.fieldError('login-password')).toBe('Заполните это поле.');
    expect(posts(seen)).toEqual([]);

    await screen.fill({ 'login-username': ' vera ', 'login-password': 'wrong passphrase', 'login-code': 'ABCD 1234' });
    await screen.click('login-submit');
    expect((await screen.find('login-error')).getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
    expect(posts(seen).map((request) => request.body)).toEqual([
      { username: 'vera', password: 'wrong passphrase', code: 'abcd1234' },
    ]);
    expect((screen.byTestId('login-code') as HTMLInputElement).value).toBe('');
  });

  it('names each wrong break-glass field in Russian and sends nothing', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(ADMIN),
      'GET /api/break-glass': () => json({ grants: [] }),
    });
    await screen.render('/break-glass');
    await screen.fill({ 'bg-case': 'Иванов', 'bg-minutes': '500' });
    await screen.click('bg-submit');
    expect(await screen.fieldError('bg-case')).toBe('Это не номер дела вида 2026-0012 и не id дела.');
    expect(await screen.fieldError('bg-reason')).toBe('Заполните это поле.');
    expect(await screen.fieldError('bg-minutes')).toBe('Слишком много: не больше 240.');

    await screen.type('bg-case', '2026-0012');
    await screen.choose('bg-reason', 'other');
    await screen.fill({ 'bg-note': 'коротко', 'bg-minutes': '60' });
    await screen.click('bg-submit');
    expect(await screen.fieldError('bg-note')).toBe('Для «Другое» объясните причину, не короче 10 символов.');
    expect(await screen.fieldError('bg-case')).toBeUndefined();
    expect(posts(seen)).toEqual([]);
  });
});

describe('vocabulary and API token forms', () => {
  const screen = screenPerTest('en');

  it('refuses a code with spaces at its field, and says when the code is taken', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/vocabularies': () => json(SUMMARY),
      'GET /api/vocabularies/force': () => json({ vocabulary: 'force', terms: [] }),
      'POST /api/vocabularies/force/terms': () => apiError(409, 'CONFLICT'),
    });
    await screen.render('/vocabularies?v=force');
    await screen.fill({ 'vocab-new-code': 'border guard', 'vocab-new-ru': 'Пограничная служба' });
    await screen.click('vocab-new-submit');
    expect(await screen.fieldError('vocab-new-code')).toBe('Use 1 to 64 letters, digits, dashes and underscores.');
    expect(await screen.fieldError('vocab-new-en')).toBe('Fill in this field.');
    expect(posts(seen)).toEqual([]);

    await screen.fill({ 'vocab-new-code': 'border_guard', 'vocab-new-en': 'Border guard' });
    await screen.click('vocab-new-submit');
    expect(await screen.fieldError('vocab-new-code')).toBe(
      'This code is already used in this vocabulary. Choose another.',
    );
    expect(posts(seen).map((request) => request.body)).toEqual([
      { code: 'border_guard', labelRu: 'Пограничная служба', labelEn: 'Border guard', parentId: null },
    ]);
  });

  it('words the server naming a token label too long, with its limit', async () => {
    stubApi({
      'GET /api/session': () => json(ADMIN),
      'GET /api/api-tokens': () => json({ tokens: [] }),
      'POST /api/api-tokens': () =>
        validationFailed([{ path: 'label', message: 'too long', reason: 'too_long', limit: 100 }]),
    });
    await screen.render('/admin/api-tokens');
    await screen.click('token-create');
    expect(await screen.fieldError('token-label')).toBe('Fill in this field.');
    await screen.type('token-label', 'Telegram bot');
    await screen.click('token-create');
    expect(await screen.fieldError('token-label')).toBe('Too long: at most 100 characters.');
  });
});
