import { useTranslation } from 'react-i18next';
import type { SnapshotList } from '../../../shared/statistics.schema.js';
import { useDateFormat } from '../../components/format.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { TableHead } from '../../components/TableHead.js';
import type { LoadState } from '../../components/useApiGet.js';

/** The snapshots published so far, newest first, with who published each (by name) and a link to the public page. */
export function PublicationSnapshots({ state, onRetry }: { state: LoadState<SnapshotList>; onRetry: () => void }) {
  const { t } = useTranslation();
  const { date, dateTime } = useDateFormat();
  return (
    <section className="card" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">{t('publication.snapshotsHeading')}</h2>
      <p>
        {/* The public page is served by the server, not the app: a plain link. */}
        <a href="/stats" data-testid="publication-public-link">
          {t('publication.publicPage')}
        </a>
      </p>
      <LoadStatus state={state} onRetry={onRetry} testId="snapshots" />
      {state.kind === 'ready' && state.data.snapshots.length === 0 && (
        <p className="muted" data-testid="snapshots-empty">
          {t('publication.snapshotsEmpty')}
        </p>
      )}
      {state.kind === 'ready' && state.data.snapshots.length > 0 && (
        <table className="data-table" data-testid="snapshots-table">
          <TableHead
            columns={[
              t('publication.asOf'),
              t('publication.publishedAt'),
              t('publication.publishedBy'),
              t('publication.figureCount'),
              'k',
            ]}
          />
          <tbody>
            {state.data.snapshots.map((snapshot) => (
              <tr key={snapshot.id} data-testid="snapshot-row">
                <th scope="row" data-label={t('publication.asOf')}>
                  {date(snapshot.asOf)}
                </th>
                <td data-label={t('publication.publishedAt')}>{dateTime(snapshot.publishedAt)}</td>
                <td data-label={t('publication.publishedBy')} data-testid="snapshot-by">
                  {snapshot.publishedBy}
                </td>
                <td data-label={t('publication.figureCount')}>{snapshot.figures}</td>
                <td data-label="k">{snapshot.k}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
