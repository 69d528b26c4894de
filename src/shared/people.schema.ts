// The people API: the Zod schemas the server validates and answers with, and
// whose inferred types the web app reads (no hand-copied shapes in src/web).
import { z } from 'zod';
import { INTAKE_STATUSES, URGENCIES } from './intake.schema.js';

/** How a contact is reached; the value itself is sealed with the person's data key. */
export const CONTACT_KINDS = ['phone', 'telegram', 'signal', 'email', 'address', 'other'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const BIRTH_PRECISIONS = ['day', 'month', 'year', 'estimate'] as const;
export const MAX_CONTACTS = 20;

const NAME_PART = z.string().trim().min(1).max(200);
/** A vocabulary term code; whether the vocabulary offers it is checked in the service. */
const CODE = z.string().trim().min(1).max(64);

export const personNameSchema = z.strictObject({
  family: NAME_PART,
  given: NAME_PART.optional(),
  patronymic: NAME_PART.optional(),
});
export type PersonName = z.infer<typeof personNameSchema>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const YEAR = /^\d{4}$/;

export function isCalendarDay(date: string): boolean {
  const match = DAY.exec(date);
  if (match === null) return false;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Whether `date` is written as its precision says: a day, a month or a year (an estimate may be any). */
function matchesPrecision(date: string, precision: (typeof BIRTH_PRECISIONS)[number]): boolean {
  switch (precision) {
    case 'day':
      return isCalendarDay(date);
    case 'month':
      return MONTH.test(date);
    case 'year':
      return YEAR.test(date);
    case 'estimate':
      return isCalendarDay(date) || MONTH.test(date) || YEAR.test(date);
  }
}

export const birthSchema = z
  .strictObject({ date: z.string().max(10), precision: z.enum(BIRTH_PRECISIONS) })
  .refine((birth) => matchesPrecision(birth.date, birth.precision), {
    message: 'must be YYYY-MM-DD for day, YYYY-MM for month, YYYY for year',
    path: ['date'],
  });
export type Birth = z.infer<typeof birthSchema>;

export const contactSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  value: z.string().trim().min(1).max(500),
  note: z.string().trim().min(1).max(500).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** Every field of a person, each optional: the base of create, update and create-through-a-case. */
const personFieldsSchema = z.strictObject({
  personRole: CODE,
  nameCyrillic: personNameSchema.nullable(),
  nameLatin: personNameSchema.nullable(),
  birth: birthSchema.nullable(),
  region: CODE.nullable(),
  serviceCategory: CODE.nullable(),
  force: CODE.nullable(),
  unit: CODE.nullable(),
  contacts: z.array(contactSchema).max(MAX_CONTACTS),
});

export const personPatchBody = personFieldsSchema.partial();
export type PersonPatch = z.infer<typeof personPatchBody>;

const NAME_REQUIRED = { message: 'give a Cyrillic or a Latin name', path: ['nameCyrillic'] };
const hasName = (p: PersonPatch): boolean => Boolean(p.nameCyrillic ?? p.nameLatin);

export const createPersonBody = personPatchBody.required({ personRole: true }).refine(hasName, NAME_REQUIRED);
export type CreatePersonInput = z.infer<typeof createPersonBody>;

/** A new person through a case: the person's own role defaults to the role in the case. */
const newPersonInCase = personPatchBody.refine(hasName, NAME_REQUIRED);

export const linkPersonBody = z
  .strictObject({
    personId: z.uuid().optional(),
    person: newPersonInCase.optional(),
    role: CODE,
    isSpokesperson: z.boolean().default(false),
  })
  .refine((body) => (body.personId === undefined) !== (body.person === undefined), {
    message: 'give either personId or person',
    path: ['person'],
  });
export type LinkPersonInput = z.infer<typeof linkPersonBody>;

export const personIdParams = z.object({ personId: z.uuid() });
export const caseIdParams = z.object({ caseId: z.uuid() });
export const casePersonParams = z.object({ caseId: z.uuid(), personId: z.uuid() });

/** How many cases and requests a person's page shows at first, and at most. */
export const PERSON_LIST_FIRST = 20;
export const PERSON_LIST_MAX = 200;
export const personReadQuery = z.object({
  /** How many of the person's cases (and of their requests) to answer: the page's "more" asks for more. */
  limit: z.coerce.number().int().min(1).max(PERSON_LIST_MAX).default(PERSON_LIST_FIRST),
});

export const personCaseSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  /** The case's title, opened for a reader who may see the case. */
  title: z.string(),
  stage: z.string(),
  role: z.string(),
  isSpokesperson: z.boolean(),
});
export type PersonCase = z.infer<typeof personCaseSchema>;

