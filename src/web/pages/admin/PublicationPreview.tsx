import { useTranslation } from 'react-i18next';
import type { PublishedCount, PublishedFigure, Snapshot } from '../../../shared/statistics.schema.js';
import { useDateFormat } from '../../components/format.js';
import { TableHead } from '../../components/TableHead.js';

type Cell = PublishedFigure['cells'][number];

/** A published count in words: the number, or "fewer than k" / "hidden" as the public page words it. */
function useCountText(k: number) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (count: PublishedCount) => {
    if (count.count !== null) return count.count.toLocaleString(language);
    return count.suppressed === 'fewer_than_k' ? t('publication.fewerThan', { k }) : t('publication.hidden');
  };
}

function useCellLabel() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
  return (figure: PublishedFigure, cell: Cell) => {
    if (cell.value === null) {
      return figure.dimension === 'month' ? t('publication.undatedOrEarlier') : t('publication.notRecorded');
    }
    if (figure.dimension === 'month') {
      const [year, month] = cell.value.split('-').map(Number);
      if (year === undefined || month === undefined) return t('publication.otherTerm');
      return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(language, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    }
    return cell.label?.[language] ?? t('publication.otherTerm');
  };
}

/** The snapshot as the public page would show it: each figure's table, suppressed cells in words. */
export function PublicationPreview({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const countText = useCountText(snapshot.k);
  const cellLabel = useCellLabel();
  return (
    <div className="stack" data-testid="publication-preview">
      <p>{t('publication.previewAsOf', { date: date(snapshot.asOf), k: snapshot.k })}</p>
      {snapshot.figures.map((figure) => (
        <div key={figure.figure} data-testid={`preview-${figure.figure}`}>
          <h3>{t(`publication.figures.${figure.figure}`)}</h3>
          {figure.status === 'withheld' ? (
            <p className="muted">{t('publication.withheld')}</p>
          ) : (
            <table className="data-table">
              <TableHead columns={[t('publication.category'), t('publication.count')]} />
              <tbody>
                {figure.cells.map((cell) => (
                  <tr key={cell.value ?? ''}>
                    <th scope="row" data-label={t('publication.category')}>
                      {cellLabel(figure, cell)}
                    </th>
                    <td data-label={t('publication.count')}>{countText(cell)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" data-label={t('publication.category')}>
                    {t('publication.total')}
                  </th>
                  <td data-label={t('publication.count')}>{countText(figure.total)}</td>
                </tr>
              </tbody>
            </table>
          )}
        </div>
      ))}
    </div>
  );
}
