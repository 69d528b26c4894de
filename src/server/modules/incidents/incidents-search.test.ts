import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../../shared/cases.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { incidentBody, recordIncident } from '../../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { reindexAll } from '../../search/reindex.js';

type Call = Seeder['coordinatorCall'];

/** A word no other record holds: consonants only, so no stem or prefix of it is shared by chance. */
const word = () => Array.from({ length: 9 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(Math.random() * 20)]).join('');

describe.each(TEST_DIALECTS)('incident titles in the global search on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let coordinator: Call;
  let caseworker: Call;
  let granted: { id: string; number: string };

  const found = async (call: Call, q: string) => {
    const response = await call({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
    expect(response.statusCode).toBe(200);
    return response
      .json<SearchResults>()
      .results.filter((hit) => hit.type === 'incident')
      .map((hit) => hit.id)
      .sort();
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    coordinator = seed.coordinatorCall;
    const worker = await seed.user('caseworker');
    caseworker = worker.call;
    granted = await seed.case({ grantees: [worker.account.user.id] });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('finds an incident by a word of its title, as its reader may: all for a coordinator, linked ones for a caseworker', async () => {
    const term = word();
    const other = await seed.case();
    const title = `Held at Perevalsk ${term} camp`;
    const linked = await recordIncident(coordinator, { title, caseIds: [granted.id] });
    const elsewhere = await recordIncident(coordinator, { title: `Beaten ${term}`, caseIds: [other.id] });

    const response = await coordinator({ method: 'GET', url: `/api/search?q=${term}&types=incident` });
    const hit = response.json<SearchResults>().results.find((result) => result.id === linked);
    expect(hit).toEqual({
      type: 'incident',
      id: linked,
      caseId: null,
      caseNumber: null,
      title,
      fields: ['title'],
      matchedIn: ['incident_title'],
    });
    expect(await found(coordinator, term)).toEqual([linked, elsewhere].sort());
    expect(await found(caseworker, term)).toEqual([linked]);

    // Access is the incident's own, at search time: an unlink or a purge of the case shows at once.
    await coordinator({ method: 'DELETE', url: `/api/incidents/${linked}/cases/${granted.id}` });
    expect(await found(caseworker, term)).toEqual([]);
    const purge = await coordinator({
      method: 'POST',
      url: `/api/cases/${other.id}/purge`,
      payload: { reason: 'duplicate', confirmNumber: other.number },
    });
    expect(purge.statusCode).toBe(204);
    expect(await found(coordinator, term)).toEqual([linked, elsewhere].sort());
  });

  it('follows an edited title, and the re-index writes every incident title again', async () => {
    const before = word();
    const after = word();
    const id = await recordIncident(coordinator, { title: `Detained ${before}`, caseIds: [granted.id] });
    const edit = await coordinator({
      method: 'PUT',
      url: `/api/incidents/${id}`,
      payload: { ...incidentBody({ title: `Detained ${after}` }), version: 1 },
    });
    expect(edit.statusCode).toBe(200);
    expect(await found(coordinator, before)).toEqual([]);
    expect(await found(caseworker, after)).toEqual([id]);

    const db = t.database.handle.db;
    for (const table of ['search_postings', 'search_token_counts', 'search_records'] as const) {
      await db.deleteFrom(table).execute();
    }
    expect(await found(coordinator, after)).toEqual([]);
    const counts = await reindexAll(db, t.keyring);
    expect(counts.incident).toBeGreaterThanOrEqual(3);
    expect(await found(coordinator, after)).toEqual([id]);
  });
});
