// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type {
  AdminDashboard,
  CoordinatorDashboard,
  IntakeDashboard,
  NotificationList,
  WorkDashboard,
} from '../../shared/home.schema.js';
import type { Role } from '../../shared/roles.js';
import { switchLanguage } from '../i18n/i18n.js';
import { term } from '../testing/fixtures.js';
import { apiError, json, noContent, screenPerTest, sessionState, stubApi } from '../testing/harness.js';

const CASE_ID = '6f1c1d5e-0000-4000-8000-0000000000c1';
const TASK_ID = '6f1c1d5e-0000-4000-8000-0000000000d1';

const STAGES = {
  vocabulary: 'stage',
  terms: [term('stage', 'safety_triage', 'Проверка безопасности', 'Safety triage')],
};

const WORK: WorkDashboard = {
  tasks: { overdue: 2, dueToday: 1, dueThisWeek: 3, undated: 0 },
  upcoming: [
    {
      id: TASK_ID,
      caseId: CASE_ID,
      caseNumber: '2026-0007',
      title: 'Подать жалобу военному прокурору',
      dueDate: '2026-11-20',
      assigneeId: null,
      assigneeUsername: null,
      doneAt: null,
      doneById: null,
      doneByUsername: null,
      overdue: true,
      createdAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  casesByStage: [{ stage: 'safety_triage', count: 4 }],
  cases: [{ id: CASE_ID, number: '2026-0007', title: 'Отказ в увольнении', stage: 'safety_triage' }],
  moreCases: false,
};

const INTAKE: IntakeDashboard = {
  byUrgency: [{ urgency: 'critical', count: 3, oldestAt: '2026-11-20T10:00:00.000Z' }],
  waiting: { total: 5, overDay: 2, overWeek: 0 },
};

const COORDINATION: CoordinatorDashboard = {
  requests: { unassigned: 4, critical: 1, waiting: { total: 6, overDay: 1, overWeek: 1 } },
  unassignedCases: {
    count: 1,
    cases: [{ id: CASE_ID, number: '2026-0009', title: 'Никто не ведёт', stage: 'safety_triage' }],
  },
  casesByStage: [{ stage: 'safety_triage', count: 9 }],
  overdueTasks: { total: 2, byAssignee: [{ userId: CASE_ID, username: 'lawyer-lev', count: 2 }] },
};

const ADMIN: AdminDashboard = {
  accounts: { active: 7, disabled: 1, byRole: [{ role: 'lawyer', count: 2 }] },
  sessions: { active: 3 },
  audit: { entries: 1200, lastCheckpointAt: null },
  backup: { lastAt: '2026-11-20T10:00:00.000Z' },
  health: { database: 'postgres', version: '0.1.0' },
};

const NO_NOTIFICATIONS = { unread: 0, capped: false };

function stubRole(role: Role, routes: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role })),
    'GET /api/notifications/unread': () => json(NO_NOTIFICATIONS),
    'GET /api/vocabularies/stage': () => json(STAGES),
    ...routes,
  });
}

