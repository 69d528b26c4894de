import { createInstance, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors.js';
import { en, type Messages } from './en.js';
import { LANGUAGES, browserStorage, detectLanguage, saveLanguage, type Language } from './language.js';
import { ru } from './ru.js';

declare module 'i18next' {
  // Makes `t('home.title')` a checked key: a typo or a removed message fails typecheck.
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * The app's one i18next instance. Resources are bundled and no backend plugin
 * is registered, so i18next never makes a network request (the CSP would
 * refuse one anyway).
 */
export const i18n = createInstance();

// Both bundles are in memory, so `initAsync: false` finishes init before the
// first render and no Suspense fallback is ever needed.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: detectLanguage(browserStorage(), globalThis.navigator.language),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  nonExplicitSupportedLngs: false,
  initAsync: false,
  showSupportNotice: false,
  // React escapes output already; escaping here too would double-encode.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

syncDocumentLanguage(currentLanguage());
i18n.on('languageChanged', (lng) => {
  syncDocumentLanguage(lng);
});

/** The language showing now, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
}

/** Switches the interface language and remembers the choice for the next visit. */
export async function switchLanguage(language: Language): Promise<void> {
  saveLanguage(browserStorage(), language);
  await i18n.changeLanguage(language);
}

/** The user-facing text for an API error code, in the current language. */
export function errorMessage(t: TFunction, code: ErrorCode): string {
  return t(`errors.${code}`);
}

// Screen readers pick pronunciation from <html lang>, so it must follow the UI.
function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
