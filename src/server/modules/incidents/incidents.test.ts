import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentList } from '../../../shared/incidents.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { incidentBody, recordIncident, recordUnit } from '../../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';

type Call = Seeder['coordinatorCall'];

describe.each(TEST_DIALECTS)('incidents on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let coordinator: Call;
  let caseworker: Call;
  let caseworkerId: string;
  let granted: { id: string; number: string };
  let other: { id: string; number: string };

  const count = async (table: 'incidents' | 'incident_acts' | 'incident_victims' | 'incident_cases') =>
    Number(
      (
        await t.database.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    coordinator = seed.coordinatorCall;
    const worker = await seed.user('caseworker');
    caseworker = worker.call;
    caseworkerId = worker.account.user.id;
    granted = await seed.case({ grantees: [caseworkerId] });
    other = await seed.case();
  }, 60_000);
  afterAll(() => t.cleanup());

  it('records an incident of the reported pattern and reads it back whole', async () => {
    const unit = await recordUnit(coordinator, '6720');
    const personId = await seed.personOn(granted.id, 'Zhuravlyov');
    const body = incidentBody({
      caseIds: [granted.id],
      acts: [
        ...(incidentBody().acts as unknown[]),
        {
          actType: 'criminal_charge',
          criminalArticle: '337',
          criminalPart: '5',
          start: { date: '2023', precision: 'year' },
          victims: [{ personId }],
        },
      ],
      perpetrators: [{ unit, involvement: 'carried_out' }],
    });
    const created = await coordinator({ method: 'POST', url: '/api/incidents', payload: body });
    expect(created.statusCode).toBe(201);
    const incident = created.json<Incident>();
    expect(incident).toMatchObject({
      title: body.title,
      description: body.description,
      start: { date: '2022-10', precision: 'month' },
      place: 'perevalsk',
      confidentiality: 'internal',
      version: 1,
      caseIds: [granted.id],
      perpetrators: [{ unit, personId: null, involvement: 'carried_out' }],
    });
    expect(incident.acts.map((act) => act.actType)).toEqual([
      'detention_without_trial',
      'threat_of_prosecution',
      'criminal_charge',
    ]);
    expect(incident.acts[0]?.victims).toMatchObject([{ count: 15, force: 'national_guard', region: 'RU-BU' }]);
    expect(incident.acts[2]).toMatchObject({ criminalArticle: '337', criminalPart: '5', victims: [{ personId }] });

    const read = await coordinator({ method: 'GET', url: `/api/incidents/${incident.id}` });
    expect(read.json()).toEqual(incident);
  });

  it('lets a caseworker read an incident linked to a case granted to them, and answers 404 for any other', async () => {
    const linked = await recordIncident(coordinator, { caseIds: [granted.id, other.id] });
    const unlinked = await recordIncident(coordinator, { caseIds: [other.id] });
    const read = await caseworker({ method: 'GET', url: `/api/incidents/${linked}` });
    expect(read.statusCode).toBe(200);
    // Only the cases the reader may see are named.
    expect(read.json<Incident>().caseIds).toEqual([granted.id]);
    const refused = await caseworker({ method: 'GET', url: `/api/incidents/${unlinked}` });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(unlinked);
    // Refused as a case or person is: audited as denied, with the incident's id.
    const denied = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'object_type'])
      .where('object_id', '=', unlinked)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ action: 'incident.read', actor_id: caseworkerId, object_type: 'incident' }]);

    const list = (await caseworker({ method: 'GET', url: '/api/incidents?limit=100' })).json<IncidentList>();
    const ids = list.incidents.map((incident) => incident.id);
    expect(ids).toContain(linked);
    expect(ids).not.toContain(unlinked);
    const edit = await caseworker({
      method: 'PUT',
      url: `/api/incidents/${linked}`,
      payload: { ...incidentBody(), version: 1 },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('names every field at fault in one answer and writes nothing', async () => {
    const before = await count('incidents');
    const response = await coordinator({
      method: 'POST',
      url: '/api/incidents',
      payload: incidentBody({
        confidentiality: 'whispered',
        acts: [
          { actType: 'no_such_act', victims: [{ personId: '00000000-0000-4000-8000-000000000000' }] },
          { actType: 'beating_torture', criminalArticle: '337' },
        ],
      }),
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);
    expect(paths).toEqual(['acts.1.criminalArticle']);

    const terms = await coordinator({
      method: 'POST',
      url: '/api/incidents',
      payload: incidentBody({
        confidentiality: 'whispered',
        start: { date: '2022-10', precision: 'sometime' },
        acts: [{ actType: 'no_such_act', victims: [{ personId: '00000000-0000-4000-8000-000000000000' }] }],
        perpetrators: [{ unit: 'no_such_unit', involvement: 'ordered' }],
      }),
    });
    expect(terms.statusCode).toBe(400);
    expect(terms.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([
      'start.precision',
      'confidentiality',
      'acts.0.actType',
      'perpetrators.0.unit',
      'acts.0.victims.0.personId',
    ]);
    const shape = await coordinator({
      method: 'POST',
      url: '/api/incidents',
      payload: incidentBody({ start: { date: '2022-10-05', precision: 'month' } }),
    });
    expect(shape.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'start.date' }] } });
    expect(await count('incidents')).toBe(before);
  });

  it('lets exactly one of two edits made from the same version land; the other answers CONFLICT', async () => {
    const id = await recordIncident(coordinator);
    const edit = (title: string) =>
      coordinator({ method: 'PUT', url: `/api/incidents/${id}`, payload: { ...incidentBody({ title }), version: 1 } });
    const answers = await Promise.all([edit('First edit'), edit('Second edit')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((answer) => answer.statusCode === 200)?.json<Incident>();
    const now = (await coordinator({ method: 'GET', url: `/api/incidents/${id}` })).json<Incident>();
    expect(now.version).toBe(2);
    expect(now.title).toBe(won?.title);
    expect(now.acts).toHaveLength(2);
  });

  it('keeps victims and perpetrators in the order the form gave, through an edit that reorders them', async () => {
    const unit = await recordUnit(coordinator);
    const form = (counts: number[], involvements: string[]) => ({
      acts: [{ actType: 'extortion', victims: counts.map((n) => ({ count: n })) }],
      perpetrators: involvements.map((involvement) => ({ unit, involvement })),
    });
    const order = (incident: Incident) => ({
      counts: incident.acts[0]?.victims.map((victim) => victim.count),
      involvements: incident.perpetrators.map((perpetrator) => perpetrator.involvement),
    });
    const first = form([6, 5, 4, 3, 2, 1], ['suspected', 'ordered', 'carried_out']);
    const id = await recordIncident(coordinator, first);
    const read = async () =>
      order((await coordinator({ method: 'GET', url: `/api/incidents/${id}` })).json<Incident>());
    expect(await read()).toEqual({ counts: [6, 5, 4, 3, 2, 1], involvements: ['suspected', 'ordered', 'carried_out'] });
    const edited = await coordinator({
      method: 'PUT',
      url: `/api/incidents/${id}`,
      payload: { ...incidentBody(form([2, 4, 6, 1, 3, 5], ['carried_out', 'suspected', 'ordered'])), version: 1 },
    });
    expect(order(edited.json<Incident>())).toEqual({
      counts: [2, 4, 6, 1, 3, 5],
      involvements: ['carried_out', 'suspected', 'ordered'],
    });
    expect(await read()).toEqual({ counts: [2, 4, 6, 1, 3, 5], involvements: ['carried_out', 'suspected', 'ordered'] });
  });

  it('filters the list by act type, place, unit, confidentiality, period and case', async () => {
    const unit = await recordUnit(coordinator);
    const match = await recordIncident(coordinator, {
      confidentiality: 'public',
      start: { date: '2021-03-02', precision: 'day' },
      acts: [{ actType: 'extortion', place: 'bryanka' }],
      perpetrators: [{ unit, involvement: 'suspected' }],
      caseIds: [other.id],
    });
    const miss = await recordIncident(coordinator, { start: { date: '2019', precision: 'year' } });
    const ids = async (query: string) =>
      (await coordinator({ method: 'GET', url: `/api/incidents?${query}` }))
        .json<IncidentList>()
        .incidents.map((incident) => incident.id);
    for (const query of [
      'actType=extortion',
      'place=bryanka',
      `unit=${unit}`,
      'confidentiality=public',
      'from=2021-03&to=2021-03',
      `caseId=${other.id}`,
    ]) {
      const found = await ids(query);
      expect(found, query).toContain(match);
      expect(found, query).not.toContain(miss);
    }
    expect(await ids('from=2019-06-01&to=2019-06-30')).toContain(miss);
  });

  it('lists the incidents naming a person as a victim or a perpetrator, as far as the reader may see', async () => {
    const personId = await seed.personOn(granted.id, 'Pereverzev');
    const asVictim = await recordIncident(coordinator, {
      acts: [{ actType: 'extortion', victims: [{ personId }] }],
      caseIds: [granted.id],
    });
    const asPerpetrator = await recordIncident(coordinator, {
      perpetrators: [{ personId, involvement: 'ordered' }],
      caseIds: [other.id],
    });
    const unrelated = await recordIncident(coordinator, { caseIds: [granted.id] });
    const ids = async (call: Call) =>
      (await call({ method: 'GET', url: `/api/incidents?personId=${personId}` }))
        .json<IncidentList>()
        .incidents.map((incident) => incident.id)
        .sort();
    expect(await ids(coordinator)).toEqual([asVictim, asPerpetrator].sort());
    expect(await ids(caseworker)).toEqual([asVictim]);
    expect(await ids(coordinator)).not.toContain(unrelated);
  });

  it('links incidents to cases and to each other, and a case purge takes the link but leaves the incident', async () => {
    const first = await recordIncident(coordinator);
    const second = await recordIncident(coordinator);
    const doomed = await seed.case();
    expect((await coordinator({ method: 'PUT', url: `/api/incidents/${first}/cases/${doomed.id}` })).statusCode).toBe(
      204,
    );
    expect((await coordinator({ method: 'PUT', url: `/api/incidents/${first}/leads-to/${second}` })).statusCode).toBe(
      204,
    );
    const self = await coordinator({ method: 'PUT', url: `/api/incidents/${first}/leads-to/${first}` });
    expect(self.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'otherId' }] } });
    expect((await coordinator({ method: 'GET', url: `/api/incidents/${second}` })).json()).toMatchObject({
      ledFrom: [first],
    });

    const purge = await coordinator({
      method: 'POST',
      url: `/api/cases/${doomed.id}/purge`,
      payload: { reason: 'duplicate', confirmNumber: doomed.number },
    });
    expect(purge.statusCode).toBe(204);
    const after = (await coordinator({ method: 'GET', url: `/api/incidents/${first}` })).json<Incident>();
    expect(after.caseIds).toEqual([]);
    expect(after.leadsTo).toEqual([second]);
    const unlink = await coordinator({ method: 'DELETE', url: `/api/incidents/${first}/cases/${doomed.id}` });
    expect(unlink.statusCode).toBe(404);
  });
});
