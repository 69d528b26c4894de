import { sql, type Kysely, type RawBuilder } from 'kysely';
import { forUpdate } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { SERIAL_SPACE } from './sort-key.js';

/**
 * All SQL of the blind index. Lists are sent in chunks so that no statement
 * passes SQLite's or PostgreSQL's limit on bound parameters.
 */
const CHUNK = 500;

export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/** Sorts tokens bytewise: concurrent writers then lock count rows in one order and cannot deadlock. */
function sortedTokens(tokens: readonly Buffer[]): Buffer[] {
  return [...tokens].sort((a, b) => Buffer.compare(a, b));
}

export interface IndexedRecord {
  serial: number;
  record_type: string;
  record_id: string;
  day: number;
  tokens: Buffer;
}

/**
 * The index entries of records, locked until the transaction ends (a row
 * lock on PostgreSQL; SQLite's writer lock): whoever replaces or removes an
 * entry counts down the tokens it holds, and two doing so at once would
 * count them down twice.
 */
export async function findIndexedRecords(
  db: Kysely<Database>,
  recordType: string,
  recordIds: readonly string[],
): Promise<IndexedRecord[]> {
  const rows: IndexedRecord[] = [];
  for (const ids of chunked([...recordIds].sort())) {
    const query = db
      .selectFrom('search_records')
      .selectAll()
      .where('record_type', '=', recordType)
      .where('record_id', 'in', ids)
      .orderBy('record_id');
    rows.push(...(await forUpdate(db, query).execute()));
  }
  return rows;
}

/** Adds a record and answers its new serial; undefined if another transaction added it first. */
export async function insertIndexedRecord(
  db: Kysely<Database>,
  record: { recordType: string; recordId: string; day: number; tokens: Buffer },
): Promise<number | undefined> {
  const row = await db
    .insertInto('search_records')
    .values({ record_type: record.recordType, record_id: record.recordId, day: record.day, tokens: record.tokens })
    .onConflict((oc) => oc.columns(['record_id', 'record_type']).doNothing())
    .returning('serial')
    .executeTakeFirst();
  return row?.serial;
}

export async function updateIndexedRecord(
  db: Kysely<Database>,
  serial: number,
  day: number,
  tokens: Buffer,
): Promise<void> {
  await db.updateTable('search_records').set({ day, tokens }).where('serial', '=', serial).execute();
}

export async function deleteIndexedRecords(db: Kysely<Database>, serials: readonly number[]): Promise<void> {
  for (const chunk of chunked(serials)) {
    await db.deleteFrom('search_records').where('serial', 'in', chunk).execute();
  }
}

export async function insertPostings(
  db: Kysely<Database>,
  postings: readonly { token: Buffer; sort_key: number; fields: string }[],
): Promise<void> {
  // Three parameters a row.
  for (const chunk of chunked(postings, 300)) await db.insertInto('search_postings').values(chunk).execute();
}

/** Deletes one record's postings through the primary key, from the tokens it is known to hold. */
export async function deletePostings(db: Kysely<Database>, sortKey: number, tokens: readonly Buffer[]): Promise<void> {
  for (const chunk of chunked(tokens)) {
    await db.deleteFrom('search_postings').where('sort_key', '=', sortKey).where('token', 'in', chunk).execute();
  }
}

export async function countUp(db: Kysely<Database>, tokens: readonly Buffer[]): Promise<void> {
  for (const chunk of chunked(sortedTokens(tokens))) {
    await db
      .insertInto('search_token_counts')
      .values(chunk.map((token) => ({ token, records: 1 })))
      .onConflict((oc) =>
        oc.column('token').doUpdateSet({ records: (eb) => eb('search_token_counts.records', '+', 1) }),
      )
      .execute();
  }
}

/** Counts tokens down by `by` and forgets those no record holds any more. */
export async function countDown(db: Kysely<Database>, tokens: readonly Buffer[], by: number): Promise<void> {
  for (const chunk of chunked(sortedTokens(tokens))) {
    await db
      .updateTable('search_token_counts')
      .set((eb) => ({ records: eb('records', '-', by) }))
      .where('token', 'in', chunk)
      .execute();
    await db.deleteFrom('search_token_counts').where('token', 'in', chunk).where('records', '<=', 0).execute();
  }
}

/** How many records hold each token, by the token's hex; absent tokens are held by none. */
export async function tokenCounts(db: Kysely<Database>, tokens: readonly Buffer[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const chunk of chunked(tokens)) {
    const rows = await db
      .selectFrom('search_token_counts')
      .select(['token', 'records'])
      .where('token', 'in', chunk)
      .execute();
    for (const row of rows) counts.set(Buffer.from(row.token).toString('hex'), row.records);
  }
  return counts;
}

