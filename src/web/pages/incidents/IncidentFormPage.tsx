import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import type { TermsResponse, Vocabulary } from '../../../shared/vocabularies.js';
import type { Incident } from '../../api/incidents.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { vocabularyPath } from '../../vocab/terms.js';
import { apiGet } from '../../api/client.js';
import { apiKey } from '../../api/query.js';
import { newValues, valuesOf } from './incident-form.js';
import { IncidentForm } from './IncidentForm.js';

/** The pickers the form fills: loaded before it takes its values (a select without its options drops them). */
const PICKERS: readonly Vocabulary[] = [
  'place',
  'region',
  'confidentiality',
  'date_precision',
  'act_type',
  'force',
  'service_category',
  'unit',
  'involvement',
];

function usePickersReady(): boolean {
  const loaded = useQueries({
    queries: PICKERS.map((vocabulary) => ({
      queryKey: apiKey(vocabularyPath(vocabulary)),
      queryFn: () => apiGet<TermsResponse>(vocabularyPath(vocabulary)),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  return loaded.every((query) => query.data !== undefined);
}

/** `/incidents/new` (`?case=<id>` links it to that case from the start). */
export function NewIncidentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.newTitle'));
  const [params] = useSearchParams();
  const ready = usePickersReady();
  return (
    <>
      <h1>{t('incidents.newTitle')}</h1>
      {ready ? (
        <IncidentForm initial={newValues(params.get('case'))} editing={null} />
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
    </>
  );
}

/** `/incidents/:incidentId/edit`: the incident's form from its current version. */
export function EditIncidentPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  useDocumentTitle(t('incidents.editTitle'));
  const ready = usePickersReady();
  const { state, reload } = useApiGet<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}`);
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="incident" />;
  return (
    <>
      <h1>{t('incidents.editTitle')}</h1>
      {ready ? (
        <IncidentForm key={state.data.id} initial={valuesOf(state.data)} editing={state.data} />
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
    </>
  );
}
