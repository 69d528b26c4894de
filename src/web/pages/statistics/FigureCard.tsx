import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureOut, StatisticsQuery } from '../../../shared/statistics.schema.js';
import { DIMENSION_TITLES } from '../../../shared/statistics-titles.js';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { apiGet, type ApiPath } from '../../api/client.js';
import { useLanguage, useTermLabel } from '../../vocab/terms.js';
import { FigureChart } from './FigureChart.js';
import { filtersQuery } from './filters.js';

/** "2026-03" as "март 2026 г." / "March 2026". */
export function formatMonth(language: string, month: string): string {
  const [year, number] = month.split('-').map(Number);
  if (year === undefined || number === undefined || Number.isNaN(year) || Number.isNaN(number)) return month;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** One figure: its chart, the table of the same numbers beside it, and its downloads. */
export function FigureCard({ figure, filters }: { figure: FigureOut; filters: StatisticsQuery }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const month = figure.dimension === 'month';
  // A month figure has no vocabulary; the hook still needs one, and 'region' is read anyway.
  const termLabel = useTermLabel(month ? 'region' : (figure.dimension as Vocabulary));
  const labels = useMemo(
    () =>
      figure.rows.map((row) =>
        row.value === null ? t('stats.notRecorded') : month ? formatMonth(language, row.value) : termLabel(row.value),
      ),
    [figure.rows, month, language, termLabel, t],
  );
  const counts = useMemo(() => figure.rows.map((row) => row.count), [figure.rows]);
  // A time line holds months only: the undated row (value null) stays in the table, off the line.
  const drawn = useMemo(() => {
    const keep = figure.rows.map((row) => !month || row.value !== null);
    return { labels: labels.filter((_, i) => keep[i]), counts: counts.filter((_, i) => keep[i]) };
  }, [figure.rows, month, labels, counts]);
  const title = t(`stats.figures.${figure.figure}`);
  const path: ApiPath = `/api/statistics/figures/${figure.figure}`;
  const query = filtersQuery(filters);
  const headingId = `figure-${figure.figure}-heading`;
  const downloadJson = async () => {
    const answer = await apiGet<FigureOut>(`${path}${query}`);
    const url = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${figure.figure}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="card figure" aria-labelledby={headingId} data-testid={`figure-${figure.figure}`}>
      <h2 id={headingId}>{title}</h2>
      <div className="figure-body">
        <FigureChart
          kind={month ? 'line' : 'bar'}
          labels={drawn.labels}
          counts={drawn.counts}
          label={t('stats.chartOf', { figure: title })}
          testId={`chart-${figure.figure}`}
        />
        <table data-testid={`table-${figure.figure}`}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{DIMENSION_TITLES[language][figure.dimension]}</th>
              <th scope="col">{t('stats.count')}</th>
            </tr>
          </thead>
          <tbody>
            {figure.rows.map((row, index) => (
              <tr key={row.value ?? ''}>
                <th scope="row">{labels[index]}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('stats.total')}</th>
              <td data-testid={`total-${figure.figure}`}>{figure.total}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="actions">
        <a
          className="button-link"
          href={`${path}/csv${query}`}
          download={`${figure.figure}.csv`}
          data-testid={`csv-${figure.figure}`}
        >
          {t('stats.downloadCsv')}
        </a>{' '}
        <button
          type="button"
          className="button-secondary"
          onClick={() => void downloadJson()}
          data-testid={`json-${figure.figure}`}
        >
          {t('stats.downloadJson')}
        </button>
      </p>
    </section>
  );
}
