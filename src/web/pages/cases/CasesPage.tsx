import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  CASE_SORTS,
  createSavedFilterBody,
  savedFilterValues,
  type CaseSort,
  type SavedFilterList,
  type SavedFilterValues,
} from '../../../shared/cases.schema.js';
import type { CaseList } from '../../api/cases.js';
import { apiDelete, apiPost, type ApiPath } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { useSession } from '../../auth/AuthContext.js';
import { useDateFormat } from '../../components/format.js';
import { FormError, TextField, useSchemaForm } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { useTermLabel } from '../../vocab/terms.js';

/** The list's filters and order, kept in the address (and in saved filters, all but the words searched). */
const FILTERS = ['q', 'type', 'stage', 'region', 'open', 'sort', 'dir'] as const;
type Filter = (typeof FILTERS)[number];
const PICKED = ['type', 'stage', 'region'] as const;
const SAVED_FILTERS: ApiPath = '/api/saved-filters';

/** The address's filters as a saved filter keeps them: only values the schema accepts. */
function savedValuesOf(params: URLSearchParams): SavedFilterValues {
  const values = Object.fromEntries(
    FILTERS.filter((key) => key !== 'q' && params.get(key)).map((key) => [key, params.get(key)]),
  );
  const parsed = savedFilterValues.safeParse(values);
  return parsed.success ? parsed.data : {};
}

