// The pieces every role's home view is built from: the loading frame, a card section, labelled counts, cases by stage.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IntakeDashboard, WorkDashboard } from '../../../shared/home.schema.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { type LoadState } from '../../components/useApiGet.js';
import { useTermLabel } from '../../vocab/terms.js';

export const URGENCY_ORDER = ['critical', 'high', 'normal', 'low'] as const;

/** A dashboard's frame: the loading line or the error with a retry until it has arrived. */
export function DashboardFrame({
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
export function Fact({ label, value, to, testId }: { label: string; value: ReactNode; to?: string; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{to === undefined ? value : <Link to={to}>{value}</Link>}</dd>
    </div>
  );
}

export function Section({ heading, id, children }: { heading: string; id: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

export function ByStage({ rows, testId }: { rows: { stage: string; count: number }[]; testId: string }) {
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

export function CaseLinks({ cases, empty, testId }: { cases: WorkDashboard['cases']; empty: string; testId: string }) {
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

export function Waiting({ waiting }: { waiting: IntakeDashboard['waiting'] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <Fact label={t('dashboard.waitingTotal')} value={waiting.total} to="/triage" testId="queue-total" />
      <Fact label={t('dashboard.overDay')} value={waiting.overDay} testId="queue-over-day" />
      <Fact label={t('dashboard.overWeek')} value={waiting.overWeek} testId="queue-over-week" />
    </dl>
  );
}
