import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/incidents.schema.js';
import type { CaseSources, Source, SourceList } from '../../../shared/sources.schema.js';
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

  it("lists a case's sources to those granted it; an outsider is refused and the refusal audited", async () => {
    const worker = await seed.user('caseworker');
    const outsider = await seed.user('caseworker');
    const caseRow = await seed.case({ grantees: [worker.account.user.id] });
    const first = await recordSource(call, { title: 'First report', caseIds: [caseRow.id] });
    clock.advance(1000);
    const second = await recordSource(call, { title: 'Second report', caseIds: [caseRow.id] });
    await recordSource(call, { title: 'Elsewhere' });
    const listed = await worker.call({ method: 'GET', url: `/api/cases/${caseRow.id}/sources` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<CaseSources>().sources).toEqual([
      expect.objectContaining({ id: first, title: 'First report', outlet: 'Example outlet', kind: 'media_report' }),
      expect.objectContaining({ id: second, title: 'Second report', reliability: 'usually_reliable' }),
    ]);
    const refused = await outsider.call({ method: 'GET', url: `/api/cases/${caseRow.id}/sources` });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('First report');
    const denied = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('actor_id', '=', outsider.account.user.id)
      .where('object_id', '=', caseRow.id)
      .execute();
    expect(denied).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it('links an existing source to an incident: again changes nothing, two at once write one link', async () => {
    const incidentId = await recordIncident(call);
    const sourceId = await recordSource(call, { title: 'Linked later' });
    const link = () => call({ method: 'PUT', url: `/api/incidents/${incidentId}/sources/${sourceId}` });
    const answers = await Promise.all([link(), link()]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([204, 204]);
    expect((await link()).statusCode).toBe(204);
    const incident = (await call({ method: 'GET', url: `/api/incidents/${incidentId}` })).json<Incident>();
    expect(incident.sources.map((source) => source.id)).toEqual([sourceId]);
    const links = await t.database.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'source.link')
      .where('object_id', '=', sourceId)
      .execute();
    expect(links).toHaveLength(1);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await call({ method: 'PUT', url: `/api/incidents/${incidentId}/sources/${missing}` })).statusCode).toBe(
      404,
    );
    expect((await call({ method: 'PUT', url: `/api/incidents/${missing}/sources/${sourceId}` })).statusCode).toBe(404);
    const worker = await seed.user('caseworker');
    expect(
      (await worker.call({ method: 'PUT', url: `/api/incidents/${incidentId}/sources/${sourceId}` })).statusCode,
    ).toBe(403);
  });

  it("pages through the organization's sources, newest first, with a cursor", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      clock.advance(1000);
      ids.push(await recordSource(call, { title: `Paged ${String(index)}` }));
    }
    const first = (await call({ method: 'GET', url: '/api/sources?limit=2' })).json<SourceList>();
    expect(first.sources.map((source) => source.id)).toEqual([ids[2], ids[1]]);
    expect(first.next).not.toBeNull();
    const second = (
      await call({ method: 'GET', url: `/api/sources?limit=2&cursor=${encodeURIComponent(first.next ?? '')}` })
    ).json<SourceList>();
    expect(second.sources[0]?.id).toBe(ids[0]);
    const bad = await call({ method: 'GET', url: '/api/sources?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
  });
});
