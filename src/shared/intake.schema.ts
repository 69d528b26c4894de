import { z } from 'zod';
import { ROLES } from './roles.js';

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

const CODE = z.string().trim().min(1).max(64);

/**
 * The queue's sort keys: urgency (descending: critical first), when received,
 * how long waiting (descending: longest first), region (by code, so one
 * region's requests stand together). Ties: oldest first.
 */
export const INTAKE_SORTS = ['urgency', 'received', 'waiting', 'region'] as const;
export type IntakeSort = (typeof INTAKE_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const intakeListQuery = z.object({
  status: z.enum(INTAKE_STATUSES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  region: CODE.optional(),
  channel: CODE.optional(),
  requesterRole: CODE.optional(),
  /** A user's id, or `none` for requests waiting for no one. */
  assignee: z.union([z.uuid(), z.literal('none')]).optional(),
  sort: z.enum(INTAKE_SORTS).default('urgency'),
  order: z.enum(SORT_ORDERS).default('desc'),
  /** The `nextCursor` of the page before, under the same sort. */
  cursor: z.string().max(400).optional(),
});
export type IntakeListQuery = z.input<typeof intakeListQuery>;

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
  /** The volunteer or coordinator the request waits for. */
  assigneeId: z.string().nullable(),
  assigneeUsername: z.string().nullable(),
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

/** `PATCH /api/intake/:intakeId`: at least one of urgency, status, assignee (null: waiting for no one). */
export const updateIntakeBody = z
  .object({
    urgency: z.enum(URGENCIES).optional(),
    status: z.literal('in_triage').optional(),
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine((body) => body.urgency !== undefined || body.status !== undefined || body.assigneeId !== undefined, {
    message: 'give urgency, status or assigneeId',
    path: ['urgency'],
  });
export type UpdateIntakeRequest = z.input<typeof updateIntakeBody>;

export const BULK_MAX = 100;

/** `POST /api/intake/bulk`: one change to many open requests, each in its own transaction. */
export const bulkIntakeBody = z.object({
  ids: z.array(z.uuid()).min(1).max(BULK_MAX),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('urgency'), urgency: z.enum(URGENCIES) }),
    z.object({ kind: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.object({ kind: z.literal('decline'), reason: z.enum(DECLINE_REASONS) }),
  ]),
});
export type BulkIntakeRequest = z.input<typeof bulkIntakeBody>;

/**
 * What a bulk change did: the requests changed, and those that were not with
 * why (`CONFLICT`: triaged meanwhile; `NOT_FOUND`: no such request, or not
 * one the caller may see). The others are changed all the same.
 */
export const bulkIntakeResultSchema = z.object({
  changed: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.enum(['CONFLICT', 'NOT_FOUND']) })),
});
export type BulkIntakeResult = z.infer<typeof bulkIntakeResultSchema>;

/** `GET /api/intake/assignees`: who a request can wait for (active intake volunteers and coordinators). */
export const intakeAssigneesSchema = z.object({
  users: z.array(z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) })),
});
export type IntakeAssignees = z.infer<typeof intakeAssigneesSchema>;
