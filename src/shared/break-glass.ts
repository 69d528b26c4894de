import { z } from 'zod';

/**
 * The break-glass API, one contract for the server (which validates and
 * answers with these schemas) and the web app (which checks a form against
 * them before sending it and reads the answers' types from them).
 *
 * Why a grant was opened is a code from a short list, so the log of grants
 * says something comparable and no name is typed into a plain column; the
 * optional note is sealed under the case's data key and goes with the case
 * when it is purged.
 */
export const BREAK_GLASS_REASONS = [
  'legal_emergency',
  'caseworker_unreachable',
  'requester_safety',
  'audit_review',
  'other',
] as const;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];

export const BREAK_GLASS_LIMITS = { noteMin: 10, noteMax: 500, minutesMin: 5, minutesMax: 240 } as const;

/** A case number as users see it (2026-0012): the year and a sequence of at least four digits. */
export const CASE_NUMBER = /^\d{4}-\d{4,8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` names a case: by its number or by its id. */
export function isCaseReference(value: string): boolean {
  return CASE_NUMBER.test(value) || UUID.test(value);
}

export const breakGlassBody = z
  .object({
    case: z.string().trim().refine(isCaseReference, 'give a case number such as 2026-0012, or a case id'),
    reason: z.enum(BREAK_GLASS_REASONS),
    /** An empty note is no note. */
    note: z.string().trim().max(BREAK_GLASS_LIMITS.noteMax).optional(),
    minutes: z.number().int().min(BREAK_GLASS_LIMITS.minutesMin).max(BREAK_GLASS_LIMITS.minutesMax),
  })
  .superRefine((body, context) => {
    // "Other" says nothing by itself: it needs a note that does.
    if (body.reason === 'other' && (body.note?.length ?? 0) < BREAK_GLASS_LIMITS.noteMin) {
      context.addIssue({
        code: 'custom',
        path: ['note'],
        message: `with the reason "other", say why in at least ${String(BREAK_GLASS_LIMITS.noteMin)} characters`,
      });
    }
  });
/** What the web app sends: the body before trimming and defaults. */
export type BreakGlassRequest = z.input<typeof breakGlassBody>;

export const breakGlassOpenedSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  expiresAt: z.string(),
});
export type BreakGlassOpened = z.infer<typeof breakGlassOpenedSchema>;

export const breakGlassGrantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  caseId: z.string(),
  /** Null only if the case is gone. */
  caseNumber: z.string().nullable(),
  reason: z.enum(BREAK_GLASS_REASONS),
  /** The sealed note, opened; null when none was given (or the case's key is gone). */
  note: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  active: z.boolean(),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;

export const breakGlassListSchema = z.object({ grants: z.array(breakGlassGrantSchema) });
export type BreakGlassList = z.infer<typeof breakGlassListSchema>;
