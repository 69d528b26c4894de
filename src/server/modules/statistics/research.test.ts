import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResearchDataset } from '../../../shared/statistics.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { insertIncident } from '../../../../test/statistics.js';

/*
 * Seven public incidents at Perevalsk in September 2026 with one detention each, one of them in another
 * place (a code held by one row); one public charge (its act type held by one row); one internal incident.
 * At k = 5: the lone place becomes null, the lone charge row's combination is shared by no one and is left out.
 */

describe.each(TEST_DIALECTS)('the research export on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let analyst: Seeder['coordinatorCall'];

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    analyst = (await seed.user('analyst')).call;
    const db = t.database.handle.db;
    const by = seed.coordinator.user.id;
    const base = { start: '2026-09-10', precision: 'day', region: 'UA-LU', units: [] } as const;
    for (let i = 0; i < 6; i += 1) {
      await insertIncident(db, by, {
        ...base,
        confidentiality: 'public',
        place: 'perevalsk',
        acts: ['detention_without_trial'],
      });
    }
    await insertIncident(db, by, {
      ...base,
      confidentiality: 'public',
      place: 'rare_place',
      acts: ['detention_without_trial'],
    });
    await insertIncident(db, by, { ...base, confidentiality: 'public', place: 'perevalsk', acts: ['criminal_charge'] });
    await insertIncident(db, by, {
      ...base,
      confidentiality: 'internal',
      place: 'perevalsk',
      acts: ['detention_without_trial'],
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('keeps codes held by k rows or more, leaves out rare combinations, and audits the reading', async () => {
    const answer = await analyst({ method: 'GET', url: '/api/statistics/research/incidents' });
    expect(answer.statusCode, answer.body).toBe(200);
    const dataset = answer.json<ResearchDataset>();
    expect(dataset.k).toBe(5);
    const row = (place: string | null) => ({
      month: '2026-09',
      region: 'UA-LU',
      place,
      actType: 'detention_without_trial',
      victims: null,
      victimsFewerThanK: true,
    });
    // Six at Perevalsk keep their place; the one elsewhere (and the charge) lose what is rare, and the
    // charge's combination, then shared by no other row, is left out; the internal incident never counts.
    expect(dataset.rows).toHaveLength(6);
    expect(dataset.rows).toEqual(Array.from({ length: 6 }, () => row('perevalsk')));
    expect(dataset.columns.map((c) => c.name)).toEqual(['month', 'region', 'place', 'act_type', 'victims']);
    const audit = await t.database.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'statistics.export')
      .execute();
    expect(audit).toHaveLength(1);
    const csv = await analyst({ method: 'GET', url: '/api/statistics/research/incidents/csv' });
    expect(csv.body.split('\r\n')[0]).toBe('month,region,place,act_type,victims');
    expect(csv.body.split('\r\n')[1]).toBe('2026-09,UA-LU,perevalsk,detention_without_trial,fewer_than_5');
    const dictionary = await analyst({ method: 'GET', url: '/api/statistics/research/dictionary' });
    expect(dictionary.json<{ columns: { ru: string }[] }>().columns[0]?.ru).toContain('Месяц');
  });
});
