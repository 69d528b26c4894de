import { useTranslation } from 'react-i18next';
import type { DatabaseDialect } from '../../../shared/health.js';
import type { AdminDashboard } from '../../../shared/home.schema.js';
import { useDateFormat } from '../../components/format.js';
import { useApiGet } from '../../components/useApiGet.js';
import { DashboardFrame, Fact, Section } from './parts.js';

// Product names, the same in every language.
const DATABASE_NAMES: Record<DatabaseDialect, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
};

export function AdminView() {
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
