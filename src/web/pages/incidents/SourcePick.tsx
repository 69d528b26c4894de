import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPut } from '../../api/client.js';
import type { Incident, SourceList, SourceSummary } from '../../api/incidents.js';
import { useInvalidate } from '../../api/query.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDateFormat } from '../../components/format.js';
import { useTermLabel } from '../../vocab/terms.js';

/**
 * Links an existing source to the incident (coordinators, who may see every
 * source): a search among the organization's newest hundred, those already
 * linked left out.
 */
export function SourcePick({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const kindLabel = useTermLabel('source_kind');
  const { date } = useDateFormat();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState('');
  const all = useApiGet<SourceList>('/api/sources?limit=100');
  const { pending, failure, run } = useSubmit();
  const linked = new Set(incident.sources.map((source) => source.id));
  const seen = new Set<string>();
  const offered: SourceSummary[] = [];
  const offer = (sources: SourceSummary[]) => {
    for (const source of sources) {
      if (linked.has(source.id) || seen.has(source.id)) continue;
      seen.add(source.id);
      offered.push(source);
    }
  };
  if (all.state.kind === 'ready') offer(all.state.data.sources);
  const words = (source: SourceSummary) =>
    [kindLabel(source.kind), source.outlet, source.title, source.publishedDate && date(source.publishedDate)]
      .filter((part) => part !== null)
      .join(' · ');
  const needle = search.trim().toLocaleLowerCase();
  const shown = offered.filter((source) => needle === '' || words(source).toLocaleLowerCase().includes(needle));
  async function link() {
    const done = await run(() => apiPut(`/api/incidents/${incident.id}/sources/${chosen}`).then(() => true));
    if (done) {
      setChosen('');
      void invalidate(`/api/incidents/${incident.id}`, '/api/cases/');
    }
  }
  return (
    <div className="stack" data-testid="source-pick">
      <div className="row wrap">
        <label>
          {t('sources.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="source-search" />
        </label>
        <label>
          {t('sources.pick')}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="source-pick-select">
            <option value="">{t('terms.none')}</option>
            {shown.map((source) => (
              <option key={source.id} value={source.id}>
                {words(source)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={pending || chosen === ''} onClick={() => void link()} data-testid="source-link">
          {t('sources.link')}
        </button>
      </div>
      <FormError failure={failure} />
    </div>
  );
}
