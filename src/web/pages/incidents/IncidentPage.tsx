import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Incident } from '../../api/incidents.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';
import { EvidenceSection } from '../evidence/EvidenceSection.js';
import { useDatedText } from './dated.js';
import { IncidentLinks } from './IncidentLinks.js';
import { ActsList, PerpetratorsList } from './IncidentParts.js';
import { SourcesSection } from './SourcesSection.js';

/** `/incidents/:incidentId`: what happened, when and where, the acts and who did them, links and sources. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const { user } = useSession();
  const { state, reload } = useApiGet<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}`);
  // Never the title: it is sealed text, and a window title reaches browser history and screen shares.
  useDocumentTitle(t('incidents.title'));
  const period = useDatedText();
  const placeLabel = useTermLabel('place');
  const regionLabel = useTermLabel('region');
  const levelLabel = useTermLabel('confidentiality');
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="incident" />;
  const incident = state.data;
  const canEdit = user.role === 'coordinator';
  return (
    <>
      <p>
        <Link to="/incidents">{t('incidents.backToList')}</Link>
      </p>
      <h1 data-testid="incident-title">{incident.title}</h1>
      {canEdit && (
        <p>
          <Link to={`/incidents/${incident.id}/edit`} data-testid="incident-edit-link">
            {t('incidents.edit')}
          </Link>
        </p>
      )}
      <div className="stack">
        <section className="card">
          <dl className="details">
            <dt>{t('incidents.period')}</dt>
            <dd data-testid="incident-period">{period(incident.start, incident.end)}</dd>
            <dt>{t('incidents.place')}</dt>
            <dd data-testid="incident-place">{placeLabel(incident.place)}</dd>
            <dt>{t('incidents.region')}</dt>
            <dd>{regionLabel(incident.region)}</dd>
            <dt>{t('incidents.confidentiality')}</dt>
            <dd data-testid="incident-confidentiality">{levelLabel(incident.confidentiality)}</dd>
          </dl>
          {incident.description !== null && (
            <p className="pre-wrap" data-testid="incident-description">
              {incident.description}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="incident-acts-heading">
          <h2 id="incident-acts-heading">{t('incidents.acts')}</h2>
          <ActsList acts={incident.acts} />
        </section>
        <section className="card" aria-labelledby="incident-perpetrators-heading">
          <h2 id="incident-perpetrators-heading">{t('incidents.perpetrators')}</h2>
          <PerpetratorsList perpetrators={incident.perpetrators} />
        </section>
        <IncidentLinks incident={incident} canEdit={canEdit} />
        <SourcesSection incident={incident} canEdit={canEdit} />
        <EvidenceSection owner={{ kind: 'incident', id: incident.id }} />
      </div>
    </>
  );
}
