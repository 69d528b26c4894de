// The figures' titles and the dimensions' column headings in both languages:
// one list for the public /stats page, the staff dashboard and the
// administrator's publication page, so a figure is called the same everywhere.
import type { Dimension, Figure } from './statistics.schema.js';

type Language = 'en' | 'ru';

export const FIGURE_TITLES: Record<Language, Record<Figure, string>> = {
  en: {
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
  ru: {
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
};

export const DIMENSION_TITLES: Record<Language, Record<Dimension, string>> = {
  en: {
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
  ru: {
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
};
