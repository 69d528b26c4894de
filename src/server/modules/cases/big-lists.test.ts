import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';

/** More ids than either database takes as bound parameters in one statement (PostgreSQL: 65,535). */
const MANY = 70_000;
const ROWS_PER_INSERT = 1_000;

/**
 * Issue 8 item 8: lists of ids that grow with the data (a coordinator's
 * filtered search, a caseworker's grants) must not end up in one `IN (...)`.
 */
describe.each(TEST_DIALECTS)('lists past the parameter limit on %s', (dialect) => {
  const clock = testClock('2026-11-28T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: ReturnType<typeof as>;
  let lawyer: ReturnType<typeof as>;
  const found: string[] = [];

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const c = await buildUser(t.db, t.keyring, 'coordinator', clock);
    const l = await buildUser(t.db, t.keyring, 'lawyer', clock);
    coordinator = as(t.app, await signIn(t.app, c, clock));
    lawyer = as(t.app, await signIn(t.app, l, clock));
    // The bulk: rows not in the index, every one open and granted to the lawyer, their titles
    // sealed under one shared data key (one per case would cost 70,000 key rows).
    const at = clock().toISOString();
    const shared = { type: 'case', id: crypto.randomUUID() } as const;
    for (let from = 0; from < MANY; from += ROWS_PER_INSERT) {
      const ids = Array.from({ length: ROWS_PER_INSERT }, () => crypto.randomUUID());
      const titles = await t.db
        .transaction()
        .execute((trx) =>
          Promise.all(
            ids.map((id) => t.keyring.seal(trx, shared, { table: 'cases', rowId: id, field: 'title' }, 'Стог сена')),
          ),
        );
      const rows = ids.map((id, i) => ({
        id,
        number: `1999-${String(from + i).padStart(6, '0')}`,
        case_type: 'contract_termination',
        stage: 'intake',
        outcome: null,
        region: null,
        is_group: 0,
        group_size: 1,
        title_sealed: titles[i] ?? Buffer.alloc(0),
        summary_sealed: null,
        opened_at: at,
        closed_at: null,
        urgency: 'normal' as const,
        created_by: c.user.id,
        updated_at: at,
      }));
      await t.db.insertInto('cases').values(rows).execute();
      await t.db
        .insertInto('case_grants')
        .values(rows.map((row) => ({ case_id: row.id, user_id: l.user.id, granted_by: c.user.id, granted_at: at })))
        .execute();
    }
    for (const title of ['Иголка в стоге', 'Вторая иголка']) {
      const response = await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title } });
      expect(response.statusCode).toBe(201);
      const id = response.json<{ id: string }>().id;
      found.push(id);
      const grant = await coordinator({ method: 'PUT', url: `/api/cases/${id}/grants/${l.user.id}` });
      expect(grant.statusCode).toBeLessThan(300);
    }
  }, 120_000);
  afterAll(() => t.cleanup());

  const ids = (body: { cases?: { id: string }[]; results?: { id: string }[] }) =>
    (body.cases ?? body.results ?? []).map((row) => row.id).sort();

  it("answers a coordinator's filtered search over more cases than one statement may name", async () => {
    const response = await coordinator({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('иголка')}&open=true`,
    });
    expect(response.statusCode).toBe(200);
    expect(ids(response.json())).toEqual([...found].sort());
  });

  it('answers a user holding more grants than one statement may name: list, search and my work', async () => {
    const list = await lawyer({ method: 'GET', url: `/api/cases?q=${encodeURIComponent('иголка')}` });
    expect(list.statusCode).toBe(200);
    expect(ids(list.json())).toEqual([...found].sort());
    const search = await lawyer({
      method: 'GET',
      url: `/api/search?types=case,note,task,person&q=${encodeURIComponent('иголка')}`,
    });
    expect(search.statusCode).toBe(200);
    expect(ids(search.json())).toEqual([...found].sort());
    const page = await lawyer({ method: 'GET', url: '/api/cases?limit=100&open=true' });
    expect(page.json<{ cases: unknown[]; nextCursor: string | null }>()).toMatchObject({
      nextCursor: expect.any(String) as string,
    });
    const work = await lawyer({ method: 'GET', url: '/api/me/work' });
    expect(work.statusCode).toBe(200);
    expect(work.json<{ cases: unknown[]; moreCases: boolean }>()).toMatchObject({ moreCases: true });
    expect(work.json<{ cases: unknown[] }>().cases).toHaveLength(100);
  });
});
