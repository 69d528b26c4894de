import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { recordIncident } from '../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../test/seed.js';

const ROUNDS = 20;

/**
 * A case purge locks the case, then the incidents naming its people; linking
 * such an incident to that case locks the incident, then the case. Run at
 * once, PostgreSQL may break the cycle by aborting either (40P01): neither
 * may answer 500.
 */
describe.each(TEST_DIALECTS)('a case purge racing a link of an incident naming its people, on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('purges the case every round; the link lands before it or finds no case', async () => {
    const call = seed.coordinatorCall;
    for (let round = 0; round < ROUNDS; round++) {
      const doomed = await seed.case();
      const victim = await seed.personOn(doomed.id, `Purgeov${String(round)}`);
      const incidentId = await recordIncident(call, {
        acts: [{ actType: 'detention_without_trial', victims: [{ personId: victim }] }],
      });
      const [purge, link] = await Promise.all([
        call({
          method: 'POST',
          url: `/api/cases/${doomed.id}/purge`,
          payload: { reason: 'safety', confirmNumber: doomed.number },
        }),
        call({ method: 'PUT', url: `/api/incidents/${incidentId}/cases/${doomed.id}` }),
      ]);
      expect([purge.statusCode, purge.body.slice(0, 200)]).toEqual([204, '']);
      expect([204, 404]).toContain(link.statusCode);
      const links = await t.database.handle.db
        .selectFrom('incident_cases')
        .select('case_id')
        .where('incident_id', '=', incidentId)
        .execute();
      expect(links).toEqual([]);
    }
  }, 120_000);
});
