import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { migrateDown, migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe.each(TEST_DIALECTS)('database on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrate: false });
  });
  afterAll(() => database.cleanup());

  it('applies every migration, then has nothing left to apply', async () => {
    const first = await migrateToLatest(database.handle.db, database.handle.schema);
    expect(first.applied).toEqual(Object.keys(migrations));
    const second = await migrateToLatest(database.handle.db, database.handle.schema);
    expect(second.applied).toEqual([]);
    expect(second.all.every((m) => m.executedAt !== undefined)).toBe(true);
  });

  it('stores and reads a row through Kysely', async () => {
    const { db } = database.handle;
    await db
      .insertInto('settings')
      .values({ key: 'installation_id', value: 'abc', updated_at: new Date(0).toISOString() })
      .execute();
    const row = await db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'installation_id')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'installation_id', value: 'abc', updated_at: '1970-01-01T00:00:00.000Z' });
  });

  it('reverts the last migration with down, and applies it again', async () => {
    const names = Object.keys(migrations);
    const down = await migrateDown(database.handle.db, database.handle.schema);
    expect(down.applied).toEqual([names[names.length - 1]]);
    const up = await migrateToLatest(database.handle.db, database.handle.schema);
    expect(up.applied).toEqual([names[names.length - 1]]);
  });

  if (dialect === 'sqlite') {
    it('runs SQLite in WAL mode with synchronous=FULL, foreign keys and a busy timeout', async () => {
      const { db } = database.handle;
      const pragma = async (name: string): Promise<unknown> => {
        const result = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db);
        return Object.values(result.rows[0] ?? {})[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    });
  } else {
    it('keeps the test tables in their own schema', async () => {
      const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.handle.db);
      expect(result.rows[0]?.schema).toBe(database.handle.schema);
    });
  }
});
