import crypto from 'node:crypto';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import { auditCase, requireCase, type CaseDeps } from './case-common.js';
import { insertEvent, listEvents } from './cases.queries.js';
import { openCaseFieldOrNull, sealCaseField } from './sealing.js';

export interface TimelineEvent {
  id: string;
  kind: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  stageFrom: string | null;
  stageTo: string | null;
  body: string | null;
}

/** Adds a note to the case's timeline: sealed, indexed as a `note` record, audited. */
export async function addNote(deps: CaseDeps, actorId: string, caseId: string, body: string): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    await requireCase(trx, caseId);
    const at = deps.clock().toISOString();
    const id = crypto.randomUUID();
    const sealed = await sealCaseField(
      trx,
      deps.keyring,
      { caseId, table: 'case_events', rowId: id, field: 'body' },
      body,
    );
    await insertEvent(trx, { id, case_id: caseId, kind: 'note', actor_id: actorId, body_sealed: sealed, at });
    await trx.updateTable('cases').set({ updated_at: at }).where('id', '=', caseId).execute();
    await indexRecord(trx, await loadSearchKey(trx, deps.keyring), {
      recordType: 'note',
      recordId: id,
      date: at,
      fields: [{ name: 'body', text: body, kind: 'text' }],
    });
    await auditCase(trx, deps, actorId, 'case.note', caseId);
    return id;
  });
}

/** The case's events, newest first, notes opened; a read of personal data, audited. */
export async function timeline(deps: CaseDeps, actorId: string, caseId: string): Promise<TimelineEvent[]> {
  return deps.db.transaction().execute(async (trx) => {
    await requireCase(trx, caseId);
    const rows = await listEvents(trx, caseId);
    const events = await Promise.all(
      rows.map(async ({ bodySealed, ...row }) => ({
        ...row,
        body: await openCaseFieldOrNull(
          trx,
          deps.keyring,
          { table: 'case_events', rowId: row.id, field: 'body' },
          bodySealed,
        ),
      })),
    );
    await auditCase(trx, deps, actorId, 'case.timeline', caseId);
    return events;
  });
}
