import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../../test/databases.js';
import { runCli } from '../../cli/main.js';
import { importUnits } from './units-import.js';

const GOOD = [
  'code,number,name_ru,name_en,branch,garrison,parent,aliases',
  'vch-6720,6720,Войсковая часть 6720,Military unit 6720,national_guard,,,"в/ч 6720;ВЧ6720"',
  'vch-6720-2,,2-й батальон в/ч 6720,2nd battalion of unit 6720,national_guard,perevalsk,vch-6720,',
].join('\n');

describe.each(TEST_DIALECTS)('units import on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.cleanup());

  const units = () =>
    t.handle.db
      .selectFrom('vocabulary_terms')
      .select(['code', 'parent_id', 'label_en', 'attributes'])
      .where('vocabulary', '=', 'unit')
      .orderBy('code')
      .execute();

  it('imports every line of a good file as unit terms, a parent before its child', async () => {
    expect(await importUnits(t.handle.db, GOOD)).toEqual({ imported: 2, problems: [] });
    const [unit, battalion] = await units();
    expect(unit).toMatchObject({ code: 'vch-6720', parent_id: null, label_en: 'Military unit 6720' });
    expect(JSON.parse(unit?.attributes ?? '{}')).toEqual({
      number: '6720',
      branch: 'national_guard',
      aliases: ['в/ч 6720', 'ВЧ6720'],
    });
    expect(JSON.parse(battalion?.attributes ?? '{}')).toEqual({ branch: 'national_guard', garrison: 'perevalsk' });
    const parent = await t.handle.db
      .selectFrom('vocabulary_terms')
      .select('id')
      .where('code', '=', 'vch-6720')
      .executeTakeFirstOrThrow();
    expect(battalion?.parent_id).toBe(parent.id);
  });

  it('reports every bad line with its column and writes nothing from a file with one', async () => {
    const before = await units();
    const bad = [
      'code,number,name_ru,name_en,branch,garrison,parent,aliases',
      'vch-1001,1001,Войсковая часть 1001,Military unit 1001,ground_forces,,,',
      'vch-6720,,Повтор,Repeat,,,,',
      'bad code!,,,Only English,tanks,nowhere,vch-9999,',
    ].join('\n');
    const result = await importUnits(t.handle.db, bad);
    expect(result.imported).toBe(0);
    expect(result.problems.map((p) => `${String(p.line)} ${p.column ?? ''}`)).toEqual([
      '3 code',
      '4 code',
      '4 name_ru',
      '4 branch',
      '4 garrison',
      '4 parent',
    ]);
    expect(await units()).toEqual(before);
    const header = await importUnits(t.handle.db, 'code,name,colour\nx,y,z');
    expect(header.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown column "name"'),
      expect.stringContaining('unknown column "colour"'),
      'the column is missing',
      'the column is missing',
    ]);
    const quoting = await importUnits(t.handle.db, 'code,name_ru,name_en\n"open,quote,never closed\n');
    expect(quoting.problems).toHaveLength(1);
    expect(quoting.problems[0]?.message).toMatch(/^not readable as CSV/);
    expect(await units()).toEqual(before);
  });

  it('names lines as a spreadsheet shows them: a quoted newline stays on its row, an empty line is a row', async () => {
    const file = [
      'code,name_ru,name_en',
      'vch-line-a,"Войсковая часть\nпервая",Unit A',
      '',
      'bad code!,Часть,Unit B',
      'vch-line-c,"Часть ""В""\n\nтретья",',
    ].join('\n');
    expect(await importUnits(t.handle.db, file)).toEqual({
      imported: 0,
      problems: [
        { line: 4, column: 'code', message: expect.stringContaining('letters') as string },
        { line: 5, column: 'name_en', message: 'is required' },
      ],
    });
    const unclosed = ['code,name_ru,name_en', 'vch-q1,"Часть\nодна",A', 'vch-q2,"Часть', 'две,B'].join('\n');
    const result = await importUnits(t.handle.db, unclosed);
    expect(result.problems).toMatchObject([{ line: 3 }]);
  });

  it('runs two imports of one file at once: one imports, the other names the codes taken, none fails', async () => {
    // Long enough that the two transactions overlap: both would read the codes as free before either wrote.
    const rows = Array.from({ length: 1500 }, (_, i) => `vch-race-${String(i)},Часть ${String(i)},Unit ${String(i)}`);
    const file = ['code,name_ru,name_en', ...rows].join('\n');
    const results = await Promise.all([importUnits(t.handle.db, file), importUnits(t.handle.db, file)]);
    expect(results.map((result) => result.imported).sort((a, b) => a - b)).toEqual([0, 1500]);
    const refused = results.find((result) => result.imported === 0);
    expect(refused?.problems).toHaveLength(1500);
    expect(refused?.problems.slice(0, 2)).toEqual([
      { line: 2, column: 'code', message: '"vch-race-0" is taken' },
      { line: 3, column: 'code', message: '"vch-race-1" is taken' },
    ]);
  });
});

describe('homeward units import', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.cleanup());

  it('imports a file named on the command line and prints the count; a bad file prints its lines and exits 1', async () => {
    const file = path.join(t.dataDir, 'units.csv');
    fs.writeFileSync(file, GOOD);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line), env: {} };
    expect(await runCli(['units', 'import', '--file', file, '--data-dir', t.dataDir], io)).toBe(0);
    expect(out).toEqual(['Imported 2 units.']);
    expect(await runCli(['units', 'import', '--file', file, '--data-dir', t.dataDir], io)).toBe(1);
    expect(err).toEqual([
      'line 2, code: "vch-6720" is taken',
      'line 3, code: "vch-6720-2" is taken',
      'Nothing imported: 2 problem(s).',
    ]);
  });
});
