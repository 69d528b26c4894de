import crypto from 'node:crypto';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { DataKeyMissingError } from '../../crypto/keyring.js';
import { AppError } from '../../http/errors.js';
import type { BreakGlassGrant, BreakGlassOpened, BreakGlassReason } from '../../../shared/break-glass.js';
import { endBreakGlass, findCaseByReference, insertBreakGlass, listBreakGlass } from './grants.queries.js';

type Deps = Pick<RouteDeps, 'db' | 'keyring' | 'clock'>;

/** The note is sealed under the case's data key: a purge of the case takes it along. */
const noteRef = (grantId: string) => ({ table: 'break_glass', rowId: grantId, field: 'note' });

/**
 * Opens a time-limited break-glass grant for `actorId` on the case a number
 * or id names. NOT_FOUND (naming the field) when there is no such case.
 * Audited as `break_glass.open` on the case.
 */
export async function openBreakGlass(
  deps: Deps,
  actorId: string,
  input: { case: string; reason: BreakGlassReason; note?: string | undefined; minutes: number },
): Promise<BreakGlassOpened> {
  const { db, keyring, clock } = deps;
  const note = input.note === undefined || input.note === '' ? null : input.note;
  return db.transaction().execute(async (trx) => {
    const found = await findCaseByReference(trx, input.case);
    if (found === undefined) {
      throw new AppError('NOT_FOUND', 'No case has that number or id.', [
        { path: 'case', message: 'no case has that number or id', reason: 'not_found' },
      ]);
    }
    const now = clock();
    const id = crypto.randomUUID();
    const expiresAt = new Date(now.getTime() + input.minutes * 60_000).toISOString();
    await insertBreakGlass(trx, {
      id,
      user_id: actorId,
      case_id: found.id,
      reason_code: input.reason,
      note_sealed: note === null ? null : await keyring.seal(trx, { type: 'case', id: found.id }, noteRef(id), note),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      ended_at: null,
    });
    await appendAudit(
      trx,
      { actorId, action: 'break_glass.open', objectType: 'case', objectId: found.id, outcome: 'success' },
      clock,
    );
    return { id, caseId: found.id, caseNumber: found.number, expiresAt };
  });
}

/** The last 200 grants, active ones first, their notes opened. */
export async function listBreakGlassGrants(deps: Deps): Promise<BreakGlassGrant[]> {
  const { db, clock } = deps;
  const now = clock().toISOString();
  const grants: BreakGlassGrant[] = [];
  for (const { noteSealed, ...row } of await listBreakGlass(db)) {
    grants.push({
      ...row,
      note: await openNote(deps, row.id, noteSealed),
      active: row.endedAt === null && row.expiresAt > now,
    });
  }
  return grants.sort((a, b) => Number(b.active) - Number(a.active));
}

async function openNote(deps: Deps, grantId: string, sealed: Buffer | null): Promise<string | null> {
  if (sealed === null) return null;
  try {
    return await deps.keyring.openText(deps.db, noteRef(grantId), Buffer.from(sealed));
  } catch (error) {
    if (error instanceof DataKeyMissingError) return null;
    throw error;
  }
}

/** Ends an active grant early; NOT_FOUND when there is none. Audited as `break_glass.end` on the case. */
export async function endBreakGlassGrant(deps: Deps, actorId: string, grantId: string): Promise<void> {
  const { db, clock } = deps;
  await db.transaction().execute(async (trx) => {
    const caseId = await endBreakGlass(trx, grantId, clock().toISOString());
    if (caseId === undefined) throw new AppError('NOT_FOUND');
    await appendAudit(
      trx,
      { actorId, action: 'break_glass.end', objectType: 'case', objectId: caseId, outcome: 'success' },
      clock,
    );
  });
}
