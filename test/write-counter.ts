import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../src/server/db/database.js';

/**
 * Counts, per table, every row a statement inserts, deletes or changes, by
 * triggers installed in the test database: reading the counts is one query,
 * where a content digest (db-digest.ts) reads every row of every table. Two
 * readings that differ name the tables written to, as two digests do; an
 * update that leaves every watched column as it was is not a write (nor is it
 * for a digest). `ignore` leaves out columns of a table (their changes alone
 * do not count) or a table whole. For the authorization matrix, which checks
 * hundreds of refusals wrote nothing, in a world that grows as it runs.
 */
export interface WriteCounter {
  read(): Promise<Map<string, number>>;
}

const COUNTS = 'test_write_counts';

type AnyDb = Kysely<unknown>;

async function columnsOf(handle: DatabaseHandle, table: string): Promise<string[]> {
  const db = handle.db as unknown as AnyDb;
  if (handle.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
    return rows.rows.map((row) => row.name);
  }
  const rows = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.rows.map((row) => row.name);
}

async function tablesOf(handle: DatabaseHandle): Promise<string[]> {
  const db = handle.db as unknown as AnyDb;
  const rows =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((row) => row.name).filter((name) => name !== COUNTS);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function watchSqlite(db: AnyDb, table: string, watched: string[]): Promise<void> {
  const bump = `update ${COUNTS} set writes = writes + 1 where table_name = ${literal(table)};`;
  const changed = watched.map((column) => `old.${quoted(column)} is not new.${quoted(column)}`).join(' or ');
  const name = (event: string) => quoted(`${COUNTS}_${table}_${event}`);
  await sql.raw(`create trigger ${name('i')} after insert on ${quoted(table)} begin ${bump} end`).execute(db);
  await sql.raw(`create trigger ${name('d')} after delete on ${quoted(table)} begin ${bump} end`).execute(db);
  await sql
    .raw(`create trigger ${name('u')} after update on ${quoted(table)} when ${changed} begin ${bump} end`)
    .execute(db);
}

async function watchPostgres(db: AnyDb, table: string, watched: string[]): Promise<void> {
  const row = (side: string) => `row(${watched.map((column) => `${side}.${quoted(column)}`).join(', ')})`;
  const name = (event: string) => quoted(`${COUNTS}_${event}`);
  await sql
    .raw(
      `create trigger ${name('id')} after insert or delete on ${quoted(table)}
      for each row execute function ${COUNTS}_bump()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${name('u')} after update on ${quoted(table)}
      for each row when (${row('old')} is distinct from ${row('new')}) execute function ${COUNTS}_bump()`,
    )
    .execute(db);
}

/** Installs the counting triggers on every table of the test database (once, after the world is built). */
export async function installWriteCounter(
  handle: DatabaseHandle,
  options: { ignore?: Record<string, readonly string[] | 'whole table'> } = {},
): Promise<WriteCounter> {
  const db = handle.db as unknown as AnyDb;
  await sql.raw(`create table ${COUNTS} (table_name text primary key, writes integer not null)`).execute(db);
  if (handle.dialect === 'postgres') {
    await sql
      .raw(
        `create function ${COUNTS}_bump() returns trigger language plpgsql as $$
        begin
          update ${COUNTS} set writes = writes + 1 where table_name = tg_table_name;
          return null;
        end $$`,
      )
      .execute(db);
  }
  for (const table of await tablesOf(handle)) {
    const skip = options.ignore?.[table];
    if (skip === 'whole table') continue;
    const ignored = new Set(skip ?? []);
    const watched = (await columnsOf(handle, table)).filter((column) => !ignored.has(column));
    await sql.raw(`insert into ${COUNTS} (table_name, writes) values (${literal(table)}, 0)`).execute(db);
    await (handle.dialect === 'sqlite' ? watchSqlite : watchPostgres)(db, table, watched);
  }
  return {
    async read() {
      const rows = await sql<{ table_name: string; writes: number | string }>`select table_name, writes
        from ${sql.table(COUNTS)}`.execute(db);
      return new Map(rows.rows.map((row) => [row.table_name, Number(row.writes)]));
    },
  };
}

/** The tables with writes between two readings. */
export function writtenTables(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table)).sort();
}