/** An intake request that became (or joined) one of the person's cases. */
export const personRequestSchema = z.object({
  intakeId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  channel: z.string(),
  status: z.enum(INTAKE_STATUSES),
  urgency: z.enum(URGENCIES),
  createdAt: z.string(),
});
export type PersonRequest = z.infer<typeof personRequestSchema>;

export const personSchema = z.object({
  id: z.string(),
  personRole: z.string(),
  nameCyrillic: personNameSchema.nullable(),
  nameLatin: personNameSchema.nullable(),
  birth: birthSchema.nullable(),
  region: z.string().nullable(),
  serviceCategory: z.string().nullable(),
  force: z.string().nullable(),
  unit: z.string().nullable(),
  contacts: z.array(contactSchema),
  /** Names of records merged into this one (and names this one gave up in a merge); searchable. */
  aliases: z.array(personNameSchema),
  /** Set when this person was merged into another: the web app goes there. */
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The cases the reader may see the person in, newest first, at most `limit`. */
  cases: z.array(personCaseSchema),
  /** More cases than `cases` holds are visible to the reader. */
  casesMore: z.boolean(),
  /** The intake requests of those cases, newest first, at most `limit`. */
  requests: z.array(personRequestSchema),
  requestsMore: z.boolean(),
});
export type PersonOut = z.infer<typeof personSchema>;
export type Person = PersonOut;

export const linkSchema = z.object({
  caseId: z.string(),
  personId: z.string(),
  role: z.string(),
  isSpokesperson: z.boolean(),
});
/** `POST /api/cases/:caseId/people`: the new link. */
export type PersonLink = z.infer<typeof linkSchema>;

export const duplicatesQuery = z.object({ personId: z.uuid().optional() });

const candidateSchema = z.object({
  personId: z.string(),
  nameCyrillic: personNameSchema.nullable(),
  nameLatin: personNameSchema.nullable(),
});

export const duplicatePairSchema = z.object({
  a: candidateSchema,
  b: candidateSchema,
  /** 0..1: the share of name keys the two hold in common. */
  score: z.number(),
});
export type DuplicatePair = z.infer<typeof duplicatePairSchema>;
export const duplicatesSchema = z.object({ pairs: z.array(duplicatePairSchema) });
export type Duplicates = z.infer<typeof duplicatesSchema>;

/**
 * The fields a coordinator chooses between when merging two people; each is
 * taken from the record kept (`into`, the default) or from the one merged
 * away. Contacts may also be both lists together.
 */
export const MERGE_FIELDS = [
  'personRole',
  'nameCyrillic',
  'nameLatin',
  'birth',
  'region',
  'serviceCategory',
  'force',
  'unit',
  'contacts',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export const MERGE_SIDES = ['into', 'merged'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];
const side = z.enum(MERGE_SIDES).optional();

export const mergeChoicesSchema = z.strictObject({
  personRole: side,
  nameCyrillic: side,
  nameLatin: side,
  birth: side,
  region: side,
  serviceCategory: side,
  force: side,
  unit: side,
  contacts: z.enum([...MERGE_SIDES, 'both']).optional(),
});
export type MergeChoices = z.infer<typeof mergeChoicesSchema>;

export const mergeBody = z.strictObject({ into: z.uuid(), keep: mergeChoicesSchema.default({}) });
export type MergeInput = z.input<typeof mergeBody>;
export const mergeSchema = z.object({ personId: z.string(), mergedInto: z.string(), links: z.number().int() });
export type MergeResult = z.infer<typeof mergeSchema>;
