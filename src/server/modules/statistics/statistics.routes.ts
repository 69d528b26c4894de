import {
  figureParams,
  figureSchema,
  publicationSettingsSchema,
  RESEARCH_COLUMNS,
  researchDatasetSchema,
  researchDictionarySchema,
  snapshotListSchema,
  snapshotParams,
  snapshotSchema,
  statisticsOverviewSchema,
  statisticsQuery,
  timeToOutcomeSchema,
} from '../../../shared/statistics.schema.js';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import {
  listSnapshots,
  previewSnapshot,
  publicationSettings,
  publishSnapshot,
  savePublicationSettings,
  snapshotById,
} from './publication.service.js';
import { researchCsv, researchDataset } from './research.js';
import { csvOf, figure, figureCsv, overview, timeToOutcomeOf } from './statistics.service.js';

const READ_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;
const WRITE_ERRORS = [...READ_ERRORS, 'CSRF_REJECTED'] as const;
const READ = { kind: 'action', action: 'statistics.read' } as const;
const PUBLISH = { kind: 'action', action: 'statistics.publish' } as const;
const ANALYSE = { kind: 'action', action: 'incident.analyse' } as const;
const tags = ['statistics'];

/** The staff figures (exact, filtered), each as JSON and CSV, and the administrator's publications. */
export function statisticsRoutes(deps: RouteDeps) {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/statistics',
      summary: 'Every figure (exact counts from plain columns) and the time from intake to outcome',
      tags,
      access: READ,
      query: statisticsQuery,
      response: statisticsOverviewSchema,
      errors: READ_ERRORS,
      handler: ({ query }) => overview(db, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/figures/:figure',
      summary: 'One figure as JSON',
      tags,
      access: READ,
      params: figureParams,
      query: statisticsQuery,
      response: figureSchema,
      errors: READ_ERRORS,
      handler: ({ params, query }) => figure(db, params.figure, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/figures/:figure/csv',
      summary: 'One figure as CSV: the same rows and total as its JSON',
      tags,
      access: READ,
      params: figureParams,
      query: statisticsQuery,
      response: { kind: 'csv', attachment: 'figure.csv' },
      errors: READ_ERRORS,
      handler: async ({ params, query }) => ({
        status: 200,
        body: figureCsv(await figure(db, params.figure, query)),
        filename: `${params.figure}.csv`,
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/time-to-outcome',
      summary: 'Days from intake to outcome: median and quartiles',
      tags,
      access: READ,
      query: statisticsQuery,
      response: timeToOutcomeSchema,
      errors: READ_ERRORS,
      handler: ({ query }) => timeToOutcomeOf(db, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/time-to-outcome/csv',
      summary: 'Days from intake to outcome as CSV',
      tags,
      access: READ,
      query: statisticsQuery,
      response: { kind: 'csv', attachment: 'time-to-outcome.csv' },
      errors: READ_ERRORS,
      handler: async ({ query }) => {
        const t = await timeToOutcomeOf(db, query);
        const header = ['cases', 'lower_quartile_days', 'median_days', 'upper_quartile_days'];
        return {
          status: 200,
          body: csvOf(header, [[t.cases, t.lowerQuartileDays, t.medianDays, t.upperQuartileDays]]),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/publication',
      summary: 'Which figures are published and the suppression threshold k (administrators)',
      tags,
      access: PUBLISH,
      response: publicationSettingsSchema,
      errors: READ_ERRORS,
      handler: () => publicationSettings(db),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/statistics/publication',
      summary: 'Choose the published figures and k (administrators; audited)',
      tags,
      access: PUBLISH,
      body: publicationSettingsSchema,
      response: publicationSettingsSchema,
      errors: WRITE_ERRORS,
      handler: (context) => savePublicationSettings(db, signedIn(context).userId, context.body, clock),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/publication/preview',
      summary: 'The snapshot that publishing now would store, suppressed against the last one',
      tags,
      access: PUBLISH,
      response: snapshotSchema,
      errors: READ_ERRORS,
      handler: () => previewSnapshot(db, clock),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/statistics/snapshots',
      summary: 'Publish a snapshot of the chosen figures (administrators; audited)',
      tags,
      access: PUBLISH,
      response: snapshotSchema,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: (context) => publishSnapshot(db, signedIn(context).userId, clock),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/snapshots',
      summary: 'Published snapshots, newest first',
      tags,
      access: PUBLISH,
      response: snapshotListSchema,
      errors: READ_ERRORS,
      handler: () => listSnapshots(db),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/snapshots/:snapshotId',
      summary: 'One published snapshot, as it was published',
      tags,
      access: PUBLISH,
      params: snapshotParams,
      response: snapshotSchema,
      errors: [...READ_ERRORS, 'NOT_FOUND'],
      handler: ({ params }) => snapshotById(db, params.snapshotId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/research/incidents',
      summary: 'The de-identified incident dataset: one row per act, codes and rounded counts (audited)',
      tags,
      access: ANALYSE,
      response: researchDatasetSchema,
      errors: READ_ERRORS,
      handler: (context) => researchDataset(db, signedIn(context).userId, clock),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/research/incidents/csv',
      summary: 'The de-identified incident dataset as CSV (audited)',
      tags,
      access: ANALYSE,
      response: { kind: 'csv', attachment: 'incidents-research.csv' },
      errors: READ_ERRORS,
      handler: async (context) => ({
        status: 200,
        body: researchCsv(await researchDataset(db, signedIn(context).userId, clock)),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/statistics/research/dictionary',
      summary: "The research dataset's data dictionary: every column, in Russian and English",
      tags,
      access: ANALYSE,
      response: researchDictionarySchema,
      errors: READ_ERRORS,
      handler: () => Promise.resolve({ columns: [...RESEARCH_COLUMNS] }),
    }),
  ];
}
