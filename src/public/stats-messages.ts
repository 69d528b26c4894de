import type { Dimension, Figure } from '../shared/statistics.schema.js';
import { DIMENSION_TITLES, FIGURE_TITLES } from '../shared/statistics-titles.js';
import type { Lang } from './html.js';

/** The public statistics page's words, in Russian and English. */
export interface StatsMessages {
  title: string;
  otherLanguage: string;
  none: string;
  asOf: (date: string) => string;
  method: (k: number) => string;
  fewerThan: (k: number) => string;
  hidden: string;
  withheld: string;
  notRecorded: string;
  undatedOrEarlier: string;
  otherTerm: string;
  chartOf: (figure: string) => string;
  count: string;
  total: string;
  json: string;
  figures: Record<Figure, string>;
  dimensions: Record<Dimension, string>;
}

export const STATS_MESSAGES: Record<Lang, StatsMessages> = {
  en: {
    title: 'Statistics',
    otherLanguage: 'Русский',
    none: 'No statistics have been published yet.',
    asOf: (date) => `Figures as of ${date.replace(/\.$/, '')}.`,
    method: (k) =>
      `Only records whose consent allows publication are counted. Counts are rounded down to a multiple of ${k}; a count below ${k} is shown as “fewer than ${k}”, and some other counts are hidden so that a small one cannot be worked out from the rest.`,
    fewerThan: (k) => `fewer than ${k}`,
    hidden: 'hidden',
    withheld: 'Not shown: these figures could not be published without singling someone out.',
    notRecorded: 'Not recorded',
    undatedOrEarlier: 'Undated or before February 2022',
    otherTerm: 'Other',
    chartOf: (figure) => `Bar chart: ${figure}`,
    count: 'Count',
    total: 'Total',
    json: 'The same figures as JSON',
    figures: FIGURE_TITLES.en,
    dimensions: DIMENSION_TITLES.en,
  },
  ru: {
    title: 'Статистика',
    otherLanguage: 'English',
    none: 'Статистика пока не опубликована.',
    asOf: (date) => `Данные на ${date.replace(/\.$/, '')}.`,
    method: (k) =>
      `Учитываются только записи, согласие по которым разрешает публикацию. Числа округлены вниз до кратного ${k}; число меньше ${k} показано как «меньше ${k}», а некоторые другие числа скрыты, чтобы малое число нельзя было вычислить из остальных.`,
    fewerThan: (k) => `меньше ${k}`,
    hidden: 'скрыто',
    withheld: 'Не показано: эти данные нельзя опубликовать, не выделив конкретных людей.',
    notRecorded: 'Не указано',
    undatedOrEarlier: 'Без даты или до февраля 2022 года',
    otherTerm: 'Другое',
    chartOf: (figure) => `Столбчатая диаграмма: ${figure}`,
    count: 'Число',
    total: 'Всего',
    json: 'Те же данные в формате JSON',
    figures: FIGURE_TITLES.ru,
    dimensions: DIMENSION_TITLES.ru,
  },
};
