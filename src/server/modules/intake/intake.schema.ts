import { z } from 'zod';

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export const INTAKE_STATUSES = ['new', 'in_triage', 'opened', 'attached', 'declined'] as const;
export const DECLINE_REASONS = ['duplicate', 'out_of_scope', 'no_contact', 'spam', 'other'] as const;

export const LIMITS = { text: 10_000, handle: 100, contact: 200, message: 10_000, groupSize: 10_000 } as const;

const code = z.string().min(1).max(64);
const optionalCode = code.nullish();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** The fields of an intake request, as every channel gives them. */
export const intakeFields = z.object({
  handle: optionalText(LIMITS.handle),
  contact: optionalText(LIMITS.contact),
  requesterRole: code,
  groupSize: z.number().int().min(1).max(LIMITS.groupSize).default(1),
  region: optionalCode,
  serviceCategory: optionalCode,
  force: optionalCode,
  locationType: optionalCode,
  urgency: z.enum(URGENCIES).default('normal'),
  text: z.string().trim().min(1).max(LIMITS.text),
  consentDocumentation: z.boolean().default(false),
  consentStatistics: z.boolean().default(false),
});

export type IntakeInput = z.infer<typeof intakeFields>;

/** `POST /api/intake` from another channel: the same fields and the channel. */
export const apiIntakeBody = intakeFields.extend({ channel: code });

export const createdIntakeSchema = z.object({ id: z.string(), receiptCode: z.string() });

export const intakeIdParams = z.object({ intakeId: z.uuid() });

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

export const intakeSummarySchema = z.object({ ...summaryShape, preview: z.string() });
export type IntakeSummary = z.infer<typeof intakeSummarySchema>;

export const intakeListSchema = z.object({ requests: z.array(intakeSummarySchema), nextCursor: z.string().nullable() });

/** Intake volunteers get `requests` and other open requests only; coordinators also people and cases. */
export const possibleMatchesSchema = z.object({
  requests: z.number().int(),
  people: z.number().int().optional(),
  cases: z.number().int().optional(),
  records: z.array(
    z.object({ recordType: z.enum(['person', 'case', 'intake']), id: z.string(), number: z.string().nullable() }),
  ),
});

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

export const declineBody = z.object({ reason: z.enum(DECLINE_REASONS) });

export const updateIntakeBody = z
  .object({ urgency: z.enum(URGENCIES).optional(), status: z.literal('in_triage').optional() })
  .refine((body) => body.urgency !== undefined || body.status !== undefined, {
    message: 'give urgency or status',
    path: ['urgency'],
  });
