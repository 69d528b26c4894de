import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { SAVED_FILTERS_MAX, type SavedFilterList } from '../../../shared/cases.schema.js';

type Call = ReturnType<typeof as>;

/** Saved case-list filters in the audit log (ids only), and the cap held when the last place is raced for. */
describe.each(TEST_DIALECTS)('saved filters audited and capped on %s', (dialect) => {
  const clock = testClock('2026-11-26T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let lawyer: Call;
  let lawyerId: string;

  const save = (name: string) =>
    lawyer({ method: 'POST', url: '/api/saved-filters', payload: { name, filters: { region: 'RU-BU' } } });
  const audits = (action: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'object_type', 'object_id', 'outcome'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  const filterCount = async () =>
    (await t.db.selectFrom('saved_filters').select('id').where('user_id', '=', lawyerId).execute()).length;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const account = await buildUser(t.db, t.keyring, 'lawyer', clock);
    lawyerId = account.user.id;
    lawyer = as(t.app, await signIn(t.app, account, clock));
  });
  afterAll(() => t.cleanup());

  it('audits a save and a delete with the filter’s id and nothing of its name or values', async () => {
    const name = 'Доржиев: уголовные дела в Бурятии';
    const created = await save(name);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const entry = { actor_id: lawyerId, object_type: 'saved_filter', object_id: id, outcome: 'success' };
    expect(await audits('saved_filter.create')).toEqual([entry]);

    expect((await lawyer({ method: 'DELETE', url: `/api/saved-filters/${id}` })).statusCode).toBe(204);
    expect(await audits('saved_filter.delete')).toEqual([entry]);
    // A delete of what is gone deletes nothing, and is not recorded as one.
    expect((await lawyer({ method: 'DELETE', url: `/api/saved-filters/${id}` })).statusCode).toBe(404);
    expect(await audits('saved_filter.delete')).toHaveLength(1);

    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['saved_filter.create', 'saved_filter.delete'])
      .execute();
    const text = JSON.stringify(rows);
    for (const marker of ['Доржиев', 'Бурят', 'RU-BU']) expect(text).not.toContain(marker);
  });

  it(`makes no ${String(SAVED_FILTERS_MAX + 1)}st filter when two saves race for the last place, auditing only the one saved`, async () => {
    for (let round = 0; round < 3; round++) {
      while ((await filterCount()) < SAVED_FILTERS_MAX - 1) {
        expect((await save(`Фильтр ${String(await filterCount())}`)).statusCode).toBe(201);
      }
      const before = (await audits('saved_filter.create')).length;
      const racing = await Promise.all([save(`Гонка ${String(round)}a`), save(`Гонка ${String(round)}b`)]);
      expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      const refused = racing.find((response) => response.statusCode === 409);
      expect(refused?.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
      expect(await filterCount()).toBe(SAVED_FILTERS_MAX);
      const listed = (await lawyer({ method: 'GET', url: '/api/saved-filters' })).json<SavedFilterList>();
      expect(listed.filters).toHaveLength(SAVED_FILTERS_MAX);
      expect((await audits('saved_filter.create')).length).toBe(before + 1);
      // Make room for the next round: one place free again.
      const last = listed.filters[0]?.id ?? '';
      expect((await lawyer({ method: 'DELETE', url: `/api/saved-filters/${last}` })).statusCode).toBe(204);
    }
  });
});
