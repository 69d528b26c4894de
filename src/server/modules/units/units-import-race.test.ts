import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { importUnits } from './units-import.js';

const ROUNDS = 10;
const HEADER = 'code,number,name_ru,name_en,branch,garrison,parent,aliases';

/** A coordinator adding a unit while a units file is imported with the same code: one wins, the other says why. */
describe.each(TEST_DIALECTS)('a term created while units are imported, on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  }, 60_000);
  afterAll(() => t.cleanup());

  const create = (code: string) =>
    seed.coordinatorCall({
      method: 'POST',
      url: '/api/vocabularies/unit/terms',
      payload: { code, labelRu: `Войсковая часть ${code}`, labelEn: `Military unit ${code}` },
    });
  const kept = (code: string) =>
    t.database.handle.db
      .selectFrom('vocabulary_terms')
      .select('label_en')
      .where('vocabulary', '=', 'unit')
      .where('code', '=', code)
      .execute();

  it('keeps one term of the code: the import reports it taken by line, or the creation answers CONFLICT', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const code = `vch-race-${String(round)}`;
      const file = [
        HEADER,
        ...Array.from({ length: 50 }, (_, i) => `${code}-${String(i)},,Часть ${String(i)},Unit ${String(i)},,,,`),
        `${code},,Часть,From the file,,,,`,
      ].join('\n');
      const [created, imported] = await Promise.all([create(code), importUnits(t.database.handle.db, file, clock)]);
      expect([201, 409]).toContain(created.statusCode);
      if (created.statusCode === 201) {
        expect(imported).toEqual({
          imported: 0,
          problems: [{ line: 52, column: 'code', message: `"${code}" is taken` }],
        });
        expect(await kept(code)).toEqual([{ label_en: `Military unit ${code}` }]);
      } else {
        expect(created.json()).toMatchObject({ error: { code: 'CONFLICT', fields: [{ path: 'code' }] } });
        expect(imported.imported).toBe(51);
        expect(await kept(code)).toEqual([{ label_en: 'From the file' }]);
      }
    }
  }, 120_000);

  it('makes one term of two creations of the same code at once; the other is a CONFLICT on the code', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const code = `vch-twice-${String(round)}`;
      const answers = await Promise.all([create(code), create(code)]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
      expect(await kept(code)).toHaveLength(1);
    }
  }, 120_000);
});