/** The cases one may see: filters as pickers, columns that sort on the server, saved filters. */
export function CasesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])));
  const query = new URLSearchParams();
  for (const key of [...FILTERS, 'cursor'] as const) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, value);
  }
  const path: ApiPath = `/api/cases${query.size > 0 ? `?${query.toString()}` : ''}`;
  const { state, reload } = useApiGet<CaseList>(path);
  const searching = (params.get('q') ?? '') !== '';

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== '')));
  }
  const field = (key: Filter) => ({
    value: draft[key] ?? '',
    onChange: (event: { target: { value: string } }) => {
      setDraft({ ...draft, [key]: event.target.value });
    },
  });
  const withParams = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    for (const [key, value] of Object.entries(change)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    return `?${next.toString()}`;
  };

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
      <SavedFilters current={savedValuesOf(params)} />
      <form className="card stack" role="search" onSubmit={submit}>
        <label>
          {t('cases.search')}
          <input type="search" data-testid="cases-search" {...field('q')} />
        </label>
        <div className="row wrap">
          {PICKED.map((key) => (
            <label key={key}>
              {t(`cases.${key}`)}
              <TermSelect
                vocabulary={key === 'type' ? 'case_type' : key}
                empty="any"
                testId={`cases-filter-${key}`}
                {...field(key)}
              />
            </label>
          ))}
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
          <>
            {searching && <p className="muted">{t('cases.sortedByRelevance')}</p>}
            <CaseTable list={state.data} sortable={!searching} params={params} withParams={withParams} />
            {state.data.nextCursor !== null && (
              <p>
                <Link to={withParams({ cursor: state.data.nextCursor })} data-testid="cases-next">
                  {t('cases.nextPage')}
                </Link>
              </p>
            )}
            {params.has('cursor') && (
              <p>
                <Link to={withParams({})} data-testid="cases-first">
                  {t('cases.firstPage')}
                </Link>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}

const COLUMNS: readonly { key: CaseSort | 'title'; label: 'number' | 'caseTitle' | 'stage' | 'region' | 'opened' }[] = [
  { key: 'number', label: 'number' },
  { key: 'title', label: 'caseTitle' },
  { key: 'stage', label: 'stage' },
  { key: 'region', label: 'region' },
  { key: 'opened', label: 'opened' },
];

function CaseTable({
  list,
  sortable,
  params,
  withParams,
}: {
  list: CaseList;
  sortable: boolean;
  params: URLSearchParams;
  withParams: (change: Record<string, string | null>) => string;
}) {
  const { t } = useTranslation();
  const stageLabel = useTermLabel('stage');
  const regionLabel = useTermLabel('region');
  const { date } = useDateFormat();
  const sort = (params.get('sort') ?? 'opened') as CaseSort;
  const dir = params.get('dir') ?? (sort === 'opened' ? 'desc' : 'asc');
  return (
    <table className="data-table">
      <thead>
        <tr>
          {COLUMNS.map(({ key, label }) => {
            const sortsBy = (CASE_SORTS as readonly string[]).includes(key) && sortable;
            const active = sortsBy && key === sort;
            return (
              <th key={key} scope="col" aria-sort={active ? (dir === 'desc' ? 'descending' : 'ascending') : undefined}>
                {sortsBy ? (
                  <Link
                    to={withParams({ sort: key, dir: active && dir === 'asc' ? 'desc' : 'asc' })}
                    data-testid={`cases-sort-${key}`}
                  >
                    {t(`cases.${label}`)}
                    {active && <span aria-hidden="true">{dir === 'desc' ? ' ↓' : ' ↑'}</span>}
                  </Link>
                ) : (
                  t(`cases.${label}`)
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {list.cases.map((row) => (
          <tr key={row.id} data-testid="case-row" data-case-id={row.id}>
            <td data-label={t('cases.number')}>
              <Link to={`/cases/${row.id}`}>{row.number}</Link>
            </td>
            <td data-label={t('cases.caseTitle')}>{row.title}</td>
            <td data-label={t('cases.stage')}>{stageLabel(row.stage)}</td>
            <td data-label={t('cases.region')}>{row.region === null ? '—' : regionLabel(row.region)}</td>
            <td data-label={t('cases.opened')}>{date(row.openedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const nameSchema = createSavedFilterBody.pick({ name: true });

/** The user's saved filters as links, each with a delete button, and a form that saves the filters in use. */
function SavedFilters({ current }: { current: SavedFilterValues }) {
  const { t } = useTranslation();
  const { state, reload } = useApiGet<SavedFilterList>(SAVED_FILTERS);
  const invalidate = useInvalidate();
  const { form, field, formProps, pending, failure, run } = useSchemaForm(nameSchema, { name: '' });
  const [deleting, setDeleting] = useState<string | null>(null);
  const save = async ({ name }: { name: string }) => {
    const saved = await run(() => apiPost(SAVED_FILTERS, { name, filters: current }));
    if (saved === undefined) return;
    form.reset();
    await invalidate(SAVED_FILTERS);
  };
  const remove = async (id: string) => {
    setDeleting(id);
    await run(() => apiDelete(`${SAVED_FILTERS}/${id}`));
    setDeleting(null);
    await invalidate(SAVED_FILTERS);
  };
  return (
    <section className="card stack" aria-labelledby="saved-filters-heading">
      <h2 id="saved-filters-heading">{t('cases.savedFilters')}</h2>
      <LoadStatus state={state} onRetry={reload} testId="saved-filters" />
      {state.kind === 'ready' && state.data.filters.length === 0 && (
        <p className="muted">{t('cases.noSavedFilters')}</p>
      )}
      {state.kind === 'ready' && state.data.filters.length > 0 && (
        <ul className="stack" data-testid="saved-filters">
          {state.data.filters.map((saved) => (
            <li key={saved.id} className="row wrap" data-testid="saved-filter">
              <Link to={`?${new URLSearchParams(saved.filters).toString()}`} data-testid="saved-filter-link">
                {saved.name}
              </Link>
              <button
                type="button"
                className="button-secondary"
                disabled={deleting === saved.id}
                onClick={() => void remove(saved.id)}
                data-testid="saved-filter-delete"
              >
                {t('cases.deleteSavedFilter', { name: saved.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" {...formProps(save)}>
        <FormError failure={failure} testId="saved-filter-error" />
        <TextField label={t('cases.savedFilterName')} testId="saved-filter-name" {...field('name')} />
        <button type="submit" disabled={pending} data-testid="saved-filter-save">
          {t('cases.saveFilter')}
        </button>
      </form>
    </section>
  );
}
