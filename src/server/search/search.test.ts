import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import type { Database } from '../db/schema.js';
import { SearchQueryError } from './errors.js';
import { indexRecord, removeRecord, removeRecords, type IndexedField } from './indexing.js';
import { keyedToken, loadSearchKey, searchKeyFrom, type SearchKey } from './search-key.js';
import { search, type SearchRequest } from './search.js';
import { sortKeyOf } from './sort-key.js';
import { fieldTokens, stemOf, type Token } from './tokenize.js';

interface Example {
  id: string;
  date: string;
  narrative?: string;
  name?: string;
}

/** The records every test searches: Russian and English narratives, and names in both scripts. */
const EXAMPLES: Example[] = [
  { id: 'ru-soldier', date: '2025-03-01', narrative: 'Один солдат задержан на блокпосту.' },
  { id: 'ru-soldiers', date: '2025-03-02', narrative: 'Солдаты вернулись домой к семьям.' },
  { id: 'ru-region', date: '2025-03-03', narrative: 'Лагерь: Луганская область, возле Брянки.' },
  { id: 'ru-camp', date: '2025-03-04', narrative: 'Его удерживали в Луганской области две недели.' },
  { id: 'en-soldiers', date: '2025-03-05', narrative: 'Two soldiers returned home after the hearing.' },
  { id: 'en-soldier', date: '2025-03-06', narrative: 'A soldier returning to his unit was stopped.' },
  { id: 'name-ru', date: '2025-01-01', name: 'Иванов Пётр', narrative: 'Подал рапорт в марте.' },
  { id: 'name-ivanoff', date: '2025-02-01', name: 'Peter Ivanoff' },
  { id: 'en-governor', date: '2025-02-02', narrative: 'Wives wrote to the regional governor.' },
  { id: 'text-ivanov', date: '2025-02-15', narrative: 'Рапорт принял командир Иванов.' },
  { id: 'name-latin', date: '2025-02-20', name: 'Ivanov Sergei' },
  { id: 'text-stakhanov', date: '2025-02-21', narrative: 'Встреча со Стахановым назначена.' },
  { id: 'text-ivan', date: '2025-02-22', narrative: 'Ивану отказали в увольнении.' },
  { id: 'text-habibullin', date: '2025-02-23', narrative: 'Khabibullin was held at the commandant’s office.' },
];

const PLAINTEXT_WORDS = [
  'солдат',
  'Луганск',
  'Брянк',
  'soldier',
  'hearing',
  'Иванов',
  'Ivanoff',
  'рапорт',
  'governor',
  'Khabibullin',
];

function fieldsOf(example: Example): IndexedField[] {
  const fields: IndexedField[] = [];
  if (example.name !== undefined) fields.push({ name: 'full_name', text: example.name, kind: 'name' });
  if (example.narrative !== undefined) fields.push({ name: 'narrative', text: example.narrative, kind: 'text' });
  return fields;
}

