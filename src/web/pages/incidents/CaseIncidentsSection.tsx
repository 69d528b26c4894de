import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiDelete, apiPut } from '../../api/client.js';
import { incidentsPath, type IncidentList } from '../../api/incidents.js';
import { useInvalidate } from '../../api/query.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDatedText } from './dated.js';
import { IncidentPick } from './IncidentLinks.js';

/**
 * The case page's incidents: those linked to the case, and for coordinators
 * linking an existing one, taking a link away, and recording a new one
 * already linked to the case.
 */
export function CaseIncidentsSection({ caseId, canEdit }: { caseId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const linked = useApiGet<IncidentList>(incidentsPath({ caseId, limit: '100' }));
  const all = useApiGet<IncidentList>(canEdit ? '/api/incidents?limit=100' : null);
  const period = useDatedText();
  const { pending, failure, run } = useSubmit();
  async function change(method: 'PUT' | 'DELETE', incidentId: string) {
    const call = method === 'PUT' ? apiPut : apiDelete;
    const done = await run(() => call(`/api/incidents/${incidentId}/cases/${caseId}`).then(() => true));
    if (done) {
      void invalidate('/api/incidents');
    }
  }
  const rows = linked.state.kind === 'ready' ? linked.state.data.incidents : [];
  const offered =
    all.state.kind === 'ready' ? all.state.data.incidents.filter((i) => !rows.some((row) => row.id === i.id)) : [];
  return (
    <section className="card" aria-labelledby="case-incidents-heading" data-testid="case-incidents">
      <h2 id="case-incidents-heading">{t('incidents.caseSection')}</h2>
      {linked.state.kind === 'ready' && rows.length === 0 && <p className="muted">{t('incidents.caseNone')}</p>}
      <ul className="stack">
        {rows.map((row) => (
          <li key={row.id} className="row wrap" data-testid="case-incident">
            <Link to={`/incidents/${row.id}`}>{row.title}</Link>
            <span className="muted">{period(row.start, row.end)}</span>
            {canEdit && (
              <button
                type="button"
                className="button-secondary"
                disabled={pending}
                onClick={() => void change('DELETE', row.id)}
                data-testid="case-incident-unlink"
              >
                {t('incidents.unlink')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormError failure={failure} />
      {canEdit && (
        <div className="row wrap">
          {offered.length > 0 && (
            <IncidentPick
              label={t('incidents.caseLinkPick')}
              offered={offered}
              disabled={pending}
              onLink={(id) => void change('PUT', id)}
              testId="case-incident"
            />
          )}
          <Link to={`/incidents/new?case=${encodeURIComponent(caseId)}`} data-testid="case-incident-new">
            {t('incidents.caseRecord')}
          </Link>
        </div>
      )}
    </section>
  );
}

/** The person page's incidents: those naming the person as a victim or a perpetrator, that the reader may see. */
export function PersonIncidentsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { state } = useApiGet<IncidentList>(incidentsPath({ personId, limit: '100' }));
  const period = useDatedText();
  if (state.kind !== 'ready') return null;
  return (
    <section className="card" aria-labelledby="person-incidents-heading" data-testid="person-incidents">
      <h2 id="person-incidents-heading">{t('incidents.personSection')}</h2>
      {state.data.incidents.length === 0 && <p className="muted">{t('incidents.personNoIncidents')}</p>}
      <ul className="stack">
        {state.data.incidents.map((row) => (
          <li key={row.id} className="row wrap" data-testid="person-incident">
            <Link to={`/incidents/${row.id}`}>{row.title}</Link>
            <span className="muted">{period(row.start, row.end)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
