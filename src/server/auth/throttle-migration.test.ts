import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../test/databases.js';
import type { AnyKysely } from '../db/dialect.js';
import { migrations } from '../db/migrations/index.js';

/**
 * The migration to HMAC-keyed throttle rows drops the old table of plain
 * SHA-256 keys (which anyone can reverse for every IPv4 address). On SQLite
 * the dropped rows must not stay readable in the file's free pages.
 */
const THIS = '2026-12-01T0200_throttles';
const MARKER = 'c0ffee'.repeat(9);

describe.each(TEST_DIALECTS)('the throttle migration on %s', (dialect) => {
  let t: TestDatabase;
  let migrator: Migrator;
  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    migrator = new Migrator({
      db: t.handle.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      ...(t.handle.schema === undefined ? {} : { migrationTableSchema: t.handle.schema }),
    });
  });
  afterAll(() => t.cleanup());

  /** How often the marker occurs in the data folder's files (the SQLite file and its WAL). */
  const onDisk = () =>
    fs
      .readdirSync(t.dataDir)
      .map((name) => fs.readFileSync(path.join(t.dataDir, name)).toString('latin1').split(MARKER).length - 1)
      .reduce((a, b) => a + b, 0);
  const checkpoint = async () => {
    if (dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(t.handle.db);
  };

  it('drops the old rows and, on SQLite, leaves none of their keys in the file', async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf(THIS) - 1];
    if (before === undefined) throw new Error('no migration before the throttle migration');
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    const old = t.handle.db as unknown as AnyKysely;
    await old
      .insertInto('login_throttle')
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          key_hash: `${MARKER}${String(i).padStart(10, '0')}`,
          failures: 1,
          first_failure_at: '2026-11-25T10:00:01.234Z',
          locked_until: null,
        })),
      )
      .execute();
    await checkpoint();
    if (dialect === 'sqlite') expect(onDisk()).toBeGreaterThanOrEqual(200);

    expect((await migrator.migrateTo(THIS)).error).toBeUndefined();
    await checkpoint();
    expect(await t.handle.db.selectFrom('throttles').selectAll().execute()).toEqual([]);
    await expect(sql`select count(*) from login_throttle`.execute(t.handle.db)).rejects.toThrow();
    if (dialect === 'sqlite') expect(onDisk()).toBe(0);
  });
});
