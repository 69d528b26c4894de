import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../../test/environment.js';
import { indexConsistency } from '../../../../test/search-index.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';

type Call = ReturnType<typeof as>;

/** Requests sent at once: on PostgreSQL they run in parallel transactions over the pool (10 connections). */
const BURST = 20;

/** Case-level invariants under parallel requests through the real HTTP path. */
describe.each(TEST_DIALECTS)('casework under concurrency on %s', (dialect) => {
  const clock = testClock('2026-11-27T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let second: Call;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
    second = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
  });
  afterAll(() => t.cleanup());

  const burst = (request: (i: number) => Promise<LightMyRequestResponse>) =>
    Promise.all(Array.from({ length: BURST }, (_, i) => request(i)));
  const caller = (i: number): Call => (i % 2 === 0 ? coordinator : second);

  async function openCase(title: string): Promise<string> {
    const response = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  async function detail(caseId: string) {
    const response = await coordinator({ method: 'GET', url: `/api/cases/${caseId}` });
    expect(response.statusCode).toBe(200);
    return response.json<{
      title: string;
      summary: string | null;
      stage: string;
      region: string | null;
      type: string;
      groupSize: number;
    }>();
  }

  async function stageEvents(caseId: string) {
    const response = await coordinator({ method: 'GET', url: `/api/cases/${caseId}/timeline` });
    expect(response.statusCode).toBe(200);
    const events = response.json<{ events: { kind: string; stageFrom: string | null; stageTo: string | null }[] }>()
      .events;
    return events.filter((event) => event.kind === 'stage');
  }

  const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode).sort();
  const codes = (responses: LightMyRequestResponse[]) =>
    responses.filter((r) => r.statusCode !== 204).map((r) => r.json<{ error: { code: string } }>().error.code);

  it('lets exactly one of parallel moves from one stage through; the others answer CONFLICT', async () => {
    const caseId = await openCase('Параллельные переходы');
    const same = await burst((i) =>
      caller(i)({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to: 'safety_triage' } }),
    );
    expect(statuses(same)).toEqual([204, ...Array<number>(BURST - 1).fill(409)]);
    expect(new Set(codes(same))).toEqual(new Set(['CONFLICT']));
    // Different targets, each stated from the stage the client saw: still one winner.
    const targets = ['verification', 'assessment', 'route_chosen', 'documents_drafted', 'filed'];
    const apart = await burst((i) =>
      caller(i)({
        method: 'POST',
        url: `/api/cases/${caseId}/stage`,
        payload: { from: 'safety_triage', to: targets[i % targets.length] },
      }),
    );
    expect(statuses(apart)).toEqual([204, ...Array<number>(BURST - 1).fill(409)]);
    // The test clock stands still, so the two events share a time: find them by where they start.
    const moves = await stageEvents(caseId);
    expect(moves).toHaveLength(2);
    expect(moves).toContainEqual(expect.objectContaining({ stageFrom: 'intake', stageTo: 'safety_triage' }));
    const later = moves.find((move) => move.stageFrom === 'safety_triage');
    expect(targets).toContain(later?.stageTo);
    expect((await detail(caseId)).stage).toBe(later?.stageTo);
  });

  it('loses none of parallel updates of different fields', async () => {
    const cases = await Promise.all([0, 1, 2, 3].map((n) => openCase(`Поля ${String(n)}`)));
    const changes = [
      (n: number) => ({ title: `Новый заголовок ${String(n)}` }),
      (n: number) => ({ summary: `Новая сводка ${String(n)}` }),
      () => ({ region: 'UA' }),
      () => ({ type: 'health_dismissal' }),
      (n: number) => ({ groupSize: 10 + n }),
    ];
    const responses = await burst((i) => {
      const n = i % cases.length;
      const change = changes[Math.floor(i / cases.length)];
      if (change === undefined) throw new Error('more requests than changes');
      return caller(i)({ method: 'PATCH', url: `/api/cases/${cases[n] ?? ''}`, payload: change(n) });
    });
    expect(statuses(responses)).toEqual(Array<number>(BURST).fill(204));
    for (const [n, caseId] of cases.entries()) {
      expect(await detail(caseId)).toMatchObject({
        title: `Новый заголовок ${String(n)}`,
        summary: `Новая сводка ${String(n)}`,
        region: 'UA',
        type: 'health_dismissal',
        groupSize: 10 + n,
      });
    }
    expect(await indexConsistency(t.db)).toEqual({ mismatched: [], postings: expect.any(Number) as number });
  });

  it('keeps a stage move that races updates of the case', async () => {
    const caseId = await openCase('Гонка перехода');
    const responses = await burst((i) =>
      i === BURST / 2
        ? caller(i)({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to: 'verification' } })
        : caller(i)({
            method: 'PATCH',
            url: `/api/cases/${caseId}`,
            payload: i % 2 === 0 ? { groupSize: i + 1 } : { summary: `Сводка ${String(i)}` },
          }),
    );
    expect(statuses(responses)).toEqual(Array<number>(BURST).fill(204));
    expect((await detail(caseId)).stage).toBe('verification');
    const moves = await stageEvents(caseId);
    expect(moves).toEqual([expect.objectContaining({ stageFrom: 'intake', stageTo: 'verification' })]);
  });

  it('keeps token counts equal to the postings when one case is re-indexed in parallel', async () => {
    const caseId = await openCase('Общий заголовок');
    // Search matches word prefixes, so no word here may begin another ("wind" would find "window").
    const words = [
      'apple',
      'river',
      'mountain',
      'forest',
      'meadow',
      'ocean',
      'village',
      'road',
      'cloud',
      'star',
      'stone',
      'rain',
      'fire',
      'sand',
      'grass',
      'flower',
      'bird',
      'fish',
      'book',
      'window',
    ];
    const responses = await burst((i) =>
      caller(i)({ method: 'PATCH', url: `/api/cases/${caseId}`, payload: { title: `Общий ${words[i] ?? ''}` } }),
    );
    expect(statuses(responses)).toEqual(Array<number>(BURST).fill(204));
    expect((await indexConsistency(t.db)).mismatched).toEqual([]);
    const title = (await detail(caseId)).title;
    const last = title.split(' ')[1] ?? '';
    const found = async (q: string) =>
      (await coordinator({ method: 'GET', url: `/api/search?types=case&q=${encodeURIComponent(q)}` })).json<{
        results: { id: string }[];
      }>().results;
    expect((await found(last)).map((r) => r.id)).toEqual([caseId]);
    expect((await found('общий')).map((r) => r.id)).toContain(caseId);
    for (const word of words.filter((w) => w !== last)) expect(await found(word)).toEqual([]);
  });

  it('keeps the index consistent when one record is indexed in parallel outside any case lock', async () => {
    const searchKey = await loadSearchKey(t.db, t.keyring);
    const recordId = '7d2b3f0e-0000-4000-8000-000000000001';
    const texts = Array.from({ length: BURST }, (_, i) => `общая запись номер ${String(1000 + i)}`);
    // The first indexing of a record races too: all but one find the entry made meanwhile.
    await Promise.all(
      texts.map((text) =>
        indexRecord(t.db, searchKey, {
          recordType: 'note',
          recordId,
          date: '2026-11-27',
          fields: [{ name: 'body', text, kind: 'text' }],
        }),
      ),
    );
    await Promise.all(
      texts.map((text) =>
        indexRecord(t.db, searchKey, {
          recordType: 'note',
          recordId,
          date: '2026-11-27',
          fields: [{ name: 'body', text: `${text} дополнение`, kind: 'text' }],
        }),
      ),
    );
    expect((await indexConsistency(t.db)).mismatched).toEqual([]);
    const entries = await t.db
      .selectFrom('search_records')
      .select('serial')
      .where('record_id', '=', recordId)
      .execute();
    expect(entries).toHaveLength(1);
  });

  it('loses none of parallel updates of people, and indexes both names', async () => {
    const families = ['Кузнецов', 'Смирнов', 'Попов', 'Васильев'];
    // Unrelated to the Cyrillic names, so that a hit on one cannot come from the other's name key.
    const latin = ['Johnson', 'Miller', 'Taylor', 'Brown'];
    const people = await Promise.all(
      families.map(async (family) => {
        const response = await coordinator({
          method: 'POST',
          url: '/api/people',
          payload: { personRole: 'serviceman', nameCyrillic: { family: 'Временный' } },
        });
        expect(response.statusCode).toBe(201);
        return { id: response.json<{ id: string }>().id, family };
      }),
    );
    const patches = [
      (n: number) => ({ nameCyrillic: { family: families[n] ?? '' } }),
      (n: number) => ({ nameLatin: { family: latin[n] ?? '' } }),
      (n: number) => ({ birth: { date: String(1980 + n), precision: 'year' } }),
      (n: number) => ({ contacts: [{ kind: 'phone', value: `+7900000000${String(n)}` }] }),
      () => ({ region: 'UA' }),
    ];
    const responses = await burst((i) => {
      const n = i % people.length;
      const patch = patches[Math.floor(i / people.length)];
      if (patch === undefined) throw new Error('more requests than patches');
      return caller(i)({ method: 'PATCH', url: `/api/people/${people[n]?.id ?? ''}`, payload: patch(n) });
    });
    expect(responses.map((r) => r.statusCode)).toEqual(Array<number>(BURST).fill(200));
    for (const [n, person] of people.entries()) {
      const read = await coordinator({ method: 'GET', url: `/api/people/${person.id}` });
      expect(read.json()).toMatchObject({
        nameCyrillic: { family: families[n] },
        nameLatin: { family: latin[n] },
        birth: { date: String(1980 + n), precision: 'year' },
        contacts: [{ kind: 'phone', value: `+7900000000${String(n)}` }],
        region: 'UA',
      });
      for (const name of [families[n] ?? '', latin[n] ?? '']) {
        const hits = await coordinator({
          method: 'GET',
          url: `/api/search?types=person&q=${encodeURIComponent(name)}`,
        });
        expect(hits.json<{ results: { id: string }[] }>().results.map((r) => r.id)).toContain(person.id);
      }
      const stale = await coordinator({
        method: 'GET',
        url: `/api/search?types=person&q=${encodeURIComponent('Временный')}`,
      });
      expect(stale.json<{ results: { id: string }[] }>().results.map((r) => r.id)).not.toContain(person.id);
    }
    expect((await indexConsistency(t.db)).mismatched).toEqual([]);
  });

  if (dialect === 'postgres') {
    it('really runs the burst side by side: transactions wait on the case row lock', async () => {
      const caseId = await openCase('Очередь за блокировкой');
      const watcher = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await watcher.connect();
      let waiting = 0;
      const burstRuns = { done: false };
      // Lock waits on this file's own `cases` table (its own schema), sampled while the burst runs.
      const watch = (async () => {
        while (!burstRuns.done) {
          const result = await watcher.query<{ n: string }>(
            `select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation
               join pg_namespace s on s.oid = c.relnamespace
              where s.nspname = $1 and c.relname = 'cases' and not l.granted`,
            [t.database.handle.schema],
          );
          waiting = Math.max(waiting, Number(result.rows[0]?.n ?? 0));
        }
      })();
      const responses = await burst((i) =>
        caller(i)({ method: 'PATCH', url: `/api/cases/${caseId}`, payload: { summary: `Очередь ${String(i)}` } }),
      );
      burstRuns.done = true;
      await watch;
      await watcher.end();
      expect(statuses(responses)).toEqual(Array<number>(BURST).fill(204));
      expect(waiting).toBeGreaterThan(0);
    });
  }
});
