import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisIncident, Incident } from '../../shared/incidents.schema.js';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { incidentBody, recordIncident } from '../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../test/seed.js';

describe.each(TEST_DIALECTS)('a case purge and the incidents naming its people, on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('keeps a purged victim counted without a link, drops a purged perpetrator, raises the version and audits it', async () => {
    const call = seed.coordinatorCall;
    const doomed = await seed.case();
    const victim = await seed.personOn(doomed.id, 'Purgeov');
    const perpetrator = await seed.personOn(doomed.id, 'Commanderov');
    const acts = [{ actType: 'detention_without_trial', victims: [{ count: 3 }, { personId: victim }] }];
    const id = await recordIncident(call, {
      acts,
      perpetrators: [{ personId: perpetrator, involvement: 'ordered' }],
    });
    const purge = await call({
      method: 'POST',
      url: `/api/cases/${doomed.id}/purge`,
      payload: { reason: 'safety', confirmNumber: doomed.number },
    });
    expect(purge.statusCode).toBe(204);

    const after = (await call({ method: 'GET', url: `/api/incidents/${id}` })).json<Incident>();
    // Raised once for each purged person it named (each person's purge is its own entry).
    expect(after.version).toBe(3);
    expect(after.acts[0]?.victims.map((v) => ({ personId: v.personId, count: v.count }))).toEqual([
      { personId: null, count: 3 },
      { personId: null, count: 1 },
    ]);
    expect(after.perpetrators).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(victim);
    const analysed = (await call({ method: 'GET', url: `/api/analysis/incidents/${id}` })).json<AnalysisIncident>();
    expect(analysed.acts[0]?.victims.map((v) => v.count)).toEqual([3, 1]);

    // An editor still holding version 1 would write the purged people back: refused.
    const stale = await call({
      method: 'PUT',
      url: `/api/incidents/${id}`,
      payload: { ...incidentBody({ acts }), version: 1 },
    });
    expect(stale.json()).toMatchObject({ error: { code: 'CONFLICT' } });

    const entries = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id'])
      .where('action', '=', 'incident.purge_people')
      .execute();
    const entry = { action: 'incident.purge_people', object_type: 'incident', object_id: id };
    expect(entries).toEqual([entry, entry]);
  });
});
