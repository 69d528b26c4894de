import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildCasesTestApp, rowCount } from '../../../../test/cases.js';

type Call = ReturnType<typeof as>;

describe.each(TEST_DIALECTS)('cases on %s', (dialect) => {
  const clock = testClock('2026-11-26T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let outsider: Call;
  let lawyerId: string;
  let outsiderId: string;
  let caseId: string;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const c = await buildUser(t.db, t.keyring, 'coordinator', clock);
    const l = await buildUser(t.db, t.keyring, 'lawyer', clock);
    const o = await buildUser(t.db, t.keyring, 'caseworker', clock);
    lawyerId = l.user.id;
    outsiderId = o.user.id;
    coordinator = as(t.app, await signIn(t.app, c, clock));
    lawyer = as(t.app, await signIn(t.app, l, clock));
    outsider = as(t.app, await signIn(t.app, o, clock));
  });
  afterAll(() => t.cleanup());

  const count = (table: 'cases' | 'case_events' | 'tasks') => rowCount(t.db, table);
  const fields = (body: string) =>
    (JSON.parse(body) as { error: { fields?: { path: string }[] } }).error.fields?.map((f) => f.path);

  it('opens numbered cases with sealed titles, at the first stage', async () => {
    const first = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: {
        type: 'contract_termination',
        title: 'Группа Маркерова',
        summary: 'Рапорт не приняли',
        isGroup: true,
        groupSize: 12,
      },
    });
    expect(first.statusCode).toBe(201);
    const opened = first.json<{ id: string; number: string }>();
    expect(opened.number).toBe('2026-0001');
    caseId = opened.id;
    const second = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'benefits', title: 'Второе' },
    });
    expect(second.json<{ number: string }>().number).toBe('2026-0002');
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.stage).toBe('intake');
    expect(Buffer.from(row.title_sealed).toString('utf8')).not.toContain('Маркеров');
    const detail = await coordinator({ method: 'GET', url: `/api/cases/${caseId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      title: 'Группа Маркерова',
      summary: 'Рапорт не приняли',
      stage: 'intake',
      groupSize: 12,
    });
    expect(detail.json<{ allowedStages: { code: string }[] }>().allowedStages.map((s) => s.code)).toContain(
      'safety_triage',
    );
  });

  it('opens a case from an intake request and marks it opened; an unknown request writes nothing', async () => {
    const intakeId = crypto.randomUUID();
    const at = clock().toISOString();
    await t.db
      .insertInto('intake_requests')
      .values({
        id: intakeId,
        receipt_hash: 'a'.repeat(64),
        channel: 'web_form',
        requester_role: 'self',
        group_size: 1,
        region: null,
        service_category: null,
        force: null,
        location_type: null,
        urgency: 'normal',
        consent_documentation: 1,
        consent_statistics: 1,
        status: 'new',
        decline_reason: null,
        case_id: null,
        api_token_id: null,
        handle_sealed: null,
        contact_sealed: null,
        text_sealed: Buffer.from([1]),
        created_at: at,
        updated_at: at,
        triaged_by: null,
        triaged_at: null,
      })
      .execute();
    const before = await count('cases');
    const unknown = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'benefits', title: 'x', intakeId: crypto.randomUUID() },
    });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown.body)).toEqual(['intakeId']);
    expect(await count('cases')).toBe(before);
    const made = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'benefits', title: 'Из обращения', intakeId },
    });
    expect(made.statusCode).toBe(201);
    const intake = await t.db
      .selectFrom('intake_requests')
      .selectAll()
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect(intake).toMatchObject({ status: 'opened', case_id: made.json<{ id: string }>().id });
  });

  it('refuses bad input on every route, naming the field, writing nothing', async () => {
    const before = [await count('cases'), await count('case_events'), await count('tasks')];
    const cases: ['POST' | 'PATCH', string, object, string][] = [
      ['POST', '/api/cases', { type: 'benefits' }, 'title'],
      ['POST', '/api/cases', { type: 'no_such_type', title: 'x' }, 'type'],
      ['POST', '/api/cases', { type: 'benefits', title: 'x', region: 'nowhere' }, 'region'],
      ['PATCH', `/api/cases/${caseId}`, {}, 'title'],
      ['POST', `/api/cases/${caseId}/stage`, { to: 'nonsense' }, 'to'],
      ['POST', `/api/cases/${caseId}/outcome`, { outcome: 'nonsense' }, 'outcome'],
      ['POST', `/api/cases/${caseId}/notes`, { body: '' }, 'body'],
      ['POST', `/api/cases/${caseId}/notes`, { body: 'x'.repeat(20_001) }, 'body'],
      ['POST', `/api/cases/${caseId}/tasks`, { title: 'x', dueDate: '2026-13-01' }, 'dueDate'],
      ['POST', `/api/cases/${caseId}/tasks`, { title: 'x' }, 'dueDate'],
      [
        'POST',
        `/api/cases/${caseId}/tasks`,
        { title: 'x', dueDate: '2026-12-01', assigneeId: outsiderId },
        'assigneeId',
      ],
      ['POST', `/api/cases/${caseId}/attach-intake`, { intakeId: 'x' }, 'intakeId'],
      ['POST', `/api/cases/${caseId}/purge`, { reason: 'whim', confirmNumber: '2026-0001' }, 'reason'],
      ['POST', `/api/cases/${caseId}/purge`, { reason: 'safety', confirmNumber: '2026-0002' }, 'confirmNumber'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await coordinator({ method, url, payload });
      expect([response.statusCode, url, fields(response.body)]).toEqual([400, url, [field]]);
    }
    for (const url of [
      '/api/cases?open=maybe',
      '/api/search?q=',
      '/api/search?q=x&types=case,spaceship',
      '/api/cases?cursor=zz',
    ]) {
      const response = await coordinator({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
    }
    expect([await count('cases'), await count('case_events'), await count('tasks')]).toEqual(before);
  });

  it('moves along permitted transitions and refuses others, writing nothing', async () => {
    expect(
      (
        await coordinator({
          method: 'POST',
          url: `/api/cases/${caseId}/stage`,
          payload: { to: 'safety_triage', note: 'угроз нет' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await coordinator({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to: 'assessment' } }))
        .statusCode,
    ).toBe(204);
    const events = await count('case_events');
    const back = await coordinator({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to: 'intake' } });
    expect(back.statusCode).toBe(400);
    expect(fields(back.body)).toEqual(['to']);
    const stale = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/stage`,
      payload: { from: 'safety_triage', to: 'route_chosen' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    const again = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/stage`,
      payload: { to: 'assessment' },
    });
    expect(again.statusCode).toBe(409);
    expect(await count('case_events')).toBe(events);
    const row = await t.db.selectFrom('cases').select('stage').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.stage).toBe('assessment');
    // An assessment does not end a case: its stage does not allow an outcome (case-page.test.ts tests the rule).
    const early = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/outcome`,
      payload: { outcome: 'dismissed_age' },
    });
    expect([early.statusCode, early.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'OUTCOME_NOT_ALLOWED',
    ]);
  });

  it('closes and reopens at follow-up', async () => {
    expect(
      (await coordinator({ method: 'POST', url: `/api/cases/${caseId}/close`, payload: { reason: 'итог' } }))
        .statusCode,
    ).toBe(204);
    let row = await t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect([row.stage, row.closed_at !== null]).toEqual(['closed', true]);
    expect(
      (await coordinator({ method: 'POST', url: `/api/cases/${caseId}/close`, payload: { reason: 'снова' } }))
        .statusCode,
    ).toBe(409);
    expect((await coordinator({ method: 'POST', url: `/api/cases/${caseId}/reopen` })).statusCode).toBe(204);
    row = await t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect([row.stage, row.closed_at]).toEqual(['follow_up', null]);
  });

  it('lets a granted lawyer note, find by another inflection, and work tasks; an ungranted caseworker sees nothing', async () => {
    const grant = await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${lawyerId}` });
    expect(grant.statusCode).toBe(204);
    clock.advance(60_000);
    const note = await lawyer({
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { body: 'солдаты вернулись домой' },
    });
    expect(note.statusCode).toBe(201);
    const noteId = note.json<{ id: string }>().id;
    const raw = await t.db
      .selectFrom('case_events')
      .select('body_sealed')
      .where('id', '=', noteId)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(raw.body_sealed ?? Buffer.alloc(0)).toString('utf8')).not.toContain('солдат');

    const listed = await lawyer({ method: 'GET', url: `/api/cases?q=${encodeURIComponent('солдат')}` });
    expect(listed.json<{ cases: { id: string }[] }>().cases.map((c) => c.id)).toEqual([caseId]);
    const found = await lawyer({ method: 'GET', url: `/api/search?q=${encodeURIComponent('солдат')}` });
    expect(found.json()).toMatchObject({
      results: [{ type: 'note', id: noteId, caseId, caseNumber: '2026-0001', title: 'солдаты вернулись домой' }],
    });
    const timeline = await lawyer({ method: 'GET', url: `/api/cases/${caseId}/timeline` });
    const events = timeline.json<{ events: { kind: string; body: string | null }[] }>().events;
    expect(events[0]).toMatchObject({ kind: 'note', body: 'солдаты вернулись домой' });
    expect(events.map((e) => e.kind)).toContain('stage');

    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/timeline`]) {
      const response = await outsider({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('солдат');
    }
    expect(
      (await outsider({ method: 'POST', url: `/api/cases/${caseId}/notes`, payload: { body: 'x' } })).statusCode,
    ).toBe(404);
    expect((await outsider({ method: 'GET', url: '/api/cases' })).json()).toEqual({ cases: [], nextCursor: null });
    for (const url of [
      `/api/cases?q=${encodeURIComponent('солдат')}`,
      `/api/search?q=${encodeURIComponent('солдаты')}`,
    ]) {
      const response = await outsider({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(caseId);
    }

    const task = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/tasks`,
      payload: { title: 'Подать апелляцию', dueDate: '2026-11-20', assigneeId: lawyerId },
    });
    expect(task.statusCode).toBe(201);
    await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/tasks`,
      payload: { title: 'Позвонить', dueDate: '2026-12-20', assigneeId: lawyerId },
    });
    const work = await lawyer({ method: 'GET', url: '/api/me/work' });
    const body = work.json<{ cases: { id: string }[]; tasks: { title: string; overdue: boolean }[] }>();
    expect(body.cases.map((c) => c.id)).toEqual([caseId]);
    expect(body.tasks.map((x) => [x.title, x.overdue])).toEqual([
      ['Подать апелляцию', true],
      ['Позвонить', false],
    ]);
    const taskId = task.json<{ id: string }>().id;
    expect(
      (await lawyer({ method: 'PATCH', url: `/api/cases/${caseId}/tasks/${taskId}`, payload: { done: true } }))
        .statusCode,
    ).toBe(204);
    expect((await lawyer({ method: 'GET', url: '/api/me/work' })).json<{ tasks: unknown[] }>().tasks).toHaveLength(1);
    expect((await outsider({ method: 'GET', url: '/api/me/work' })).json()).toEqual({
      cases: [],
      tasks: [],
      requests: [],
      moreCases: false,
      moreTasks: false,
      moreRequests: false,
    });
  });

  it('purges a case: rows, index and key go', async () => {
    const response = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/purge`,
      payload: { reason: 'safety', confirmNumber: '2026-0001' },
    });
    expect(response.statusCode).toBe(204);
    expect((await coordinator({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode).toBe(404);
    expect(await t.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
    expect(await t.db.selectFrom('data_keys').select('id').where('owner_id', '=', caseId).execute()).toEqual([]);
    const search = await coordinator({ method: 'GET', url: `/api/search?q=${encodeURIComponent('солдат')}` });
    expect(search.json<{ results: unknown[] }>().results).toEqual([]);
  });
});
