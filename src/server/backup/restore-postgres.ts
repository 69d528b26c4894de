import { Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely';
import { z } from 'zod';
import { openDatabase } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { MalformedArchiveError, type Manifest } from './archive-format.js';
import { readArchive, type EntrySink, type OpenedArchive } from './archive-reader.js';
import { TABLE_NAME, entryKind, type StoredFileRef } from './entries.js';
import { BackupError } from './errors.js';
import { connectAsText, listTables } from './postgres-export.js';
import { PostgresLoader } from './postgres-load.js';
import { bufferSink } from './sinks.js';

const sequencesSchema = z.array(
  z.object({
    table: z.string().regex(TABLE_NAME),
    column: z.string().min(1),
    lastValue: z.string().regex(/^-?\d+$/),
    isCalled: z.boolean(),
  }),
);

function parseSequences(bytes: Buffer): z.infer<typeof sequencesSchema> {
  try {
    return sequencesSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new MalformedArchiveError('its sequences cannot be read');
  }
}

/** The migrator's lock table, and its list when no migration is recorded: what a restore that failed leaves. */
const MIGRATOR_TABLES: ReadonlySet<string> = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Refuses a database or schema with any table of its own, or any applied migration. */
export async function checkPostgresEmpty(url: string, schema: string | undefined): Promise<void> {
  const client = await connectAsText(url, schema);
  try {
    const tables = await listTables(client);
    const own = tables.filter((table) => !MIGRATOR_TABLES.has(table));
    const migrated =
      tables.includes('kysely_migration') &&
      (await client.query('select 1 from kysely_migration limit 1')).rows.length > 0;
    if (own.length > 0 || migrated) {
      const named = own.length > 0 ? ` (${own.slice(0, 3).join(', ')}${own.length > 3 ? ', …' : ''})` : '';
      throw new BackupError(`The database already has tables${named}: restore needs a new, empty database or schema.`);
    }
  } finally {
    await client.end();
  }
}

function check(result: MigrationResultSet): void {
  if (result.error === undefined) return;
  const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
  throw new Error(`Migration failed during the restore: ${reason}`);
}

/**
 * Recreates the schema the backup was taken from (its migrations, no more),
 * loads every table in one transaction, then applies this version's later
 * migrations, which bring the restored rows along. On any failure the load is
 * rolled back and every migration reverted: the schema is left as empty as
 * it was found.
 */
export async function restorePostgres(options: {
  archive: OpenedArchive;
  manifest: Manifest;
  url: string;
  schema: string | undefined;
  fileSink: (ref: StoredFileRef) => EntrySink;
}): Promise<void> {
  const { archive, manifest, url, schema, fileSink } = options;
  const database = openDatabase({ databaseUrl: url, schema });
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const tables = manifest.entries.flatMap((entry) => {
    const kind = entryKind(entry.name);
    return kind.kind === 'table' ? [kind.table] : [];
  });
  let loader: PostgresLoader | undefined;
  try {
    check(await migrator.migrateTo(manifest.migrations.at(-1) ?? NO_MIGRATIONS));
    const load = await PostgresLoader.begin(url, schema, tables);
    loader = load;
    await readArchive(
      archive,
      (entry) => {
        const kind = entryKind(entry.name);
        switch (kind.kind) {
          case 'table':
            return Promise.resolve(load.sink(kind.table));
          case 'sequences':
            return Promise.resolve(
              bufferSink(async (bytes) => {
                await load.setSequences(parseSequences(bytes));
              }),
            );
          case 'file':
            return Promise.resolve(fileSink(kind));
          case 'sqlite':
            throw new MalformedArchiveError(`entry ${entry.index} does not belong in a PostgreSQL backup`);
        }
      },
      manifest,
    );
    loader = undefined;
    await load.commit();
    check(await migrator.migrateToLatest());
  } catch (error) {
    await loader?.rollback();
    const undone = await migrator.migrateTo(NO_MIGRATIONS);
    if (undone.error !== undefined) {
      throw new BackupError(`The restore failed and its tables could not be removed: ${String(error)}`);
    }
    throw error;
  } finally {
    await database.close();
  }
}
