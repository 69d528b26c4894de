import { z } from 'zod';

/**
 * The audit viewer's answer (`GET /api/audit`): the schema the server answers
 * with and whose types the web app reads.
 */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
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
