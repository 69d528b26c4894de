import { z } from 'zod';

/**
 * The triage API: the schemas the server validates and answers with, and
 * whose types the web app reads. What other channels post (intakeFields) is
 * the server's own (src/server/modules/intake/intake.schema.ts).
 */
export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const INTAKE_STATUSES = ['new', 'in_triage', 'opened', 'attached', 'declined'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const DECLINE_REASONS = ['duplicate', 'out_of_scope', 'no_contact', 'spam', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const LIMITS = { text: 10_000, handle: 100, contact: 200, message: 10_000, groupSize: 10_000 } as const;

/** A request can still be triaged, declined or turned into a case. */
export function isOpenStatus(status: IntakeStatus): boolean {
  return status === 'new' || status === 'in_triage';
}

export const intakeListQuery = z.object({
  status: z.enum(INTAKE_STATUSES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
});

const summaryShape = {
  id: z.string(),
  status: z.enum(INTAKE_STATUSES),
  urgency: z.enum(URGENCIES),
  channel: z.string(),
  requesterRole: z.string(),
  groupSize: z.number().int(),
  region: z.string().nullable(),
  createdAt: z.string(),
  ageSeconds: z.number().int(),
};

/** A row of `GET /api/intake`. */
export const intakeSummarySchema = z.object({ ...summaryShape, preview: z.string() });
export type IntakeSummary = z.infer<typeof intakeSummarySchema>;

export const intakeListSchema = z.object({ requests: z.array(intakeSummarySchema), nextCursor: z.string().nullable() });
export type IntakeList = z.infer<typeof intakeListSchema>;

/** Intake volunteers get `requests` and other open requests only; coordinators also people and cases. */
export const possibleMatchesSchema = z.object({
  requests: z.number().int(),
  people: z.number().int().optional(),
  cases: z.number().int().optional(),
  records: z.array(
    z.object({ recordType: z.enum(['person', 'case', 'intake']), id: z.string(), number: z.string().nullable() }),
  ),
});
export type PossibleMatches = z.infer<typeof possibleMatchesSchema>;

/** `GET /api/intake/:intakeId`. */
export const intakeDetailSchema = z.object({
  ...summaryShape,
  serviceCategory: z.string().nullable(),
  force: z.string().nullable(),
  locationType: z.string().nullable(),
  consentDocumentation: z.boolean(),
  consentStatistics: z.boolean(),
  declineReason: z.string().nullable(),
  caseId: z.string().nullable(),
  triagedAt: z.string().nullable(),
  handle: z.string().nullable(),
  contact: z.string().nullable(),
  text: z.string(),
  messages: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.string() })),
  possibleMatches: possibleMatchesSchema,
});
export type IntakeDetail = z.infer<typeof intakeDetailSchema>;

/** `POST /api/intake/:intakeId/decline`. */
export const declineBody = z.object({ reason: z.enum(DECLINE_REASONS) });
export type DeclineIntakeRequest = z.input<typeof declineBody>;

/** `PATCH /api/intake/:intakeId`: at least one of the two. */
export const updateIntakeBody = z
  .object({ urgency: z.enum(URGENCIES).optional(), status: z.literal('in_triage').optional() })
  .refine((body) => body.urgency !== undefined || body.status !== undefined, {
    message: 'give urgency or status',
    path: ['urgency'],
  });
export type UpdateIntakeRequest = z.input<typeof updateIntakeBody>;
