// The incidents API ("who did what to whom", after the HURIDOCS Events Standard Formats): the Zod schemas the
// server validates and answers with, and whose inferred types the web app reads.
import { z } from 'zod';
import { MONTH, YEAR, isCalendarDay } from './people.schema.js';

/** A vocabulary term code; whether the vocabulary offers it is checked in the service. */
const CODE = z.string().trim().min(1).max(64);
export const INCIDENT_TITLE_MAX = 300;
export const INCIDENT_DESCRIPTION_MAX = 20_000;
export const ACTS_MAX = 50;
export const VICTIMS_MAX = 50;
export const PERPETRATORS_MAX = 50;
export const GROUP_COUNT_MAX = 100_000;

/** Whether `date` is written as its precision says: day, month and year have their shape; any other any of them. */
function writtenAsPrecision(date: string, precision: string): boolean {
  switch (precision) {
    case 'day':
      return isCalendarDay(date);
    case 'month':
      return MONTH.test(date);
    case 'year':
      return YEAR.test(date);
    default:
      return isCalendarDay(date) || MONTH.test(date) || YEAR.test(date);
  }
}

/** A date as exactly as it is known: YYYY-MM-DD for `day`, YYYY-MM for `month`, YYYY for `year`. */
export const datedSchema = z
  .strictObject({ date: z.string().max(10), precision: CODE })
  .refine((dated) => writtenAsPrecision(dated.date, dated.precision), {
    message: 'must be YYYY-MM-DD for day, YYYY-MM for month, YYYY for year (any of them for an estimate)',
    path: ['date'],
  });
export type Dated = z.infer<typeof datedSchema>;

/** A victim: a person from the registry, or a counted group with its categories. */
export const victimInput = z
  .strictObject({
    personId: z.uuid().optional(),
    count: z.number().int().min(1).max(GROUP_COUNT_MAX).optional(),
    force: CODE.nullable().optional(),
    region: CODE.nullable().optional(),
    serviceCategory: CODE.nullable().optional(),
  })
  .refine((victim) => (victim.personId === undefined) !== (victim.count === undefined), {
    message: 'give either personId or count',
    path: ['count'],
  })
  .refine(
    (victim) =>
      victim.personId === undefined || (victim.force ?? victim.region ?? victim.serviceCategory ?? null) === null,
    { message: "a person's categories are the person's own: give them for a counted group only", path: ['force'] },
  );
export type VictimInput = z.infer<typeof victimInput>;

/** Criminal Code article (332, 337, 338, 328.1…) and part, for a criminal charge. */
const ARTICLE = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be an article number such as 337 or 328.1');
const PART = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be a part number such as 5');

export const CRIMINAL_CHARGE = 'criminal_charge';

export const actInput = z
  .strictObject({
    actType: CODE,
    criminalArticle: ARTICLE.nullable().default(null),
    criminalPart: PART.nullable().default(null),
    start: datedSchema.nullable().default(null),
    end: datedSchema.nullable().default(null),
    place: CODE.nullable().default(null),
    victims: z.array(victimInput).max(VICTIMS_MAX).default([]),
  })
  .refine((act) => act.actType === CRIMINAL_CHARGE || (act.criminalArticle === null && act.criminalPart === null), {
    message: 'an article and part belong to a criminal charge only',
    path: ['criminalArticle'],
  })
  .refine((act) => act.criminalPart === null || act.criminalArticle !== null, {
    message: 'a part needs its article',
    path: ['criminalArticle'],
  });
export type ActInput = z.infer<typeof actInput>;

export const perpetratorInput = z
  .strictObject({
    personId: z.uuid().optional(),
    unit: CODE.optional(),
    involvement: CODE,
  })
  .refine((perpetrator) => (perpetrator.personId === undefined) !== (perpetrator.unit === undefined), {
    message: 'give either personId or unit',
    path: ['unit'],
  });
export type PerpetratorInput = z.infer<typeof perpetratorInput>;

/** Everything an incident holds, written whole: the one form sends it all. */
const incidentFields = {
  title: z.string().trim().min(1).max(INCIDENT_TITLE_MAX),
  description: z.string().trim().min(1).max(INCIDENT_DESCRIPTION_MAX).nullable().default(null),
  start: datedSchema.nullable().default(null),
  end: datedSchema.nullable().default(null),
  place: CODE.nullable().default(null),
  region: CODE.nullable().default(null),
  confidentiality: CODE,
  acts: z.array(actInput).max(ACTS_MAX).default([]),
  perpetrators: z.array(perpetratorInput).max(PERPETRATORS_MAX).default([]),
};

