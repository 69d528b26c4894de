import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisIncident, AnalysisList } from '../../../shared/incidents.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { recordIncident, recordUnit } from '../../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { routeTable } from '../../app.js';

/** Words that are a name, a contact or free text somewhere in the incident: none may reach an analyst. */
const MARKERS = ['Zhuravlyov', 'Журавлёв', 'MarkerTitle', 'MarkerDescription', '+7 900 555 0199', 'MarkerWitness'];

describe.each(TEST_DIALECTS)("the analyst's view of incidents on %s", (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let analyst: Seeder['coordinatorCall'];
  let incidentId: string;
  let restrictedId: string;
  let personId: string;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    analyst = (await seed.user('analyst')).call;
    const coordinator = seed.coordinatorCall;
    const caseRow = await seed.case({ title: 'MarkerTitle case' });
    const link = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseRow.id}/people`,
      payload: {
        role: 'serviceman',
        person: {
          nameCyrillic: { family: 'Журавлёв', given: 'Иван' },
          nameLatin: { family: 'Zhuravlyov', given: 'Ivan' },
          contacts: [{ kind: 'phone', value: '+7 900 555 0199' }],
          region: 'RU-BU',
          force: 'defence_ministry',
        },
      },
    });
    personId = link.json<{ personId: string }>().personId;
    const unit = await recordUnit(coordinator, '6720');
    incidentId = await recordIncident(coordinator, {
      title: 'MarkerTitle at Perevalsk',
      description: 'MarkerDescription: held with phones taken',
      caseIds: [caseRow.id],
      acts: [
        { actType: 'detention_without_trial', place: 'perevalsk', victims: [{ count: 15, force: 'national_guard' }] },
        { actType: 'criminal_charge', criminalArticle: '337', criminalPart: '5', victims: [{ personId }] },
      ],
      perpetrators: [
        { unit, involvement: 'carried_out' },
        { personId, involvement: 'suspected' },
      ],
    });
    restrictedId = await recordIncident(coordinator, {
      title: 'MarkerTitle restricted',
      confidentiality: 'restricted',
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('answers every analysis route with codes, dates, counts and categories, and no name, contact or free text', async () => {
    const routes = routeTable({ database: t.database.handle, keyring: t.keyring, logger: pino({ level: 'silent' }) })
      .filter((route) => route.url.startsWith('/api/analysis/'))
      .map((route) => `${route.method} ${route.url}`);
    expect(routes).toEqual(['GET /api/analysis/incidents', 'GET /api/analysis/incidents/:incidentId']);
    const bodies = [
      (await analyst({ method: 'GET', url: '/api/analysis/incidents' })).body,
      (await analyst({ method: 'GET', url: '/api/analysis/incidents?actType=criminal_charge' })).body,
      (await analyst({ method: 'GET', url: `/api/analysis/incidents/${incidentId}` })).body,
    ];
    for (const body of bodies) {
      for (const marker of MARKERS) expect(body).not.toContain(marker);
      // Nor a person's id, which would let one join the view to the registry.
      expect(body).not.toContain(personId);
    }
    const incident = JSON.parse(bodies[2] ?? '') as AnalysisIncident;
    expect(Object.keys(incident).sort()).toEqual(
      ['acts', 'end', 'id', 'linkedCases', 'perpetrators', 'place', 'region', 'sourceReliabilities', 'start'].sort(),
    );
    // A person among the victims counts as one, with the person's own categories.
    expect(incident.acts[1]).toMatchObject({
      actType: 'criminal_charge',
      criminalArticle: '337',
      criminalPart: '5',
      victims: [{ count: 1, force: 'defence_ministry', region: 'RU-BU', serviceCategory: null }],
    });
    expect(incident.acts[0]?.victims).toEqual([
      { count: 15, force: 'national_guard', region: null, serviceCategory: null },
    ]);
    expect(incident.perpetrators.map((p) => p.kind).sort()).toEqual(['person', 'unit']);
    expect(incident.linkedCases).toBe(1);
  });

  it('leaves restricted incidents out of the view altogether', async () => {
    const list = (await analyst({ method: 'GET', url: '/api/analysis/incidents' })).json<AnalysisList>();
    expect(list.incidents.map((incident) => incident.id)).toContain(incidentId);
    expect(list.incidents.map((incident) => incident.id)).not.toContain(restrictedId);
    const one = await analyst({ method: 'GET', url: `/api/analysis/incidents/${restrictedId}` });
    expect(one.statusCode).toBe(404);
  });

  it('refuses the staff incident routes to an analyst', async () => {
    expect((await analyst({ method: 'GET', url: '/api/incidents' })).statusCode).toBe(403);
    expect((await analyst({ method: 'GET', url: `/api/incidents/${incidentId}` })).statusCode).toBe(403);
  });
});
