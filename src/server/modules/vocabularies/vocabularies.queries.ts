import { sql, type Selectable } from 'kysely';
import { VOCABULARIES, isVocabulary, type Term, type Vocabulary } from '../../../shared/vocabularies.js';
import type { Db } from '../../auth/auth.queries.js';
import { dialectOf, forUpdate } from '../../db/dialect.js';
import type { VocabularyTermsTable } from '../../db/schema.js';

type TermRow = Selectable<VocabularyTermsTable>;

/** The first key of the PostgreSQL advisory locks on a vocabulary's codes ("voca"); the second is the vocabulary's. */
const CODES_LOCK = 0x766f6361;

/**
 * Keeps the codes of `vocabulary` as read until the transaction ends: a term
 * created and a units file imported take this lock before they look for a
 * taken code, so they run one after the other and the second finds the first's
 * code taken (CONFLICT, or the file's line) instead of failing on the unique
 * key. SQLite's BEGIN IMMEDIATE serialises writers already.
 */
export async function lockVocabularyCodes(db: Db, vocabulary: Vocabulary): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${CODES_LOCK}, hashtext(${vocabulary}))`.execute(db);
}

/** A stored row as the API shows it. */
export function toTerm(row: TermRow): Term {
  if (!isVocabulary(row.vocabulary)) throw new Error('A vocabulary term names an unknown vocabulary');
  const attributes: unknown = JSON.parse(row.attributes);
  return {
    id: row.id,
    vocabulary: row.vocabulary,
    code: row.code,
    parentId: row.parent_id,
    labelRu: row.label_ru,
    labelEn: row.label_en,
    sortOrder: row.sort_order,
    retired: row.retired_at !== null,
    retiredAt: row.retired_at,
    attributes: typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {},
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function selectTerms(db: Db, vocabulary: Vocabulary, includeRetired: boolean): Promise<Term[]> {
  const rows = await db
    .selectFrom('vocabulary_terms')
    .selectAll()
    .where('vocabulary', '=', vocabulary)
    .$if(!includeRetired, (query) => query.where('retired_at', 'is', null))
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map(toTerm);
}

export async function selectTermById(db: Db, id: string): Promise<Term | undefined> {
  const row = await db.selectFrom('vocabulary_terms').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toTerm(row);
}

/** The term, its row locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite holds the writer lock). */
export async function selectTermForUpdate(db: Db, id: string): Promise<Term | undefined> {
  const row = await forUpdate(
    db,
    db.selectFrom('vocabulary_terms').selectAll().where('id', '=', id),
  ).executeTakeFirst();
  return row === undefined ? undefined : toTerm(row);
}

/** One indexed lookup on (vocabulary, code). */
export async function selectTermByCode(db: Db, vocabulary: Vocabulary, code: string): Promise<Term | undefined> {
  const row = await db
    .selectFrom('vocabulary_terms')
    .selectAll()
    .where('vocabulary', '=', vocabulary)
    .where('code', '=', code)
    .executeTakeFirst();
  return row === undefined ? undefined : toTerm(row);
}

/** Whether a code is taken in the vocabulary, ignoring case: `RU-BU` and `ru-bu` would confuse everyone. */
export async function codeTaken(db: Db, vocabulary: Vocabulary, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('vocabulary_terms')
    .select('id')
    .where('vocabulary', '=', vocabulary)
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

/** Per vocabulary: how many terms, and how many of them retired. Vocabularies without terms count 0. */
export async function countTerms(db: Db): Promise<{ vocabulary: Vocabulary; terms: number; retired: number }[]> {
  const rows = await db
    .selectFrom('vocabulary_terms')
    .select((eb) => [
      'vocabulary',
      eb.fn.countAll<number | string>().as('terms'),
      eb.fn.count<number | string>('retired_at').as('retired'),
    ])
    .groupBy('vocabulary')
    .execute();
  const counts = new Map(rows.map((row) => [row.vocabulary, row]));
  return VOCABULARIES.map((vocabulary) => {
    const row = counts.get(vocabulary);
    return { vocabulary, terms: Number(row?.terms ?? 0), retired: Number(row?.retired ?? 0) };
  });
}

/** The highest sort order among the children of `parentId` (top level when null); null when there are none. */
export async function maxSiblingSortOrder(
  db: Db,
  vocabulary: Vocabulary,
  parentId: string | null,
): Promise<number | null> {
  const row = await db
    .selectFrom('vocabulary_terms')
    .select((eb) => eb.fn.max<number | string | null>('sort_order').as('max'))
    .where('vocabulary', '=', vocabulary)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? null : Number(row.max);
}

export async function insertTerm(db: Db, row: TermRow): Promise<void> {
  await db.insertInto('vocabulary_terms').values(row).execute();
}

export async function updateTermRow(
  db: Db,
  id: string,
  change: Partial<Omit<TermRow, 'id' | 'vocabulary' | 'code' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('vocabulary_terms').set(change).where('id', '=', id).execute();
}

/** The parent ids above a term, nearest first; stops at a repeat, so a damaged tree cannot loop. */
export async function ancestorIds(db: Db, termId: string): Promise<string[]> {
  const seen: string[] = [];
  let current: string | null = termId;
  while (current !== null && !seen.includes(current)) {
    seen.push(current);
    const row: { parent_id: string | null } | undefined = await db
      .selectFrom('vocabulary_terms')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return seen.slice(1);
}

/** Every stage transition by codes, in stage order. */
export function selectTransitions(db: Db): Promise<{ from: string; to: string }[]> {
  return db
    .selectFrom('stage_transitions as t')
    .innerJoin('vocabulary_terms as f', 'f.id', 't.from_id')
    .innerJoin('vocabulary_terms as g', 'g.id', 't.to_id')
    .select(['f.code as from', 'g.code as to'])
    .orderBy('f.sort_order')
    .orderBy('f.code')
    .orderBy('g.sort_order')
    .orderBy('g.code')
    .execute();
}

/** The offered stages a case at `fromCode` may move to. */
export async function selectTransitionTargets(db: Db, fromCode: string): Promise<Term[]> {
  const rows = await db
    .selectFrom('stage_transitions as t')
    .innerJoin('vocabulary_terms as f', 'f.id', 't.from_id')
    .innerJoin('vocabulary_terms as g', 'g.id', 't.to_id')
    .selectAll('g')
    .where('f.vocabulary', '=', 'stage')
    .where('f.code', '=', fromCode)
    .where('g.retired_at', 'is', null)
    .orderBy('g.sort_order')
    .orderBy('g.code')
    .execute();
  return rows.map(toTerm);
}

export async function insertTransition(db: Db, fromId: string, toId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('stage_transitions')
    .values({ from_id: fromId, to_id: toId, created_at: at })
    .onConflict((oc) => oc.columns(['from_id', 'to_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteTransition(db: Db, fromId: string, toId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('stage_transitions')
    .where('from_id', '=', fromId)
    .where('to_id', '=', toId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
