import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/cases.js';
import { apiDelete, apiPut } from '../../api/client.js';
import type { Incident, IncidentList } from '../../api/incidents.js';
import { useInvalidate } from '../../api/query.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';

/** A linked case by its number and title, linked to its page. */
function CaseName({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { state } = useApiGet<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  if (state.kind !== 'ready') return <span className="muted">{t('common.loading')}</span>;
  return (
    <Link to={`/cases/${caseId}`} data-testid="incident-case-link">
      {state.data.number} · {state.data.title}
    </Link>
  );
}

/** Another incident by its title, linked to its page. */
export function IncidentName({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const { state } = useApiGet<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}`);
  if (state.kind === 'failed') return <span className="muted">{t('incidents.hidden')}</span>;
  if (state.kind !== 'ready') return <span className="muted">{t('common.loading')}</span>;
  return <Link to={`/incidents/${incidentId}`}>{state.data.title}</Link>;
}

/** Linked cases, the incidents this one led to and followed from; coordinators record a "leads to". */
export function IncidentLinks({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const others = useApiGet<IncidentList>(canEdit ? '/api/incidents?limit=100' : null);
  const { pending, failure, run } = useSubmit();
  const path = `/api/incidents/${incident.id}` as const;
  async function change(method: 'PUT' | 'DELETE', otherId: string) {
    const call = method === 'PUT' ? apiPut : apiDelete;
    const done = await run(() => call(`${path}/leads-to/${otherId}`).then(() => true));
    if (done) {
      void invalidate('/api/incidents');
    }
  }
  const offered =
    others.state.kind === 'ready'
      ? others.state.data.incidents.filter((i) => i.id !== incident.id && !incident.leadsTo.includes(i.id))
      : [];
  return (
    <section className="card" aria-labelledby="incident-links-heading">
      <h2 id="incident-links-heading">{t('incidents.links')}</h2>
      <h3>{t('incidents.cases')}</h3>
      {incident.caseIds.length === 0 && <p className="muted">{t('incidents.noCases')}</p>}
      <ul>
        {incident.caseIds.map((caseId) => (
          <li key={caseId}>
            <CaseName caseId={caseId} />
          </li>
        ))}
      </ul>
      <h3>{t('incidents.leadsTo')}</h3>
      {incident.leadsTo.length === 0 && <p className="muted">{t('incidents.none')}</p>}
      <ul>
        {incident.leadsTo.map((id) => (
          <li key={id} data-testid="incident-leads-to" className="row wrap">
            <IncidentName incidentId={id} />
            {canEdit && (
              <button
                type="button"
                className="button-secondary"
                disabled={pending}
                onClick={() => void change('DELETE', id)}
              >
                {t('incidents.unlink')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('incidents.ledFrom')}</h3>
      {incident.ledFrom.length === 0 && <p className="muted">{t('incidents.none')}</p>}
      <ul>
        {incident.ledFrom.map((id) => (
          <li key={id} data-testid="incident-led-from">
            <IncidentName incidentId={id} />
          </li>
        ))}
      </ul>
      <FormError failure={failure} />
      {canEdit && offered.length > 0 && (
        <div className="row wrap">
          <IncidentPick
            label={t('incidents.leadsToPick')}
            offered={offered}
            disabled={pending}
            onLink={(id) => void change('PUT', id)}
            testId="incident-leads-to"
          />
        </div>
      )}
    </section>
  );
}

/** A select of incidents and the button that links the chosen one. */
export function IncidentPick({
  label,
  offered,
  disabled,
  onLink,
  testId,
}: {
  label: string;
  offered: IncidentList['incidents'];
  disabled: boolean;
  onLink: (incidentId: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  return (
    <>
      <label>
        {label}
        <select data-testid={`${testId}-pick`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('terms.none')}</option>
          {offered.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={disabled || chosen === ''}
        onClick={() => {
          onLink(chosen);
          setChosen('');
        }}
        data-testid={`${testId}-link`}
      >
        {t('incidents.link')}
      </button>
    </>
  );
}
