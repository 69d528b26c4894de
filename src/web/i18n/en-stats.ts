import { FIGURE_TITLES } from '../../shared/statistics-titles.js';

const figures = FIGURE_TITLES.en;

/** English messages of the staff statistics dashboard; part of `en`. */
export const stats = {
  stats: {
    title: 'Statistics',
    filters: 'Filters',
    from: 'From',
    to: 'To',
    region: 'Region',
    apply: 'Show',
    clear: 'Clear filters',
    badPeriod: 'The period must not end before it starts.',
    empty: 'There are no records for these filters yet.',
    figures,
    count: 'Count',
    total: 'Total',
    notRecorded: 'Not recorded',
    chartOf: 'Chart: {{figure}}. The same figures are in the table beside it.',
    downloadCsv: 'Download CSV',
    downloadJson: 'Download JSON',
    timeToOutcome: 'Time from intake to outcome',
    outcomeCases: 'Cases with an outcome',
    medianDays: 'Median, days',
    lowerQuartileDays: 'Lower quartile, days',
    upperQuartileDays: 'Upper quartile, days',
    noOutcomes: 'No case has an outcome yet.',
  },
};
