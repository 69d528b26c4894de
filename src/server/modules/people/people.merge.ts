import crypto from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database, PeopleTable } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { removeRecord } from '../../search/indexing.js';
import { retryingAborts } from '../../db/unit-of-work.js';
import { lockRecordsNaming, moveDocumentation } from './people.merge-documentation.js';
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
  type PersonRow,
} from './people.queries.js';
import { MAX_CONTACTS, type Contact, type MergeChoices, type MergeField, type PersonName } from './people.schema.js';
import {
  indexPersonNames,
  openPerson,
  PERSON_RECORD_TYPE,
  personOwner,
  sealPersonFields,
  type SealedPatch,
} from './people.seal.js';
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

type Opened = Awaited<ReturnType<typeof openPerson>>;
/** The fields a merge chooses, as they stand on one record. */
type Fields = Pick<PersonRow, 'person_role' | 'region' | 'service_category' | 'force' | 'unit'> & Opened;

const nameId = (name: PersonName) => JSON.stringify([name.family, name.given ?? '', name.patronymic ?? '']);
const contactId = (contact: Contact) => JSON.stringify([contact.kind, contact.value]);

function unique<T>(items: readonly T[], id: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(id(item))) seen.set(id(item), item);
  return [...seen.values()];
}

async function fieldsOf(trx: Kysely<Database>, keyring: Keyring, row: PersonRow): Promise<Fields> {
  return { ...row, ...(await openPerson(trx, keyring, row)) };
}

/**
 * What the kept record holds after the merge: each field from the side the
 * coordinator chose (the kept record's by default), contacts from one side or
 * both, and as aliases every name of either record that is not one of its
 * names now, with the aliases both had.
 */
export function mergedFields(kept: Fields, merged: Fields, keep: MergeChoices) {
  const pick = (field: MergeField) => (keep[field] === 'merged' ? merged : kept);
  const patch: SealedPatch = {};
  if (keep.nameCyrillic === 'merged') patch.nameCyrillic = merged.nameCyrillic;
  if (keep.nameLatin === 'merged') patch.nameLatin = merged.nameLatin;
  if (keep.birth === 'merged') patch.birth = merged.birth;
  if (keep.contacts === 'merged') patch.contacts = merged.contacts;
  if (keep.contacts === 'both') patch.contacts = unique([...kept.contacts, ...merged.contacts], contactId);
  const nameCyrillic = pick('nameCyrillic').nameCyrillic;
  const nameLatin = pick('nameLatin').nameLatin;
  const current = new Set([nameCyrillic, nameLatin].flatMap((name) => (name === null ? [] : [nameId(name)])));
  const everyName = [kept, merged].flatMap((p) => [p.nameCyrillic, p.nameLatin, ...p.aliases]);
  patch.aliases = unique(
    everyName.flatMap((name) => (name === null || current.has(nameId(name)) ? [] : [name])),
    nameId,
  );
  const plain: Updateable<PeopleTable> = {
    person_role: pick('personRole').person_role,
    region: pick('region').region,
    service_category: pick('serviceCategory').service_category,
    force: pick('force').force,
    unit: pick('unit').unit,
  };
  return { patch, plain, names: { nameCyrillic, nameLatin, aliases: patch.aliases } };
}

/**
 * Merges `personId` into `input.into`, in one transaction: every case link
 * moves (a case holding both keeps one link, with the stronger role and
 * either's spokesperson flag), the kept record takes the fields chosen from
 * the merged one and keeps the names it does not take as searchable aliases;
 * the incidents and sources naming the merged person name the kept one
 * (people.merge-documentation.ts); the merged person keeps only a pointer
 * (`merged_into`), leaves the index, and loses its data key. Audited as `person.merge` on both ids.
 */
export async function mergePerson(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Subject,
  personId: string,
  input: { into: string; keep: MergeChoices },
  clock: Clock,
) {
  const { into, keep } = input;
  if (personId === into)
    return Promise.reject(validationError([{ path: 'into', message: 'is the person being merged' }]));
  // Rerun whole when PostgreSQL breaks a deadlock with an edit naming the person (it does only database work).
  return retryingAborts(() =>
    db.transaction().execute(async (trx) => {
      // The records naming the merged-away person first, in an edit's order (record, then people).
      await lockRecordsNaming(trx, personId);
      // Both people stay as read until the merge commits: a parallel merge or update waits.
      await lockPeople(trx, [personId, into]);
      // Read again under the people's lock: a record that came to name them meanwhile has committed, none can now.
      const naming = await lockRecordsNaming(trx, personId);
      const source = await personOr404(trx, personId);
      const target = await selectPerson(trx, into);
      if (target === undefined) throw validationError([{ path: 'into', message: 'no such person' }]);
      if (source.merged_into !== null || target.merged_into !== null) {
        throw new AppError('CONFLICT', 'One of these people was merged already.', [
          { path: source.merged_into === null ? 'into' : 'personId', message: 'was merged already' },
        ]);
      }
      const { patch, plain, names } = mergedFields(
        await fieldsOf(trx, keyring, target),
        await fieldsOf(trx, keyring, source),
        keep,
      );
      if (names.nameCyrillic === null && names.nameLatin === null) {
        throw validationError([
          { path: 'keep.nameCyrillic', message: 'the kept record needs a Cyrillic or a Latin name' },
        ]);
      }
      if ((patch.contacts?.length ?? 0) > MAX_CONTACTS) {
        throw validationError([
          {
            path: 'keep.contacts',
            message: `together more than ${MAX_CONTACTS} contacts`,
            reason: 'too_large',
            limit: MAX_CONTACTS,
          },
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
      await moveDocumentation(trx, naming, { from: personId, into }, actor.userId, clock);
      await updatePersonRow(trx, personId, {
        merged_into: into,
        name_cyrillic_sealed: null,
        name_latin_sealed: null,
        birth_sealed: null,
        contacts_sealed: null,
        aliases_sealed: null,
        updated_at: now,
      });
      await updatePersonRow(trx, into, {
        ...(await sealPersonFields(trx, keyring, into, patch)),
        ...plain,
        updated_at: now,
      });
      await removeRecord(trx, PERSON_RECORD_TYPE, personId);
      await indexPersonNames(trx, keyring, into, target.created_at, names);
      await keyring.destroy(trx, personOwner(personId));
      for (const objectId of [personId, into]) {
        await appendAudit(
          trx,
          { actorId: actor.userId, action: 'person.merge', objectType: 'person', objectId, outcome: 'success' },
          clock,
        );
      }
      return { personId, mergedInto: into, links: links.length };
    }),
  );
}
