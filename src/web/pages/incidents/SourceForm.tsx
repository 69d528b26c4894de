import { useTranslation } from 'react-i18next';
import { sourceBody } from '../../../shared/sources.schema.js';
import { apiPost } from '../../api/client.js';
import type { Source, SourceInput } from '../../api/incidents.js';
import { useInvalidate } from '../../api/query.js';
import {
  AS_TYPED,
  FieldMessage,
  FormError,
  serverFieldMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  useSchemaForm,
} from '../../components/forms.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { nullIfEmpty, TermField } from '../cases/TermField.js';
import { PersonPicker } from './PersonPicker.js';

/** Languages a media report is commonly in, as ISO 639-1 codes worded by i18n. */
const LANGUAGES = ['ru', 'uk', 'en', 'be', 'kk', 'ky', 'tg', 'uz'] as const;

/**
 * A new source for an incident (and the cases it comes with): its kind and
 * reliability, then what that kind needs. The address of a media report is
 * kept as text; nothing here fetches or previews it.
 */
export function SourceForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const { form, field, formProps, pending, failure, formFailure, run } = useSchemaForm(
    sourceBody,
    {
      kind: 'media_report',
      reliability: 'unknown',
      incidentIds: [incidentId],
    },
    { messages: { outlet: 'sources.outletOrUrl', url: 'sources.urlShape' } },
  );
  const kind = form.watch('kind');
  const personId = form.watch('personId') ?? null;
  const languageLabel = (code: string) => t(`incidents.languages.${code as (typeof LANGUAGES)[number]}`);
  async function save(body: SourceInput) {
    const made = await run(() => apiPost<Source>('/api/sources', body));
    if (made === undefined) return;
    void invalidate(`/api/incidents/${incidentId}`, '/api/cases/');
    onDone();
  }
  const text = (name: 'outlet' | 'url' | 'title' | 'description') => field(name, nullIfEmpty);
  return (
    <form className="stack" {...formProps(save)} data-testid="source-form">
      <FormError failure={formFailure} />
      <div className="row wrap">
        <TermField id="source-kind" label={t('sources.kind')} vocabulary="source_kind" {...form.register('kind')} />
        <TermField
          id="source-reliability"
          label={t('sources.reliability')}
          vocabulary="reliability"
          {...form.register('reliability')}
        />
      </div>
      {kind === 'media_report' && (
        <>
          <TextField label={t('sources.outlet')} maxLength={200} {...text('outlet')} testId="source-outlet" />
          <TextField
            label={t('sources.url')}
            hint={t('sources.urlHint')}
            type="url"
            maxLength={2000}
            {...AS_TYPED}
            {...text('url')}
            testId="source-url"
          />
          <TextField label={t('sources.title')} maxLength={500} {...text('title')} testId="source-title" />
          <div className="row wrap">
            <TextField
              label={t('sources.published')}
              type="date"
              {...field('publishedDate', nullIfEmpty)}
              testId="source-published"
            />
            <div className="field">
              <label htmlFor="source-language">{t('sources.language')}</label>
              <select id="source-language" data-testid="source-language" {...form.register('language', nullIfEmpty)}>
                <option value="">{t('terms.none')}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageLabel(code)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </>
      )}
      {kind === 'testimony' && (
        <>
          <PersonPicker
            label={t('sources.witness')}
            testId="source-person"
            value={personId}
            onChange={(id) => form.setValue('personId', id, { shouldValidate: form.formState.isSubmitted })}
            error={form.formState.errors.personId === undefined ? undefined : t('sources.witnessNeeded')}
          />
          <div className="field">
            <label htmlFor="source-basis">{t('sources.basis')}</label>
            <TermSelect
              id="source-basis"
              testId="source-basis"
              vocabulary="knowledge_basis"
              empty="none"
              {...form.register('knowledgeBasis', nullIfEmpty)}
            />
            <FieldMessage id="source-basis-error" serverError={serverFieldMessage(failure, 'knowledgeBasis')} />
          </div>
        </>
      )}
      {kind !== 'media_report' && (
        <>
          {kind !== 'testimony' && (
            <TextField label={t('sources.title')} maxLength={500} {...text('title')} testId="source-title" />
          )}
          <TextAreaField
            label={t('sources.description')}
            rows={4}
            {...text('description')}
            testId="source-description"
          />
        </>
      )}
      <SubmitButton pending={pending} label={t('sources.add')} testId="source-submit">
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </SubmitButton>
    </form>
  );
}
