import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTermLabel } from '../../vocab/terms.js';
import { StatusLabel, UrgencyBadge, useAge, useRequestName } from './IntakeBits.js';
import type { IntakeSummary } from './intakeTypes.js';
import { SORTABLE_COLUMNS, type QueueView, type SortableColumn } from './queueView.js';

interface QueueTableProps {
  rows: readonly IntakeSummary[];
  view: QueueView;
  /** The address that sorts by a column (its query string). */
  sortLink: (column: SortableColumn) => string;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
}

const COLUMNS = ['urgency', 'age', 'channel', 'requesterRole', 'groupSize', 'region', 'assignee', 'preview'] as const;

/** The queue's rows: a checkbox naming each request, sortable column headers (aria-sort), values as words. */
export function QueueTable({ rows, view, sortLink, selected, onSelect }: QueueTableProps) {
  const { t } = useTranslation();
  const age = useAge();
  const requestName = useRequestName();
  const channelLabel = useTermLabel('channel');
  const roleLabel = useTermLabel('requester_role');
  const regionLabel = useTermLabel('region');
  return (
    <table className="data-table" data-testid="triage-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('triage.selectColumn')}</span>
          </th>
          {COLUMNS.map((column) => (
            <ColumnHeader key={column} column={column} view={view} sortLink={sortLink} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const checkboxId = `triage-select-${row.id}`;
          const name = t('triage.selectRequest', { request: requestName(row) });
          return (
            <tr key={row.id} data-testid="triage-row" data-intake-id={row.id} data-status={row.status}>
              <td data-label={t('triage.selectColumn')}>
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={selected.has(row.id)}
                  onChange={(e) => onSelect(row.id, e.target.checked)}
                  data-testid="triage-select"
                />
                <label htmlFor={checkboxId} className="visually-hidden">
                  {name}
                </label>
              </td>
              <td data-label={t('triage.urgency')}>
                <span className="cell-stack">
                  <UrgencyBadge urgency={row.urgency} />
                  {row.status !== 'new' && <StatusLabel status={row.status} />}
                </span>
              </td>
              <td data-label={t('triage.age')}>
                <time dateTime={row.createdAt}>{age(row.ageSeconds)}</time>
              </td>
              <td data-label={t('triage.channel')}>{channelLabel(row.channel)}</td>
              <td data-label={t('triage.requesterRole')}>{roleLabel(row.requesterRole)}</td>
              <td data-label={t('triage.groupSize')}>{row.groupSize}</td>
              <td data-label={t('triage.region')}>{regionLabel(row.region)}</td>
              <td data-label={t('triage.assignee')} data-testid="triage-row-assignee">
                {row.assigneeUsername ?? t('triage.nobody')}
              </td>
              <td data-label={t('triage.preview')} className="reason">
                <Link to={`/triage/${row.id}`} data-testid="triage-row-link">
                  {row.preview || t('triage.open')}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ColumnHeader({
  column,
  view,
  sortLink,
}: {
  column: (typeof COLUMNS)[number];
  view: QueueView;
  sortLink: (column: SortableColumn) => string;
}) {
  const { t } = useTranslation();
  const label = t(`triage.${column}`);
  if (!(column in SORTABLE_COLUMNS)) return <th scope="col">{label}</th>;
  const sortable = column as SortableColumn;
  const active = view.sort === SORTABLE_COLUMNS[sortable];
  return (
    <th scope="col" aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={`?${sortLink(sortable)}`} data-testid={`triage-sort-${column}`}>
        {label}
        {active && <span aria-hidden="true">{view.order === 'asc' ? ' ↑' : ' ↓'}</span>}
      </Link>
    </th>
  );
}
