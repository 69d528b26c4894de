import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DatabaseDialect } from '../../shared/health.js';
import type { AdminDashboard, CoordinatorDashboard, IntakeDashboard, WorkDashboard } from '../../shared/home.schema.js';
import type { Role } from '../../shared/roles.js';
import { useSession } from '../auth/AuthContext.js';
import { useDateFormat } from '../components/format.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApiGet, type LoadState } from '../components/useApiGet.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { useTermLabel } from '../vocab/terms.js';
import { UrgencyBadge } from './triage/IntakeBits.js';

// Product names, the same in every language.
const DATABASE_NAMES: Record<DatabaseDialect, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
};

const URGENCY_ORDER = ['critical', 'high', 'normal', 'low'] as const;

/** The home page: each role's work at a glance, every count a link to the list it counts. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  const { user } = useSession();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <RoleView role={user.role} />
    </>
  );
}

function RoleView({ role }: { role: Role }) {
  const { t } = useTranslation();
  switch (role) {
    case 'caseworker':
    case 'lawyer':
      return <WorkView />;
    case 'intake':
      return <IntakeView />;
    case 'coordinator':
      return <CoordinatorView />;
    case 'admin':
      return <AdminView />;
    case 'analyst':
      return <p className="card">{t('dashboard.analystIntro')}</p>;
  }
}

/** A dashboard's frame: the loading line or the error with a retry until it has arrived. */
function DashboardFrame({
  state,
  onRetry,
  testId,
  children,
}: {
  state: LoadState<unknown>;
  onRetry: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="stack" data-testid={testId}>
      <LoadStatus state={state} onRetry={onRetry} testId={testId} />
      {children}
    </div>
  );
}

/** A labelled count; a link to the list it counts when there is one. */
function Fact({ label, value, to, testId }: { label: string; value: ReactNode; to?: string; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{to === undefined ? value : <Link to={to}>{value}</Link>}</dd>
    </div>
  );
}

