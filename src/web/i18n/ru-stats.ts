import type { Figure } from '../../shared/statistics.schema.js';
import type { stats as en } from './en-stats.js';

const figures: Record<Figure, string> = {
  requests_by_month: 'Обращения по месяцам',
  requests_by_channel: 'Обращения по каналам',
  requests_by_region: 'Обращения по регионам',
  requests_by_requester_role: 'Обращения по тому, кто обратился',
  cases_by_type: 'Дела по типам',
  cases_by_stage: 'Дела по этапам',
  cases_by_outcome: 'Дела по исходам',
  cases_by_region: 'Дела по регионам',
  people_home_by_region: 'Вернувшиеся домой, по регионам',
  incidents_by_month: 'Инциденты по месяцам',
  incidents_by_place: 'Инциденты по местам',
  acts_by_type: 'Действия по видам',
  incidents_by_unit: 'Инциденты по подразделениям',
};

/** Russian messages of the staff statistics dashboard; part of `ru`. */
export const stats: typeof en = {
  stats: {
    title: 'Статистика',
    filters: 'Фильтры',
    from: 'С',
    to: 'По',
    region: 'Регион',
    apply: 'Показать',
    clear: 'Сбросить фильтры',
    badPeriod: 'Конец периода не может быть раньше его начала.',
    empty: 'Для этих фильтров пока нет записей.',
    figures,
    value: 'Категория',
    count: 'Количество',
    total: 'Всего',
    notRecorded: 'не указано',
    chartOf: 'Диаграмма: {{figure}}. Те же данные — в таблице рядом.',
    downloadCsv: 'Скачать CSV',
    downloadJson: 'Скачать JSON',
    timeToOutcome: 'Время от обращения до исхода',
    outcomeCases: 'Дел с исходом',
    medianDays: 'Медиана, дней',
    lowerQuartileDays: 'Нижний квартиль, дней',
    upperQuartileDays: 'Верхний квартиль, дней',
    noOutcomes: 'Ни у одного дела пока нет исхода.',
  },
};
