import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Term } from '../../../shared/vocabularies.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { allowedTransitions, assertTransition } from '../vocabularies/transitions.service.js';
import { assertOfferedTerm, listTerms } from '../vocabularies/vocabularies.service.js';
import { auditCase, requireCase, type CaseDeps } from './case-common.js';
import { insertEvent } from './cases.queries.js';
import { sealCaseField } from './sealing.js';

/**
 * Moving a case through the stage graph (the `stage` vocabulary and its
 * transitions), recording its outcome, closing and reopening it. Each move is
 * a timeline event with plain stage codes; any note with it is sealed.
 */

function closes(term: Term): boolean {
  return 'closes' in term.attributes && term.attributes.closes === true;
}

async function sealedNote(
  trx: Kysely<Database>,
  deps: CaseDeps,
  caseId: string,
  eventId: string,
  note: string | undefined,
): Promise<Buffer | null> {
  if (note === undefined) return null;
  return sealCaseField(trx, deps.keyring, { caseId, table: 'case_events', rowId: eventId, field: 'body' }, note);
}

async function move(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actorId: string,
  change: { caseId: string; from: string; to: Term; kind: 'stage' | 'close' | 'reopen'; note?: string | undefined },
): Promise<void> {
  const at = deps.clock().toISOString();
  const closing = closes(change.to);
  await trx
    .updateTable('cases')
    .set({ stage: change.to.code, updated_at: at, ...(closing ? { closed_at: at } : { closed_at: null }) })
    .where('id', '=', change.caseId)
    .execute();
  const id = crypto.randomUUID();
  await insertEvent(trx, {
    id,
    case_id: change.caseId,
    kind: change.kind,
    actor_id: actorId,
    stage_from: change.from,
    stage_to: change.to.code,
    body_sealed: await sealedNote(trx, deps, change.caseId, id, change.note),
    at,
  });
  await auditCase(trx, deps, actorId, `case.${change.kind}`, change.caseId);
}

/** Moves a case to another stage the graph permits; VALIDATION_FAILED naming `stage` otherwise. */
export async function moveStage(
  deps: CaseDeps,
  actorId: string,
  caseId: string,
  input: { to: string; note?: string | undefined },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
    const to = await assertOfferedTerm(trx, 'stage', { code: input.to }, 'stage');
    if (to.code === row.stage)
      throw validationError([{ path: 'stage', message: `the case is already at "${to.code}"` }]);
    await assertTransition(trx, row.stage, to.code);
    await move(trx, deps, actorId, { caseId, from: row.stage, to, kind: 'stage', note: input.note });
  });
}

/** Records (or with null, clears) the case's outcome. */
export async function setOutcome(deps: CaseDeps, actorId: string, caseId: string, outcome: string | null) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
    if (outcome !== null) await assertOfferedTerm(trx, 'outcome', { code: outcome }, 'outcome');
    const at = deps.clock().toISOString();
    await trx.updateTable('cases').set({ outcome, updated_at: at }).where('id', '=', caseId).execute();
    // For outcome events the stage columns hold the old and new outcome codes.
    await insertEvent(trx, {
      id: crypto.randomUUID(),
      case_id: caseId,
      kind: 'outcome',
      actor_id: actorId,
      stage_from: row.outcome,
      stage_to: outcome,
      at,
    });
    await auditCase(trx, deps, actorId, 'case.outcome', caseId);
  });
}

/** Closes an open case: it moves to the first closing stage of the vocabulary (`closed`). */
export async function closeCase(deps: CaseDeps, actorId: string, caseId: string, reason: string | undefined) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
    if (row.closed_at !== null) throw new AppError('CONFLICT', 'The case is closed already.');
    const to = (await listTerms(trx, 'stage')).find(closes);
    if (to === undefined) throw new AppError('CONFLICT', 'The stage vocabulary offers no closing stage.');
    await move(trx, deps, actorId, { caseId, from: row.stage, to, kind: 'close', note: reason });
  });
}

/** Reopens a closed case at `follow_up`, or the first stage the graph permits from its stage. */
export async function reopenCase(deps: CaseDeps, actorId: string, caseId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
    if (row.closed_at === null) throw new AppError('CONFLICT', 'The case is open.');
    const targets = (await allowedTransitions(trx, row.stage)).filter((term) => !closes(term));
    const to = targets.find((term) => term.code === 'follow_up') ?? targets[0];
    if (to === undefined) throw new AppError('CONFLICT', `No stage may follow "${row.stage}": add a transition.`);
    await move(trx, deps, actorId, { caseId, from: row.stage, to, kind: 'reopen' });
  });
}
