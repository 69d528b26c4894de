import { z } from 'zod';
import type { createTermBody, updateTermBody } from '../../../shared/vocabularies.schema.js';

// The body and answer schemas live in src/shared so the web app reads the same ones.
export {
  TERM_CODE,
  createTermBody,
  updateTermBody,
  termSchema,
  termsResponseSchema,
  vocabulariesResponseSchema,
  transitionBody,
  transitionDeleteBody,
  transitionQuery,
  transitionsResponseSchema,
} from '../../../shared/vocabularies.schema.js';

/** A vocabulary name in the path: any string, so that an unknown one answers 404 rather than 400. */
export const vocabularyParams = z.object({ vocabulary: z.string().max(64) });
export const termParams = z.object({ vocabulary: z.string().max(64), termId: z.uuid() });

export const includeRetiredQuery = z.object({
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

export type CreateTermInput = z.infer<typeof createTermBody>;
export type UpdateTermInput = z.infer<typeof updateTermBody>;
