import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import type { CaseList } from '../../api/cases.js';
import { incidentsPath, type IncidentList } from '../../api/incidents.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { TableHead } from '../../components/TableHead.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { useTermLabel } from '../../vocab/terms.js';
import { useDatedText } from './dated.js';

/** The list's filters, kept in the address; each is a picker, never free text. */
const FILTERS = ['actType', 'place', 'unit', 'confidentiality', 'from', 'to', 'caseId'] as const;
type Filter = (typeof FILTERS)[number];
const PICKED: readonly { key: Filter; vocabulary: Vocabulary }[] = [
  { key: 'actType', vocabulary: 'act_type' },
  { key: 'place', vocabulary: 'place' },
  { key: 'unit', vocabulary: 'unit' },
  { key: 'confidentiality', vocabulary: 'confidentiality' },
];

/** `/incidents`: the incidents one may read, newest first, filtered by pickers, a page at a time. */
export function IncidentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])));
  const query = Object.fromEntries([...FILTERS, 'cursor'].map((key) => [key, params.get(key) ?? '']));
  const { state, reload } = useApiGet<IncidentList>(incidentsPath(query));
  const cases = useApiGet<CaseList>('/api/cases?limit=100');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== '')));
  }
  const field = (key: Filter) => ({
    value: draft[key] ?? '',
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  const page = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor === null) next.delete('cursor');
    else next.set('cursor', cursor);
    return `?${next.toString()}`;
  };
  return (
    <>
      <h1>{t('incidents.title')}</h1>
      {user.role === 'coordinator' && (
        <p>
          <Link to="/incidents/new" data-testid="incident-new-link">
            {t('incidents.record')}
          </Link>
        </p>
      )}
      <form className="card stack" role="search" onSubmit={submit} aria-label={t('incidents.filters')}>
        <div className="row wrap">
          {PICKED.map(({ key, vocabulary }) => (
            <label key={key}>
              {t(`incidents.filter.${key}`)}
              <TermSelect
                vocabulary={vocabulary}
                empty="any"
                parentsSelectable={vocabulary === 'place'}
                testId={`incidents-filter-${key}`}
                {...field(key)}
              />
            </label>
          ))}
          <label>
            {t('incidents.filter.from')}
            <input type="date" data-testid="incidents-filter-from" {...field('from')} />
          </label>
          <label>
            {t('incidents.filter.to')}
            <input type="date" data-testid="incidents-filter-to" {...field('to')} />
          </label>
          <label>
            {t('incidents.filter.caseId')}
            <select data-testid="incidents-filter-caseId" {...field('caseId')}>
              <option value="">{t('terms.any')}</option>
              {cases.state.kind === 'ready' &&
                cases.state.data.cases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.number} · {c.title}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <button type="submit" data-testid="incidents-filter-submit">
          {t('incidents.apply')}
        </button>
      </form>
      <section className="card">
        <LoadStatus state={state} onRetry={reload} testId="incidents" />
        {state.kind === 'ready' && state.data.incidents.length === 0 && (
          <p className="muted" data-testid="incidents-empty">
            {t('incidents.empty')}
          </p>
        )}
        {state.kind === 'ready' && state.data.incidents.length > 0 && <IncidentTable list={state.data} />}
        {state.kind === 'ready' && state.data.next !== null && (
          <p>
            <Link to={page(state.data.next)} data-testid="incidents-next">
              {t('incidents.nextPage')}
            </Link>
          </p>
        )}
        {params.has('cursor') && (
          <p>
            <Link to={page(null)} data-testid="incidents-first">
              {t('incidents.firstPage')}
            </Link>
          </p>
        )}
      </section>
    </>
  );
}

/** The page's rows: title, period in words, place, act types and confidentiality as labels. */
export function IncidentTable({ list }: { list: IncidentList }) {
  const { t } = useTranslation();
  const period = useDatedText();
  const placeLabel = useTermLabel('place');
  const actLabel = useTermLabel('act_type');
  const levelLabel = useTermLabel('confidentiality');
  const columns = ['incidentTitle', 'period', 'place', 'acts', 'confidentiality'] as const;
  return (
    <table className="data-table">
      <TableHead columns={columns.map((column) => t(`incidents.${column}`))} />
      <tbody>
        {list.incidents.map((row) => (
          <tr key={row.id} data-testid="incident-row" data-incident-id={row.id}>
            <td data-label={t('incidents.incidentTitle')}>
              <Link to={`/incidents/${row.id}`}>{row.title}</Link>
            </td>
            <td data-label={t('incidents.period')}>{period(row.start, row.end)}</td>
            <td data-label={t('incidents.place')}>{placeLabel(row.place)}</td>
            <td data-label={t('incidents.acts')}>{row.actTypes.map((code) => actLabel(code)).join(', ') || '—'}</td>
            <td data-label={t('incidents.confidentiality')}>{levelLabel(row.confidentiality)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
