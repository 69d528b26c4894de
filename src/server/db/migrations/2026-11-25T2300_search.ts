import { sql } from 'kysely';
import { bigintType, binaryType, dialectOf, type AnyKysely } from '../dialect.js';

/**
 * The blind index (DESIGN.md §4 property 2, §6). Tokens are 8-byte keyed
 * hashes, stored as bytes: never text, never through to_tsvector.
 */
export async function up(db: AnyKysely): Promise<void> {
  const dialect = dialectOf(db);
  const binary = binaryType(dialect);
  const bigint = bigintType(dialect);

  await db.schema
    .createTable('search_records')
    // Allocated here, never reused: the low 32 bits of every sort key.
    .addColumn('serial', bigint, (col) =>
      dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('record_type', 'varchar(32)', (col) => col.notNull())
    .addColumn('record_id', 'varchar(64)', (col) => col.notNull())
    // The record's date as days since 1900-01-01: the high bits of its sort key.
    .addColumn('day', 'integer', (col) => col.notNull())
    // The record's distinct keyed tokens, 8 bytes each: what removal must delete and count down.
    .addColumn('tokens', binary, (col) => col.notNull())
    // Record id first: restricting a search to a list of ids looks them up without knowing their type.
    .addUniqueConstraint('search_records_record_unique', ['record_id', 'record_type'])
    .execute();

  // One row per token and record. Keyed by (token, sort_key) so the newest
  // records holding a token come from one backward index scan, one row each.
  await db.schema
    .createTable('search_postings')
    .addColumn('token', binary, (col) => col.notNull())
    .addColumn('sort_key', bigint, (col) => col.notNull())
    // The names of the record's fields that hold the token, comma-separated: a hit says where it matched.
    .addColumn('fields', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('search_postings_pk', ['token', 'sort_key'])
    .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();

  // How many records hold each token: a query starts from its rarest term.
  await db.schema
    .createTable('search_token_counts')
    .addColumn('token', binary, (col) => col.primaryKey())
    .addColumn('records', 'integer', (col) => col.notNull())
    .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of ['search_token_counts', 'search_postings', 'search_records']) {
    await db.schema.dropTable(table).execute();
  }
}
