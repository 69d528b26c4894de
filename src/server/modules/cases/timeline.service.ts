import crypto from 'node:crypto';
import type { Subject } from '../../auth/access.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import type { TimelineEvent } from '../../../shared/cases.schema.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';
import { decodeCursor, pageOf } from './page-cursor.js';
import { openCaseFieldOrNull, sealCaseField } from './sealing.js';

/** Adds a note to the case's timeline: sealed, indexed as a `note` record, audited. */
export async function addNote(deps: CaseDeps, actor: Subject, caseId: string, body: string): Promise<string> {
  return caseWork(deps, actor, caseId, 'case.write', async ({ trx, q }) => {
    const at = deps.clock().toISOString();
    const id = crypto.randomUUID();
    const sealed = await sealCaseField(
      trx,
      deps.keyring,
      { caseId, table: 'case_events', rowId: id, field: 'body' },
      body,
    );
    await q.insertEvent({ id, case_id: caseId, kind: 'note', actor_id: actor.userId, body_sealed: sealed, at });
    await trx.updateTable('cases').set({ updated_at: at }).where('id', '=', caseId).execute();
    await indexRecord(trx, await loadSearchKey(trx, deps.keyring), {
      recordType: 'note',
      recordId: id,
      date: at,
      fields: [{ name: 'body', text: body, kind: 'text' }],
    });
    await auditCase(trx, deps, actor.userId, 'case.note', caseId);
    return id;
  });
}

/**
 * A page of the case's events, newest first, notes opened (all under the
 * case's one data key, read once); a read of personal data, audited.
 */
export async function timeline(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ events: TimelineEvent[]; nextCursor: string | null }> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  return caseWork(deps, actor, caseId, 'case.read', async ({ trx, q }) => {
    const { rows, nextCursor } = pageOf(
      await q.listEvents(caseId, { limit: page.limit, after }),
      page.limit,
      (row) => ({
        at: row.at,
        id: row.id,
      }),
    );
    const events = await Promise.all(
      rows.map(async ({ bodySealed, subjectTitleSealed, ...row }) => ({
        ...row,
        body: await openCaseFieldOrNull(
          trx,
          deps.keyring,
          { table: 'case_events', rowId: row.id, field: 'body' },
          bodySealed,
        ),
        subjectTitle:
          row.subjectId === null
            ? null
            : await openCaseFieldOrNull(
                trx,
                deps.keyring,
                { table: 'tasks', rowId: row.subjectId, field: 'title' },
                subjectTitleSealed,
              ),
      })),
    );
    await auditCase(trx, deps, actor.userId, 'case.timeline', caseId);
    return { events, nextCursor };
  });
}
