import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IntakeDashboard } from '../../../shared/home.schema.js';
import { useDateFormat } from '../../components/format.js';
import { useApiGet } from '../../components/useApiGet.js';
import { UrgencyBadge } from '../triage/IntakeBits.js';
import { URGENCY_ORDER, DashboardFrame, Section, Waiting } from './parts.js';

export function IntakeView() {
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
