// Statistics (issue 11): the staff figures, the publication settings and the
// published snapshots. The server validates and answers with these schemas;
// the web app reads their inferred types. Every figure is a one-dimensional
// table counted from plain columns (codes, dates, counts), never from sealed text.
import { z } from 'zod';
import { TERM_CODE_PATTERN } from './vocabularies.js';

const count = z.number().int().min(0);

/** The records a figure counts; figures over the same records add up to the same total. */
export const RECORD_SETS = ['requests', 'cases', 'people_home', 'incidents', 'acts', 'incident_units'] as const;
export type RecordSet = (typeof RECORD_SETS)[number];

/** What a figure's rows are: a vocabulary's term codes, or months (YYYY-MM). */
export const DIMENSIONS = [
  'month',
  'channel',
  'region',
  'requester_role',
  'case_type',
  'stage',
  'outcome',
  'act_type',
  'place',
  'unit',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The fixed set of figures: each counts one record set along one dimension. */
export const FIGURE_INFO = {
  requests_by_month: { recordSet: 'requests', dimension: 'month' },
  requests_by_channel: { recordSet: 'requests', dimension: 'channel' },
  requests_by_region: { recordSet: 'requests', dimension: 'region' },
  requests_by_requester_role: { recordSet: 'requests', dimension: 'requester_role' },
  cases_by_type: { recordSet: 'cases', dimension: 'case_type' },
  cases_by_stage: { recordSet: 'cases', dimension: 'stage' },
  cases_by_outcome: { recordSet: 'cases', dimension: 'outcome' },
  cases_by_region: { recordSet: 'cases', dimension: 'region' },
  people_home_by_region: { recordSet: 'people_home', dimension: 'region' },
  incidents_by_month: { recordSet: 'incidents', dimension: 'month' },
  incidents_by_place: { recordSet: 'incidents', dimension: 'place' },
  acts_by_type: { recordSet: 'acts', dimension: 'act_type' },
  incidents_by_unit: { recordSet: 'incident_units', dimension: 'unit' },
} as const satisfies Record<string, { recordSet: RecordSet; dimension: Dimension }>;

export type Figure = keyof typeof FIGURE_INFO;
export const FIGURES = Object.keys(FIGURE_INFO) as [Figure, ...Figure[]];

/**
 * Outcomes after which the man is home: dismissed (any ground) or returned home without dismissal.
 * `people_home` counts the people of such cases (a group case counts its group size).
 */
export const HOME_OUTCOMES = [
  'dismissed',
  'dismissed_age',
  'dismissed_health',
  'dismissed_sentence',
  'dismissed_contract_expired',
  'dismissed_valid_reasons',
  'dismissed_disciplinary',
  'returned_home_not_dismissed',
] as const;

/**
 * The first month of a month series: the reported pattern begins in February 2022. A publication lists every
 * month from it (earlier or undated ones in the "not recorded" cell); staff series zero-fill from it.
 */
export const FIRST_MONTH = '2022-02';

/** The smallest count shown as itself in a publication, unless the administrator sets another. */
export const DEFAULT_SUPPRESSION_K = 5;
export const SUPPRESSION_K_MIN = 2;
export const SUPPRESSION_K_MAX = 100;

const termCode = z.string().regex(TERM_CODE_PATTERN);

/** The staff figures' filters: a period of days (inclusive) and a region term. */
export const statisticsQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    region: termCode.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'The period must not end before it starts.',
    path: ['to'],
  });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

export const figureParams = z.object({ figure: z.enum(FIGURES) });

/** One row of a staff figure: a term code or month (null: not recorded) and its exact count. */
export const figureRowSchema = z.object({ value: z.string().nullable(), count });

export const figureSchema = z.object({
  figure: z.enum(FIGURES),
  recordSet: z.enum(RECORD_SETS),
  dimension: z.enum(DIMENSIONS),
  rows: z.array(figureRowSchema),
  total: count,
});
export type FigureOut = z.infer<typeof figureSchema>;

/** Days from a case's first request (or its opening) to its outcome: quartiles by linear interpolation. */
export const timeToOutcomeSchema = z.object({
  cases: count,
  medianDays: z.number().nullable(),
  lowerQuartileDays: z.number().nullable(),
  upperQuartileDays: z.number().nullable(),
});
export type TimeToOutcome = z.infer<typeof timeToOutcomeSchema>;

export const statisticsOverviewSchema = z.object({
  figures: z.array(figureSchema),
  timeToOutcome: timeToOutcomeSchema,
});
export type StatisticsOverview = z.infer<typeof statisticsOverviewSchema>;

