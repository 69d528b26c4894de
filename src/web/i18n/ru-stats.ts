import { FIGURE_TITLES } from '../../shared/statistics-titles.js';
import type { stats as en } from './en-stats.js';

const figures = FIGURE_TITLES.ru;

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
    count: 'Количество',
    total: 'Всего',
    notRecorded: 'Не указано',
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
