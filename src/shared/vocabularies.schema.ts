import { z } from 'zod';
import {
  TERM_CODE_MAX_LENGTH,
  TERM_CODE_PATTERN,
  TERM_LABEL_MAX_LENGTH,
  TERM_SORT_ORDER_LIMIT,
  VOCABULARIES,
} from './vocabularies.js';

/**
 * The vocabulary API: the schemas the server validates and answers with, and
 * whose types the web app reads (re-exported from vocabularies.ts).
 */
export const TERM_CODE = z
  .string()
  .max(TERM_CODE_MAX_LENGTH, `must be at most ${TERM_CODE_MAX_LENGTH} characters`)
  .regex(TERM_CODE_PATTERN, 'must be 1 to 64 letters, digits, dashes or underscores');
const LABEL = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(TERM_LABEL_MAX_LENGTH, `must be at most ${TERM_LABEL_MAX_LENGTH} characters`);
const SORT_ORDER = z.number().int().min(-TERM_SORT_ORDER_LIMIT).max(TERM_SORT_ORDER_LIMIT);
/** A term's attributes as the API carries them; their shape depends on the vocabulary (vocabularies.ts). */
const ATTRIBUTES = z.record(z.string(), z.unknown());
export type TermAttributes = z.infer<typeof ATTRIBUTES>;

/** `POST /api/vocabularies/:vocabulary/terms` → 201 Term. */
export const createTermBody = z.object({
  code: TERM_CODE,
  labelRu: LABEL,
  labelEn: LABEL,
  parentId: z.uuid().nullable().optional(),
  sortOrder: SORT_ORDER.optional(),
  attributes: ATTRIBUTES.optional(),
});
export type CreateTermRequest = z.input<typeof createTermBody>;

/**
 * `PATCH /api/vocabularies/:vocabulary/terms/:termId` → Term. `attributes`
 * replaces the whole object; `attributeChanges` sets only the keys it names
 * (null removes one) on the attributes the term has when the change is
 * written, so editors of different attributes do not undo each other.
 */
export const updateTermBody = z
  .object({
    labelRu: LABEL.optional(),
    labelEn: LABEL.optional(),
    parentId: z.uuid().nullable().optional(),
    sortOrder: SORT_ORDER.optional(),
    attributes: ATTRIBUTES.optional(),
    attributeChanges: ATTRIBUTES.optional(),
    retired: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'give at least one of labelRu, labelEn, parentId, sortOrder, attributes, attributeChanges, retired',
    path: ['body'],
  })
  .refine((body) => body.attributes === undefined || body.attributeChanges === undefined, {
    message: 'give attributes (the whole object) or attributeChanges (some keys), not both',
    path: ['attributeChanges'],
  });
export type UpdateTermRequest = z.input<typeof updateTermBody>;

export const termSchema = z.object({
  id: z.string(),
  vocabulary: z.enum(VOCABULARIES),
  code: z.string(),
  parentId: z.string().nullable(),
  labelRu: z.string(),
  labelEn: z.string(),
  sortOrder: z.number().int(),
  retired: z.boolean(),
  retiredAt: z.string().nullable(),
  attributes: ATTRIBUTES,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Term = z.infer<typeof termSchema>;

/** `GET /api/vocabularies/:vocabulary`: a flat list, in sort order; the tree is in `parentId`. */
export const termsResponseSchema = z.object({
  vocabulary: z.enum(VOCABULARIES),
  terms: z.array(termSchema),
});
export type TermsResponse = z.infer<typeof termsResponseSchema>;

/** `GET /api/vocabularies`: every vocabulary with its count of terms, retired or not. */
export const vocabulariesResponseSchema = z.object({
  vocabularies: z.array(
    z.object({ vocabulary: z.enum(VOCABULARIES), terms: z.number().int(), retired: z.number().int() }),
  ),
});
export type VocabulariesResponse = z.infer<typeof vocabulariesResponseSchema>;
export type VocabularySummary = VocabulariesResponse['vocabularies'][number];

/** A permitted move of a case from one stage to another, by stage codes. */
export const transitionBody = z.object({ from: TERM_CODE, to: TERM_CODE });
export type StageTransition = z.infer<typeof transitionBody>;

/** DELETE carries the pair in its body or, for clients that send no body with DELETE, in the query. */
export const transitionDeleteBody = transitionBody.optional();
export const transitionQuery = z.object({ from: TERM_CODE.optional(), to: TERM_CODE.optional() });

/** `GET /api/vocabularies/stage/transitions`. */
export const transitionsResponseSchema = z.object({
  transitions: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type StageTransitionsResponse = z.infer<typeof transitionsResponseSchema>;