export const createIncidentBody = z.strictObject({
  ...incidentFields,
  /** Cases the incident is linked to from the start. */
  caseIds: z.array(z.uuid()).max(20).default([]),
});
export type CreateIncidentInput = z.infer<typeof createIncidentBody>;

export const updateIncidentBody = z.strictObject({
  ...incidentFields,
  /** The version the edit was made from: a stale one answers CONFLICT. */
  version: z.number().int().min(1),
});
export type UpdateIncidentInput = z.infer<typeof updateIncidentBody>;

export const incidentIdParams = z.object({ incidentId: z.uuid() });
export const incidentCaseParams = z.object({ incidentId: z.uuid(), caseId: z.uuid() });
export const incidentLinkParams = z.object({ incidentId: z.uuid(), otherId: z.uuid() });

const datedOut = z.object({ date: z.string(), precision: z.string() }).nullable();

export const victimSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  count: z.number().int().nullable(),
  force: z.string().nullable(),
  region: z.string().nullable(),
  serviceCategory: z.string().nullable(),
});

/** What an act is, in both views: its type, article and part, dates and place. */
const actFacts = {
  actType: z.string(),
  criminalArticle: z.string().nullable(),
  criminalPart: z.string().nullable(),
  start: datedOut,
  end: datedOut,
  place: z.string().nullable(),
};

export const actSchema = z.object({ id: z.string(), ...actFacts, victims: z.array(victimSchema) });

export const perpetratorSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  unit: z.string().nullable(),
  involvement: z.string(),
});

/** A source as an incident's page lists it (sources.schema.ts has the whole record). */
export const incidentSourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  reliability: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedDate: z.string().nullable(),
});

export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  start: datedOut,
  end: datedOut,
  place: z.string().nullable(),
  region: z.string().nullable(),
  confidentiality: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  acts: z.array(actSchema),
  perpetrators: z.array(perpetratorSchema),
  /** The linked cases the reader may see. */
  caseIds: z.array(z.string()),
  /** Incidents this one led to, and those that led to it. */
  leadsTo: z.array(z.string()),
  ledFrom: z.array(z.string()),
  sources: z.array(incidentSourceSchema),
});
export type Incident = z.infer<typeof incidentSchema>;

export const INCIDENT_PAGE_MAX = 100;

/** Filters of the incident list: act type, place, unit, confidentiality, a period (incidents overlapping it), a linked case. */
export const incidentListQuery = z.object({
  actType: CODE.optional(),
  confidentiality: CODE.optional(),
  place: CODE.optional(),
  unit: CODE.optional(),
  from: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
  caseId: z.uuid().optional(),
  /** Incidents naming this person of the registry as a victim or a perpetrator (the person page). */
  personId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(INCIDENT_PAGE_MAX).default(50),
  /** The previous page's `next`. */
  cursor: z.string().max(200).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  start: datedOut,
  end: datedOut,
  place: z.string().nullable(),
  region: z.string().nullable(),
  confidentiality: z.string(),
  actTypes: z.array(z.string()),
  createdAt: z.string(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentListSchema = z.object({
  incidents: z.array(incidentSummarySchema),
  /** Pass as `cursor` for the next page; null on the last. */
  next: z.string().nullable(),
});
export type IncidentList = z.infer<typeof incidentListSchema>;

/*
 * The analyst's view: no names, contacts, free text or people's ids. Victims
 * are counts with categories (a person counts as one, with the person's own
 * plain categories); perpetrators are units or "a person".
 */
export const analysisVictimSchema = z.object({
  count: z.number().int(),
  force: z.string().nullable(),
  region: z.string().nullable(),
  serviceCategory: z.string().nullable(),
});

export const analysisActSchema = z.object({ ...actFacts, victims: z.array(analysisVictimSchema) });

export const analysisIncidentSchema = z.object({
  id: z.string(),
  start: datedOut,
  end: datedOut,
  place: z.string().nullable(),
  region: z.string().nullable(),
  acts: z.array(analysisActSchema),
  perpetrators: z.array(
    z.object({ kind: z.enum(['person', 'unit']), unit: z.string().nullable(), involvement: z.string() }),
  ),
  /** The reliability of each source, as codes. */
  sourceReliabilities: z.array(z.string()),
  linkedCases: z.number().int(),
});
export type AnalysisIncident = z.infer<typeof analysisIncidentSchema>;

export const analysisListSchema = z.object({
  incidents: z.array(analysisIncidentSchema),
  next: z.string().nullable(),
});
export type AnalysisList = z.infer<typeof analysisListSchema>;

/** The analyst's list filters: those of the incident list but a linked case or a person (an identity). */
export const analysisListQuery = incidentListQuery.omit({ caseId: true, personId: true });
