import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { SAVED_FILTERS_MAX, type CaseList, type SavedFilterList } from '../../../shared/cases.schema.js';

type Call = ReturnType<typeof as>;

/** The case list sorted by its columns with a keyset cursor, and saved filters that only their owner sees. */
describe.each(TEST_DIALECTS)('case list sorting and saved filters on %s', (dialect) => {
  const clock = testClock('2026-11-26T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let caseworker: Call;
  /** [number, region, stage] of each case, in the order they were opened. */
  const opened: { number: string; region: string | null }[] = [];

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
    lawyer = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'lawyer', clock), clock));
    caseworker = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'caseworker', clock), clock));
    // Seven cases, opened a minute apart, regions repeating (and two without one).
    const regions = ['RU-BU', null, 'RU-MOW', 'RU-BU', null, 'RU-SPE', 'RU-MOW'];
    for (const region of regions) {
      clock.advance(60_000);
      const response = await coordinator({
        method: 'POST',
        url: '/api/cases',
        payload: { type: 'criminal_defence', title: 'Дело', ...(region === null ? {} : { region }) },
      });
      expect(response.statusCode).toBe(201);
      opened.push({ number: response.json<{ number: string }>().number, region });
    }
  });
  afterAll(() => t.cleanup());

  /** Every page of the list at `query`, two cases a page: the numbers in order, and how many pages. */
  async function walk(query: string): Promise<{ numbers: string[]; regions: (string | null)[]; pages: number }> {
    const numbers: string[] = [];
    const regions: (string | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/cases?limit=2&${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await coordinator({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const page = response.json<CaseList>();
      numbers.push(...page.cases.map((row) => row.number));
      regions.push(...page.cases.map((row) => row.region));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    return { numbers, regions, pages };
  }

  it('sorts by opened, newest first, by default', async () => {
    const { numbers, pages } = await walk('');
    expect(numbers).toEqual(opened.map((row) => row.number).reverse());
    expect(pages).toBe(4);
  });

  it('sorts by number either way, every case once across pages', async () => {
    expect((await walk('sort=number')).numbers).toEqual(opened.map((row) => row.number));
    expect((await walk('sort=number&dir=desc')).numbers).toEqual(opened.map((row) => row.number).reverse());
  });

  it('sorts by region, cases without one first (A to Z), the id breaking ties stably across pages', async () => {
    const { numbers, regions } = await walk('sort=region');
    expect(regions).toEqual([null, null, 'RU-BU', 'RU-BU', 'RU-MOW', 'RU-MOW', 'RU-SPE']);
    expect(new Set(numbers).size).toBe(7);
    const backwards = await walk('sort=region&dir=desc');
    expect(backwards.numbers).toEqual([...numbers].reverse());
  });

  it('sorts by stage within a filter', async () => {
    const { numbers } = await walk('sort=stage&region=RU-BU');
    expect(numbers.sort()).toEqual(opened.filter((row) => row.region === 'RU-BU').map((row) => row.number));
  });

  it('refuses a cursor of another order, and an unknown sort, naming the field', async () => {
    const first = (await coordinator({ method: 'GET', url: '/api/cases?limit=2&sort=number' })).json<CaseList>();
    for (const [url, field] of [
      [`/api/cases?limit=2&sort=region&cursor=${String(first.nextCursor)}`, 'cursor'],
      ['/api/cases?sort=title', 'query.sort'],
      ['/api/cases?sort=number&dir=up', 'query.dir'],
    ] as const) {
      const response = await coordinator({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([
        field,
      ]);
    }
  });

  it('keeps saved filters to their owner: listed, used and deleted by them only, the name sealed', async () => {
    const name = 'Мои открытые уголовные дела в Бурятии';
    const filters = { type: 'criminal_defence', region: 'RU-BU', open: 'true', sort: 'number' } as const;
    const created = await lawyer({ method: 'POST', url: '/api/saved-filters', payload: { name, filters } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const row = await t.db.selectFrom('saved_filters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.name_sealed).toString('utf8')).not.toContain('Бурят');

    const mine = (await lawyer({ method: 'GET', url: '/api/saved-filters' })).json<SavedFilterList>();
    expect(mine.filters).toEqual([{ id, name, filters, createdAt: clock().toISOString() }]);
    for (const other of [caseworker, coordinator]) {
      expect((await other({ method: 'GET', url: '/api/saved-filters' })).json<SavedFilterList>().filters).toEqual([]);
      expect((await other({ method: 'DELETE', url: `/api/saved-filters/${id}` })).statusCode).toBe(404);
    }
    expect(await t.db.selectFrom('saved_filters').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    expect((await lawyer({ method: 'DELETE', url: `/api/saved-filters/${id}` })).statusCode).toBe(204);
    expect((await lawyer({ method: 'DELETE', url: `/api/saved-filters/${id}` })).statusCode).toBe(404);
    expect((await lawyer({ method: 'GET', url: '/api/saved-filters' })).json<SavedFilterList>().filters).toEqual([]);
  });

  it('refuses filter values that are not codes of the list, and a blank name, writing nothing', async () => {
    for (const payload of [
      { name: '  ', filters: {} },
      { name: 'x', filters: { q: 'Доржиев' } },
      { name: 'x', filters: { open: 'yes' } },
      { name: 'x'.repeat(101), filters: {} },
    ]) {
      const response = await lawyer({ method: 'POST', url: '/api/saved-filters', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await t.db.selectFrom('saved_filters').select('id').execute()).toEqual([]);
  });

  it(`holds at most ${String(SAVED_FILTERS_MAX)} filters a user, also when twenty are saved at once`, async () => {
    for (let i = 0; i < SAVED_FILTERS_MAX - 5; i++) {
      const response = await caseworker({
        method: 'POST',
        url: '/api/saved-filters',
        payload: { name: `Фильтр ${String(i)}`, filters: {} },
      });
      expect(response.statusCode).toBe(201);
    }
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        caseworker({ method: 'POST', url: '/api/saved-filters', payload: { name: `Гонка ${String(i)}`, filters: {} } }),
      ),
    );
    expect(racing.map((response) => response.statusCode).sort()).toEqual([
      ...Array<number>(5).fill(201),
      ...Array<number>(15).fill(409),
    ]);
    const listed = (await caseworker({ method: 'GET', url: '/api/saved-filters' })).json<SavedFilterList>();
    expect(listed.filters).toHaveLength(SAVED_FILTERS_MAX);
  });
});
