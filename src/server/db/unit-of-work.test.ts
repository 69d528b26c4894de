import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../test/databases.js';
import { forUpdate } from './dialect.js';
import { unitOfWork } from './unit-of-work.js';

describe.each(TEST_DIALECTS)('a unit of work on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await database.handle.db
      .insertInto('settings')
      .values(['uow-a', 'uow-b'].map((key) => ({ key, value: '0', updated_at: '' })))
      .execute();
  });
  afterAll(() => database.cleanup());

  const lockSetting = (key: string) => (trx: typeof database.handle.db) =>
    forUpdate(trx, trx.selectFrom('settings').selectAll().where('key', '=', key)).executeTakeFirst();

  it('runs again, once, a unit the database aborted to break a deadlock', async () => {
    const db = database.handle.db;
    let runs = 0;
    let arrived = 0;
    let release = (): void => undefined;
    const bothHoldTheirFirstLock = new Promise<void>((resolve) => {
      release = resolve;
    });
    // On SQLite the second unit cannot begin before the first ends: the wait gives up after a moment.
    const meet = () => {
      arrived += 1;
      if (arrived === 2) release();
      return Promise.race([bothHoldTheirFirstLock, new Promise((resolve) => setTimeout(resolve, 300))]);
    };
    const crossing = (first: string, second: string) =>
      unitOfWork(
        db,
        { load: lockSetting(first), missing: () => new Error('missing'), queries: {} },
        async ({ trx, row }) => {
          runs += 1;
          if (runs <= 2) await meet();
          await lockSetting(second)(trx);
          await trx
            .updateTable('settings')
            .set({ value: String(Number(row.value) + 1) })
            .where('key', '=', first)
            .execute();
          return first;
        },
      );
    const results = await Promise.allSettled([crossing('uow-a', 'uow-b'), crossing('uow-b', 'uow-a')]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'uow-a' },
      { status: 'fulfilled', value: 'uow-b' },
    ]);
    // PostgreSQL aborted one of the two crossing units, which then ran a second time.
    expect(runs).toBe(dialect === 'postgres' ? 3 : 2);
    const values = await db.selectFrom('settings').select('value').where('key', 'in', ['uow-a', 'uow-b']).execute();
    expect(values.map((v) => v.value)).toEqual(['1', '1']);
  });

  it('answers the error for a record that is not there, and runs no work', async () => {
    let ran = false;
    const missing = unitOfWork(
      database.handle.db,
      { load: lockSetting('uow-none'), missing: () => new Error('no such setting'), queries: {} },
      () => {
        ran = true;
        return Promise.resolve();
      },
    );
    await expect(missing).rejects.toThrow('no such setting');
    expect(ran).toBe(false);
  });
});
