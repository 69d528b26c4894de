import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { StatisticsOverview, StatisticsQuery } from '../../../shared/statistics.schema.js';
import type { ApiError } from '../../api/client.js';
import { useApiQuery } from '../../api/query.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { errorMessage } from '../../i18n/i18n.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { FigureCard } from './FigureCard.js';
import { filtersFrom, filtersQuery } from './filters.js';

/** The staff dashboard: every figure as a chart with its table, filtered by period and region (kept in the URL). */
export function StatisticsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('stats.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = useApiQuery<StatisticsOverview>(`/api/statistics${filtersQuery(filters)}`);
  return (
    <>
      <h1>{t('stats.title')}</h1>
      <Filters
        key={params.toString()}
        initial={filters}
        onApply={(next) => setParams(new URLSearchParams(filtersQuery(next)))}
      />
      {query.isPending && (
        <p className="muted" role="status" data-testid="stats-loading">
          {t('common.loading')}
        </p>
      )}
      {query.isError && <StatisticsError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && <Overview overview={query.data} filters={filters} />}
    </>
  );
}

function StatisticsError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  const badPeriod = error.code === 'VALIDATION_FAILED' && error.fields.some((field) => field.path === 'query.to');
  return (
    <div className="alert" role="alert" data-testid="stats-error" data-code={error.code}>
      <p>{badPeriod ? t('stats.badPeriod') : errorMessage(t, error.code)}</p>
      {!badPeriod && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function Filters({ initial, onApply }: { initial: StatisticsQuery; onApply: (filters: StatisticsQuery) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [region, setRegion] = useState(initial.region ?? '');
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ from: from || undefined, to: to || undefined, region: region || undefined });
  };
  return (
    <form className="card form filters" onSubmit={submit} aria-label={t('stats.filters')} data-testid="stats-filters">
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('stats.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="stats-from"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('stats.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="stats-to"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('stats.region')}</label>
          <TermSelect
            id={`${id}-region`}
            vocabulary="region"
            empty="any"
            parentsSelectable
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            testId="stats-region"
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" data-testid="stats-apply">
          {t('stats.apply')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onApply({})} data-testid="stats-clear">
          {t('stats.clear')}
        </button>
      </div>
    </form>
  );
}

function Overview({ overview, filters }: { overview: StatisticsOverview; filters: StatisticsQuery }) {
  const { t } = useTranslation();
  if (overview.figures.every((figure) => figure.total === 0)) {
    return (
      <p className="card" data-testid="stats-empty">
        {t('stats.empty')}
      </p>
    );
  }
  const time = overview.timeToOutcome;
  return (
    <>
      <section className="card" aria-labelledby="time-to-outcome-heading" data-testid="time-to-outcome">
        <h2 id="time-to-outcome-heading">{t('stats.timeToOutcome')}</h2>
        {time.cases === 0 || time.medianDays === null ? (
          <p>{t('stats.noOutcomes')}</p>
        ) : (
          <dl className="facts">
            <Fact label={t('stats.outcomeCases')} value={time.cases} testId="tto-cases" />
            <Fact label={t('stats.lowerQuartileDays')} value={time.lowerQuartileDays} testId="tto-lower" />
            <Fact label={t('stats.medianDays')} value={time.medianDays} testId="tto-median" />
            <Fact label={t('stats.upperQuartileDays')} value={time.upperQuartileDays} testId="tto-upper" />
          </dl>
        )}
      </section>
      {overview.figures.map((figure) => (
        <FigureCard key={figure.figure} figure={figure} filters={filters} />
      ))}
    </>
  );
}

function Fact({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  const { i18n } = useTranslation();
  const shown =
    value === null ? '—' : new Intl.NumberFormat(i18n.resolvedLanguage, { maximumFractionDigits: 1 }).format(value);
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{shown}</dd>
    </div>
  );
}
