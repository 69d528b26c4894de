import pg from 'pg';
import { isOwnerType } from '../files/blob-store.js';
import { SEQUENCES_ENTRY, TABLE_NAME, tableEntry, type DatabaseSnapshot, type StoredFileRef } from './entries.js';
import { BackupError } from './errors.js';

/**
 * Every value as PostgreSQL's own text form: what its type's input function
 * reads back exactly (bytea as \x hex, numbers, times, arrays, JSON), so a
 * table round-trips without a type map in between.
 */
const AS_TEXT = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;
const ROWS_PER_FETCH = 500;
/** A lock row that the restoring side's migrator keeps for itself. */
const SKIPPED_TABLES: ReadonlySet<string> = new Set(['kysely_migration_lock']);

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A client on the given schema (tests use one per file), returning every value as text. */
export async function connectAsText(url: string, schema: string | undefined): Promise<pg.Client> {
  if (schema !== undefined && !TABLE_NAME.test(schema))
    throw new BackupError(`Invalid PostgreSQL schema name: ${schema}`);
  const client = new pg.Client({
    connectionString: url,
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
    types: AS_TEXT,
  });
  await client.connect();
  return client;
}

/** The tables of the current schema. */
export async function listTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname`,
  );
  return result.rows.map((row) => row.name);
}

/** The tables in an order where every table comes after those its foreign keys point at. */
async function dependencyOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const result = await client.query<{ child: string; parent: string }>(
    `select child.relname as child, parent.relname as parent
     from pg_constraint con
     join pg_class child on child.oid = con.conrelid
     join pg_class parent on parent.oid = con.confrelid
     join pg_namespace n on n.oid = child.relnamespace
     where con.contype = 'f' and n.nspname = current_schema()`,
  );
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of result.rows) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  while (parents.size > 0) {
    const ready = [...parents].filter(([, of]) => [...of].every((parent) => !parents.has(parent)));
    // A cycle (none today) would need deferred constraints; take the rest as they come.
    for (const [table] of ready.length > 0 ? ready : [...parents]) {
      ordered.push(table);
      parents.delete(table);
    }
  }
  return ordered;
}

/** The columns a row is written with: generated ones are left to the database. */
async function insertableColumns(client: pg.Client, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
     join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relname = $1
       and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by a.attnum`,
    [table],
  );
  return result.rows.map((row) => row.name);
}

export interface SequenceState {
  table: string;
  column: string;
  /** Text, as PostgreSQL prints a bigint. */
  lastValue: string;
  isCalled: boolean;
}

/** Where each serial or identity column's sequence stands, so a restore hands out no number twice. */
async function sequenceStates(client: pg.Client): Promise<SequenceState[]> {
  const owned = await client.query<{ table: string; column: string; sequence: string }>(
    `select c.relname as table, a.attname as column, s.sequence
     from pg_attribute a
     join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     cross join lateral (select pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence) s
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and s.sequence is not null
     order by c.relname, a.attname`,
  );
  const states: SequenceState[] = [];
  for (const { table, column, sequence } of owned.rows) {
    // pg_get_serial_sequence returns the name quoted as an identifier.
    const state = await client.query<{ last_value: string; is_called: string }>(
      `select last_value, is_called from ${sequence}`,
    );
    const row = state.rows[0];
    if (row !== undefined) states.push({ table, column, lastValue: row.last_value, isCalled: row.is_called === 't' });
  }
  return states;
}

/** A table as JSON lines: `{"table","columns"}`, then one array of text values (or null) per row. */
async function* tableLines(client: pg.Client, table: string): AsyncGenerator<Buffer> {
  const columns = await insertableColumns(client, table);
  yield Buffer.from(`${JSON.stringify({ table, columns })}\n`, 'utf8');
  if (columns.length === 0) return;
  await client.query(
    `declare homeward_export no scroll cursor for select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)}`,
  );
  for (;;) {
    const result = await client.query<unknown[]>({
      text: `fetch forward ${ROWS_PER_FETCH} from homeward_export`,
      rowMode: 'array',
    });
    if (result.rows.length === 0) break;
    yield Buffer.from(result.rows.map((row) => `${JSON.stringify(row)}\n`).join(''), 'utf8');
  }
  await client.query('close homeward_export');
}

/**
 * A consistent export of every table of the schema (Kysely's migration list
 * included, its lock row not), read in one REPEATABLE READ READ ONLY
 * transaction on a connection of its own: writers go on meanwhile, and every
 * table is read as of the same moment.
 */
export async function snapshotPostgres(url: string, schema: string | undefined): Promise<DatabaseSnapshot> {
  const client = await connectAsText(url, schema);
  const close = async () => {
    try {
      await client.query('rollback');
    } finally {
      await client.end();
    }
  };
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = (await listTables(client)).filter((table) => !SKIPPED_TABLES.has(table));
    if (!tables.includes('kysely_migration')) throw new BackupError('The database has no Homeward tables.');
    const ordered = await dependencyOrder(client, tables);
    const migrations = await client.query<{ name: string }>('select name from kysely_migration order by name');
    const files = tables.includes('files') ? await listFiles(client) : [];
    return {
      dialect: 'postgres',
      migrations: migrations.rows.map((row) => row.name),
      files,
      entries: [
        ...ordered.map((table) => ({
          name: tableEntry(table),
          open: () => Promise.resolve(tableLines(client, table)),
        })),
        {
          name: SEQUENCES_ENTRY,
          open: async () => [Buffer.from(JSON.stringify(await sequenceStates(client)), 'utf8')],
        },
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function listFiles(client: pg.Client): Promise<StoredFileRef[]> {
  const result = await client.query<{ id: string; owner_type: string; owner_id: string }>(
    'select id, owner_type, owner_id from files order by owner_type, owner_id, id',
  );
  return result.rows.map((row) => {
    if (!isOwnerType(row.owner_type)) throw new BackupError(`File ${row.id} has an unknown owner type.`);
    return { owner: { type: row.owner_type, id: row.owner_id }, fileId: row.id };
  });
}
