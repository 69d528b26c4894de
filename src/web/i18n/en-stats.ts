import type { Figure } from '../../shared/statistics.schema.js';

const figures: Record<Figure, string> = {
  requests_by_month: 'Requests by month',
  requests_by_channel: 'Requests by channel',
  requests_by_region: 'Requests by region',
  requests_by_requester_role: 'Requests by who asked',
  cases_by_type: 'Cases by type',
  cases_by_stage: 'Cases by stage',
  cases_by_outcome: 'Cases by outcome',
  cases_by_region: 'Cases by region',
  people_home_by_region: 'People who came home, by region',
  incidents_by_month: 'Incidents by month',
  incidents_by_place: 'Incidents by place',
  acts_by_type: 'Acts by type',
  incidents_by_unit: 'Incidents by unit',
};

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
    value: 'Category',
    count: 'Count',
    total: 'Total',
    notRecorded: 'not recorded',
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
