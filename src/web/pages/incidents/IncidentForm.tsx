import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { INCIDENT_DESCRIPTION_MAX, INCIDENT_TITLE_MAX } from '../../../shared/incidents.schema.js';
import { apiGet, apiPost, apiPut } from '../../api/client.js';
import type { Incident } from '../../api/incidents.js';
import { apiKey, useInvalidate } from '../../api/query.js';
import { FormError, SubmitButton, TextAreaField, TextField, useSchemaForm } from '../../components/forms.js';
import { ActsFields } from './ActFields.js';
import { DatedFields, TermPick, type Bind } from './FormBits.js';
import { createForm, updateForm, valuesOf, type IncidentFormValues } from './incident-form.js';
import { PerpetratorsFields } from './PerpetratorFields.js';

/**
 * Records an incident in one form (coordinators): what, when and where, its
 * acts with their victims, and its perpetrators; `editing` edits that one
 * from its version. A CONFLICT keeps what was typed and offers to load the
 * other edit instead; the server's field errors show at their fields.
 */
export function IncidentForm({ initial, editing }: { initial: IncidentFormValues; editing: Incident | null }) {
  const schema: z.ZodType<z.output<typeof createForm> | z.output<typeof updateForm>, IncidentFormValues> =
    editing === null ? createForm : updateForm;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  const { form, field, formProps, pending, formFailure, run, clear } = useSchemaForm(schema, initial);
  const bind: Bind = (name, options) => field(name, options);

  async function save(body: z.output<typeof createForm> | z.output<typeof updateForm>) {
    const saved = await run(() =>
      editing === null
        ? apiPost<Incident>('/api/incidents', body)
        : apiPut<Incident>(`/api/incidents/${editing.id}`, body),
    );
    if (saved === undefined) return;
    // The page shows what was saved at once, not the version it was edited from while it refetches.
    queryClient.setQueryData(apiKey(`/api/incidents/${saved.id}`), saved);
    void invalidate('/api/incidents', '/api/cases/');
    void navigate(`/incidents/${saved.id}`);
  }
  async function loadTheirs() {
    if (editing === null) return;
    void invalidate(`/api/incidents/${editing.id}`);
    const fresh = await run(() => apiGet<Incident>(`/api/incidents/${editing.id}`));
    if (fresh !== undefined) {
      form.reset(valuesOf(fresh));
      clear();
    }
  }
  const conflict = formFailure?.code === 'CONFLICT';
  return (
    <form className="card form" {...formProps(save)} data-testid="incident-form">
      {conflict ? (
        <div className="alert" role="alert" data-testid="incident-conflict">
          <p>{t('incidents.conflict')}</p>
          <button type="button" onClick={() => void loadTheirs()} data-testid="incident-conflict-reload">
            {t('incidents.conflictReload')}
          </button>
        </div>
      ) : (
        <FormError failure={formFailure} />
      )}
      <TextField
        label={t('incidents.incidentTitle')}
        maxLength={INCIDENT_TITLE_MAX}
        {...field('title')}
        testId="incident-form-title"
      />
      <TextAreaField
        label={t('incidents.description')}
        rows={5}
        maxLength={INCIDENT_DESCRIPTION_MAX}
        {...field('description')}
        testId="incident-form-description"
      />
      <div className="row wrap">
        <DatedFields form={form} bind={bind} at="start" legend={t('incidents.start')} testId="incident-form-start" />
        <DatedFields form={form} bind={bind} at="end" legend={t('incidents.end')} testId="incident-form-end" />
      </div>
      <TermPick
        label={t('incidents.place')}
        vocabulary="place"
        empty="none"
        parentsSelectable
        testId="incident-form-place"
        {...field('place')}
      />
      <TermPick
        label={t('incidents.region')}
        vocabulary="region"
        empty="none"
        testId="incident-form-region"
        {...field('region')}
      />
      <TermPick
        label={t('incidents.confidentiality')}
        vocabulary="confidentiality"
        testId="incident-form-confidentiality"
        {...field('confidentiality')}
      />
      <ActsFields form={form} bind={bind} />
      <PerpetratorsFields form={form} bind={bind} />
      <SubmitButton
        pending={pending}
        label={editing === null ? t('incidents.save') : t('incidents.saveEdit')}
        testId="incident-form-submit"
      />
    </form>
  );
}
