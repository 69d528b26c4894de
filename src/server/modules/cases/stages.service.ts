import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { allowsOutcome, type Term } from '../../../shared/vocabularies.js';
import type { Database } from '../../db/schema.js';
import type { Subject } from '../../auth/access.js';
import { AppError, validationError } from '../../http/errors.js';
import { allowedTransitions } from '../vocabularies/transitions.service.js';
import { assertOfferedTerm, listTerms, termByCode } from '../vocabularies/vocabularies.service.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';
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

/**
 * Writes a move decided under the case's lock. The update is also
 * conditional on the stage the decision was made from, so a move can never
 * apply to a case that is elsewhere by then (CONFLICT).
 */
async function move(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actorId: string,
  change: { caseId: string; from: string; to: Term; kind: 'stage' | 'close' | 'reopen'; note?: string | undefined },
): Promise<void> {
  const at = deps.clock().toISOString();
  const closing = closes(change.to);
  const moved = await trx
    .updateTable('cases')
    .set({ stage: change.to.code, updated_at: at, ...(closing ? { closed_at: at } : { closed_at: null }) })
    .where('id', '=', change.caseId)
    .where('stage', '=', change.from)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 0n) throw movedOn(change.from);
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

function movedOn(stage: string): AppError {
  return new AppError('CONFLICT', `The case is no longer at "${stage}": reload it and try again.`, [
    { path: 'from', message: 'the case has moved on' },
  ]);
}

/**
 * Moves a case to another stage the graph permits; VALIDATION_FAILED naming
 * `stage` otherwise. CONFLICT when the case is already at the stage asked for
 * (a parallel move got there first) or, with `from`, no longer at `from`.
 */
export async function moveStage(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  input: { to: string; from?: string | undefined; note?: string | undefined },
): Promise<void> {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx, row }) => {
    if (input.from !== undefined && input.from !== row.stage) throw movedOn(input.from);
    const to = await assertOfferedTerm(trx, 'stage', { code: input.to }, 'to');
    if (to.code === row.stage) {
      throw new AppError('CONFLICT', `The case is already at "${to.code}".`, [
        { path: 'to', message: `the case is already at "${to.code}"` },
      ]);
    }
    if (!(await allowedTransitions(trx, row.stage)).some((term) => term.code === to.code)) {
      throw validationError([
        { path: 'to', message: `a case cannot move from stage "${row.stage}" to stage "${to.code}"` },
      ]);
    }
    await move(trx, deps, actor.userId, { caseId, from: row.stage, to, kind: 'stage', note: input.note });
  });
}

/**
 * Records (or with null, clears) the case's outcome. Recording one needs a
 * stage that allows it (OUTCOME_NOT_ALLOWED otherwise); the stage is read
 * under the case's lock, so a move committed meanwhile is the one judged.
 * Clearing a mistaken outcome is allowed at any stage.
 */
export async function setOutcome(deps: CaseDeps, actor: Subject, caseId: string, outcome: string | null) {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx, row }) => {
    if (outcome !== null) {
      await assertOfferedTerm(trx, 'outcome', { code: outcome }, 'outcome');
      if (!allowsOutcome(await termByCode(trx, 'stage', row.stage))) {
        throw new AppError('OUTCOME_NOT_ALLOWED', `The stage "${row.stage}" does not allow recording an outcome.`);
      }
    }
    const at = deps.clock().toISOString();
    await trx.updateTable('cases').set({ outcome, updated_at: at }).where('id', '=', caseId).execute();
    // For outcome events the stage columns hold the old and new outcome codes.
    await insertEvent(trx, {
      id: crypto.randomUUID(),
      case_id: caseId,
      kind: 'outcome',
      actor_id: actor.userId,
      stage_from: row.outcome,
      stage_to: outcome,
      at,
    });
    await auditCase(trx, deps, actor.userId, 'case.outcome', caseId);
  });
}

/** Closes an open case: it moves to the first closing stage of the vocabulary (`closed`). */
export async function closeCase(deps: CaseDeps, actor: Subject, caseId: string, reason: string) {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx, row }) => {
    if (row.closed_at !== null) throw new AppError('CONFLICT', 'The case is closed already.');
    const to = (await listTerms(trx, 'stage')).find(closes);
    if (to === undefined) throw new AppError('CONFLICT', 'The stage vocabulary offers no closing stage.');
    await move(trx, deps, actor.userId, { caseId, from: row.stage, to, kind: 'close', note: reason });
  });
}

/** Reopens a closed case at `follow_up`, or the first stage the graph permits from its stage. */
export async function reopenCase(deps: CaseDeps, actor: Subject, caseId: string, reason: string | undefined) {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx, row }) => {
    if (row.closed_at === null) throw new AppError('CONFLICT', 'The case is open.');
    const targets = (await allowedTransitions(trx, row.stage)).filter((term) => !closes(term));
    const to = targets.find((term) => term.code === 'follow_up') ?? targets[0];
    if (to === undefined) throw new AppError('CONFLICT', `No stage may follow "${row.stage}": add a transition.`);
    await move(trx, deps, actor.userId, { caseId, from: row.stage, to, kind: 'reopen', note: reason });
  });
}
