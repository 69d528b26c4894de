import { useTranslation } from 'react-i18next';
import type { CoordinatorDashboard } from '../../../shared/home.schema.js';
import { useApiGet } from '../../components/useApiGet.js';
import { DashboardFrame, Fact, Section, ByStage, CaseLinks, Waiting } from './parts.js';

export function CoordinatorView() {
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
