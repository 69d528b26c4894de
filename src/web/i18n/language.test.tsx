// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { currentLanguage, errorMessage, i18n, switchLanguage } from './i18n.js';
import { LANGUAGE_STORAGE_KEY, detectLanguage } from './language.js';

afterEach(() => {
  localStorage.clear();
});

describe('detectLanguage', () => {
  it('prefers a saved choice over the browser language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(detectLanguage(localStorage, 'ru-RU')).toBe('en');
  });

  it('chooses Russian for a Russian browser when nothing is saved', () => {
    expect(detectLanguage(localStorage, 'ru-RU')).toBe('ru');
    expect(detectLanguage(localStorage, 'ru')).toBe('ru');
  });

  it('chooses English for any other browser language', () => {
    expect(detectLanguage(localStorage, 'de-DE')).toBe('en');
    expect(detectLanguage(localStorage, undefined)).toBe('en');
  });

  it('ignores a saved value that is not a language we ship', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(detectLanguage(localStorage, 'ru-RU')).toBe('ru');
  });

  it('still answers when storage throws', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('SecurityError');
      },
    };
    expect(detectLanguage(broken, 'ru')).toBe('ru');
  });
});

describe('switchLanguage', () => {
  it('changes the interface language, <html lang>, and remembers the choice', async () => {
    await switchLanguage('en');
    expect(currentLanguage()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(i18n.t('home.title')).toBe('Home');

    await switchLanguage('ru');
    expect(document.documentElement.lang).toBe('ru');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');
    expect(i18n.t('home.title')).toBe('Главная');
  });

  it('gives error messages in the current language', async () => {
    await switchLanguage('en');
    expect(errorMessage(i18n.t, 'FORBIDDEN')).toBe('You do not have access to this.');
    await switchLanguage('ru');
    expect(errorMessage(i18n.t, 'FORBIDDEN')).toBe('У вас нет доступа к этому.');
  });
});
