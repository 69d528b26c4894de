import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { removeRecord } from '../../search/indexing.js';
import {
  deleteLink,
  insertCaseEvent,
  insertLink,
  linksOfPerson,
  lockPeople,
  selectLink,
  selectPerson,
  updateLink,
  updatePersonRow,
} from './people.queries.js';
import { PERSON_RECORD_TYPE, personOwner } from './people.seal.js';
import { personOr404 } from './people.service.js';

type Clock = () => Date;

/** Roles in a case, strongest first: a merged link keeps the stronger of the two. */
const ROLE_STRENGTH = [
  'serviceman',
  'spokesperson',
  'relative',
  'lawyer',
  'commander_official',
  'witness',
  'prosecutor',
  'judge',
  'journalist',
];

function strength(role: string): number {
  const at = ROLE_STRENGTH.indexOf(role);
  return at === -1 ? ROLE_STRENGTH.length : at;
}

export function strongerRole(a: string, b: string): string {
  return strength(b) < strength(a) ? b : a;
}

/**
 * Merges `personId` into `into`, in one transaction: every case link moves
 * (a case holding both keeps one link, with the stronger role and either's
 * spokesperson flag), `into` keeps its own fields, the merged person keeps
 * only a pointer (`merged_into`), leaves the index, and loses its data key.
 * Audited as `person.merge` on both.
 */
export async function mergePerson(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Subject,
  personId: string,
  into: string,
  clock: Clock,
) {
  return db.transaction().execute(async (trx) => {
    if (personId === into) throw validationError([{ path: 'into', message: 'is the person being merged' }]);
    // Both people stay as read until the merge commits: a parallel merge or update waits.
    await lockPeople(trx, [personId, into]);
    const source = await personOr404(trx, personId);
    const target = await selectPerson(trx, into);
    if (target === undefined) throw validationError([{ path: 'into', message: 'no such person' }]);
    if (source.merged_into !== null || target.merged_into !== null) {
      throw new AppError('CONFLICT', 'One of these people was merged already.', [
        { path: source.merged_into === null ? 'into' : 'personId', message: 'was merged already' },
      ]);
    }
    const now = clock().toISOString();
    const links = await linksOfPerson(trx, personId);
    for (const link of links) {
      const existing = await selectLink(trx, link.case_id, into);
      await deleteLink(trx, link.case_id, personId);
      if (existing === undefined) {
        await insertLink(trx, { ...link, person_id: into });
      } else {
        await updateLink(trx, link.case_id, into, {
          role: strongerRole(existing.role, link.role),
          is_spokesperson: Math.max(existing.is_spokesperson, link.is_spokesperson),
        });
      }
      await insertCaseEvent(trx, {
        id: crypto.randomUUID(),
        case_id: link.case_id,
        kind: 'person',
        actor_id: actor.userId,
        stage_from: null,
        stage_to: null,
        body_sealed: null,
        at: now,
      });
    }
    await updatePersonRow(trx, personId, {
      merged_into: into,
      name_cyrillic_sealed: null,
      name_latin_sealed: null,
      birth_sealed: null,
      contacts_sealed: null,
      updated_at: now,
    });
    await updatePersonRow(trx, into, { updated_at: now });
    await removeRecord(trx, PERSON_RECORD_TYPE, personId);
    await keyring.destroy(trx, personOwner(personId));
    for (const objectId of [personId, into]) {
      await appendAudit(
        trx,
        { actorId: actor.userId, action: 'person.merge', objectType: 'person', objectId, outcome: 'success' },
        clock,
      );
    }
    return { personId, mergedInto: into, links: links.length };
  });
}