export interface PostingScan {
  /** The token whose postings are walked, newest first. */
  token: Buffer;
  /** Each inner list is one further term: the record must hold at least one of its tokens. */
  alsoHolding: readonly (readonly Buffer[])[];
  /** Tokens to report on for each record found, as a string of 0 and 1 in this order. */
  report: readonly Buffer[];
  lowest: number;
  highest: number;
  recordTypes: readonly string[] | undefined;
  limit: number;
}

function holds(token: Buffer): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from search_postings q where q.token = ${token} and q.sort_key = p.sort_key)`;
}

/**
 * The newest records, down from `highest`, that hold `token` and one token
 * of every other term: a backward scan of the primary key that stops after
 * `limit` records, checking each with primary-key lookups. Each comes with
 * which of the `report` tokens it holds, so that ranking needs no second pass.
 */
export async function newestHolding(
  db: Kysely<Database>,
  scan: PostingScan,
): Promise<{ sortKey: number; held: string }[]> {
  const held =
    scan.report.length === 0
      ? sql<string>`''`
      : sql<string>`${sql.join(
          scan.report.map((token) => sql`case when ${holds(token)} then '1' else '0' end`),
          sql` || `,
        )}`;
  let query = db
    .selectFrom('search_postings as p')
    .select(['p.sort_key', held.as('held')])
    .where('p.token', '=', scan.token)
    .where('p.sort_key', '>=', scan.lowest)
    .where('p.sort_key', '<=', scan.highest);
  for (const term of scan.alsoHolding) query = query.where((eb) => eb.or(term.map(holds)));
  const recordTypes = scan.recordTypes;
  if (recordTypes !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('search_records as r')
          .select(sql.lit(1).as('one'))
          .where('r.record_type', 'in', [...recordTypes])
          .where('r.serial', '=', sql<number>`p.sort_key % ${sql.lit(SERIAL_SPACE)}`),
      ),
    );
  }
  const rows = await query.orderBy('p.sort_key', 'desc').limit(scan.limit).execute();
  return rows.map((row) => ({ sortKey: row.sort_key, held: row.held }));
}

/** Which of `sortKeys` hold at least one of `tokens`. */
export async function holdingAmong(
  db: Kysely<Database>,
  tokens: readonly Buffer[],
  sortKeys: readonly number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (const chunk of chunked(sortKeys)) {
    const rows = await db
      .selectFrom('search_postings')
      .select('sort_key')
      .where('token', 'in', [...tokens])
      .where('sort_key', 'in', chunk)
      .execute();
    for (const row of rows) found.add(row.sort_key);
  }
  return found;
}

/** The postings of `tokens` among `sortKeys`: which record holds which token, in which fields. */
export async function postingsAmong(
  db: Kysely<Database>,
  tokens: readonly Buffer[],
  sortKeys: readonly number[],
): Promise<{ sortKey: number; token: string; fields: string[] }[]> {
  const postings: { sortKey: number; token: string; fields: string[] }[] = [];
  for (const chunk of chunked(sortKeys)) {
    const rows = await db
      .selectFrom('search_postings')
      .select(['sort_key', 'token', 'fields'])
      .where('token', 'in', [...tokens])
      .where('sort_key', 'in', chunk)
      .execute();
    for (const row of rows) {
      const token = Buffer.from(row.token).toString('hex');
      postings.push({ sortKey: row.sort_key, token, fields: row.fields.split(',') });
    }
  }
  return postings;
}

/** The records behind serials, for naming the hits of a page. */
export async function recordsBySerial(
  db: Kysely<Database>,
  serials: readonly number[],
): Promise<Map<number, { recordType: string; recordId: string }>> {
  const records = new Map<number, { recordType: string; recordId: string }>();
  for (const chunk of chunked(serials)) {
    const rows = await db
      .selectFrom('search_records')
      .select(['serial', 'record_type', 'record_id'])
      .where('serial', 'in', chunk)
      .execute();
    for (const row of rows) records.set(row.serial, { recordType: row.record_type, recordId: row.record_id });
  }
  return records;
}

/** The serial and day of each indexed record among `recordIds`, of the given types if any. */
export async function recordsAmong(
  db: Kysely<Database>,
  recordIds: readonly string[],
  recordTypes: readonly string[] | undefined,
): Promise<{ serial: number; day: number }[]> {
  const found: { serial: number; day: number }[] = [];
  for (const chunk of chunked(recordIds)) {
    let query = db.selectFrom('search_records').select(['serial', 'day']).where('record_id', 'in', chunk);
    if (recordTypes !== undefined) query = query.where('record_type', 'in', [...recordTypes]);
    for (const row of await query.execute()) found.push({ serial: row.serial, day: row.day });
  }
  return found;
}
