import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { buildSeeder } from '../../../../test/seed.js';
import type { SearchResults } from '../../../shared/cases.schema.js';
import { indexVersion, reindexIfStale, SEARCH_INDEX_VERSION } from '../../search/reindex.js';

type Call = ReturnType<typeof as>;

/** Issue 9's example: words as users type them, in either script, say where they matched. */
describe.each(TEST_DIALECTS)('search over HTTP on %s', (dialect) => {
  const clock = testClock('2026-11-26T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let outsider: Call;
  let caseId: string;
  let noteId: string;

  const search = async (call: Call, q: string, types?: string): Promise<SearchResults> => {
    const query = new URLSearchParams({ q, ...(types === undefined ? {} : { types }) });
    const response = await call({ method: 'GET', url: `/api/search?${query.toString()}` });
    expect(response.statusCode, q).toBe(200);
    return response.json<SearchResults>();
  };

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const c = await buildUser(t.db, t.keyring, 'coordinator', clock);
    const l = await buildUser(t.db, t.keyring, 'lawyer', clock);
    const o = await buildUser(t.db, t.keyring, 'caseworker', clock);
    coordinator = as(t.app, await signIn(t.app, c, clock));
    lawyer = as(t.app, await signIn(t.app, l, clock));
    outsider = as(t.app, await signIn(t.app, o, clock));
    const created = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'criminal_defence', title: 'Незаконное удержание в части' },
    });
    expect(created.statusCode).toBe(201);
    caseId = created.json<{ id: string }>().id;
    expect((await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${l.user.id}` })).statusCode).toBe(
      204,
    );
    const note = await lawyer({
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { body: 'Доржиев сообщил, что его удерживали на полигоне три дня.' },
    });
    expect(note.statusCode).toBe(201);
    noteId = note.json<{ id: string }>().id;
  });
  afterAll(() => t.cleanup());

  it.each(['удерж', 'удерживали', 'Dorz', 'Dorjiev', 'Dorzhiyev', 'Доржи'])(
    'finds the note about Доржиев by "%s", saying it matched in a note',
    async (q) => {
      const { results } = await search(lawyer, q, 'note');
      expect(results).toEqual([
        {
          type: 'note',
          id: noteId,
          caseId,
          caseNumber: '2026-0001',
          title: 'Доржиев сообщил, что его удерживали на полигоне три дня.',
          fields: ['body'],
          matchedIn: ['note'],
        },
      ]);
    },
  );

  it('says a case matched in its title, and a note in the note, for the same prefix', async () => {
    const { results } = await search(coordinator, 'удерж', 'case,note');
    expect(results.map((hit) => [hit.type, hit.caseNumber, hit.matchedIn])).toEqual(
      expect.arrayContaining([
        ['case', '2026-0001', ['case_title']],
        ['note', '2026-0001', ['note']],
      ]),
    );
    expect(results).toHaveLength(2);
  });

  it('finds nothing on a case the user holds no grant on', async () => {
    for (const q of ['удерж', 'Dorz', 'Dorjiev']) {
      const response = await outsider({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(response.statusCode).toBe(200);
      expect(response.json<SearchResults>()).toMatchObject({ results: [], total: 0 });
      expect(response.body).not.toContain(caseId);
    }
  });

  it('re-indexes an installation whose index an older version wrote, so old records are found by prefix', async () => {
    // An index of version 1 held no prefixes of free text: here, none at all.
    for (const table of ['search_postings', 'search_token_counts', 'search_records'] as const) {
      await t.db.deleteFrom(table).execute();
    }
    await t.db.deleteFrom('settings').where('key', '=', 'search.index_version').execute();
    expect((await search(lawyer, 'удерж', 'note')).results).toEqual([]);
    expect(await indexVersion(t.db)).toBe(1);

    const seed = await buildSeeder(t, clock);
    await seed.task(caseId, 'Запросить ответ Доржиеву');
    await seed.personOn(caseId, 'Dorjiev');
    await seed.intake({ text: 'Мужа, Доржиева, удерживали в части' });
    for (const table of ['search_postings', 'search_token_counts', 'search_records'] as const) {
      await t.db.deleteFrom(table).execute();
    }
    expect(await reindexIfStale(t.db, t.keyring)).toEqual({
      case: 1,
      note: 1,
      task: 1,
      intake: 1,
      person: 1,
      incident: 0,
    });
    const everywhere = await search(coordinator, 'Dorz');
    expect(everywhere.results.map((hit) => [hit.type, hit.matchedIn])).toEqual(
      expect.arrayContaining([
        ['note', ['note']],
        ['task', ['task']],
        ['person', ['person_name']],
        ['intake', ['request_text']],
      ]),
    );
    expect(everywhere.results).toHaveLength(4);
    expect(await indexVersion(t.db)).toBe(SEARCH_INDEX_VERSION);
    expect((await search(lawyer, 'удерж', 'note')).results.map((hit) => hit.id)).toEqual([noteId]);
    expect((await search(coordinator, 'Dorjiev', 'case,note')).results.map((hit) => hit.matchedIn)).toEqual([['note']]);
    // Current: nothing to do at the next start.
    expect(await reindexIfStale(t.db, t.keyring)).toBeUndefined();
  });
});
