import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp } from '../../../../test/intake.js';
import { createIntakeRequest } from './intake.service.js';

type Call = ReturnType<typeof as>;

/** Coordinators opening a case from one request at once: on PostgreSQL parallel transactions over the pool. */
const BURST = 12;

describe.each(TEST_DIALECTS)('a case opened from a request on %s', (dialect) => {
  const clock = testClock('2026-11-30T09:00:00.000Z');
  let t: TestApp;
  let coordinator: Call;
  let second: Call;
  let lawyerId: string;
  let lawyer: Call;
  let caseworkerId: string;
  let volunteerId: string;

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
    const db = t.database.handle.db;
    coordinator = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'coordinator', clock), clock));
    second = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'coordinator', clock), clock));
    const lawyerUser = await buildUser(db, t.keyring, 'lawyer', clock);
    lawyerId = lawyerUser.user.id;
    lawyer = as(t.app, await signIn(t.app, lawyerUser, clock));
    caseworkerId = (await buildUser(db, t.keyring, 'caseworker', clock)).user.id;
    volunteerId = (await buildUser(db, t.keyring, 'intake', clock)).user.id;
  });
  afterAll(() => t.cleanup());

  const db = () => t.database.handle.db;

  async function request(): Promise<string> {
    const created = await createIntakeRequest(
      { db: db(), keyring: t.keyring, clock },
      {
        handle: 'Марина',
        contact: 'signal: marina',
        requesterRole: 'spouse',
        groupSize: 3,
        region: 'RU-BU',
        serviceCategory: 'mobilized',
        force: 'defence_ministry',
        locationType: 'unit',
        urgency: 'high',
        text: 'Мужа и двоих сослуживцев не отпускают из части после ранения',
        consentDocumentation: true,
        consentStatistics: false,
      },
      { channel: 'web_form' },
    );
    return created.id;
  }

  const open = (call: Call, payload: Record<string, unknown>) =>
    call({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'health_dismissal', title: 'Не отпускают', ...payload },
    });

  async function counts() {
    const n = async (table: 'cases' | 'case_grants' | 'case_events' | 'tasks') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      cases: await n('cases'),
      grants: await n('case_grants'),
      events: await n('case_events'),
      tasks: await n('tasks'),
    };
  }

  it("carries the request's codes, urgency and group size over and gives the case to the chosen people, in one step", async () => {
    const intakeId = await request();
    const created = await open(coordinator, { intakeId, assigneeIds: [lawyerId, caseworkerId] });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const row = await db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.region, row.urgency, row.service_category, row.force, row.group_size, row.is_group]).toEqual([
      'RU-BU',
      'high',
      'mobilized',
      'defence_ministry',
      3,
      1,
    ]);
    const grants = await db().selectFrom('case_grants').select('user_id').where('case_id', '=', id).execute();
    expect(grants.map((g) => g.user_id).sort()).toEqual([lawyerId, caseworkerId].sort());
    const intake = await db()
      .selectFrom('intake_requests')
      .selectAll()
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect([intake.status, intake.case_id]).toEqual(['opened', id]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('object_id', 'in', [id, intakeId])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'case.create',
      'grant.add',
      'grant.add',
      'intake.create',
      'intake.triage',
    ]);
  });

  it('makes the proposed first task for the first person given the case, who is told and finds it in My work', async () => {
    const intakeId = await request();
    const created = await open(coordinator, {
      intakeId,
      assigneeIds: [lawyerId, caseworkerId],
      firstTask: { title: 'Позвонить Марине', dueDate: '2026-12-02' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    const tasks = await db().selectFrom('tasks').selectAll().where('case_id', '=', id).execute();
    expect(tasks.map((task) => [task.assignee_id, task.due_date, task.done_at])).toEqual([
      [lawyerId, '2026-12-02', null],
    ]);
    const told = await db()
      .selectFrom('notifications')
      .select(['kind', 'object_id'])
      .where('user_id', '=', lawyerId)
      .where('object_id', 'in', [id, tasks[0]?.id ?? ''])
      .execute();
    expect(told.map((row) => row.kind).sort()).toEqual(['case_assigned', 'task_assigned']);
    const audit = await db().selectFrom('audit_log').select('action').where('object_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('case.task_create');
    const work = await lawyer({ method: 'GET', url: '/api/me/work' });
    const mine = work.json<{ tasks: { caseId: string; title: string; dueDate: string }[] }>().tasks;
    expect(mine.filter((task) => task.caseId === id)).toMatchObject([
      { title: 'Позвонить Марине', dueDate: '2026-12-02' },
    ]);
  });

  it('refuses a first task for someone not given the case, naming the field, and writes nothing', async () => {
    const intakeId = await request();
    const before = await counts();
    const refused = await open(coordinator, {
      intakeId,
      assigneeIds: [lawyerId],
      firstTask: { title: 'Позвонить', dueDate: '2026-12-02', assigneeId: caseworkerId },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([
      'firstTask.assigneeId',
    ]);
    expect(await counts()).toEqual(before);
    const intake = await db()
      .selectFrom('intake_requests')
      .select('status')
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect(intake.status).toBe('new');
  });

  it('keeps what the coordinator changed or cleared on the form', async () => {
    const intakeId = await request();
    const created = await open(coordinator, { intakeId, region: 'RU-MOW', force: null, groupSize: 1 });
    expect(created.statusCode).toBe(201);
    const row = await db()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', created.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect([row.region, row.service_category, row.force, row.group_size]).toEqual(['RU-MOW', 'mobilized', null, 1]);
  });

  it('refuses an assignee who may not hold a case, naming the field, and writes nothing', async () => {
    const intakeId = await request();
    const before = await counts();
    const refused = await open(coordinator, { intakeId, assigneeIds: [lawyerId, volunteerId] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string; fields: { path: string; reason: string }[] } }>().error).toMatchObject(
      {
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'assigneeIds.1', reason: 'not_found' }],
      },
    );
    expect(await counts()).toEqual(before);
    const intake = await db()
      .selectFrom('intake_requests')
      .select('status')
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect(intake.status).toBe('new');
  });

  it('lets exactly one of many coordinators opening a case from one request win; the others get CONFLICT', async () => {
    const intakeId = await request();
    const before = await counts();
    const answers: LightMyRequestResponse[] = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        open(i % 2 === 0 ? coordinator : second, {
          intakeId,
          title: `Попытка ${String(i)}`,
          assigneeIds: [lawyerId],
          firstTask: { title: 'Позвонить жене', dueDate: '2026-12-02' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, ...Array<number>(BURST - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.statusCode === 409)) {
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    }
    const winner = answers.find((a) => a.statusCode === 201)?.json<{ id: string }>().id;
    const after = await counts();
    // One case, its one grant, its task, its opening, grant and task events: the losers left nothing.
    expect(after).toEqual({
      cases: before.cases + 1,
      grants: before.grants + 1,
      events: before.events + 3,
      tasks: before.tasks + 1,
    });
    const intake = await db()
      .selectFrom('intake_requests')
      .selectAll()
      .where('id', '=', intakeId)
      .executeTakeFirstOrThrow();
    expect(intake.case_id).toBe(winner);
  });

  it('answers CONFLICT for a request triaged already, and VALIDATION_FAILED for one that does not exist', async () => {
    const intakeId = await request();
    expect((await open(coordinator, { intakeId })).statusCode).toBe(201);
    const again = await open(second, { intakeId });
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([409, 'CONFLICT']);
    const missing = await open(coordinator, { intakeId: '7a1c1d5e-0000-4000-8000-0000000000ff' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('intakeId');
  });
});
