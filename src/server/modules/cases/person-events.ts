import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { selectLink, updateLink } from '../people/people.queries.js';
import { assertOfferedTerm } from '../vocabularies/vocabularies.service.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';
import { insertEvent } from './cases.queries.js';
import type { PersonEvent } from './cases.schema.js';

/**
 * A `person` event on a case's timeline: someone added to it, taken off it, or
 * given another role in it. The role codes go in the stage columns (old, new);
 * the person's name stays sealed on the person, so the timeline names the role.
 */
export function personEvent(
  trx: Kysely<Database>,
  where: { caseId: string; actorId: string; at: string },
  detail: PersonEvent,
  roles: { from?: string | null; to?: string | null },
) {
  return insertEvent(trx, {
    id: crypto.randomUUID(),
    case_id: where.caseId,
    kind: 'person',
    actor_id: where.actorId,
    at: where.at,
    detail,
    stage_from: roles.from ?? null,
    stage_to: roles.to ?? null,
  });
}

/**
 * Gives a person on a case another role there, or makes them (or stops
 * making them) its spokesperson, under the case's lock; a new role writes a
 * `role_changed` event. Audited as `person.link` on the case.
 */
export async function changePersonOnCase(
  deps: CaseDeps,
  actor: Subject,
  ids: { caseId: string; personId: string },
  change: { role?: string | undefined; isSpokesperson?: boolean | undefined },
): Promise<void> {
  const { caseId, personId } = ids;
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx }) => {
    const link = await selectLink(trx, caseId, personId);
    if (link === undefined) throw new AppError('NOT_FOUND');
    if (change.role !== undefined) await assertOfferedTerm(trx, 'person_role', { code: change.role }, 'role');
    const role = change.role ?? link.role;
    const spokesperson = change.isSpokesperson === undefined ? link.is_spokesperson : change.isSpokesperson ? 1 : 0;
    await updateLink(trx, caseId, personId, { role, is_spokesperson: spokesperson });
    if (role !== link.role) {
      const at = deps.clock().toISOString();
      await personEvent(trx, { caseId, actorId: actor.userId, at }, 'role_changed', { from: link.role, to: role });
    }
    await auditCase(trx, deps, actor.userId, 'person.link', caseId);
  });
}
