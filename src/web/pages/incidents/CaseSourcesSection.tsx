import { useTranslation } from 'react-i18next';
import type { CaseSources } from '../../api/incidents.js';
import { useApiGet } from '../../components/useApiGet.js';
import { SourceLine } from './SourcesSection.js';

/** The case page's sources: kind, outlet and title, day, and reliability in words. */
export function CaseSourcesSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { state } = useApiGet<CaseSources>(`/api/cases/${encodeURIComponent(caseId)}/sources`);
  if (state.kind !== 'ready') return null;
  return (
    <section className="card" aria-labelledby="case-sources-heading" data-testid="case-sources">
      <h2 id="case-sources-heading">{t('sources.caseSection')}</h2>
      {state.data.sources.length === 0 && <p className="muted">{t('sources.none')}</p>}
      <ul className="stack">
        {state.data.sources.map((source) => (
          <li key={source.id} data-testid="case-source" className="cell-stack">
            <SourceLine source={source} />
          </li>
        ))}
      </ul>
    </section>
  );
}
