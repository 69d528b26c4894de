import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkDashboard } from '../../../shared/home.schema.js';
import { useDateFormat } from '../../components/format.js';
import { useApiGet } from '../../components/useApiGet.js';
import { DashboardFrame, Fact, Section, ByStage, CaseLinks } from './parts.js';

export function WorkView() {
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
