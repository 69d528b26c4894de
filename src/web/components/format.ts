import { useTranslation } from 'react-i18next';

/** Dates and times in the interface language, in the browser's time zone. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return {
    dateTime: (iso: string | null | undefined) =>
      formatDateTime(language, iso, { dateStyle: 'medium', timeStyle: 'short' }),
    /** With seconds, for the audit log, where order within a minute matters. */
    preciseDateTime: (iso: string | null | undefined) =>
      formatDateTime(language, iso, { dateStyle: 'short', timeStyle: 'medium' }),
  };
}

function formatDateTime(language: string, iso: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** A TOTP secret in groups of four, easier to type from the screen: `JBSW Y3DP EHPK 3PXP`. */
export function groupInFours(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/YaBrowser\//, 'Yandex Browser'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox, Windows" from a user-agent string; the raw string when neither is recognised. */
export function describeUserAgent(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser && !system) return userAgent || '—';
  return [browser, system].filter(Boolean).join(', ');
}
