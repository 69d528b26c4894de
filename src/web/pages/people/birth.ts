import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../components/format.js';
import type { Person } from './types.js';

/** A birth date as its precision allows: a day, a month, a year, or "about" a date; never the ISO text. */
export function useBirthText() {
  const { t, i18n } = useTranslation();
  const { date } = useDateFormat();
  return (birth: NonNullable<Person['birth']>): string => {
    const [year, month] = birth.date.split('-');
    const language = i18n.resolvedLanguage ?? 'en';
    let text: string;
    if (birth.date.length === 4) text = birth.date;
    else if (birth.date.length === 7 && year && month)
      text = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(Number(year), Number(month) - 1, 1)),
      );
    else text = date(birth.date);
    return birth.precision === 'estimate' ? `${text} ${t('people.precision.estimate')}` : text;
  };
}