describe.each(TEST_DIALECTS)('blind-index search on %s', (dialect) => {
  let database: TestDatabase;
  let key: SearchKey;
  let keyring: Keyring;
  const db = (): Kysely<Database> => database.handle.db;
  const find = async (query: string, options: Partial<SearchRequest> = {}): Promise<string[]> =>
    (await search(db(), key, { query, limit: 100, recordTypes: ['case'], ...options })).results.map(
      (hit) => hit.recordId,
    );

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    keyring = new Keyring(newMasterKey());
    key = await loadSearchKey(db(), keyring);
    for (const example of EXAMPLES) {
      await db()
        .transaction()
        .execute((trx) =>
          indexRecord(trx, key, {
            recordType: 'case',
            recordId: example.id,
            date: example.date,
            fields: fieldsOf(example),
          }),
        );
    }
  });
  afterAll(() => database.cleanup());
  const countOf = async (token: Token): Promise<number | undefined> => {
    const row = await db()
      .selectFrom('search_token_counts')
      .select('records')
      .where('token', '=', keyedToken(key, token))
      .executeTakeFirst();
    return row?.records;
  };

  it('finds inflected Russian forms from each other', async () => {
    expect(await find('солдаты')).toEqual(['ru-soldiers', 'ru-soldier']);
    expect(await find('солдат')).toEqual(['ru-soldiers', 'ru-soldier']);
    expect(await find('в Луганской области')).toEqual(['ru-camp', 'ru-region']);
    // ru-region also holds the name key of "Луганская" as written: it matches more tokens.
    expect(await find('Луганская')).toEqual(['ru-region', 'ru-camp']);
  });

  it('finds inflected English forms from each other', async () => {
    // The record holding the word as typed (its prefix too) ranks first; otherwise the newest.
    expect(await find('soldiers')).toEqual(['en-soldiers', 'en-soldier']);
    expect(await find('soldier')).toEqual(['en-soldier', 'en-soldiers']);
    expect(await find('returned')).toEqual(['en-soldiers', 'en-soldier']);
    expect(await find('returning')).toEqual(['en-soldier', 'en-soldiers']);
  });

  it('finds a name across scripts and spellings, and by its first letters', async () => {
    expect(await find('Иванов')).toContain('name-ivanoff');
    expect(await find('Ivanov')).toContain('name-ru');
    expect(await find('Ivanoff')).toContain('name-ru');
    expect(await find('Ива')).toEqual(expect.arrayContaining(['name-ru', 'name-ivanoff', 'name-latin']));
    expect(await find('Ива')).not.toContain('text-ivanov'); // prefixes are for name fields only
    expect(await find('Ivanov Сергей')).toEqual(['name-latin']);
    expect(await find('Хабибуллин')).toEqual(['text-habibullin']);
    expect(await find('Khabibullin')).toEqual(['text-habibullin']);
  });

  it('finds a Russian surname in any case, from either script', async () => {
    expect(await find('Стаханов')).toEqual(['text-stakhanov']);
    expect(await find('Stakhanov')).toEqual(['text-stakhanov']);
    expect(await find('Иванов')).not.toContain('text-ivan');
  });

  it('ranks the record matching more tokens first, then the newest', async () => {
    const { results } = await search(db(), key, { query: 'Иванов', limit: 10, recordTypes: ['case'] });
    // name-ru and text-ivanov hold the stem, the name key and the prefix; the Latin spellings do not hold the stem.
    expect(results[1]).toEqual({ recordType: 'case', recordId: 'name-ru', matched: 3, fields: ['full_name'] });
    expect(results.map((hit) => [hit.recordId, hit.matched])).toEqual([
      ['text-ivanov', 3],
      ['name-ru', 3],
      ['name-latin', 2],
      ['name-ivanoff', 2],
    ]);
    expect(results.find((hit) => hit.recordId === 'text-ivanov')?.fields).toEqual(['narrative']);
  });

  it('requires every term to match', async () => {
    expect(await find('солдаты домой')).toEqual(['ru-soldiers']);
    expect(await find('солдаты Луганская')).toEqual([]);
    expect(await find('рапорт Иванов')).toEqual(['text-ivanov', 'name-ru']);
  });

  it('filters by record type, date and a list of allowed records', async () => {
    expect(await find('солдат', { recordTypes: ['intake'] })).toEqual([]);
    expect(await find('солдат', { from: '2025-03-02', to: '2025-03-02' })).toEqual(['ru-soldiers']);
    expect(await find('soldier', { to: '2025-03-05' })).toEqual(['en-soldiers']);
    expect(await find('солдат', { restrictTo: ['ru-soldier', 'en-soldier'] })).toEqual(['ru-soldier']);
    expect(await find('солдат', { restrictTo: ['ru-soldier'], to: '2025-01-01' })).toEqual([]);
    await expect(find('солдат', { from: '2025-13-01' })).rejects.toThrow(SearchQueryError);
  });

  it('refuses a query of stop words only, and an empty one, with a clear error', async () => {
    await expect(find('и в на')).rejects.toThrow(
      'The search words are all too common to search for: add a name, place or other specific word.',
    );
    await expect(find('the of and')).rejects.toThrow(SearchQueryError);
    await expect(find('  ')).rejects.toThrow('Enter something to search for.');
  });

  it('finds nothing under another installation’s search key', async () => {
    const other = searchKeyFrom(Buffer.alloc(32, 7));
    expect((await search(db(), other, { query: 'солдаты', limit: 10 })).results).toEqual([]);
  });

  it('stores no plaintext word, stem or name key, only keyed tokens shared between records', async () => {
    const postings = await db().selectFrom('search_postings').select(['token', 'sort_key']).execute();
    const records = await db().selectFrom('search_records').select(['tokens', 'serial']).execute();
    const counts = await db().selectFrom('search_token_counts').select('token').execute();
    const stored = [...postings.map((p) => p.token), ...records.map((r) => r.tokens), ...counts.map((c) => c.token)];
    // Every word, its stem and its name key, as UTF-8. Fragments under 5 bytes are left out: one of
    // them turns up in a few thousand random 8-byte tokens by chance.
    const fragments = new Set<string>();
    for (const word of PLAINTEXT_WORDS) {
      fragments.add(word).add(word.toLowerCase());
      for (const token of fieldTokens(word, 'name')) fragments.add(token.value);
    }
    const searched = [...fragments].filter((fragment) => Buffer.byteLength(fragment) >= 5);
    expect(searched.length).toBeGreaterThan(30);
    for (const fragment of searched) {
      const found = stored.find((bytes) => Buffer.from(bytes).includes(Buffer.from(fragment, 'utf8')));
      expect(found?.toString('hex'), fragment).toBeUndefined();
    }
    expect(postings.every((p) => Buffer.from(p.token).length === 8)).toBe(true);

    // The documented leak: records sharing a word share a token value, whatever the word.
    const tokensOf = async (id: string): Promise<string[]> => {
      const record = await db()
        .selectFrom('search_records')
        .select(['serial', 'day'])
        .where('record_id', '=', id)
        .executeTakeFirstOrThrow();
      const rows = await db()
        .selectFrom('search_postings')
        .select('token')
        .where('sort_key', '=', sortKeyOf(record.day, record.serial))
        .execute();
      return rows.map((row) => Buffer.from(row.token).toString('hex'));
    };
    const soldier = new Set(await tokensOf('ru-soldier'));
    // The stem and the prefixes sold, solda, soldat.
    expect((await tokensOf('ru-soldiers')).filter((token) => soldier.has(token))).toHaveLength(4);
    expect((await tokensOf('en-governor')).filter((token) => soldier.has(token))).toEqual([]);
  });

  it('pages through every match exactly once, in rank order', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 25; i++) {
          const text = i % 5 === 0 ? `Жалоба номер ${String(i)}, Жалоба Иванова` : `жалоба номер ${String(i)}`;
          const date = `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
          await indexRecord(trx, key, {
            recordType: 'page',
            recordId: `page-${String(i)}`,
            date,
            fields: [{ name: 'narrative', text, kind: 'text' }],
          });
        }
      });
    const seen: string[] = [];
    const matched: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const result = await search(db(), key, { query: 'Жалоба номер', recordTypes: ['page'], limit: 4, cursor });
      expect(result.total).toBe(25);
      expect(result.totalCapped).toBe(false);
      seen.push(...result.results.map((hit) => hit.recordId));
      matched.push(...result.results.map((hit) => hit.matched));
      cursor = result.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(matched).toEqual([...matched].sort((a, b) => b - a));
    expect(seen.slice(0, 5).sort()).toEqual(['page-0', 'page-10', 'page-15', 'page-20', 'page-5']);
    await expect(search(db(), key, { query: 'жалобы', limit: 4, cursor: 'not a cursor' })).rejects.toThrow(
      SearchQueryError,
    );
  });

  it('counts to 1000, then pages on through the older matches, each once', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 1005; i++) {
          const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
          const text = i % 100 === 50 ? `Петиция ${String(i)}` : `петиция ${String(i)}`;
          await indexRecord(trx, key, {
            recordType: 'bulk',
            recordId: `bulk-${String(i)}`,
            date,
            fields: [{ name: 'narrative', text, kind: 'text' }],
          });
        }
      });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await search(db(), key, { query: 'Петиция', recordTypes: ['bulk'], limit: 100, cursor });
      expect(result).toMatchObject({ total: 1000, totalCapped: true });
      // The ten records that also hold the name key of "Петиция" lead the ranked window.
      if (pages === 0)
        expect(result.results.slice(0, 11).map((hit) => hit.matched)).toEqual([...Array<number>(10).fill(3), 2]);
      for (const hit of result.results) seen.add(hit.recordId);
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(11);
    expect(seen.size).toBe(1005);
  });

  it('replaces a record’s tokens when it is indexed again', async () => {
    const fields = (text: string): IndexedField[] => [{ name: 'narrative', text, kind: 'text' }];
    await indexRecord(db(), key, {
      recordType: 'case',
      recordId: 'moved',
      date: '2025-04-01',
      fields: fields('Перевели в Ровеньки'),
    });
    expect(await find('Ровеньки')).toEqual(['moved']);
    await indexRecord(db(), key, {
      recordType: 'case',
      recordId: 'moved',
      date: '2025-04-02',
      fields: fields('Перевели в Антрацит'),
    });
    expect(await find('Ровеньки')).toEqual([]);
    expect(await find('Антрацит')).toEqual(['moved']);
    expect(await find('перевели', { from: '2025-04-02' })).toEqual(['moved']);
    expect(await countOf({ kind: 'stem', value: stemOf('перевели') })).toBe(1);
    expect(await countOf({ kind: 'stem', value: stemOf('ровеньки') })).toBeUndefined();
  });

  it('makes a removed record unfindable and forgets tokens no record holds', async () => {
    const fields: IndexedField[] = [{ name: 'narrative', text: 'Задержан под Кировском', kind: 'text' }];
    await indexRecord(db(), key, { recordType: 'case', recordId: 'gone', date: '2025-05-01', fields });
    expect(await find('Кировск')).toEqual(['gone']);
    expect(await removeRecord(db(), 'case', 'gone')).toBe(true);
    expect(await find('Кировск')).toEqual([]);
    expect(await countOf({ kind: 'stem', value: stemOf('кировском') })).toBeUndefined();
    expect(await removeRecord(db(), 'case', 'gone')).toBe(false);
    await removeRecords(db(), 'page', ['page-1', 'page-2']);
    expect((await search(db(), key, { query: 'жалоба', recordTypes: ['page'], limit: 100 })).total).toBe(23);
  });

  it('keeps the same search key when the master key is rotated', async () => {
    const next = newMasterKey();
    keyring.useMasterKey(next);
    await keyring.rewrapAll(db());
    const reloaded = await loadSearchKey(db(), new Keyring(next));
    expect(reloaded.hmacKey.equals(key.hmacKey)).toBe(true);
  });
});
