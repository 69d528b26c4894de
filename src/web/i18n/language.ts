export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the user's explicit language choice is kept between visits. */
export const LANGUAGE_STORAGE_KEY = 'homeward.lang';

/** Each language named in itself, so a reader finds their own whatever is showing. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ru: 'Русский',
  en: 'English',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The part of `Storage` we use, so tests and callers can pass a stand-in. */
export type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The language to start in: a saved choice wins, then a Russian browser gets
 * Russian, and everyone else English.
 */
export function detectLanguage(storage: LanguageStorage | undefined, navigatorLanguage: string | undefined): Language {
  const saved = readSaved(storage);
  if (saved) return saved;
  if (navigatorLanguage?.toLowerCase().startsWith('ru')) return 'ru';
  return 'en';
}

export function saveLanguage(storage: LanguageStorage | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be full or disabled (private modes, policies); the switch
    // still works for this visit, it is only not remembered.
  }
}

/** `localStorage`, or undefined where touching it throws (sandboxed frames, disabled storage). */
export function browserStorage(): LanguageStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function readSaved(storage: LanguageStorage | undefined): Language | undefined {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
