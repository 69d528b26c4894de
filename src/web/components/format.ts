import { useTranslation } from 'react-i18next';

/**
 * Dates and times in the interface language (the locale's own format), in the
 * browser's time zone: the one formatter every page uses, so no ISO string
 * ever reaches a reader.
 */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return {
    /** "1 дек. 2026 г., 14:05" / "Dec 1, 2026, 2:05 PM". */
    dateTime: (iso: string | null | undefined) =>
      formatDateTime(language, iso, { dateStyle: 'medium', timeStyle: 'short' }),
    /** With seconds, for the audit log, where order within a minute matters. */
    preciseDateTime: (iso: string | null | undefined) =>
      formatDateTime(language, iso, { dateStyle: 'short', timeStyle: 'medium' }),
    /**
     * A calendar day ("1 дек. 2026 г."). A bare `YYYY-MM-DD` (a due date, a
     * birth date) is a day, not an instant: it is shown as that day in every
     * time zone.
     */
    date: (iso: string | null | undefined) => formatDay(language, iso),
    /** "3 дня назад", "через 2 дня", "yesterday": for times people think of relative to now. */
    relative: (iso: string | null | undefined, now: Date = new Date()) => formatRelative(language, iso, now),
  };
}

export type DateFormat = ReturnType<typeof useDateFormat>;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function formatDateTime(language: string, iso: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (!iso) return '—';
  if (DAY_ONLY.test(iso)) return formatDay(language, iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(language, options).format(date);
}

function formatDay(language: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = DAY_ONLY.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  if (DAY_ONLY.test(iso)) options.timeZone = 'UTC';
  return new Intl.DateTimeFormat(language, options).format(date);
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

function formatRelative(language: string, iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const date = DAY_ONLY.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  let value = (date.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/** Whole days from `iso` to `now` (0 on the day itself), for "open 12 days". */
export function daysSince(iso: string, now: Date = new Date()): number {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 86_400_000));
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