describe('the home page of each role', () => {
  const screen = screenPerTest('ru');

  it('shows a lawyer their tasks and cases, with stage words and links to the lists', async () => {
    stubRole('lawyer', { 'GET /api/dashboard/work': () => json(WORK) });
    await screen.render('/');
    const overdue = await screen.find('tasks-overdue');
    expect(overdue.textContent).toBe('2');
    expect(overdue.querySelector('a')?.getAttribute('href')).toBe('/my-work');
    expect(screen.byTestId('tasks-upcoming')?.textContent).toContain('2026-0007 · Подать жалобу военному прокурору');
    expect(screen.byTestId('tasks-upcoming')?.textContent).toContain('просрочена');
    expect(screen.byTestId('tasks-upcoming')?.textContent).not.toContain('2026-11-20');
    expect(screen.byTestId('my-cases')?.querySelector('a')?.getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    await screen.find('cases-by-stage');
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    expect(screen.byTestId('cases-by-stage')?.textContent).toContain('Проверка безопасности');
    expect(screen.byTestId('cases-by-stage')?.textContent).not.toContain('safety_triage');
    expect(screen.byTestId('cases-by-stage-safety_triage')?.getAttribute('href')).toBe(
      '/cases?stage=safety_triage&open=true',
    );
    expect(screen.byTestId('health-status')).toBeNull();

    await act(() => switchLanguage('en'));
    expect(screen.byTestId('cases-by-stage')?.textContent).toContain('Safety triage');
    expect(screen.container.textContent).toContain('Next tasks');
  });

  it('shows an intake volunteer the queue by urgency, each count linking to the filtered queue', async () => {
    stubRole('intake', { 'GET /api/dashboard/intake': () => json(INTAKE) });
    await screen.render('/');
    const critical = await screen.find('queue-critical');
    expect(critical.textContent).toBe('3');
    expect(critical.getAttribute('href')).toBe('/triage?urgency=critical');
    expect(screen.byTestId('queue-low')?.textContent).toBe('0');
    expect(screen.byTestId('queue-by-urgency')?.textContent).toContain('Критическая');
    expect(screen.byTestId('queue-over-day')?.textContent).toBe('2');
  });

  it('shows a coordinator unassigned requests and cases and the team’s overdue tasks', async () => {
    stubRole('coordinator', { 'GET /api/dashboard/coordination': () => json(COORDINATION) });
    await screen.render('/');
    expect((await screen.find('requests-unassigned')).textContent).toBe('4');
    expect(screen.byTestId('requests-critical')?.querySelector('a')?.getAttribute('href')).toBe(
      '/triage?urgency=critical',
    );
    expect(screen.byTestId('unassigned-cases')?.textContent).toContain('2026-0009 · Никто не ведёт');
    expect(screen.byTestId('overdue-by-assignee')?.textContent).toContain('lawyer-lev');
  });

  it('shows an administrator accounts, sessions, backups and the server health', async () => {
    stubRole('admin', { 'GET /api/dashboard/admin': () => json(ADMIN) });
    await screen.render('/');
    expect((await screen.find('accounts-active')).textContent).toBe('7');
    expect(screen.byTestId('audit-checkpoint')?.textContent).toBe('ни разу');
    expect(screen.byTestId('backup-last')?.textContent).not.toContain('2026-11-20T');
    expect(screen.byTestId('health-database')?.textContent).toBe('PostgreSQL');
    expect(screen.byTestId('health-status')?.textContent).toBe('Работает');
    expect(screen.byTestId('accounts-by-role')?.textContent).toContain('Юрист');
  });

  it('says in the reader’s language when the dashboard cannot be loaded', async () => {
    stubRole('lawyer', { 'GET /api/dashboard/work': () => apiError(503, 'SERVICE_UNAVAILABLE') });
    await screen.render('/');
    const error = await screen.find('dashboard-work-error');
    expect(error.textContent).toContain('Сервер сейчас недоступен');
    await act(() => switchLanguage('en'));
    expect(screen.byTestId('dashboard-work-error')?.textContent).toContain('The server cannot be reached');
  });
});

const LIST: NotificationList = {
  notifications: [
    {
      id: '6f1c1d5e-0000-4000-8000-0000000000e1',
      kind: 'case_assigned',
      createdAt: '2026-11-25T09:00:00.000Z',
      read: false,
      case: { id: CASE_ID, number: '2026-0007', title: 'Отказ в увольнении' },
      task: null,
      intake: null,
    },
    {
      id: '6f1c1d5e-0000-4000-8000-0000000000e2',
      kind: 'task_overdue',
      createdAt: '2026-11-24T09:00:00.000Z',
      read: true,
      case: { id: CASE_ID, number: '2026-0007', title: 'Отказ в увольнении' },
      task: { id: TASK_ID, title: 'Подать жалобу', dueDate: '2026-11-20' },
      intake: null,
    },
  ],
  nextCursor: null,
};

describe('the notification bell', () => {
  const screen = screenPerTest('ru');

  it('shows the unread count, opens the list worded from ids, and marks one read when followed', async () => {
    let unread = 1;
    const seen = stubRole('lawyer', {
      'GET /api/dashboard/work': () => json(WORK),
      'GET /api/notifications/unread': () => json({ unread, capped: false }),
      'GET /api/notifications': () => json(LIST),
      'POST /api/notifications/6f1c1d5e-0000-4000-8000-0000000000e1/read': () => {
        unread = 0;
        return noContent();
      },
    });
    await screen.render('/');
    const count = await screen.find('bell-count');
    expect(count.textContent).toBe('1');
    const bell = screen.byTestId('bell');
    expect(bell?.getAttribute('aria-label')).toBe('Уведомления, непрочитанных: 1');
    expect(bell?.getAttribute('aria-expanded')).toBe('false');

    await screen.click('bell');
    expect(bell?.getAttribute('aria-expanded')).toBe('true');
    await screen.find('notification-list');
    const items = [...screen.container.querySelectorAll('[data-testid="notification"]')];
    expect(items.map((item) => item.querySelector('a')?.textContent)).toEqual([
      'Вам назначено дело 2026-0007: Отказ в увольнении',
      'Ваша задача в деле 2026-0007 просрочена: Подать жалобу',
    ]);
    expect(items[0]?.textContent).toContain('не прочитано');

    await act(() => {
      items[0]?.querySelector('a')?.click();
      return Promise.resolve();
    });
    await screen.waitForPath(`/cases/${CASE_ID}`);
    expect(seen.some((r) => r.method === 'POST' && r.path.endsWith('e1/read'))).toBe(true);
    expect(screen.byTestId('notification-list')).toBeNull();
  });

  it('marks all read, closes on Escape, and says so when the server refuses', async () => {
    const seen = stubRole('coordinator', {
      'GET /api/dashboard/coordination': () => json(COORDINATION),
      'GET /api/notifications/unread': () => json({ unread: 99, capped: true }),
      'GET /api/notifications': () => json(LIST),
      'POST /api/notifications/read': () => apiError(503, 'SERVICE_UNAVAILABLE'),
    });
    await screen.render('/');
    expect((await screen.find('bell-count')).textContent).toBe('99+');
    await act(() => switchLanguage('en'));
    expect(screen.byTestId('bell')?.getAttribute('aria-label')).toBe('Notifications, unread: more than 99');
    await screen.click('bell');
    await screen.click('notifications-read-all');
    expect((await screen.find('notifications-failed')).textContent).toContain('The server cannot be reached');
    expect(seen.some((r) => r.method === 'POST' && r.path === '/api/notifications/read')).toBe(true);

    await act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      return Promise.resolve();
    });
    expect(screen.byTestId('notification-list')).toBeNull();
    expect(screen.byTestId('bell')?.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('unknown routes', () => {
  const screen = screenPerTest('ru');

  it('show a localized page-not-found page inside the layout', async () => {
    stubRole('lawyer');
    await screen.render('/no/such/page');
    expect(await screen.find('not-found')).not.toBeNull();
    expect(screen.heading()).toBe('Страница не найдена');
    await act(() => switchLanguage('en'));
    expect(screen.heading()).toBe('Page not found');
  });
});
