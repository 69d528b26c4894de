import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CaseList } from '../../api/cases.js';
import type { ApiPath } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

const FILTERS = ['q', 'type', 'stage', 'region', 'open'] as const;

/** The cases one may see, with a search box and filters kept in the address. */
export function CasesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])));
  const query = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, value);
  }
  const path: ApiPath = `/api/cases${query.size > 0 ? `?${query.toString()}` : ''}`;
  const { state, reload } = useApiGet<CaseList>(path);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== '')));
  }
  const field = (key: (typeof FILTERS)[number]) => ({
    value: draft[key] ?? '',
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <>
      <h1>{t('cases.title')}</h1>
      {user.role === 'coordinator' && (
        <p>
          <Link to="/cases/new" data-testid="case-new-link">
            {t('cases.newCase')}
          </Link>
        </p>
      )}
      <form className="card stack" role="search" onSubmit={submit}>
        <label>
          {t('cases.search')}
          <input type="search" data-testid="cases-search" {...field('q')} />
        </label>
        <div className="row wrap">
          <label>
            {t('cases.type')}
            <input data-testid="cases-filter-type" {...field('type')} />
          </label>
          <label>
            {t('cases.stage')}
            <input data-testid="cases-filter-stage" {...field('stage')} />
          </label>
          <label>
            {t('cases.region')}
            <input data-testid="cases-filter-region" {...field('region')} />
          </label>
          <label>
            {t('cases.state')}
            <select data-testid="cases-filter-open" {...field('open')}>
              <option value="">{t('cases.any')}</option>
              <option value="true">{t('cases.open')}</option>
              <option value="false">{t('cases.closed')}</option>
            </select>
          </label>
        </div>
        <button type="submit" data-testid="cases-search-submit">
          {t('cases.searchSubmit')}
        </button>
      </form>
      <section className="card">
        <LoadStatus state={state} onRetry={reload} testId="cases" />
        {state.kind === 'ready' && state.data.cases.length === 0 && <p className="muted">{t('cases.empty')}</p>}
        {state.kind === 'ready' && state.data.cases.length > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.number')}</th>
                <th scope="col">{t('cases.caseTitle')}</th>
                <th scope="col">{t('cases.stage')}</th>
                <th scope="col">{t('cases.opened')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.cases.map((row) => (
                <tr key={row.id} data-testid="case-row" data-case-id={row.id}>
                  <td data-label={t('cases.number')}>
                    <Link to={`/cases/${row.id}`}>{row.number}</Link>
                  </td>
                  <td data-label={t('cases.caseTitle')}>{row.title}</td>
                  <td data-label={t('cases.stage')}>{row.stage}</td>
                  <td data-label={t('cases.opened')}>{row.openedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
