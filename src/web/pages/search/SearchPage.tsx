import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_TYPES, type SearchResult, type SearchResults, type SearchType } from '../../../shared/cases.schema.js';
import type { Role } from '../../../shared/roles.js';
import type { ApiPath } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

/** The kinds of record a role's searches can reach (the server narrows each search by access again). */
export function searchTypesFor(role: Role): readonly SearchType[] {
  const cases = ['caseworker', 'lawyer', 'coordinator'].includes(role);
  const intake = ['intake', 'coordinator'].includes(role);
  return SEARCH_TYPES.filter((type) => (type === 'intake' ? intake : cases));
}

const FILTERS = ['q', 'types', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** Where a result leads: its case, the person, the incident, or the request in the queue. */
function linkOf(result: SearchResult): string | null {
  if (result.type === 'person') return `/people/${result.id}`;
  if (result.type === 'incident') return `/incidents/${result.id}`;
  if (result.type === 'intake') return `/triage/${result.id}`;
  return result.caseId === null ? null : `/cases/${result.caseId}`;
}

/** The search page: the query and filters live in the address, the results say where they matched. */
export function SearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('search.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const types = searchTypesFor(user.role);
  const [draft, setDraft] = useState<Record<Filter, string>>(
    () => Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<Filter, string>,
  );
  const q = (params.get('q') ?? '').trim();
  const query = new URLSearchParams();
  for (const key of [...FILTERS, 'cursor'] as const) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, value);
  }
  if (!query.has('types')) query.set('types', types.join(','));
  const path: ApiPath | null = q === '' ? null : `/api/search?${query.toString()}`;
  const { state, reload } = useApiGet<SearchResults>(path);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value.trim() !== '')));
  }
  const field = (key: Filter) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => {
      setDraft({ ...draft, [key]: event.target.value });
    },
  });
  const pageAt = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor === null) next.delete('cursor');
    else next.set('cursor', cursor);
    return `?${next.toString()}`;
  };

  return (
    <>
      <h1>{t('search.title')}</h1>
      <form className="card stack" role="search" onSubmit={submit}>
        <label>
          {t('search.query')}
          <input type="search" data-testid="search-query" maxLength={500} {...field('q')} />
        </label>
        <div className="row wrap">
          <label>
            {t('search.type')}
            <select data-testid="search-type" {...field('types')}>
              <option value="">{t('search.anyType')}</option>
              {types.map((type) => (
                <option key={type} value={type}>
                  {t(`search.types.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('search.from')}
            <input type="date" data-testid="search-from" {...field('from')} />
          </label>
          <label>
            {t('search.to')}
            <input type="date" data-testid="search-to" {...field('to')} />
          </label>
        </div>
        <button type="submit" data-testid="search-submit">
          {t('search.submit')}
        </button>
      </form>
      <section className="card" aria-labelledby="search-results-heading">
        <h2 id="search-results-heading">{t('search.results')}</h2>
        {path === null && <p className="muted">{t('search.emptyQuery')}</p>}
        {path !== null && <LoadStatus state={state} onRetry={reload} testId="search" />}
        {state.kind === 'ready' && path !== null && (
          <SearchResultList results={state.data} pageAt={pageAt} first={params.has('cursor')} />
        )}
      </section>
    </>
  );
}

function SearchResultList({
  results,
  pageAt,
  first,
}: {
  results: SearchResults;
  pageAt: (cursor: string | null) => string;
  first: boolean;
}) {
  const { t } = useTranslation();
  if (results.results.length === 0) return <p className="muted">{t('search.empty')}</p>;
  return (
    <>
      <p data-testid="search-count">
        {results.totalCapped
          ? t('search.countCapped', { count: results.total })
          : t('search.count', { count: results.total })}
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('search.caseNumber')}</th>
            <th scope="col">{t('search.found')}</th>
            <th scope="col">{t('search.titleColumn')}</th>
            <th scope="col">{t('search.matchedIn')}</th>
          </tr>
        </thead>
        <tbody>
          {results.results.map((result) => {
            const to = linkOf(result);
            const text = result.title ?? t('search.noTitle');
            return (
              <tr key={`${result.type}:${result.id}`} data-testid="search-result" data-type={result.type}>
                <td data-label={t('search.caseNumber')}>{result.caseNumber ?? '—'}</td>
                <td data-label={t('search.found')}>{t(`search.types.${result.type}`)}</td>
                <td data-label={t('search.titleColumn')}>{to === null ? text : <Link to={to}>{text}</Link>}</td>
                <td data-label={t('search.matchedIn')} data-testid="search-matched-in">
                  {result.matchedIn.map((place) => t(`search.matched.${place}`)).join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="row wrap">
        {first && (
          <Link to={pageAt(null)} data-testid="search-first">
            {t('search.first')}
          </Link>
        )}
        {results.nextCursor !== null && (
          <Link to={pageAt(results.nextCursor)} data-testid="search-next">
            {t('search.next')}
          </Link>
        )}
      </p>
    </>
  );
}
