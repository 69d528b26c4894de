import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../../test/databases.js';
import { buildApp } from '../../app.js';
import { Keyring } from '../../crypto/keyring.js';
import { newMasterKey } from '../../crypto/master-key.js';

/** Counts every statement the app sends through Kysely. */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * Issue 8 item 8: what one request costs in statements must not grow with
 * the rows it shows. Each page is measured with a few rows and with many;
 * the counts must be equal.
 */
describe.each(TEST_DIALECTS)('statements per request on %s', (dialect) => {
  const clock = testClock('2026-11-28T10:00:00.000Z');
  const counter = new StatementCounter();
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: ReturnType<typeof as>;
  let coordinatorId: string;
  const few = 5;
  const many = 50;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const keyring = new Keyring(newMasterKey());
    const handle = { ...database.handle, db: database.handle.db.withPlugin(counter) };
    app = await buildApp({
      database: handle,
      keyring,
      dataDir: database.dataDir,
      logger: pino({ level: 'silent' }),
      clock,
    });
    await app.ready();
    const account = await buildUser(handle.db, keyring, 'coordinator', clock);
    coordinatorId = account.user.id;
    coordinator = as(app, await signIn(app, account, clock));
  });
  afterAll(async () => {
    await app.close();
    await database.cleanup();
  });

  /** The statements of one GET; `rows` says how many rows the page must show, so it measures what it claims. */
  async function statements(url: string, rows: number): Promise<number> {
    const before = counter.count;
    const response = await coordinator({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ cases?: unknown[]; results?: unknown[]; events?: unknown[]; people?: unknown[] }>();
    expect((body.cases ?? body.results ?? body.people ?? body.events ?? []).length).toBeGreaterThanOrEqual(rows);
    return counter.count - before;
  }

  async function post(url: string, payload: object): Promise<string> {
    const response = await coordinator({ method: 'POST', url, payload });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** Each case has its own data key: a list that opened titles one by one would read one key row per case. */
  const openCases = (from: number, to: number) =>
    Promise.all(
      Array.from({ length: to - from }, (_, i) =>
        post('/api/cases', { type: 'contract_termination', title: `Маяк дело ${String(from + i)}` }),
      ),
    );

  it('lists and searches cases in as many statements for 50 rows as for 5', async () => {
    await openCases(0, few);
    const list = await statements('/api/cases?limit=100', few);
    const search = await statements('/api/search?types=case&q=маяк&limit=100', few);
    const filtered = await statements('/api/cases?limit=100&q=маяк&open=true', few);
    await openCases(few, many);
    expect(await statements('/api/cases?limit=100', many)).toBe(list);
    expect(await statements('/api/search?types=case&q=маяк&limit=100', many)).toBe(search);
    expect(await statements('/api/cases?limit=100&q=маяк&open=true', many)).toBe(filtered);
  });

  it('opens a timeline of 50 notes in as many statements as one of 5', async () => {
    const caseId = await post('/api/cases', { type: 'benefits', title: 'Хронология' });
    const addNotes = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: to - from }, (_, i) =>
          post(`/api/cases/${caseId}/notes`, { body: `Заметка телефон ${String(from + i)}` }),
        ),
      );
    await addNotes(0, few);
    const timeline = await statements(`/api/cases/${caseId}/timeline?limit=100`, few);
    const notes = await statements('/api/search?types=note&q=телефон&limit=100', few);
    await addNotes(few, many);
    expect(await statements(`/api/cases/${caseId}/timeline?limit=100`, many)).toBe(timeline);
    expect(await statements('/api/search?types=note&q=телефон&limit=100', many)).toBe(notes);
  });

  it('shows a case with 50 people, and finds 50 people, in as many statements as with 5', async () => {
    const caseId = await post('/api/cases', { type: 'benefits', title: 'Семья' });
    const addPeople = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: to - from }, (_, i) =>
          post(`/api/cases/${caseId}/people`, {
            role: 'relative',
            person: { nameCyrillic: { family: 'Орлов', given: `Иван${String(from + i)}` } },
          }),
        ),
      );
    await addPeople(0, few);
    const detail = await statements(`/api/cases/${caseId}`, few);
    const found = await statements('/api/search?types=person&q=орлов&limit=100', few);
    await addPeople(few, many);
    expect(await statements(`/api/cases/${caseId}`, many)).toBe(detail);
    expect(await statements('/api/search?types=person&q=орлов&limit=100', many)).toBe(found);
  });

  it('shows my work with 50 granted cases and 50 tasks in as many statements as with 5', async () => {
    const grantAndTask = async (from: number, to: number) => {
      for (const caseId of await openCases(1000 + from, 1000 + to)) {
        const grant = await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${coordinatorId}` });
        expect(grant.statusCode).toBe(204);
        await post(`/api/cases/${caseId}/tasks`, {
          title: 'Позвонить',
          dueDate: '2026-12-20',
          assigneeId: coordinatorId,
        });
      }
    };
    await grantAndTask(0, few);
    const work = async () => {
      const before = counter.count;
      const response = await coordinator({ method: 'GET', url: '/api/me/work' });
      const body = response.json<{ cases: unknown[]; tasks: unknown[] }>();
      return { statements: counter.count - before, cases: body.cases.length, tasks: body.tasks.length };
    };
    const small = await work();
    expect(small).toMatchObject({ cases: few, tasks: few });
    await grantAndTask(few, many);
    expect(await work()).toEqual({ statements: small.statements, cases: many, tasks: many });
  });
});
