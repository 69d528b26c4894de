import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/accounts.js';
import { useDateFormat } from '../../components/format.js';
import { actionLabel, outcomeLabel } from './auditLabels.js';

const OUTCOME_BADGES: Record<string, string> = {
  success: 'badge badge-ok',
  failure: 'badge badge-bad',
  denied: 'badge badge-bad',
};

/** Audit entries, newest first. Entries hold ids only, never personal data. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useTranslation();
  const { preciseDateTime } = useDateFormat();
  return (
    <table className="data-table audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.time')}</th>
          <th scope="col">{t('audit.actor')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.object')}</th>
          <th scope="col">{t('audit.outcome')}</th>
          <th scope="col">{t('audit.hash')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const label = actionLabel(t, entry.action);
          return (
            <tr key={entry.seq} data-testid="audit-row" data-action={entry.action} data-seq={entry.seq}>
              <td data-label={t('audit.time')}>
                <time dateTime={entry.at}>{preciseDateTime(entry.at)}</time>
              </td>
              <td data-label={t('audit.actor')} data-testid="audit-actor-cell">
                {entry.actorUsername ??
                  (entry.actorId ? <code className="id">{entry.actorId}</code> : <span className="muted">—</span>)}
              </td>
              <td data-label={t('audit.action')}>
                {label && <span className="cell-title">{label}</span>}
                <code>{entry.action}</code>
              </td>
              <td data-label={t('audit.object')}>
                {entry.objectType || entry.objectId ? (
                  <>
                    {entry.objectType && <span className="cell-title">{entry.objectType}</span>}
                    {entry.objectId && <code className="id">{entry.objectId}</code>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label={t('audit.outcome')}>
                <span className={OUTCOME_BADGES[entry.outcome] ?? 'badge'} data-outcome={entry.outcome}>
                  {outcomeLabel(t, entry.outcome)}
                </span>
              </td>
              <td data-label={t('audit.hash')}>
                <code title={entry.hash} data-testid="audit-hash">
                  {entry.hash.slice(0, 12)}
                </code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
