import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { appendAudit } from '../../audit/audit.js';
import { can, type Subject } from '../../auth/access.js';
import { personLinkedToGrantedCase } from '../../auth/grants.queries.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { assertOfferedTerm } from '../vocabularies/vocabularies.service.js';
import {
  casesOfPerson,
  deleteLink,
  requestsOfPerson,
  insertLink,
  insertPerson,
  selectLink,
  selectPerson,
  selectPersonToLink,
  type PersonRow,
} from './people.queries.js';
import {
  PERSON_LIST_FIRST,
  type CreatePersonInput,
  type LinkPersonInput,
  type PersonOut,
  type PersonPatch,
} from './people.schema.js';
import { caseWork } from '../cases/case-work.js';
import { personEvent } from '../cases/person-events.js';
import { openCaseField } from '../cases/sealing.js';
import { indexPersonNames, openPerson, sealPersonFields } from './people.seal.js';
import { personWork } from './person-work.js';

type Clock = () => Date;
type Db = Kysely<Database>;

const CODED_FIELDS: readonly (readonly [keyof PersonPatch, Vocabulary, string])[] = [
  ['personRole', 'person_role', 'personRole'],
  ['region', 'region', 'region'],
  ['serviceCategory', 'service_category', 'serviceCategory'],
  ['force', 'force', 'force'],
  ['unit', 'unit', 'unit'],
];

/** Refuses a code its vocabulary does not offer, naming the field (`prefix` for nested bodies). */
async function checkCodes(db: Db, patch: PersonPatch, prefix = ''): Promise<void> {
  for (const [key, vocabulary, field] of CODED_FIELDS) {
    const code = patch[key];
    if (typeof code === 'string') await assertOfferedTerm(db, vocabulary, { code }, `${prefix}${field}`);
  }
}

function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

/** Writes a new person row, its sealed fields and its names in the index; the caller audits. */
async function insertNewPerson(trx: Db, keyring: Keyring, input: CreatePersonInput, clock: Clock): Promise<string> {
  const id = crypto.randomUUID();
  const now = clock().toISOString();
  const sealed = await sealPersonFields(trx, keyring, id, input);
  await insertPerson(trx, {
    id,
    person_role: input.personRole,
    service_category: input.serviceCategory ?? null,
    force: input.force ?? null,
    unit: input.unit ?? null,
    region: input.region ?? null,
    name_cyrillic_sealed: sealed.name_cyrillic_sealed ?? null,
    name_latin_sealed: sealed.name_latin_sealed ?? null,
    birth_sealed: sealed.birth_sealed ?? null,
    contacts_sealed: sealed.contacts_sealed ?? null,
    merged_into: null,
    created_at: now,
    updated_at: now,
  });
  await indexPersonNames(trx, keyring, id, now, {
    nameCyrillic: input.nameCyrillic ?? null,
    nameLatin: input.nameLatin ?? null,
  });
  return id;
}

/** A person on their own (coordinators). Audited as `person.create`. */
export async function createPerson(
  db: Db,
  keyring: Keyring,
  actor: Subject,
  input: CreatePersonInput,
  clock: Clock,
): Promise<PersonOut> {
  return db.transaction().execute(async (trx) => {
    await checkCodes(trx, input);
    const id = await insertNewPerson(trx, keyring, input, clock);
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'person.create', objectType: 'person', objectId: id, outcome: 'success' },
      clock,
    );
    return presentPerson(trx, keyring, casesShownTo(actor), await personOr404(trx, id));
  });
}

/**
 * Links a new or existing person to a case, with their role in it; writes a
 * `person` event on the case timeline. An existing person must be one the
 * actor may read: a case grant is no way to reach a stranger's record.
 */
