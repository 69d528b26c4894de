import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.schema.js';
import type { Source } from '../../../shared/sources.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { recordIncident, recordSource, sourceBody } from '../../../../test/incidents.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';

describe.each(TEST_DIALECTS)('sources on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let call: Seeder['coordinatorCall'];

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    call = seed.coordinatorCall;
  }, 60_000);
  afterAll(() => t.cleanup());

  it('records a media report linked to an incident and a case, and the incident lists it', async () => {
    const incidentId = await recordIncident(call);
    const caseRow = await seed.case();
    const body = sourceBody({ incidentIds: [incidentId], caseIds: [caseRow.id] });
    const created = await call({ method: 'POST', url: '/api/sources', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const source = created.json<Source>();
    expect(source).toMatchObject({
      kind: 'media_report',
      reliability: 'usually_reliable',
      outlet: 'Example outlet',
      url: 'https://news.example/perevalsk',
      title: body.title,
      publishedDate: '2022-10-20',
      language: 'ru',
      incidentIds: [incidentId],
      caseIds: [caseRow.id],
      version: 1,
    });
    expect((await call({ method: 'GET', url: `/api/sources/${source.id}` })).json()).toEqual(source);
    const incident = (await call({ method: 'GET', url: `/api/incidents/${incidentId}` })).json<Incident>();
    expect(incident.sources).toEqual([
      {
        id: source.id,
        kind: 'media_report',
        reliability: 'usually_reliable',
        title: body.title,
        outlet: 'Example outlet',
        publishedDate: '2022-10-20',
      },
    ]);
  });

  it('records a testimony with the person who gave it and how they know', async () => {
    const caseRow = await seed.case();
    const personId = await seed.personOn(caseRow.id, 'Witnessov');
    const id = await recordSource(call, {
      kind: 'testimony',
      outlet: null,
      url: null,
      personId,
      knowledgeBasis: 'witness',
    });
    const source = (await call({ method: 'GET', url: `/api/sources/${id}` })).json<Source>();
    expect(source).toMatchObject({ kind: 'testimony', personId, knowledgeBasis: 'witness' });
  });

  it('names what is wrong and writes nothing: a non-web address, a testimony without its person, unknown codes', async () => {
    const before = await t.database.handle.db.selectFrom('sources').select('id').execute();
    const answers = await Promise.all([
      call({ method: 'POST', url: '/api/sources', payload: sourceBody({ url: 'file:///etc/passwd' }) }),
      call({ method: 'POST', url: '/api/sources', payload: sourceBody({ kind: 'testimony', personId: null }) }),
      call({
        method: 'POST',
        url: '/api/sources',
        payload: sourceBody({
          reliability: 'gospel',
          incidentIds: ['00000000-0000-4000-8000-000000000000'],
        }),
      }),
    ]);
    expect(
      answers.map((answer) => answer.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)),
    ).toEqual([['url'], ['personId'], ['reliability', 'incidentIds.0']]);
    expect(await t.database.handle.db.selectFrom('sources').select('id').execute()).toEqual(before);
  });

  it('lets one of two edits from the same version land; the other answers CONFLICT', async () => {
    const id = await recordSource(call);
    const edit = (title: string) =>
      call({ method: 'PUT', url: `/api/sources/${id}`, payload: { ...sourceBody({ title }), version: 1 } });
    const answers = await Promise.all([edit('One edit'), edit('Other edit')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect((await call({ method: 'GET', url: `/api/sources/${id}` })).json<Source>().version).toBe(2);
  });
});
