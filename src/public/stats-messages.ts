import type { Dimension, Figure } from '../shared/statistics.schema.js';
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
    asOf: (date) => `Figures as of ${date}.`,
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
    figures: {
      requests_by_month: 'Requests for help by month',
      requests_by_channel: 'Requests for help by channel',
      requests_by_region: 'Requests for help by region',
      requests_by_requester_role: 'Requests for help by who asked',
      cases_by_type: 'Cases by type',
      cases_by_stage: 'Cases by stage',
      cases_by_outcome: 'Cases by outcome',
      cases_by_region: 'Cases by region',
      people_home_by_region: 'People who came home, by region',
      incidents_by_month: 'Documented incidents by month',
      incidents_by_place: 'Documented incidents by place',
      acts_by_type: 'Documented acts by type',
      incidents_by_unit: 'Documented incidents by military unit (an incident counts under each of its units)',
    },
    dimensions: {
      month: 'Month',
      channel: 'Channel',
      region: 'Region',
      requester_role: 'Who asked',
      case_type: 'Type',
      stage: 'Stage',
      outcome: 'Outcome',
      act_type: 'Act',
      place: 'Place',
      unit: 'Unit',
    },
  },
  ru: {
    title: 'Статистика',
    otherLanguage: 'English',
    none: 'Статистика пока не опубликована.',
    asOf: (date) => `Данные на ${date}.`,
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
    figures: {
      requests_by_month: 'Обращения за помощью по месяцам',
      requests_by_channel: 'Обращения за помощью по каналам',
      requests_by_region: 'Обращения за помощью по регионам',
      requests_by_requester_role: 'Обращения за помощью: кто обратился',
      cases_by_type: 'Дела по типу',
      cases_by_stage: 'Дела по этапу',
      cases_by_outcome: 'Дела по итогу',
      cases_by_region: 'Дела по регионам',
      people_home_by_region: 'Вернулись домой, по регионам',
      incidents_by_month: 'Задокументированные инциденты по месяцам',
      incidents_by_place: 'Задокументированные инциденты по местам',
      acts_by_type: 'Задокументированные действия по видам',
      incidents_by_unit: 'Задокументированные инциденты по воинским частям (инцидент учтён у каждой своей части)',
    },
    dimensions: {
      month: 'Месяц',
      channel: 'Канал',
      region: 'Регион',
      requester_role: 'Кто обратился',
      case_type: 'Тип',
      stage: 'Этап',
      outcome: 'Итог',
      act_type: 'Действие',
      place: 'Место',
      unit: 'Часть',
    },
  },
};
