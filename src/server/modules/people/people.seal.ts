import type { Kysely, Updateable } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database, PeopleTable } from '../../db/schema.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import type { PersonRow } from './people.queries.js';
import type { Birth, Contact, PersonName, PersonPatch } from './people.schema.js';

/** The sealed columns of `people`, by the field each holds. */
const SEALED = {
  nameCyrillic: 'name_cyrillic_sealed',
  nameLatin: 'name_latin_sealed',
  birth: 'birth_sealed',
  contacts: 'contacts_sealed',
  aliases: 'aliases_sealed',
} as const;
type SealedField = keyof typeof SEALED;

export const PERSON_RECORD_TYPE = 'person';

export function personOwner(personId: string) {
  return { type: 'person', id: personId } as const;
}

function ref(personId: string, field: SealedField) {
  return { table: 'people', rowId: personId, field: SEALED[field] };
}

async function sealJson(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  field: SealedField,
  value: unknown,
): Promise<Buffer | null> {
  if (value === null) return null;
  return keyring.seal(db, personOwner(personId), ref(personId, field), JSON.stringify(value));
}

/** The personal fields a person's data key seals: the patchable ones and the aliases a merge leaves. */
export type SealedPatch = PersonPatch & { aliases?: PersonName[] };

/** The sealed columns for the personal fields `patch` names (an empty list seals as null). */
export async function sealPersonFields(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  patch: SealedPatch,
): Promise<Updateable<PeopleTable>> {
  const row: Updateable<PeopleTable> = {};
  for (const field of Object.keys(SEALED) as SealedField[]) {
    const value = patch[field];
    if (value === undefined) continue;
    const stored = Array.isArray(value) && value.length === 0 ? null : value;
    row[SEALED[field]] = await sealJson(db, keyring, personId, field, stored);
  }
  return row;
}

export interface OpenedPerson {
  nameCyrillic: PersonName | null;
  nameLatin: PersonName | null;
  birth: Birth | null;
  contacts: Contact[];
  aliases: PersonName[];
}

async function openJson<T>(
  db: Kysely<Database>,
  keyring: Keyring,
  row: PersonRow,
  field: SealedField,
): Promise<T | null> {
  const sealed = row[SEALED[field]];
  if (sealed === null) return null;
  return JSON.parse(await keyring.openText(db, ref(row.id, field), Buffer.from(sealed))) as T;
}

/** Opens a person's sealed fields; only names (and aliases) when `namesOnly` (the duplicate scan, re-indexing). */
export async function openPerson(
  db: Kysely<Database>,
  keyring: Keyring,
  row: PersonRow,
  namesOnly = false,
): Promise<OpenedPerson> {
  return {
    nameCyrillic: await openJson<PersonName>(db, keyring, row, 'nameCyrillic'),
    nameLatin: await openJson<PersonName>(db, keyring, row, 'nameLatin'),
    birth: namesOnly ? null : await openJson<Birth>(db, keyring, row, 'birth'),
    contacts: namesOnly ? [] : ((await openJson<Contact[]>(db, keyring, row, 'contacts')) ?? []),
    aliases: (await openJson<PersonName[]>(db, keyring, row, 'aliases')) ?? [],
  };
}

/** "Family Given Patronymic", as one line. */
export function nameText(name: PersonName | null): string {
  if (name === null) return '';
  return [name.family, name.given, name.patronymic].filter((part) => part !== undefined).join(' ');
}

/** Puts a person's names and aliases (and nothing else) in the blind index, as name fields. */
export async function indexPersonNames(
  db: Kysely<Database>,
  keyring: Keyring,
  personId: string,
  createdAt: string,
  names: Pick<OpenedPerson, 'nameCyrillic' | 'nameLatin'> & { aliases?: readonly PersonName[] },
): Promise<void> {
  const searchKey = await loadSearchKey(db, keyring);
  const fields = [
    { name: 'name_cyrillic', text: nameText(names.nameCyrillic), kind: 'name' as const },
    { name: 'name_latin', text: nameText(names.nameLatin), kind: 'name' as const },
    ...(names.aliases ?? []).map((alias) => ({ name: 'name_alias', text: nameText(alias), kind: 'name' as const })),
  ].filter((field) => field.text !== '');
  await indexRecord(db, searchKey, {
    recordType: PERSON_RECORD_TYPE,
    recordId: personId,
    date: createdAt.slice(0, 10),
    fields,
  });
}