export async function addPersonToCase(
  db: Db,
  keyring: Keyring,
  actor: Subject,
  caseId: string,
  body: LinkPersonInput,
  clock: Clock,
) {
  // Under the case's lock: two requests linking one person cannot both pass the check for an existing link.
  return caseWork({ db, keyring, clock }, actor, caseId, 'case.write', async ({ trx }) => {
    await assertOfferedTerm(trx, 'person_role', { code: body.role }, 'role');
    let personId: string;
    if (body.person !== undefined) {
      const input = { ...body.person, personRole: body.person.personRole ?? body.role };
      await checkCodes(trx, input, 'person.');
      personId = await insertNewPerson(trx, keyring, input, clock);
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          action: 'person.create',
          objectType: 'person',
          objectId: personId,
          outcome: 'success',
        },
        clock,
      );
    } else {
      personId = await linkableExisting(trx, actor, body.personId ?? '');
    }
    const now = clock().toISOString();
    await insertLink(trx, {
      case_id: caseId,
      person_id: personId,
      role: body.role,
      is_spokesperson: body.isSpokesperson ? 1 : 0,
      added_at: now,
    });
    await personEvent(trx, { caseId, actorId: actor.userId, at: now }, 'added', { to: body.role });
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'person.link', objectType: 'case', objectId: caseId, outcome: 'success' },
      clock,
    );
    return { caseId, personId, role: body.role, isSpokesperson: body.isSpokesperson };
  });

  async function linkableExisting(trx: Db, subject: Subject, personId: string): Promise<string> {
    const row = await selectPersonToLink(trx, personId);
    const linked = row !== undefined && (await personLinkedToGrantedCase(trx, subject.userId, personId));
    if (
      row === undefined ||
      !can(subject, 'person.read', { type: 'person', id: personId, linkedToGrantedCase: linked })
    ) {
      throw validationError([{ path: 'personId', message: 'no such person' }]);
    }
    if (row.merged_into !== null) {
      throw new AppError('CONFLICT', 'This person was merged into another.', [
        { path: 'personId', message: 'was merged into another person' },
      ]);
    }
    if ((await selectLink(trx, caseId, personId)) !== undefined) {
      throw new AppError('CONFLICT', 'This person is in the case already.', [
        { path: 'personId', message: 'is in the case already' },
      ]);
    }
    return personId;
  }
}

export async function personOr404(db: Db, personId: string): Promise<PersonRow> {
  const row = await selectPerson(db, personId);
  if (row === undefined) throw notFound();
  return row;
}

/** Whose grants limit the cases shown with a person: null shows every case (coordinators). */
export function casesShownTo(reader: Subject): string | null {
  return reader.role === 'coordinator' ? null : reader.userId;
}

/**
 * A person as the API shows them: opened fields, and the cases (with their
 * titles) and requests the reader may see, at most `limit` of each.
 */
export async function presentPerson(
  db: Db,
  keyring: Keyring,
  casesOf: string | null,
  row: PersonRow,
  limit = PERSON_LIST_FIRST,
): Promise<PersonOut> {
  const merged = row.merged_into !== null;
  // A merged person's key is destroyed: only the pointer to where they went is left.
  const opened = merged
    ? { nameCyrillic: null, nameLatin: null, birth: null, contacts: [], aliases: [] }
    : await openPerson(db, keyring, row);
  const cases = merged ? [] : await casesOfPerson(db, row.id, casesOf, limit);
  const requests = merged ? [] : await requestsOfPerson(db, row.id, casesOf, limit);
  const shownCases = cases.slice(0, limit);
  await keyring.prefetch(
    db,
    shownCases.map((c) => c.title_sealed),
  );
  return {
    id: row.id,
    personRole: row.person_role,
    ...opened,
    region: row.region,
    serviceCategory: row.service_category,
    force: row.force,
    unit: row.unit,
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cases: await Promise.all(
      shownCases.map(async (c) => ({
        caseId: c.caseId,
        number: c.number,
        title: await openCaseField(db, keyring, { table: 'cases', rowId: c.caseId, field: 'title' }, c.title_sealed),
        stage: c.stage,
        role: c.role,
        isSpokesperson: c.is_spokesperson === 1,
      })),
    ),
    casesMore: cases.length > limit,
    requests: requests.slice(0, limit).map((r) => ({
      intakeId: r.id,
      caseId: r.caseId,
      caseNumber: r.number,
      channel: r.channel,
      status: r.status,
      urgency: r.urgency,
      createdAt: r.created_at,
    })),
    requestsMore: requests.length > limit,
  };
}

