import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { SearchQueryError } from '../../search/errors.js';
import { search } from '../../search/search.js';
import { loadSearchKey } from '../../search/search-key.js';
import { fieldTokens } from '../../search/tokenize.js';
import { peopleByIds, recentPeople, type PersonRow } from './people.queries.js';
import type { DuplicatePair, PersonName } from './people.schema.js';
import { openPerson, PERSON_RECORD_TYPE } from './people.seal.js';

type Db = Kysely<Database>;

/** How many of the newest people the scan without a person compares. */
export const DUPLICATE_SCAN_LIMIT = 500;
/** How many pairs the scan answers at most, best first. */
export const DUPLICATE_PAIR_LIMIT = 200;
const CANDIDATES_PER_WORD = 100;

interface NamedPerson {
  personId: string;
  nameCyrillic: PersonName | null;
  nameLatin: PersonName | null;
  /** Name keys (transliteration-folded: Иванов, Ivanov, Ivanoff → ivanov) of the family names. */
  family: Set<string>;
  /** Name keys of every part of both names. */
  all: Set<string>;
}

function keysOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  return fieldTokens(text, 'name').flatMap((token) => (token.kind === 'name' ? [token.value] : []));
}

function parts(name: PersonName | null): string[] {
  return name === null ? [] : [name.family, name.given, name.patronymic].filter((p) => p !== undefined);
}

async function named(db: Db, keyring: Keyring, row: PersonRow): Promise<NamedPerson> {
  const { nameCyrillic, nameLatin } = await openPerson(db, keyring, row, true);
  const family = new Set([...keysOf(nameCyrillic?.family), ...keysOf(nameLatin?.family)]);
  const all = new Set([...parts(nameCyrillic), ...parts(nameLatin)].flatMap(keysOf));
  return { personId: row.id, nameCyrillic, nameLatin, family, all };
}

/** Reads the data keys of many people's names in a few statements, not one per person. */
function prefetchNames(db: Db, keyring: Keyring, rows: readonly PersonRow[]): Promise<void> {
  return keyring.prefetch(
    db,
    rows.flatMap((row) => [row.name_cyrillic_sealed, row.name_latin_sealed]),
  );
}

/**
 * How alike two people's names are, 0..1 (Dice coefficient over name keys);
 * 0 unless their family names share a key, so that two Ivans are no pair.
 */
export function nameScore(a: NamedPerson, b: NamedPerson): number {
  if (![...a.family].some((key) => b.family.has(key))) return 0;
  const shared = [...a.all].filter((key) => b.all.has(key)).length;
  return Math.round(((2 * shared) / (a.all.size + b.all.size)) * 100) / 100;
}

function pair(a: NamedPerson, b: NamedPerson, score: number): DuplicatePair {
  const out = (p: NamedPerson) => ({ personId: p.personId, nameCyrillic: p.nameCyrillic, nameLatin: p.nameLatin });
  return { a: out(a), b: out(b), score };
}

/**
 * Candidates for one person: every word of their names is searched in the
 * blind index (people only), then the hits are scored on their opened names.
 */
export async function duplicatesOf(db: Db, keyring: Keyring, row: PersonRow): Promise<DuplicatePair[]> {
  if (row.merged_into !== null) return [];
  const person = await named(db, keyring, row);
  const searchKey = await loadSearchKey(db, keyring);
  const words = new Set([...parts(person.nameCyrillic), ...parts(person.nameLatin)].flatMap((p) => p.split(/\s+/)));
  const found = new Set<string>();
  for (const word of words) {
    try {
      const hits = await search(db, searchKey, {
        query: word,
        recordTypes: [PERSON_RECORD_TYPE],
        limit: CANDIDATES_PER_WORD,
      });
      for (const hit of hits.results) if (hit.recordId !== row.id) found.add(hit.recordId);
    } catch (error) {
      // A word the index does not search for (a stop word, a single letter) finds nobody.
      if (!(error instanceof SearchQueryError)) throw error;
    }
  }
  const pairs: DuplicatePair[] = [];
  const candidates = await peopleByIds(db, [...found]);
  await prefetchNames(db, keyring, candidates);
  for (const candidate of candidates) {
    const other = await named(db, keyring, candidate);
    const score = nameScore(person, other);
    if (score > 0) pairs.push(pair(person, other, score));
  }
  return pairs.sort((x, y) => y.score - x.score);
}

/** Likely pairs among the newest people, compared by family-name key buckets. */
export async function likelyPairs(db: Db, keyring: Keyring): Promise<DuplicatePair[]> {
  const people: NamedPerson[] = [];
  const rows = await recentPeople(db, DUPLICATE_SCAN_LIMIT);
  await prefetchNames(db, keyring, rows);
  for (const row of rows) people.push(await named(db, keyring, row));
  const buckets = new Map<string, NamedPerson[]>();
  for (const person of people) {
    for (const key of person.family) buckets.set(key, [...(buckets.get(key) ?? []), person]);
  }
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const [a, b] = [bucket[i], bucket[j]];
        if (a === undefined || b === undefined) continue;
        const id = [a.personId, b.personId].sort().join(':');
        if (seen.has(id)) continue;
        seen.add(id);
        const score = nameScore(a, b);
        if (score > 0) pairs.push(pair(a, b, score));
      }
    }
  }
  return pairs.sort((x, y) => y.score - x.score).slice(0, DUPLICATE_PAIR_LIMIT);
}
