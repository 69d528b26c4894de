import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signIn, testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import type { NotificationList, UnreadCount } from '../../../shared/home.schema.js';
import { addFollowUp, createIntakeRequest } from '../intake/intake.service.js';

type Call = Awaited<ReturnType<Seeder['user']>>['call'];

const list = async (call: Call) => {
  const response = await call({ method: 'GET', url: '/api/notifications' });
  expect(response.statusCode).toBe(200);
  return response.json<NotificationList>().notifications;
};
const unread = async (call: Call) => {
  const response = await call({ method: 'GET', url: '/api/notifications/unread' });
  expect(response.statusCode).toBe(200);
  return response.json<UnreadCount>().unread;
};

describe.each(TEST_DIALECTS)('notifications on %s', (dialect) => {
  const clock = testClock('2026-12-02T09:00:00.000Z');
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  });
  afterAll(() => t.cleanup());

  const db = () => t.database.handle.db;
  const rawRows = (userId: string) =>
    db().selectFrom('notifications').selectAll().where('user_id', '=', userId).execute();
  const request = (urgency: 'low' | 'critical', text = 'Мужа удерживают в части') =>
    createIntakeRequest(
      { db: db(), keyring: t.keyring, clock },
      {
        handle: 'Ласточка',
        contact: 'signal: swallow',
        requesterRole: 'spouse',
        groupSize: 1,
        urgency,
        text,
        consentDocumentation: true,
        consentStatistics: false,
      },
      { channel: 'web_form' },
    );

  it('tells the user a case was assigned to them, worded from ids: the row holds no title', async () => {
    const lawyer = await seed.user('lawyer');
    const bystander = await seed.user('caseworker');
    const made = await seed.case({ title: 'Отказ в увольнении Доржиева', grantees: [lawyer.account.user.id] });

    const shown = await list(lawyer.call);
    expect(shown).toMatchObject([
      { kind: 'case_assigned', read: false, case: { id: made.id, number: made.number, title: made.title } },
    ]);
    expect(await unread(lawyer.call)).toBe(1);
    expect(await list(bystander.call)).toEqual([]);
    // The coordinator who assigned is not told of their own act.
    expect(await rawRows(seed.coordinator.user.id)).toEqual([]);

    const [row] = await rawRows(lawyer.account.user.id);
    expect(row).toMatchObject({ kind: 'case_assigned', object_type: 'case', object_id: made.id, read_at: null });
    expect(JSON.stringify(row)).not.toMatch(/Доржиев|увольнени/);
  });

  it('no longer shows or counts a notification about a case the user may not read any more', async () => {
    const caseworker = await seed.user('caseworker');
    const made = await seed.case({ grantees: [caseworker.account.user.id] });
    expect(await unread(caseworker.call)).toBe(1);
    const revoked = await seed.coordinatorCall({
      method: 'DELETE',
      url: `/api/cases/${made.id}/grants/${caseworker.account.user.id}`,
    });
    expect(revoked.statusCode).toBe(204);
    expect(await list(caseworker.call)).toEqual([]);
    expect(await unread(caseworker.call)).toBe(0);
    expect(await rawRows(caseworker.account.user.id)).toHaveLength(1);
  });

  it('tells every coordinator and intake volunteer that a critical request waits, and no one else', async () => {
    const volunteer = await seed.user('intake');
    const coordinator = await seed.user('coordinator');
    const lawyer = await seed.user('lawyer');
    await request('low');
    expect(await list(volunteer.call)).toEqual([]);

    const { id } = await request('critical');
    const seen = await list(volunteer.call);
    expect(seen).toMatchObject([{ kind: 'critical_request', case: null, intake: { id, urgency: 'critical' } }]);
    expect(await list(coordinator.call)).toMatchObject([{ kind: 'critical_request', intake: { id } }]);
    expect(await list(lawyer.call)).toEqual([]);
    expect(JSON.stringify(await rawRows(volunteer.account.user.id))).not.toMatch(/удерживают|Ласточка|swallow/);

    // Once the request is a case, it is the case's: the volunteer no longer sees the notice.
    await seed.case({ intakeId: id });
    expect(await list(volunteer.call)).toEqual([]);
    expect(await list(coordinator.call)).toMatchObject([{ intake: { id } }]);
  });

  it('tells those working on a case that a follow-up arrived on its request', async () => {
    const lawyer = await seed.user('lawyer');
    const other = await seed.user('lawyer');
    const { id, receiptCode } = await request('low', 'Рапорт вернули');
    const made = await seed.case({ intakeId: id, grantees: [lawyer.account.user.id] });
    await db().deleteFrom('notifications').execute();

    await addFollowUp({ db: db(), keyring: t.keyring, clock }, receiptCode, 'Мужа перевели в другую часть');
    expect(await list(lawyer.call)).toMatchObject([{ kind: 'follow_up', case: { id: made.id, number: made.number } }]);
    expect(await list(other.call)).toEqual([]);
    expect(JSON.stringify(await rawRows(lawyer.account.user.id))).not.toMatch(/перевели/);
  });

  it('tells each person a new case is given to on the form that opens it', async () => {
    const lawyer = await seed.user('lawyer');
    const caseworker = await seed.user('caseworker');
    const { id } = await request('low');
    const opened = await seed.coordinatorCall({
      method: 'POST',
      url: '/api/cases',
      payload: {
        type: 'contract_termination',
        title: 'Из обращения',
        intakeId: id,
        assigneeIds: [lawyer.account.user.id, caseworker.account.user.id, seed.coordinator.user.id],
      },
    });
    expect(opened.statusCode).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    for (const user of [lawyer, caseworker]) {
      expect(await list(user.call)).toMatchObject([{ kind: 'case_assigned', case: { id: caseId } }]);
    }
    expect(await rawRows(seed.coordinator.user.id)).toEqual([]);
  });

  it('tells the volunteer a queued request is assigned to that its requester wrote again', async () => {
    const volunteer = await seed.user('intake');
    const bystander = await seed.user('intake');
    const { id, receiptCode } = await request('low');
    await db()
      .updateTable('intake_requests')
      .set({ assignee_id: volunteer.account.user.id })
      .where('id', '=', id)
      .execute();
    await addFollowUp({ db: db(), keyring: t.keyring, clock }, receiptCode, 'Есть новости');
    expect(await list(volunteer.call)).toMatchObject([{ kind: 'follow_up', intake: { id } }]);
    expect(await list(bystander.call)).toEqual([]);
  });

  it('tells the one a task is given to, on creation and on reassignment, never for their own task', async () => {
    const lawyer = await seed.user('lawyer');
    const caseworker = await seed.user('caseworker');
    const made = await seed.case({ grantees: [lawyer.account.user.id, caseworker.account.user.id] });
    const given = await seed.coordinatorCall({
      method: 'POST',
      url: `/api/cases/${made.id}/tasks`,
      payload: { title: 'Составить жалобу', dueDate: '2026-12-20', assigneeId: lawyer.account.user.id },
    });
    expect(given.statusCode).toBe(201);
    const taskId = given.json<{ id: string }>().id;
    const kindsOf = async (call: Call) => (await list(call)).map((n) => [n.kind, n.task?.title ?? null]).sort();
    expect(await kindsOf(lawyer.call)).toEqual([
      ['case_assigned', null],
      ['task_assigned', 'Составить жалобу'],
    ]);
    const own = await lawyer.call({
      method: 'POST',
      url: `/api/cases/${made.id}/tasks`,
      payload: { title: 'Своя', dueDate: '2026-12-20' },
    });
    expect(own.statusCode).toBe(201);
    expect(await unread(lawyer.call)).toBe(2);

    const moved = await lawyer.call({
      method: 'PATCH',
      url: `/api/cases/${made.id}/tasks/${taskId}`,
      payload: { assigneeId: caseworker.account.user.id },
    });
    expect(moved.statusCode).toBe(204);
    expect(await kindsOf(caseworker.call)).toEqual([
      ['case_assigned', null],
      ['task_assigned', 'Составить жалобу'],
    ]);
    expect(JSON.stringify(await rawRows(caseworker.account.user.id))).not.toContain('жалобу');
  });

  it('leaves no notification behind when the case, its request and its tasks are purged', async () => {
    const lawyer = await seed.user('lawyer');
    const made = await seed.case({ grantees: [lawyer.account.user.id] });
    const given = await seed.coordinatorCall({
      method: 'POST',
      url: `/api/cases/${made.id}/tasks`,
      payload: { title: 'Запросить ответ', dueDate: '2026-12-20', assigneeId: lawyer.account.user.id },
    });
    expect(given.statusCode).toBe(201);
    const other = await seed.case({ grantees: [lawyer.account.user.id] });
    const kinds = async () => (await rawRows(lawyer.account.user.id)).map((row) => [row.kind, row.object_id]).sort();
    expect(await kinds()).toHaveLength(3);

    const purged = await seed.coordinatorCall({
      method: 'POST',
      url: `/api/cases/${made.id}/purge`,
      payload: { reason: 'safety', confirmNumber: made.number },
    });
    expect(purged.statusCode).toBe(204);
    expect(await kinds()).toEqual([['case_assigned', other.id]]);
  });

  it('derives "due tomorrow" and "overdue" once per task, however many reads race', async () => {
    const lawyer = await seed.user('lawyer');
    const made = await seed.case({ grantees: [lawyer.account.user.id] });
    const task = (title: string, dueDate: string) =>
      seed.coordinatorCall({
        method: 'POST',
        url: `/api/cases/${made.id}/tasks`,
        payload: { title, dueDate, assigneeId: lawyer.account.user.id },
      });
    expect((await task('Подать жалобу прокурору', '2026-12-03')).statusCode).toBe(201);
    expect((await task('Запросить ответ части', '2026-11-30')).statusCode).toBe(201);
    expect((await task('Позвонить жене', '2026-12-10')).statusCode).toBe(201);
    await db().deleteFrom('notifications').where('user_id', '=', lawyer.account.user.id).execute();

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        lawyer.call({ method: 'GET', url: i % 2 === 0 ? '/api/notifications/unread' : '/api/notifications' }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 20 }, () => 200));
    const kinds = (await rawRows(lawyer.account.user.id)).map((row) => row.kind).sort();
    expect(kinds).toEqual(['task_due_tomorrow', 'task_overdue']);
    expect((await list(lawyer.call)).map((n) => n.task?.title).sort()).toEqual([
      'Запросить ответ части',
      'Подать жалобу прокурору',
    ]);

    // The next day the task due "tomorrow" is due today: nothing new; the day after, it is overdue.
    const nextDay = async (days: number) => {
      clock.set(new Date(Date.parse('2026-12-02T09:00:00.000Z') + days * 86_400_000));
      return unread(as(t.app, await signIn(t.app, lawyer.account, clock)));
    };
    try {
      expect(await nextDay(1)).toBe(2);
      expect(await nextDay(2)).toBe(3);
    } finally {
      clock.set('2026-12-02T09:00:00.000Z');
    }
  });

  it('marks read only the owner’s notification, one or all, and 20 at once keep the first time', async () => {
    const lawyer = await seed.user('lawyer');
    const stranger = await seed.user('lawyer');
    const first = await seed.notification(lawyer.account.user.id);
    await seed.notification(lawyer.account.user.id);

    const refused = await stranger.call({ method: 'POST', url: `/api/notifications/${first}/read` });
    expect(refused.statusCode).toBe(404);
    expect((await rawRows(lawyer.account.user.id)).every((row) => row.read_at === null)).toBe(true);

    const marks = await Promise.all(
      Array.from({ length: 20 }, () => lawyer.call({ method: 'POST', url: `/api/notifications/${first}/read` })),
    );
    expect(marks.map((m) => m.statusCode)).toEqual(Array.from({ length: 20 }, () => 204));
    const readAt = (await rawRows(lawyer.account.user.id)).find((row) => row.id === first)?.read_at;
    expect(readAt).toBe(clock().toISOString());
    clock.advance(1000);
    expect((await lawyer.call({ method: 'POST', url: `/api/notifications/${first}/read` })).statusCode).toBe(204);
    expect((await rawRows(lawyer.account.user.id)).find((row) => row.id === first)?.read_at).toBe(readAt);

    expect((await lawyer.call({ method: 'POST', url: '/api/notifications/read' })).statusCode).toBe(204);
    expect((await rawRows(lawyer.account.user.id)).every((row) => row.read_at !== null)).toBe(true);
  });

  it('loses no notification when assignments and "mark all read" race', async () => {
    const caseworker = await seed.user('caseworker');
    const cases = await Promise.all(Array.from({ length: 10 }, () => seed.case()));
    const answers = await Promise.all([
      ...cases.map((c) =>
        seed.coordinatorCall({ method: 'PUT', url: `/api/cases/${c.id}/grants/${caseworker.account.user.id}` }),
      ),
      ...cases.map(() => caseworker.call({ method: 'POST', url: '/api/notifications/read' })),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 20 }, () => 204));
    const rows = await rawRows(caseworker.account.user.id);
    expect(rows.map((row) => row.object_id).sort()).toEqual(cases.map((c) => c.id).sort());
    // Granting again is no new assignment.
    await seed.grant(cases[0]?.id ?? '', caseworker.account.user.id);
    expect(await rawRows(caseworker.account.user.id)).toHaveLength(10);
  });
});
