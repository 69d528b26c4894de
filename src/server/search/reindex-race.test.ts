import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../shared/cases.schema.js';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { incidentBody, recordIncident } from '../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../test/seed.js';
import { reindexAll } from './reindex.js';

const INCIDENTS = 40;
const ROUNDS = 3;

/** A word no other record holds: consonants only, so no stem or prefix of it is shared by chance. */
const word = () => Array.from({ length: 9 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(Math.random() * 20)]).join('');

/**
 * `homeward search reindex` while staff edit: a batch that read a record
 * before an edit committed must not write the old text's postings over the
 * edit's, so every record is found by its text as it stands.
 */
describe.each(TEST_DIALECTS)('a re-index racing edits, on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  }, 60_000);
  afterAll(() => t.cleanup());

  const found = async (q: string) => {
    const response = await seed.coordinatorCall({ method: 'GET', url: `/api/search?q=${q}&types=incident` });
    expect(response.statusCode).toBe(200);
    return response.json<SearchResults>().results.map((hit) => hit.id);
  };

  it('finds every incident by the title it was given during the re-index, never by the one before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) ids.push(await recordIncident(seed.coordinatorCall));
    for (let round = 0; round < ROUNDS; round++) {
      const titles = ids.map(() => word());
      const edits = ids.map((id, i) =>
        seed.coordinatorCall({
          method: 'PUT',
          url: `/api/incidents/${id}`,
          payload: { ...incidentBody({ title: `Held ${titles[i] ?? ''}` }), version: round + 1 },
        }),
      );
      const [, ...answers] = await Promise.all([reindexAll(t.database.handle.db, t.keyring, clock), ...edits]);
      expect(answers.map((answer) => answer.statusCode)).toEqual(ids.map(() => 200));
      for (const [i, id] of ids.entries()) expect(await found(titles[i] ?? '')).toEqual([id]);
    }
  }, 120_000);
});
