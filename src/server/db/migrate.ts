import { Migrator, type MigrationResultSet } from 'kysely';
import type { AnyKysely } from './dialect.js';
import { migrations } from './migrations/index.js';

export interface MigrationReport {
  applied: string[];
  /** Every migration, applied or not, in order. */
  all: { name: string; executedAt: Date | undefined }[];
}

function migrator(db: AnyKysely, schema: string | undefined): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const name = failed === undefined ? '' : ` (${failed.migrationName})`;
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration failed${name}: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; on PostgreSQL, concurrent callers wait on Kysely's lock. */
export async function migrateToLatest(db: AnyKysely, schema?: string): Promise<MigrationReport> {
  const m = migrator(db, schema);
  const applied = unwrap(await m.migrateToLatest());
  return { applied, all: await listMigrations(m) };
}

/** Reverts the most recent migration. */
export async function migrateDown(db: AnyKysely, schema?: string): Promise<MigrationReport> {
  const m = migrator(db, schema);
  const applied = unwrap(await m.migrateDown());
  return { applied, all: await listMigrations(m) };
}

async function listMigrations(m: Migrator): Promise<MigrationReport['all']> {
  return (await m.getMigrations()).map((info) => ({ name: info.name, executedAt: info.executedAt }));
}
