// The sources API: media reports, testimonies, documents and official records, with their reliability, linked to
// incidents and cases. The server validates with these schemas and the web app reads their types.
import { z } from 'zod';
import { isCalendarDay } from './people.schema.js';

const CODE = z.string().trim().min(1).max(64);
const TEXT = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);
export const SOURCE_LINKS_MAX = 50;

/** A web address as written; stored sealed and never fetched by the server. */
const URL_TEXT = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:$/.test(URL.canParse(value) ? new URL(value).protocol : ''), {
    message: 'must be an http or https address',
  });

const sourceFields = {
  kind: CODE,
  reliability: CODE,
  /** A media report: the outlet, address, title, publication day and language (ISO 639-1, such as ru). */
  outlet: TEXT(200),
  url: URL_TEXT.nullable().default(null),
  title: TEXT(500),
  publishedDate: z.string().refine(isCalendarDay, { message: 'must be a day, YYYY-MM-DD' }).nullable().default(null),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be a language code such as ru or en')
    .nullable()
    .default(null),
  /** A testimony: who gave it (a person of the registry) and how they know. */
  personId: z.uuid().nullable().default(null),
  knowledgeBasis: CODE.nullable().default(null),
  /** A document or official record: what it is (sealed). */
  description: TEXT(5000),
  incidentIds: z.array(z.uuid()).max(SOURCE_LINKS_MAX).default([]),
  caseIds: z.array(z.uuid()).max(SOURCE_LINKS_MAX).default([]),
};

/** What each kind of source needs (for the seeded kinds). */
const kindRules = <
  T extends z.ZodType<{ kind: string; outlet: string | null; url: string | null; personId: string | null }>,
>(
  schema: T,
) =>
  schema
    .refine((source) => source.kind !== 'media_report' || source.outlet !== null || source.url !== null, {
      message: 'a media report needs its outlet or its address',
      path: ['outlet'],
    })
    .refine((source) => source.kind !== 'testimony' || source.personId !== null, {
      message: 'a testimony needs the person who gave it',
      path: ['personId'],
    });

export const sourceBody = kindRules(z.strictObject(sourceFields));
export type SourceInput = z.infer<typeof sourceBody>;

/** An edit replaces the source whole, made from `version` (CONFLICT when another edit came first). */
export const updateSourceBody = kindRules(z.strictObject({ ...sourceFields, version: z.number().int().min(1) }));
export type UpdateSourceInput = z.infer<typeof updateSourceBody>;

export const sourceIdParams = z.object({ sourceId: z.uuid() });

export const sourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  reliability: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  publishedDate: z.string().nullable(),
  language: z.string().nullable(),
  personId: z.string().nullable(),
  knowledgeBasis: z.string().nullable(),
  description: z.string().nullable(),
  incidentIds: z.array(z.string()),
  caseIds: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A source as lists show it: what it is, its reliability, its title and outlet, its day (no text beyond). */
export const sourceSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  reliability: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedDate: z.string().nullable(),
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;

/** The sources linked to one case, oldest link first. */
export const caseSourcesSchema = z.object({ sources: z.array(sourceSummarySchema) });
export type CaseSources = z.infer<typeof caseSourcesSchema>;

export const SOURCE_PAGE_MAX = 100;

/** The organization's sources, newest first, a page at a time (the picker of an existing source). */
export const sourceListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(SOURCE_PAGE_MAX).default(50),
  /** The previous page's `next`. */
  cursor: z.string().max(200).optional(),
});
export type SourceListQuery = z.infer<typeof sourceListQuery>;

export const sourceListSchema = z.object({
  sources: z.array(sourceSummarySchema),
  /** Pass as `cursor` for the next page; null on the last. */
  next: z.string().nullable(),
});
export type SourceList = z.infer<typeof sourceListSchema>;

export const incidentSourceParams = z.object({ incidentId: z.uuid(), sourceId: z.uuid() });