function Section({ heading, id, children }: { heading: string; id: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

function ByStage({ rows, testId }: { rows: { stage: string; count: number }[]; testId: string }) {
  const { t } = useTranslation();
  const stageLabel = useTermLabel('stage');
  return (
    <Section heading={t('dashboard.byStageHeading')} id={`${testId}-heading`}>
      {rows.length === 0 ? (
        <p className="muted">{t('dashboard.noCases')}</p>
      ) : (
        <table data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.stage')}</th>
              <th scope="col">{t('dashboard.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{stageLabel(row.stage)}</th>
                <td>
                  <Link
                    to={`/cases?${new URLSearchParams({ stage: row.stage, open: 'true' }).toString()}`}
                    data-testid={`${testId}-${row.stage}`}
                  >
                    {row.count}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function CaseLinks({ cases, empty, testId }: { cases: WorkDashboard['cases']; empty: string; testId: string }) {
  const stageLabel = useTermLabel('stage');
  if (cases.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul data-testid={testId}>
      {cases.map((c) => (
        <li key={c.id}>
          <Link to={`/cases/${c.id}`}>
            {c.number} · {c.title}
          </Link>{' '}
          <span className="muted">{stageLabel(c.stage)}</span>
        </li>
      ))}
    </ul>
  );
}

function WorkView() {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const { state, reload } = useApiGet<WorkDashboard>('/api/dashboard/work');
  const view = state.kind === 'ready' ? state.data : undefined;
  return (
    <DashboardFrame state={state} onRetry={reload} testId="dashboard-work">
      {view !== undefined && (
        <>
          <Section heading={t('dashboard.tasksHeading')} id="dashboard-tasks-heading">
            <dl className="facts">
              <Fact label={t('dashboard.overdue')} value={view.tasks.overdue} to="/my-work" testId="tasks-overdue" />
              <Fact label={t('dashboard.dueToday')} value={view.tasks.dueToday} to="/my-work" testId="tasks-today" />
              <Fact
                label={t('dashboard.dueThisWeek')}
                value={view.tasks.dueThisWeek}
                to="/my-work"
                testId="tasks-week"
              />
              <Fact label={t('dashboard.undated')} value={view.tasks.undated} to="/my-work" testId="tasks-undated" />
            </dl>
            <h3>{t('dashboard.upcomingHeading')}</h3>
            {view.upcoming.length === 0 ? (
              <p className="muted">{t('dashboard.noTasks')}</p>
            ) : (
              <ul data-testid="tasks-upcoming">
                {view.upcoming.map((task) => (
                  <li key={task.id}>
                    <Link to={`/cases/${task.caseId}`}>
                      {task.caseNumber === undefined ? task.title : `${task.caseNumber} · ${task.title}`}
                    </Link>{' '}
                    {task.dueDate !== null && (
                      <span className="muted">{t('dashboard.dueOn', { date: date(task.dueDate) })}</span>
                    )}{' '}
                    {task.overdue && <span className="badge badge-bad">{t('dashboard.overdueBadge')}</span>}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to="/my-work">{t('dashboard.allMyWork')}</Link>
            </p>
          </Section>
          <Section heading={t('dashboard.casesHeading')} id="dashboard-cases-heading">
            <CaseLinks cases={view.cases} empty={t('dashboard.noCases')} testId="my-cases" />
            {view.moreCases && (
              <p>
                <Link to="/cases?open=true">{t('dashboard.moreCases')}</Link>
              </p>
            )}
          </Section>
          <ByStage rows={view.casesByStage} testId="cases-by-stage" />
        </>
      )}
    </DashboardFrame>
  );
}

function Waiting({ waiting }: { waiting: IntakeDashboard['waiting'] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <Fact label={t('dashboard.waitingTotal')} value={waiting.total} to="/triage" testId="queue-total" />
      <Fact label={t('dashboard.overDay')} value={waiting.overDay} testId="queue-over-day" />
      <Fact label={t('dashboard.overWeek')} value={waiting.overWeek} testId="queue-over-week" />
    </dl>
  );
}

function IntakeView() {
  const { t } = useTranslation();
  const { relative } = useDateFormat();
  const { state, reload } = useApiGet<IntakeDashboard>('/api/dashboard/intake');
  const view = state.kind === 'ready' ? state.data : undefined;
  return (
    <DashboardFrame state={state} onRetry={reload} testId="dashboard-intake">
      {view !== undefined && (
        <Section heading={t('dashboard.queueHeading')} id="dashboard-queue-heading">
          <table data-testid="queue-by-urgency">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.urgency')}</th>
                <th scope="col">{t('dashboard.requests')}</th>
                <th scope="col">{t('dashboard.oldest')}</th>
              </tr>
            </thead>
            <tbody>
              {URGENCY_ORDER.map((urgency) => {
                const row = view.byUrgency.find((r) => r.urgency === urgency);
                return (
                  <tr key={urgency}>
                    <th scope="row">
                      <UrgencyBadge urgency={urgency} />
                    </th>
                    <td>
                      <Link to={`/triage?urgency=${urgency}`} data-testid={`queue-${urgency}`}>
                        {row?.count ?? 0}
                      </Link>
                    </td>
                    <td>{row?.oldestAt == null ? '—' : relative(row.oldestAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Waiting waiting={view.waiting} />
          <p>
            <Link to="/triage">{t('dashboard.openQueue')}</Link>
          </p>
        </Section>
      )}
    </DashboardFrame>
  );
}

function CoordinatorView() {
  const { t } = useTranslation();
  const { state, reload } = useApiGet<CoordinatorDashboard>('/api/dashboard/coordination');
  const view = state.kind === 'ready' ? state.data : undefined;
  return (
    <DashboardFrame state={state} onRetry={reload} testId="dashboard-coordination">
      {view !== undefined && (
        <>
          <Section heading={t('dashboard.queueHeading')} id="dashboard-requests-heading">
            <dl className="facts">
              <Fact
                label={t('dashboard.unassignedRequests')}
                value={view.requests.unassigned}
                to="/triage"
                testId="requests-unassigned"
              />
              <Fact
                label={t('dashboard.criticalRequests')}
                value={view.requests.critical}
                to="/triage?urgency=critical"
                testId="requests-critical"
              />
            </dl>
            <Waiting waiting={view.requests.waiting} />
          </Section>
          <Section
            heading={`${t('dashboard.unassignedCasesHeading')}: ${String(view.unassignedCases.count)}`}
            id="dashboard-unassigned-heading"
          >
            <CaseLinks
              cases={view.unassignedCases.cases}
              empty={t('dashboard.noUnassignedCases')}
              testId="unassigned-cases"
            />
          </Section>
          <ByStage rows={view.casesByStage} testId="cases-by-stage" />
          <Section
            heading={`${t('dashboard.overdueTeamHeading')}: ${String(view.overdueTasks.total)}`}
            id="dashboard-overdue-heading"
          >
            {view.overdueTasks.byAssignee.length === 0 ? (
              <p className="muted">{t('dashboard.noOverdue')}</p>
            ) : (
              <table data-testid="overdue-by-assignee">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.assignee')}</th>
                    <th scope="col">{t('dashboard.tasks')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.overdueTasks.byAssignee.map((row) => (
                    <tr key={row.userId ?? 'nobody'}>
                      <th scope="row">{row.username ?? t('dashboard.nobody')}</th>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
    </DashboardFrame>
  );
}

function AdminView() {
  const { t } = useTranslation();
  const { dateTime, relative } = useDateFormat();
  const when = (at: string | null) => (at === null ? t('dashboard.never') : `${relative(at)} (${dateTime(at)})`);
  const { state, reload } = useApiGet<AdminDashboard>('/api/dashboard/admin');
  const view = state.kind === 'ready' ? state.data : undefined;
  return (
    <DashboardFrame state={state} onRetry={reload} testId="dashboard-admin">
      {view !== undefined && (
        <>
          <Section heading={t('dashboard.accountsHeading')} id="dashboard-accounts-heading">
            <dl className="facts">
              <Fact
                label={t('dashboard.activeAccounts')}
                value={view.accounts.active}
                to="/admin/users"
                testId="accounts-active"
              />
              <Fact label={t('dashboard.disabledAccounts')} value={view.accounts.disabled} testId="accounts-disabled" />
              <Fact label={t('dashboard.sessions')} value={view.sessions.active} testId="sessions-active" />
            </dl>
            <table data-testid="accounts-by-role">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.role')}</th>
                  <th scope="col">{t('dashboard.activeAccounts')}</th>
                </tr>
              </thead>
              <tbody>
                {view.accounts.byRole.map((row) => (
                  <tr key={row.role}>
                    <th scope="row">{t(`roles.${row.role}`)}</th>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section heading={t('dashboard.auditHeading')} id="dashboard-audit-heading">
            <dl className="facts">
              <Fact
                label={t('dashboard.auditEntries')}
                value={view.audit.entries}
                to="/admin/audit"
                testId="audit-entries"
              />
              <Fact
                label={t('dashboard.lastCheckpoint')}
                value={when(view.audit.lastCheckpointAt)}
                testId="audit-checkpoint"
              />
              <Fact label={t('dashboard.lastBackup')} value={when(view.backup.lastAt)} testId="backup-last" />
            </dl>
          </Section>
          <Section heading={t('home.healthHeading')} id="health-heading">
            <dl className="facts">
              <div>
                <dt>{t('home.status')}</dt>
                <dd data-testid="health-status" data-status="ok">
                  <span className="badge badge-ok">{t('home.statusOk')}</span>
                </dd>
              </div>
              <div>
                <dt>{t('home.database')}</dt>
                <dd data-testid="health-database" data-database={view.health.database}>
                  {DATABASE_NAMES[view.health.database]}
                </dd>
              </div>
              <div>
                <dt>{t('home.version')}</dt>
                <dd data-testid="health-version">{view.health.version}</dd>
              </div>
            </dl>
          </Section>
        </>
      )}
    </DashboardFrame>
  );
}