/** What the administrator chose to publish, and the suppression threshold k. */
export const publicationSettingsSchema = z.object({
  k: z.number().int().min(SUPPRESSION_K_MIN).max(SUPPRESSION_K_MAX),
  figures: z.array(z.enum(FIGURES)).max(FIGURES.length),
});
export type PublicationSettings = z.infer<typeof publicationSettingsSchema>;

/**
 * A published count: a multiple of k, or suppressed: `fewer_than_k` for a
 * count below k, `hidden` for a count withheld so that a small one cannot be
 * worked out from the others.
 */
export const publishedCountSchema = z.object({
  count: count.nullable(),
  suppressed: z.enum(['fewer_than_k', 'hidden']).nullable(),
});
export type PublishedCount = z.infer<typeof publishedCountSchema>;

const label = z.object({ ru: z.string(), en: z.string() });

export const publishedCellSchema = publishedCountSchema.extend({
  value: z.string().nullable(),
  /** The term's words when published (a month's cell has none: the page words the month). */
  label: label.nullable(),
});

export const publishedFigureSchema = z.object({
  figure: z.enum(FIGURES),
  recordSet: z.enum(RECORD_SETS),
  dimension: z.enum(DIMENSIONS),
  /** `withheld`: nothing of this figure could be shown without singling someone out. */
  status: z.enum(['published', 'withheld']),
  cells: z.array(publishedCellSchema),
  total: publishedCountSchema,
});
export type PublishedFigure = z.infer<typeof publishedFigureSchema>;

export const snapshotSchema = z.object({
  /** Null on a preview. */
  id: z.string().nullable(),
  /** The day the figures count up to. */
  asOf: z.iso.date(),
  publishedAt: z.iso.datetime().nullable(),
  k: z.number().int(),
  figures: z.array(publishedFigureSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotParams = z.object({ snapshotId: z.uuid() });

export const snapshotListSchema = z.object({
  snapshots: z.array(
    z.object({
      id: z.string(),
      asOf: z.iso.date(),
      publishedAt: z.iso.datetime(),
      k: z.number().int(),
      figures: count,
      /** The username of the administrator who published it. */
      publishedBy: z.string(),
    }),
  ),
});

/** The public page's JSON: the latest snapshot, or null before the first publication. */
export const publicStatisticsSchema = z.object({ snapshot: snapshotSchema.nullable() });

/** The research export's data dictionary: every column, in both languages. */
export const RESEARCH_COLUMNS = [
  {
    name: 'month',
    type: 'YYYY-MM or empty',
    ru: 'Месяц начала инцидента (пусто: дата неизвестна точнее года, или значение встречается реже k раз)',
    en: 'Month the incident began (empty: not known to the month, or a value held by fewer than k rows)',
  },
  {
    name: 'region',
    type: 'region term code or empty',
    ru: 'Регион инцидента (код словаря «Регионы»; пусто: не указан или встречается реже k раз)',
    en: 'Region of the incident (a code of the region vocabulary; empty: not recorded or held by fewer than k rows)',
  },
  {
    name: 'place',
    type: 'place term code or empty',
    ru: 'Место действия или инцидента (код словаря «Места»; пусто: не указано или встречается реже k раз)',
    en: 'Place of the act or incident (a code of the place vocabulary; empty: not recorded or held by fewer than k rows)',
  },
  {
    name: 'act_type',
    type: 'act_type term code or empty',
    ru: 'Вид действия (код словаря «Виды действий»; пусто: встречается реже k раз)',
    en: 'Kind of act (a code of the act type vocabulary; empty: held by fewer than k rows)',
  },
  {
    name: 'victims',
    type: 'multiple of k, or fewer_than_k',
    ru: 'Число пострадавших в действии, округлённое вниз до кратного k, или «меньше k»',
    en: 'Victims of the act, rounded down to a multiple of k, or fewer than k',
  },
] as const;

export const researchRowSchema = z.object({
  month: z.string().nullable(),
  region: z.string().nullable(),
  place: z.string().nullable(),
  actType: z.string().nullable(),
  victims: count.nullable(),
  victimsFewerThanK: z.boolean(),
});
export type ResearchRow = z.infer<typeof researchRowSchema>;

export const researchColumnSchema = z.object({ name: z.string(), type: z.string(), ru: z.string(), en: z.string() });

export const researchDatasetSchema = z.object({
  k: z.number().int(),
  columns: z.array(researchColumnSchema),
  rows: z.array(researchRowSchema),
});
export type ResearchDataset = z.infer<typeof researchDatasetSchema>;

export const researchDictionarySchema = z.object({ columns: z.array(researchColumnSchema) });
export type SnapshotList = z.infer<typeof snapshotListSchema>;
