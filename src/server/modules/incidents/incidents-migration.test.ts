import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../../test/databases.js';
import { migrations } from '../../db/migrations/index.js';
import { SEED } from '../vocabularies/seed/index.js';

const THIS = '2026-12-04T0100_incidents';
const ADDED = ['involvement', 'date_precision', 'confidentiality', 'source_kind', 'reliability', 'knowledge_basis'];

describe.each(TEST_DIALECTS)('the incidents migration on %s', (dialect) => {
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

  const counts = async () => {
    const rows = await t.handle.db
      .selectFrom('vocabulary_terms')
      .select('vocabulary')
      .where('vocabulary', 'in', ADDED)
      .execute();
    return Object.fromEntries(ADDED.map((name) => [name, rows.filter((row) => row.vocabulary === name).length]));
  };
  const seeded = Object.fromEntries(ADDED.map((name) => [name, SEED[name as keyof typeof SEED].length]));

  it('seeds the new vocabularies on an installation made before them, and only once on a new one', async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf(THIS) - 1];
    if (before === undefined) throw new Error('no migration before the incidents migration');
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    // A new installation's vocabulary migration seeds them already; an older one had none.
    expect(await counts()).toEqual(seeded);
    await t.handle.db.deleteFrom('vocabulary_terms').where('vocabulary', 'in', ADDED).execute();

    expect((await migrator.migrateTo(THIS)).error).toBeUndefined();
    expect(await counts()).toEqual(seeded);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await counts()).toEqual(seeded);
    expect(await t.handle.db.selectFrom('incidents').selectAll().execute()).toEqual([]);
  });
});