/** Reads a person; audited as `person.read`. */
export async function readPerson(
  db: Db,
  keyring: Keyring,
  reader: Subject,
  personId: string,
  limit: number,
  clock: Clock,
) {
  return personWork(db, reader, personId, 'person.read', async ({ trx, row, access }) => {
    const person = await presentPerson(trx, keyring, access.casesOf, row, limit);
    await appendAudit(
      trx,
      { actorId: reader.userId, action: 'person.read', objectType: 'person', objectId: personId, outcome: 'success' },
      clock,
    );
    return person;
  });
}

/**
 * Changes the fields `patch` names, and only those columns, under the
 * person's lock; a person keeps at least one name. Audited as `person.update`.
 */
export async function updatePerson(
  db: Db,
  keyring: Keyring,
  actor: Subject,
  personId: string,
  patch: PersonPatch,
  clock: Clock,
): Promise<PersonOut> {
  return personWork(db, actor, personId, 'person.write', async ({ trx, row, q, access }) => {
    if (row.merged_into !== null) throw new AppError('CONFLICT', 'This person was merged into another.');
    await checkCodes(trx, patch);
    const opened = await openPerson(trx, keyring, row, true);
    const names = {
      nameCyrillic: patch.nameCyrillic === undefined ? opened.nameCyrillic : patch.nameCyrillic,
      nameLatin: patch.nameLatin === undefined ? opened.nameLatin : patch.nameLatin,
      aliases: opened.aliases,
    };
    if (names.nameCyrillic === null && names.nameLatin === null) {
      throw validationError([{ path: 'nameCyrillic', message: 'give a Cyrillic or a Latin name' }]);
    }
    const sealed = await sealPersonFields(trx, keyring, personId, patch);
    await q.updatePersonRow(personId, {
      ...sealed,
      ...(patch.personRole === undefined ? {} : { person_role: patch.personRole }),
      ...(patch.region === undefined ? {} : { region: patch.region }),
      ...(patch.serviceCategory === undefined ? {} : { service_category: patch.serviceCategory }),
      ...(patch.force === undefined ? {} : { force: patch.force }),
      ...(patch.unit === undefined ? {} : { unit: patch.unit }),
      updated_at: clock().toISOString(),
    });
    if (patch.nameCyrillic !== undefined || patch.nameLatin !== undefined) {
      await indexPersonNames(trx, keyring, personId, row.created_at, names);
    }
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'person.update', objectType: 'person', objectId: personId, outcome: 'success' },
      clock,
    );
    return presentPerson(trx, keyring, access.casesOf, await personOr404(trx, personId));
  });
}

/** Takes a person off a case (the person stays). Audited as `person.unlink` on the case. */
export async function unlinkPerson(
  db: Db,
  keyring: Keyring,
  actor: Subject,
  caseId: string,
  personId: string,
  clock: Clock,
) {
  await caseWork({ db, keyring, clock }, actor, caseId, 'case.write', async ({ trx }) => {
    const link = await selectLink(trx, caseId, personId);
    if (link === undefined || !(await deleteLink(trx, caseId, personId))) throw notFound();
    await personEvent(trx, { caseId, actorId: actor.userId, at: clock().toISOString() }, 'removed', {
      from: link.role,
    });
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'person.unlink', objectType: 'case', objectId: caseId, outcome: 'success' },
      clock,
    );
  });
}
