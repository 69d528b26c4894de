import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { keyedToken, TOKEN_BYTES, type SearchKey } from './search-key.js';
import {
  countDown,
  countUp,
  deleteIndexedRecords,
  deletePostings,
  findIndexedRecords,
  insertIndexedRecord,
  insertPostings,
  updateIndexedRecord,
  type IndexedRecord,
} from './search.queries.js';
import { dayOf, sortKeyOf } from './sort-key.js';
import { fieldTokens, type FieldKind } from './tokenize.js';

export interface IndexedField {
  /** Which field of the record this is (`narrative`, `full_name` …); a hit names the fields it matched in. */
  name: string;
  /** The plaintext, which never leaves this process: only keyed tokens are stored. */
  text: string;
  kind: FieldKind;
}

export interface RecordToIndex {
  /** What kind of record (`case`, `intake`, `incident` …). */
  recordType: string;
  recordId: string;
  /** The record's ISO date: results are ordered by it, and the from/to filters apply to it. */
  date: string;
  fields: readonly IndexedField[];
}

const RECORD_TYPE = /^[a-z][a-z0-9_]{0,31}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/; // no commas: postings list fields comma-separated

/** Runs `work` in the caller's transaction, or in a new one: an index entry is never half written. */
async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function checkRecordRef(recordType: string, recordId: string): void {
  if (!RECORD_TYPE.test(recordType)) throw new TypeError(`Invalid search record type: ${recordType}`);
  if (recordId.length === 0 || recordId.length > 64) {
    throw new TypeError('A search record id must have 1 to 64 characters');
  }
}

function tokensOf(record: IndexedRecord): Buffer[] {
  const blob = Buffer.from(record.tokens);
  const tokens: Buffer[] = [];
  for (let at = 0; at + TOKEN_BYTES <= blob.length; at += TOKEN_BYTES) tokens.push(blob.subarray(at, at + TOKEN_BYTES));
  return tokens;
}

/**
 * Indexes a record's fields, replacing whatever the index held for it. Call
 * it in the transaction that writes the record, so that the index never
 * describes a version of the record that was not committed. The record's
 * entry is locked first, so parallel re-indexes of one record run one after
 * the other and the token counts stay equal to the postings.
 */
export async function indexRecord(db: Kysely<Database>, searchKey: SearchKey, record: RecordToIndex): Promise<void> {
  checkRecordRef(record.recordType, record.recordId);
  const day = dayOf(record.date);
  if (day === undefined) throw new TypeError(`Invalid search record date: ${record.date}`);
  // Keyed token (as hex) → the token and the fields that hold it.
  const distinct = new Map<string, { token: Buffer; fields: Set<string> }>();
  for (const field of record.fields) {
    if (!FIELD_NAME.test(field.name)) throw new TypeError(`Invalid search field name: ${field.name}`);
    for (const token of fieldTokens(field.text, field.kind)) {
      const keyed = keyedToken(searchKey, token);
      const hex = keyed.toString('hex');
      const entry = distinct.get(hex) ?? { token: keyed, fields: new Set<string>() };
      entry.fields.add(field.name);
      distinct.set(hex, entry);
    }
  }
  await inTransaction(db, async (trx) => {
    const tokens = [...distinct.values()].map((entry) => entry.token).sort((a, b) => Buffer.compare(a, b));
    const blob = Buffer.concat(tokens);
    let [existing] = await findIndexedRecords(trx, record.recordType, [record.recordId]);
    let serial: number | undefined;
    if (existing === undefined && distinct.size > 0) {
      serial = await insertIndexedRecord(trx, {
        recordType: record.recordType,
        recordId: record.recordId,
        day,
        tokens: blob,
      });
      if (serial !== undefined) {
        await countUp(trx, tokens);
      } else {
        // A parallel transaction indexed the record first and has committed: replace its entry.
        [existing] = await findIndexedRecords(trx, record.recordType, [record.recordId]);
        if (existing === undefined) throw new Error('The index entry being replaced vanished; retry.');
      }
    }
    if (distinct.size === 0) {
      if (existing !== undefined) await removeIndexed(trx, [existing]);
      return;
    }
    if (existing !== undefined) {
      serial = existing.serial;
      const old = tokensOf(existing);
      await deletePostings(trx, sortKeyOf(existing.day, serial), old);
      const oldHex = new Set(old.map((token) => token.toString('hex')));
      await countDown(
        trx,
        old.filter((token) => !distinct.has(token.toString('hex'))),
        1,
      );
      await countUp(
        trx,
        tokens.filter((token) => !oldHex.has(token.toString('hex'))),
      );
      await updateIndexedRecord(trx, serial, day, blob);
    }
    if (serial === undefined) return;
    const sortKey = sortKeyOf(day, serial);
    await insertPostings(
      trx,
      [...distinct.values()].map((entry) => ({
        token: entry.token,
        sort_key: sortKey,
        fields: [...entry.fields].join(','),
      })),
    );
  });
}

async function removeIndexed(db: Kysely<Database>, records: readonly IndexedRecord[]): Promise<void> {
  const held = new Map<string, { token: Buffer; records: number }>();
  for (const record of records) {
    const tokens = tokensOf(record);
    await deletePostings(db, sortKeyOf(record.day, record.serial), tokens);
    for (const token of tokens) {
      const hex = token.toString('hex');
      const entry = held.get(hex) ?? { token, records: 0 };
      entry.records += 1;
      held.set(hex, entry);
    }
  }
  // One statement per distinct decrement, not one per token.
  const byCount = new Map<number, Buffer[]>();
  for (const { token, records: count } of held.values()) {
    const tokens = byCount.get(count);
    if (tokens === undefined) byCount.set(count, [token]);
    else tokens.push(token);
  }
  for (const [count, tokens] of byCount) await countDown(db, tokens, count);
  await deleteIndexedRecords(
    db,
    records.map((record) => record.serial),
  );
}

/**
 * Takes records out of the index (when they are purged): their postings,
 * their share of the token counts and their serials. Answers how many were
 * indexed.
 */
export async function removeRecords(
  db: Kysely<Database>,
  recordType: string,
  recordIds: readonly string[],
): Promise<number> {
  for (const recordId of recordIds) checkRecordRef(recordType, recordId);
  return inTransaction(db, async (trx) => {
    const records = await findIndexedRecords(trx, recordType, recordIds);
    if (records.length > 0) await removeIndexed(trx, records);
    return records.length;
  });
}

/** Takes one record out of the index; answers whether it was indexed. */
export async function removeRecord(db: Kysely<Database>, recordType: string, recordId: string): Promise<boolean> {
  return (await removeRecords(db, recordType, [recordId])) > 0;
}
