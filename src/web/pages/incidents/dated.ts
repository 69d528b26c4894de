import { useTranslation } from 'react-i18next';
import type { Dated } from '../../api/incidents.js';
import { useDateFormat } from '../../components/format.js';

const MONTH = /^(\d{4})-(\d{2})$/;

/** "март 2026" / "March 2026": the month as a name (its standalone form), then the year. */
function monthText(language: string, date: string): string {
  const [, year = '', month = ''] = MONTH.exec(date) ?? [];
  const day = new Date(Date.UTC(Number(year), Number(month) - 1, 15));
  const name = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(day);
  return `${name} ${year}`;
}

/**
 * A date as exactly as it is known, in words: "12 мар. 2026 г.", "март 2026",
 * "2025", and an estimate "около 2025". Never the ISO text.
 */
export function useDatedText() {
  const { t, i18n } = useTranslation();
  const { date } = useDateFormat();
  const language = i18n.resolvedLanguage ?? 'en';
  const written = (value: string) =>
    MONTH.test(value) ? monthText(language, value) : /^\d{4}$/.test(value) ? value : date(value);
  const one = (dated: Dated | null) => {
    if (dated === null) return null;
    const text = written(dated.date);
    return dated.precision === 'day' || dated.precision === 'month' || dated.precision === 'year'
      ? text
      : t('incidents.about', { date: text });
  };
  /** A period: one date, or "from – to"; "—" when neither is known. */
  return (start: Dated | null, end: Dated | null): string => {
    const [from, to] = [one(start), one(end)];
    if (from === null && to === null) return '—';
    if (from === null) return t('incidents.until', { date: to });
    if (to === null || to === from) return from;
    return `${from} – ${to}`;
  };
}
