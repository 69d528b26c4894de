import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageTransitionsResponse, Term } from '../../../shared/vocabularies.js';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { SEED_STAGE_TRANSITIONS } from './seed/index.js';
import { allowedTransitions, assertTransition } from './transitions.service.js';

describe.each(TEST_DIALECTS)('stage transitions on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let asCoordinator: ReturnType<typeof as>;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const coordinator = await buildUser(t.database.handle.db, t.keyring, 'coordinator', clock);
    asCoordinator = as(t.app, await signIn(t.app, coordinator, clock));
  });
  afterAll(() => t.cleanup());

  const db = () => t.database.handle.db;
  const list = async () =>
    (
      await asCoordinator({ method: 'GET', url: '/api/vocabularies/stage/transitions' })
    ).json<StageTransitionsResponse>().transitions;

  it('seeds the default graph: forward, back one step, to closed from anywhere, and reopening', async () => {
    const transitions = await list();
    expect(transitions).toHaveLength(SEED_STAGE_TRANSITIONS.length);
    expect(transitions).toEqual(
      expect.arrayContaining([
        { from: 'intake', to: 'safety_triage' },
        { from: 'filed', to: 'court_first_instance' },
        { from: 'appeal', to: 'court_first_instance' },
        { from: 'verification', to: 'closed' },
        { from: 'closed', to: 'follow_up' },
      ]),
    );
    expect(transitions).not.toContainEqual({ from: 'closed', to: 'intake' });
    expect(transitions).not.toContainEqual({ from: 'appeal', to: 'intake' });
    expect((await allowedTransitions(db(), 'closed')).map((term) => term.code)).toEqual(['follow_up']);
  });

  it('accepts a permitted move and refuses one the graph lacks, naming both stages', async () => {
    await expect(assertTransition(db(), 'intake', 'safety_triage')).resolves.toBeUndefined();
    await expect(assertTransition(db(), 'awaiting_response', 'awaiting_response')).resolves.toBeUndefined();
    await expect(assertTransition(db(), 'closed', 'intake')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'stage', message: 'a case cannot move from stage "closed" to stage "intake"' }],
    });
    await expect(assertTransition(db(), 'no_such_stage', 'intake')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('lets a coordinator add and remove a transition, audited, through body or query', async () => {
    const put = await asCoordinator({
      method: 'PUT',
      url: '/api/vocabularies/stage/transitions',
      payload: { from: 'closed', to: 'intake' },
    });
    expect(put.statusCode).toBe(204);
    await expect(assertTransition(db(), 'closed', 'intake')).resolves.toBeUndefined();
    // Adding it again changes nothing.
    await asCoordinator({
      method: 'PUT',
      url: '/api/vocabularies/stage/transitions',
      payload: { from: 'closed', to: 'intake' },
    });

    const removed = await asCoordinator({
      method: 'DELETE',
      url: '/api/vocabularies/stage/transitions',
      payload: { from: 'closed', to: 'intake' },
    });
    expect(removed.statusCode).toBe(204);
    await expect(assertTransition(db(), 'closed', 'intake')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const again = await asCoordinator({
      method: 'DELETE',
      url: '/api/vocabularies/stage/transitions?from=closed&to=intake',
    });
    expect(again.statusCode).toBe(404);

    const byQuery = await asCoordinator({
      method: 'DELETE',
      url: '/api/vocabularies/stage/transitions?from=appeal&to=closed',
    });
    expect(byQuery.statusCode).toBe(204);
    expect(await list()).not.toContainEqual({ from: 'appeal', to: 'closed' });

    const closed = await db()
      .selectFrom('vocabulary_terms')
      .select('id')
      .where('code', '=', 'closed')
      .executeTakeFirst();
    const appeal = await db()
      .selectFrom('vocabulary_terms')
      .select('id')
      .where('code', '=', 'appeal')
      .executeTakeFirst();
    const actions = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'like', 'vocabulary.transition%')
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'vocabulary.transition_add', object_id: closed?.id },
      { action: 'vocabulary.transition_remove', object_id: closed?.id },
      { action: 'vocabulary.transition_remove', object_id: appeal?.id },
    ]);
  });

  it('refuses unknown stages, a stage to itself, a missing pair and a move into a retired stage', async () => {
    const send = (method: 'PUT' | 'DELETE', payload?: object, query = '') =>
      asCoordinator({ method, url: `/api/vocabularies/stage/transitions${query}`, ...(payload ? { payload } : {}) });
    const fields = async (response: ReturnType<typeof send>) => {
      const answer = await response;
      expect(answer.statusCode).toBe(400);
      return answer.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);
    };
    expect(await fields(send('PUT', { from: 'intake', to: 'nowhere' }))).toEqual(['to']);
    expect(await fields(send('PUT', { from: 'nowhere', to: 'intake' }))).toEqual(['from']);
    expect(await fields(send('PUT', { from: 'intake', to: 'intake' }))).toEqual(['to']);
    expect(await fields(send('PUT', { from: 'intake' }))).toEqual(['to']);
    expect(await fields(send('DELETE', undefined, '?from=intake'))).toEqual(['to']);

    const created = await asCoordinator({
      method: 'POST',
      url: '/api/vocabularies/stage/terms',
      payload: { code: 'mediation', labelRu: 'Медиация', labelEn: 'Mediation' },
    });
    const mediation = created.json<Term>();
    expect(mediation.sortOrder).toBe(15);
    expect((await send('PUT', { from: 'assessment', to: 'mediation' })).statusCode).toBe(204);
    await expect(assertTransition(db(), 'assessment', 'mediation')).resolves.toBeUndefined();
    await asCoordinator({
      method: 'PATCH',
      url: `/api/vocabularies/stage/terms/${mediation.id}`,
      payload: { retired: true },
    });
    await expect(assertTransition(db(), 'assessment', 'mediation')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await allowedTransitions(db(), 'assessment')).map((term) => term.code)).not.toContain('mediation');
    expect(await fields(send('PUT', { from: 'intake', to: 'mediation' }))).toEqual(['to']);
  });
});
