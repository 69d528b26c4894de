import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, SourceSummary } from '../../api/incidents.js';
import { useDateFormat } from '../../components/format.js';
import { useTermLabel } from '../../vocab/terms.js';
import { OpenFormButton } from '../cases/CaseSections.js';
import { SourceForm } from './SourceForm.js';
import { SourcePick } from './SourcePick.js';

/** One source as a list shows it: kind, title or outlet, publication day, and its reliability in words. */
export function SourceLine({ source }: { source: SourceSummary }) {
  const { t } = useTranslation();
  const kindLabel = useTermLabel('source_kind');
  const reliabilityLabel = useTermLabel('reliability');
  const { date } = useDateFormat();
  const what = [source.outlet, source.title].filter((part) => part !== null).join(': ');
  return (
    <>
      <strong>{kindLabel(source.kind)}</strong>
      {what !== '' && ` · ${what}`}
      {source.publishedDate !== null && ` · ${date(source.publishedDate)}`}
      <span className="badge" data-testid="incident-source-reliability">
        {t('sources.reliabilityIs', { reliability: reliabilityLabel(source.reliability) })}
      </span>
    </>
  );
}

/** The incident's sources, and for coordinators a form to add one and a picker to link an existing one. */
export function SourcesSection({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <section className="card" aria-labelledby="incident-sources-heading">
      <h2 id="incident-sources-heading">{t('sources.heading')}</h2>
      {incident.sources.length === 0 && <p className="muted">{t('sources.none')}</p>}
      <ul className="stack">
        {incident.sources.map((source) => (
          <li key={source.id} data-testid="incident-source" className="cell-stack">
            <SourceLine source={source} />
          </li>
        ))}
      </ul>
      {canEdit && !adding && (
        <OpenFormButton label={t('sources.add')} testId="source-open" onOpen={() => setAdding(true)} />
      )}
      {canEdit && adding && <SourceForm incidentId={incident.id} onDone={() => setAdding(false)} />}
      {canEdit && <SourcePick incident={incident} />}
    </section>
  );
}
