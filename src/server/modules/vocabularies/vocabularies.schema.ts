import { z } from 'zod';
import {
  TERM_CODE_MAX_LENGTH,
  TERM_CODE_PATTERN,
  TERM_LABEL_MAX_LENGTH,
  TERM_SORT_ORDER_LIMIT,
  VOCABULARIES,
  type CreateTermRequest,
  type StageTransition,
  type StageTransitionsResponse,
  type Term,
  type TermsResponse,
  type UpdateTermRequest,
  type VocabulariesResponse,
} from '../../../shared/vocabularies.js';

/** A vocabulary name in the path: any string, so that an unknown one answers 404 rather than 400. */
export const vocabularyParams = z.object({ vocabulary: z.string().max(64) });
export const termParams = z.object({ vocabulary: z.string().max(64), termId: z.uuid() });

export const includeRetiredQuery = z.object({
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

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
const ATTRIBUTES = z.record(z.string(), z.unknown());

export const createTermBody = z.object({
  code: TERM_CODE,
  labelRu: LABEL,
  labelEn: LABEL,
  parentId: z.uuid().nullable().optional(),
  sortOrder: SORT_ORDER.optional(),
  attributes: ATTRIBUTES.optional(),
}) satisfies z.ZodType<CreateTermRequest>;

export const updateTermBody = z
  .object({
    labelRu: LABEL.optional(),
    labelEn: LABEL.optional(),
    parentId: z.uuid().nullable().optional(),
    sortOrder: SORT_ORDER.optional(),
    attributes: ATTRIBUTES.optional(),
    retired: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'give at least one of labelRu, labelEn, parentId, sortOrder, attributes, retired',
    path: ['body'],
  }) satisfies z.ZodType<UpdateTermRequest>;

export type CreateTermInput = z.infer<typeof createTermBody>;
export type UpdateTermInput = z.infer<typeof updateTermBody>;

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
}) satisfies z.ZodType<Term>;

export const termsResponseSchema = z.object({
  vocabulary: z.enum(VOCABULARIES),
  terms: z.array(termSchema),
}) satisfies z.ZodType<TermsResponse>;

export const vocabulariesResponseSchema = z.object({
  vocabularies: z.array(
    z.object({ vocabulary: z.enum(VOCABULARIES), terms: z.number().int(), retired: z.number().int() }),
  ),
}) satisfies z.ZodType<VocabulariesResponse>;

export const transitionBody = z.object({ from: TERM_CODE, to: TERM_CODE }) satisfies z.ZodType<StageTransition>;

/** DELETE carries the pair in its body or, for clients that send no body with DELETE, in the query. */
export const transitionQuery = z.object({ from: TERM_CODE.optional(), to: TERM_CODE.optional() });

export const transitionsResponseSchema = z.object({
  transitions: z.array(z.object({ from: z.string(), to: z.string() })),
}) satisfies z.ZodType<StageTransitionsResponse>;
