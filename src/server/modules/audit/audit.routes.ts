import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { AUDIT_PAGE_MAX, listAuditEntries } from '../../audit/audit.queries.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { AUDIT_OUTCOMES, auditPageSchema } from '../../../shared/audit.schema.js';

const auditQuery = z.object({
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
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});

export function auditRoutes({ db, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      summary: 'The audit log, newest first, with filters (administrators)',
      tags: ['audit'],
      access: { kind: 'action', action: 'audit.read' },
      query: auditQuery,
      response: auditPageSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN'],
      handler: async (context) => {
        const actor = signedIn(context);
        const { before, limit, ...filters } = context.query;
        // Reading the log is itself recorded (ids only), after the page is read.
        const page = await listAuditEntries(db, filters, { before, limit });
        await db
          .transaction()
          .execute((trx) =>
            appendAudit(
              trx,
              { actorId: actor.userId, action: 'audit.read', objectType: null, objectId: null, outcome: 'success' },
              clock,
            ),
          );
        return page;
      },
    }),
  ];
}
