import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyWork, TaskOut } from '../../../shared/cases.schema.js';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { buildSeeder } from '../../../../test/seed.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';

type Call = ReturnType<typeof as>;

/** Requests sent at once: on PostgreSQL they run in parallel transactions over the pool. */
const BURST = 20;

describe.each(TEST_DIALECTS)('tasks and my work on %s', (dialect) => {
  const clock = testClock('2026-12-02T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: Call;
  let outsider: Call;
  let volunteer: Call;
  const ids = { coordinator: '', lawyer: '', outsider: '', volunteer: '' };

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const sign = async (role: 'coordinator' | 'lawyer' | 'caseworker' | 'intake') => {
      const account = await buildUser(t.db, t.keyring, role, clock);
      return { id: account.user.id, call: as(t.app, await signIn(t.app, account, clock)) };
    };
    const c = await sign('coordinator');
    const l = await sign('lawyer');
    const o = await sign('caseworker');
    const v = await sign('intake');
    [coordinator, lawyer, outsider, volunteer] = [c.call, l.call, o.call, v.call];
    Object.assign(ids, { coordinator: c.id, lawyer: l.id, outsider: o.id, volunteer: v.id });
  });
  afterAll(() => t.cleanup());

  const ok = (response: LightMyRequestResponse, status: number): LightMyRequestResponse => {
    expect(response.statusCode, response.body).toBe(status);
    return response;
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response.json<{ error: { fields: { path: string; reason: string }[] } }>().error.fields;

  /** A case granted to the lawyer. */
  async function openCase(title: string): Promise<string> {
    const { id } = ok(
      await coordinator({ method: 'POST', url: '/api/cases', payload: { type: 'benefits', title } }),
      201,
    ).json<{ id: string }>();
    ok(await coordinator({ method: 'PUT', url: `/api/cases/${id}/grants/${ids.lawyer}` }), 204);
    return id;
  }
  const addTask = async (who: Call, caseId: string, payload: object) =>
    ok(await who({ method: 'POST', url: `/api/cases/${caseId}/tasks`, payload }), 201).json<{ id: string }>().id;
  const patch = (who: Call, caseId: string, taskId: string, payload: object) =>
    who({ method: 'PATCH', url: `/api/cases/${caseId}/tasks/${taskId}`, payload });
  async function taskOf(caseId: string, taskId: string): Promise<TaskOut> {
    const detail = ok(await coordinator({ method: 'GET', url: `/api/cases/${caseId}` }), 200).json<{
      tasks: TaskOut[];
    }>();
    const task = detail.tasks.find((candidate) => candidate.id === taskId);
    if (task === undefined) throw new Error(`task ${taskId} not on the case`);
    return task;
  }
  const work = async (who: Call) => ok(await who({ method: 'GET', url: '/api/me/work' }), 200).json<MyWork>();

  it('gives a task to the one who creates it, and says who marked it done and when', async () => {
    const caseId = await openCase('Владение задачей');
    const taskId = await addTask(lawyer, caseId, { title: 'Запросить выписку', dueDate: '2026-12-10' });
    expect(await taskOf(caseId, taskId)).toMatchObject({
      assigneeId: ids.lawyer,
      assigneeUsername: expect.stringMatching(/^lawyer-/) as unknown,
      dueDate: '2026-12-10',
      doneAt: null,
      doneById: null,
      doneByUsername: null,
    });
    clock.advance(60_000);
    ok(await patch(lawyer, caseId, taskId, { done: true }), 204);
    const done = await taskOf(caseId, taskId);
    expect(done).toMatchObject({ doneAt: clock().toISOString(), doneById: ids.lawyer, overdue: false });
    expect(done.doneByUsername).toBe(done.assigneeUsername);

    // Done again by another keeps who did it first, and when.
    clock.advance(60_000);
    ok(await patch(coordinator, caseId, taskId, { done: true }), 204);
    expect(await taskOf(caseId, taskId)).toMatchObject({ doneAt: done.doneAt, doneById: ids.lawyer });
    ok(await patch(coordinator, caseId, taskId, { done: false }), 204);
    expect(await taskOf(caseId, taskId)).toMatchObject({ doneAt: null, doneById: null, doneByUsername: null });
  });

  it('assigns a task only to one who may work on the case, writing nothing otherwise', async () => {
    const caseId = await openCase('Кому поручить');
    const taskId = await addTask(coordinator, caseId, {
      title: 'Позвонить',
      dueDate: '2026-12-10',
      assigneeId: ids.lawyer,
    });
    expect((await taskOf(caseId, taskId)).assigneeId).toBe(ids.lawyer);
    // A coordinator may work on any case, granted or not.
    ok(await patch(lawyer, caseId, taskId, { assigneeId: ids.coordinator }), 204);
    expect((await taskOf(caseId, taskId)).assigneeId).toBe(ids.coordinator);

    const before = await t.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute();
    for (const assigneeId of [ids.outsider, ids.volunteer, crypto.randomUUID()]) {
      const created = await coordinator({
        method: 'POST',
        url: `/api/cases/${caseId}/tasks`,
        payload: { title: 'x', dueDate: '2026-12-10', assigneeId },
      });
      expect(created.statusCode).toBe(400);
      expect(fieldsOf(created)).toMatchObject([{ path: 'assigneeId', reason: 'invalid_value' }]);
      const moved = await patch(coordinator, caseId, taskId, { assigneeId });
      expect(fieldsOf(moved)).toMatchObject([{ path: 'assigneeId', reason: 'invalid_value' }]);
    }
    // Nobody's is not a choice.
    expect(fieldsOf(await patch(coordinator, caseId, taskId, { assigneeId: null }))).toMatchObject([
      { path: 'assigneeId' },
    ]);
    expect(await t.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute()).toEqual(before);
    expect((await taskOf(caseId, taskId)).assigneeId).toBe(ids.coordinator);
  });

  it('needs a due date that is a day of the calendar, and keeps it', async () => {
    const caseId = await openCase('Срок');
    const refused = async (payload: object) => {
      const response = await lawyer({ method: 'POST', url: `/api/cases/${caseId}/tasks`, payload });
      expect(response.statusCode).toBe(400);
      return fieldsOf(response);
    };
    expect(await refused({ title: 'x' })).toMatchObject([{ path: 'dueDate', reason: 'required' }]);
    for (const dueDate of ['2026-02-30', '2026-13-01', '10.12.2026', '']) {
      expect(await refused({ title: 'x', dueDate })).toMatchObject([{ path: 'dueDate', reason: 'invalid_format' }]);
    }
    const taskId = await addTask(lawyer, caseId, { title: 'Ответ', dueDate: '2027-01-31' });
    expect(fieldsOf(await patch(lawyer, caseId, taskId, { dueDate: null }))).toMatchObject([{ path: 'dueDate' }]);
    ok(await patch(lawyer, caseId, taskId, { dueDate: '2027-02-28' }), 204);
    expect((await taskOf(caseId, taskId)).dueDate).toBe('2027-02-28');
  });

  it('lists my work: overdue tasks first, then by due date; my open cases by their next deadline', async () => {
    const before = new Set((await work(lawyer)).tasks.map((task) => task.id));
    const early = await openCase('Ранний срок');
    const late = await openCase('Поздний срок');
    const none = await openCase('Без задач');
    const closed = await openCase('Закрытое');
    ok(await coordinator({ method: 'POST', url: `/api/cases/${closed}/close`, payload: { reason: 'итог' } }), 204);
    const mine = (caseId: string, title: string, dueDate: string) =>
      addTask(coordinator, caseId, { title, dueDate, assigneeId: ids.lawyer });
    // Today is 2 December.
    const soon = await mine(late, 'Через неделю', '2026-12-09');
    const overdue = await mine(late, 'Просрочено', '2026-11-30');
    const later = await mine(early, 'Через месяц', '2027-01-02');
    const doneEarlier = await mine(early, 'Сделано', '2026-12-01');
    ok(await patch(lawyer, early, doneEarlier, { done: true }), 204);
    await addTask(coordinator, early, { title: 'Чужая', dueDate: '2026-12-05' });

    const body = await work(lawyer);
    const fresh = body.tasks.filter((task) => !before.has(task.id));
    expect(fresh.map((task) => [task.id, task.overdue])).toEqual([
      [overdue, true],
      [soon, false],
      [later, false],
    ]);
    // The next deadline counts every open task of the case, mine or not; done ones do not count.
    const nextOf = new Map(body.cases.map((row) => [row.id, row.nextDueDate]));
    expect([nextOf.get(early), nextOf.get(late), nextOf.get(none), nextOf.has(closed)]).toEqual([
      '2026-12-05',
      '2026-11-30',
      null,
      false,
    ]);
    const order = body.cases.map((row) => row.id).filter((id) => [early, late, none].includes(id));
    expect(order).toEqual([late, early, none]);
    expect(body).toMatchObject({ moreTasks: false, moreCases: false, requests: [] });
    // Not granted: none of it.
    expect(await work(outsider)).toMatchObject({ tasks: [], cases: [], requests: [] });
  });

  it('shows the open requests assigned to me, most urgent first, without their text', async () => {
    const seed = await buildSeeder(t, clock);
    const [normal, critical, declined, others] = [
      await seed.intake({ urgency: 'normal' }),
      await seed.intake({ urgency: 'critical' }),
      await seed.intake({ urgency: 'critical' }),
      await seed.intake({ urgency: 'high' }),
    ];
    const assign = (intakeIds: string[], userId: string) =>
      t.db.updateTable('intake_requests').set({ assignee_id: userId }).where('id', 'in', intakeIds).execute();
    await assign([normal, critical, declined], ids.volunteer);
    await assign([others], ids.coordinator);
    const decline = await coordinator({
      method: 'POST',
      url: `/api/intake/${declined}/decline`,
      payload: { reason: 'spam' },
    });
    expect(decline.statusCode).toBe(204);

    const mine = await work(volunteer);
    expect(mine.requests.map((row) => [row.id, row.urgency])).toEqual([
      [critical, 'critical'],
      [normal, 'normal'],
    ]);
    expect(mine.requests[0]).not.toHaveProperty('preview');
    expect(mine.requests[0]?.assigneeId).toBe(ids.volunteer);
    expect(mine.requests[0]?.assigneeUsername).toMatch(/^intake-/);
    expect([mine.tasks, mine.cases, mine.moreRequests]).toEqual([[], [], false]);
    expect((await work(coordinator)).requests.map((row) => row.id)).toEqual([others]);
    expect((await work(lawyer)).requests).toEqual([]);
  });

  it('loses none of parallel edits and marks done once, by the first', async () => {
    const caseId = await openCase('Параллельно');
    const taskId = await addTask(coordinator, caseId, { title: 'Исходная', dueDate: '2026-12-20' });
    const auditsBefore = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.task_update')
      .execute();
    const change = (i: number): object => {
      switch (i % 4) {
        case 0:
          return { title: `Новая ${String(i)}` };
        case 1:
          return { dueDate: `2027-01-${String(i).padStart(2, '0')}` };
        case 2:
          return { assigneeId: ids.lawyer };
        default:
          return { done: true };
      }
    };
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        patch((i >> 2) % 2 === 0 ? coordinator : lawyer, caseId, taskId, change(i)),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array<number>(BURST).fill(204));
    const task = await taskOf(caseId, taskId);
    expect(task.title).toMatch(/^Новая \d+$/);
    expect(task.dueDate).toMatch(/^2027-01-\d\d$/);
    expect(task.assigneeId).toBe(ids.lawyer);
    expect(task.doneAt).not.toBeNull();
    expect([ids.coordinator, ids.lawyer]).toContain(task.doneById);
    const audits = await t.db.selectFrom('audit_log').select('seq').where('action', '=', 'case.task_update').execute();
    expect(audits.length - auditsBefore.length).toBe(BURST);
  });
});
