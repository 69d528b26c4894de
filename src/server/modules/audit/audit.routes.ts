import type { Kysely } from 'kysely';
import { AUDIT_PAGE_MAX, auditFiltersQuery, auditListQuery, auditPageSchema } from '../../../shared/audit.schema.js';
import type { RouteDeps } from '../../app.js';
import { appendAudit, type AuditEntry } from '../../audit/audit.js';
import { allAuditEntries, casesOpenTo, listAuditEntries, type AuditListEntry } from '../../audit/audit.queries.js';
import { can, type Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { auditCsv } from './audit.csv.js';

const ERRORS = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN'] as const;

/**
 * Whether the reader may open each entry's object now: a case they hold a
 * grant or an active break-glass grant on, a user when they administer users,
 * a person or a request as their role allows without a case grant (people and
 * requests reached through a granted case are opened from that case).
 */
async function withOpenObjects(db: Kysely<Database>, reader: Subject, entries: AuditListEntry[], now: string) {
  const caseIds = [...new Set(entries.flatMap((e) => (e.objectType === 'case' && e.objectId ? [e.objectId] : [])))];
  const cases = await casesOpenTo(db, reader.userId, caseIds, now);
  return entries.map((entry) => {
    const id = entry.objectId ?? '';
    let open = false;
    if (entry.objectId !== null) {
      if (entry.objectType === 'case') {
        open = can(reader, 'case.read', {
          type: 'case',
          id,
          granted: cases.granted.has(id),
          breakGlass: cases.breakGlass.has(id),
        });
      } else if (entry.objectType === 'user') {
        open = can(reader, 'user.manage');
      } else if (entry.objectType === 'person') {
        open = can(reader, 'person.read', { type: 'person', id, linkedToGrantedCase: false });
      } else if (entry.objectType === 'intake') {
        open = can(reader, 'intake.work', { type: 'intake', id, triagedIntoCase: true });
      }
    }
    return { ...entry, objectOpen: open };
  });
}

/** Reading the log is itself recorded (ids only). */
function auditReading(db: Kysely<Database>, actorId: string, action: AuditEntry['action'], clock: () => Date) {
  return db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, { actorId, action, objectType: null, objectId: null, outcome: 'success' }, clock),
    );
}

export function auditRoutes({ db, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      summary: 'The audit log, newest first, with filters (administrators)',
      tags: ['audit'],
      access: { kind: 'action', action: 'audit.read' },
      query: auditListQuery,
      response: auditPageSchema,
      errors: ERRORS,
      handler: async (context) => {
        const actor = signedIn(context);
        const { before, limit, ...filters } = context.query;
        const page = await listAuditEntries(db, filters, { before, limit });
        const entries = await withOpenObjects(db, actor, page.entries, clock().toISOString());
        await auditReading(db, actor.userId, 'audit.read', clock);
        return { ...page, entries };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit/export',
      summary: `The filtered audit log as CSV, newest first, read ${AUDIT_PAGE_MAX} entries at a time (administrators)`,
      tags: ['audit'],
      access: { kind: 'action', action: 'audit.read' },
      query: auditFiltersQuery,
      response: { kind: 'csv', attachment: 'audit-log.csv' },
      errors: ERRORS,
      handler: async (context) => {
        const actor = signedIn(context);
        // Recorded before the first line is sent: a download cut short is still on the log.
        await auditReading(db, actor.userId, 'audit.export', clock);
        return { status: 200, body: auditCsv(allAuditEntries(db, context.query)) };
      },
    }),
  ];
}
