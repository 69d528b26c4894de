import { z } from 'zod';

/**
 * The audit viewer's API (`GET /api/audit`, `GET /api/audit/export`): the
 * schemas the server validates and answers with and whose types the web app
 * reads. The actions and object types are in audit-actions.ts.
 */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const AUDIT_PAGE_MAX = 200;

/** The filters of the list and of the CSV download: the same fields, the same checks. */
export const auditFiltersQuery = z.object({
  actorId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be an action such as session.login, or a prefix such as session.')
    .optional(),
  objectType: z
    .string()
    .regex(/^[a-z_]{1,32}$/, 'must be an object type such as user or case')
    .optional(),
  objectId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be an id')
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFiltersQuery = z.infer<typeof auditFiltersQuery>;

export const auditListQuery = auditFiltersQuery.extend({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
/** The query as the web app writes it (numbers as numbers, every field optional). */
export type AuditQuery = z.input<typeof auditListQuery>;

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** What names the object for a reader: a case's number, a user's username; null for other objects. */
  objectLabel: z.string().nullable(),
  /** Whether the reader may open the object's page now (a case under break-glass, a user to administer). */
  objectOpen: z.boolean(),
  outcome: z.enum(AUDIT_OUTCOMES),
  hash: z.string(),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().nullable(),
});

export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
