import type { AuditAction } from '../../../shared/audit-actions.js';
import type { Kysely } from 'kysely';
import type { StageTransition, Term } from '../../../shared/vocabularies.js';
import { appendAudit } from '../../audit/audit.js';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import {
  deleteTransition,
  insertTransition,
  selectTermByCode,
  selectTransitionTargets,
  selectTransitions,
} from './vocabularies.queries.js';
import { assertOfferedTerm } from './vocabularies.service.js';

/**
 * The stage graph: which stage a case may move to from which. Stages are
 * data (the `stage` vocabulary), and so are the moves between them.
 */

type Clock = () => Date;

/** Every permitted move, by stage codes, in stage order. */
export function listTransitions(db: Db): Promise<StageTransition[]> {
  return selectTransitions(db);
}

/** The stages, offered ones only, that a case at `fromStageCode` may move to. */
export function allowedTransitions(db: Db, fromStageCode: string): Promise<Term[]> {
  return selectTransitionTargets(db, fromStageCode);
}

/**
 * Refuses a move from one stage to another that the graph does not permit,
 * or to a retired stage, with VALIDATION_FAILED naming the field `stage`.
 * Staying at the same stage is not a move and passes.
 */
export async function assertTransition(db: Db, fromCode: string, toCode: string): Promise<void> {
  if (fromCode === toCode) return;
  const targets = await selectTransitionTargets(db, fromCode);
  if (!targets.some((term) => term.code === toCode)) {
    throw validationError([
      { path: 'stage', message: `a case cannot move from stage "${fromCode}" to stage "${toCode}"` },
    ]);
  }
}

/** Permits a move (coordinators). The target must be offered; the source may be retired. Idempotent. */
export async function addTransition(
  db: Kysely<Database>,
  actorId: string,
  pair: StageTransition,
  clock: Clock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await stageOrInvalid(trx, pair.from, 'from');
    const to = await assertOfferedTerm(trx, 'stage', { code: pair.to }, 'to');
    if (from.id === to.id) throw validationError([{ path: 'to', message: 'must be a different stage from "from"' }]);
    if (await insertTransition(trx, from.id, to.id, clock().toISOString())) {
      await audit(trx, actorId, 'vocabulary.transition_add', from.id, clock);
    }
  });
}

/** Removes a permitted move (coordinators); NOT_FOUND when it was not permitted. */
export async function removeTransition(
  db: Kysely<Database>,
  actorId: string,
  pair: StageTransition,
  clock: Clock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await stageOrInvalid(trx, pair.from, 'from');
    const to = await stageOrInvalid(trx, pair.to, 'to');
    if (!(await deleteTransition(trx, from.id, to.id))) {
      throw new AppError('NOT_FOUND', `There is no transition from stage ${pair.from} to stage ${pair.to}.`);
    }
    await audit(trx, actorId, 'vocabulary.transition_remove', from.id, clock);
  });
}

async function stageOrInvalid(db: Db, code: string, field: string): Promise<Term> {
  const stage = await selectTermByCode(db, 'stage', code);
  if (stage === undefined) throw validationError([{ path: field, message: 'is not a stage' }]);
  return stage;
}

/** Transitions are audited against their source stage's term id: the log holds ids only. */
function audit(trx: Db, actorId: string, action: AuditAction, fromId: string, clock: Clock) {
  return appendAudit(trx, { actorId, action, objectType: 'term', objectId: fromId, outcome: 'success' }, clock);
}
