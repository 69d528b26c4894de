import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import type {
  AdminDashboard,
  CoordinatorDashboard,
  IntakeDashboard,
  WorkDashboard,
} from '../../../shared/home.schema.js';
import { appendAudit } from '../../audit/audit.js';

describe.each(TEST_DIALECTS)('the home dashboards on %s', (dialect) => {
  const clock = testClock('2026-12-02T09:00:00.000Z');
  let t: TestApp;
  let seed: Seeder;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
  });
  afterAll(() => t.cleanup());

  it('shows a lawyer their tasks by due date and their open cases by stage, and nothing of others', async () => {
    const lawyer = await seed.user('lawyer');
    const other = await seed.user('lawyer');
    const mine = await seed.case({ title: 'Моё дело', grantees: [lawyer.account.user.id] });
    await seed.case({ title: 'Второе моё дело', grantees: [lawyer.account.user.id] });
    const closed = await seed.case({ grantees: [lawyer.account.user.id] });
    await seed.close(closed.id);
    await seed.case({ title: 'Чужое дело', grantees: [other.account.user.id] });
    // A new task always has a due day; undated ones are only those made before tasks had one.
    const task = (dueDate: string, assigneeId = lawyer.account.user.id) =>
      seed.coordinatorCall({
        method: 'POST',
        url: `/api/cases/${mine.id}/tasks`,
        payload: { title: `Задача ${dueDate}`, assigneeId, dueDate },
      });
    for (const due of ['2026-11-28', '2026-12-01', '2026-12-02', '2026-12-05', '2026-12-20']) {
      expect((await task(due)).statusCode).toBe(201);
    }
    expect((await task('2026-11-01', seed.coordinator.user.id)).statusCode).toBe(201);

    const response = await lawyer.call({ method: 'GET', url: '/api/dashboard/work' });
    expect(response.statusCode).toBe(200);
    const view = response.json<WorkDashboard>();
    expect(view.tasks).toEqual({ overdue: 2, dueToday: 1, dueThisWeek: 1, undated: 0 });
    expect(view.upcoming.map((t) => t.dueDate)).toEqual([
      '2026-11-28',
      '2026-12-01',
      '2026-12-02',
      '2026-12-05',
      '2026-12-20',
    ]);
    expect(view.casesByStage).toEqual([{ stage: 'intake', count: 2 }]);
    expect(view.cases.map((c) => c.title).sort()).toEqual(['Второе моё дело', 'Моё дело']);
    expect(view.moreCases).toBe(false);
    expect(JSON.stringify(view)).not.toContain('Чужое');
  });

  it('shows the intake queue by urgency with its oldest request and how long it waits', async () => {
    const volunteer = await seed.user('intake');
    const oldest = await seed.intake({ urgency: 'critical' });
    // Two days in the queue (the sessions would not survive the clock moving on).
    await t.database.handle.db
      .updateTable('intake_requests')
      .set({ created_at: '2026-11-30T09:00:00.000Z' })
      .where('id', '=', oldest)
      .execute();
    await seed.intake({ urgency: 'critical' });
    await seed.intake({ urgency: 'low' });
    const opened = await seed.intake({ urgency: 'high' });
    await seed.case({ intakeId: opened });

    const response = await volunteer.call({ method: 'GET', url: '/api/dashboard/intake' });
    expect(response.statusCode).toBe(200);
    const view = response.json<IntakeDashboard>();
    const byUrgency = Object.fromEntries(view.byUrgency.map((row) => [row.urgency, row]));
    expect(byUrgency.critical).toEqual({ urgency: 'critical', count: 2, oldestAt: '2026-11-30T09:00:00.000Z' });
    expect(byUrgency.low?.count).toBe(1);
    expect(byUrgency.high).toBeUndefined();
    expect(view.waiting).toEqual({ total: 3, overDay: 1, overWeek: 0 });
  });

  it('shows a coordinator what nobody has taken, all open cases by stage and the team’s overdue tasks', async () => {
    const coordinator = await seed.user('coordinator');
    const before = (
      await coordinator.call({ method: 'GET', url: '/api/dashboard/coordination' })
    ).json<CoordinatorDashboard>();
    const caseworker = await seed.user('caseworker');
    const nobodys = await seed.case({ title: 'Никому не назначено' });
    const taken = await seed.case({ grantees: [caseworker.account.user.id] });
    const overdue = await seed.coordinatorCall({
      method: 'POST',
      url: `/api/cases/${taken.id}/tasks`,
      payload: { title: 'Просрочено', dueDate: '2026-11-01', assigneeId: caseworker.account.user.id },
    });
    expect(overdue.statusCode).toBe(201);
    await seed.intake({ urgency: 'critical' });

    const view = (
      await coordinator.call({ method: 'GET', url: '/api/dashboard/coordination' })
    ).json<CoordinatorDashboard>();
    expect(view.unassignedCases.count).toBe(before.unassignedCases.count + 1);
    expect(view.unassignedCases.cases.map((c) => c.id)).toContain(nobodys.id);
    expect(view.unassignedCases.cases.map((c) => c.id)).not.toContain(taken.id);
    expect(view.requests.unassigned).toBe(before.requests.unassigned + 1);
    expect(view.requests.critical).toBe(before.requests.critical + 1);
    const stageCount = (d: CoordinatorDashboard) => d.casesByStage.find((s) => s.stage === 'intake')?.count ?? 0;
    expect(stageCount(view)).toBe(stageCount(before) + 2);
    expect(view.overdueTasks.total).toBe(before.overdueTasks.total + 1);
    expect(view.overdueTasks.byAssignee).toContainEqual({
      userId: caseworker.account.user.id,
      username: caseworker.account.user.username,
      count: 1,
    });
  });

  it('shows an administrator accounts, live sessions, the audit log, and the last backup and checkpoint', async () => {
    const admin = await seed.user('admin');
    const first = (await admin.call({ method: 'GET', url: '/api/dashboard/admin' })).json<AdminDashboard>();
    expect(first.backup.lastAt).toBeNull();
    expect(first.audit.lastCheckpointAt).toBeNull();
    expect(first.health).toMatchObject({ database: dialect });
    expect(first.accounts.byRole.find((r) => r.role === 'admin')?.count).toBeGreaterThanOrEqual(2);
    expect(first.sessions.active).toBeGreaterThanOrEqual(1);

    const db = t.database.handle.db;
    clock.advance(60_000);
    const backupAt = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      await appendAudit(
        trx,
        { actorId: null, action: 'backup.create', objectType: 'backup', objectId: 'ab', outcome: 'success' },
        clock,
      );
      await appendAudit(
        trx,
        { actorId: null, action: 'audit.checkpoint', objectType: null, objectId: null, outcome: 'success' },
        clock,
      );
    });
    await seed.user('caseworker');
    const view = (await admin.call({ method: 'GET', url: '/api/dashboard/admin' })).json<AdminDashboard>();
    expect(view.backup.lastAt).toBe(backupAt);
    expect(view.audit.lastCheckpointAt).toBe(backupAt);
    expect(view.audit.entries).toBeGreaterThan(first.audit.entries);
    expect(view.accounts.active).toBe(first.accounts.active + 1);
    expect(view.sessions.active).toBe(first.sessions.active + 1);
  });
});
