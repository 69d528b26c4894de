import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../api/accounts.js';
import { useDateFormat } from '../../components/format.js';
import { actionLabel, objectTypeLabel, outcomeLabel } from './auditLabels.js';
import { TableHead } from '../../components/TableHead.js';

const OUTCOME_BADGES: Record<string, string> = {
  success: 'badge badge-ok',
  failure: 'badge badge-bad',
  denied: 'badge badge-bad',
};

/** Where an object's page is, for the objects the web app has one for. */
function objectPath(entry: AuditEntry): string | undefined {
  if (entry.objectId === null || !entry.objectOpen) return undefined;
  switch (entry.objectType) {
    case 'case':
      return `/cases/${entry.objectId}`;
    case 'person':
      return `/people/${entry.objectId}`;
    case 'intake':
      return `/triage/${entry.objectId}`;
    case 'user':
      // What the user did: the log filtered by them as the actor.
      return `/admin/audit?actorId=${entry.objectId}`;
    case null:
    default:
      return undefined;
  }
}

/**
 * The object of an entry as a reader names it: its type, then the case
 * number or username the server joined in, linked where the reader may open
 * it. An id is never shown as text; it is in the link only.
 */
function AuditObject({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.objectType === null) return <span className="muted">—</span>;
  const type = objectTypeLabel(t, entry.objectType);
  const path = objectPath(entry);
  const name = entry.objectLabel ?? (path === undefined ? null : t('audit.openObject'));
  return (
    <>
      <span className="cell-title">{type}</span>
      {name !== null &&
        (path === undefined ? (
          <span data-testid="audit-object-label">{name}</span>
        ) : (
          <Link to={path} data-testid="audit-object-link">
            {name}
          </Link>
        ))}
    </>
  );
}

/** Audit entries, newest first. Entries hold ids only, never personal data. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useTranslation();
  const { preciseDateTime } = useDateFormat();
  return (
    <table className="data-table audit-table" data-testid="audit-table">
      <TableHead
        columns={[
          t('audit.time'),
          t('audit.actor'),
          t('audit.action'),
          t('audit.object'),
          t('audit.outcome'),
          t('audit.hash'),
        ]}
      />
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
                  (entry.actorId ? t('audit.unknownActor') : <span className="muted">{t('audit.system')}</span>)}
              </td>
              <td data-label={t('audit.action')}>
                <span className="cell-title">{label ?? t('audit.unknownAction')}</span>
              </td>
              <td data-label={t('audit.object')}>
                <AuditObject entry={entry} />
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
