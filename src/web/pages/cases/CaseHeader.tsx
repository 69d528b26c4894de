import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES } from '../../../shared/intake.schema.js';
import { updateCaseBody, type CaseDetail } from '../../../shared/cases.schema.js';
import { apiPatch } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { FormError, Options, SelectField, useSchemaForm } from '../../components/forms.js';
import { useDateFormat } from '../../components/format.js';
import { OptionalTermFields, TermField } from './TermField.js';
import { useTermLabel } from '../../vocab/terms.js';
import { OpenFormButton } from './CaseSections.js';

interface CaseHeaderProps {
  detail: CaseDetail;
  /** Reading only (break-glass): no edit form. */
  readOnly: boolean;
  onChanged: () => void;
}

/** The case at a glance: number, title, type, stage, urgency, region, assignees and how long it has been open. */
export function CaseHeader({ detail, readOnly, onChanged }: CaseHeaderProps) {
  const { t } = useTranslation();
  const typeLabel = useTermLabel('case_type');
  const stageLabel = useTermLabel('stage');
  const regionLabel = useTermLabel('region');
  const { dateTime, relative, date } = useDateFormat();
  const [editing, setEditing] = useState(false);
  return (
    <header className="stack">
      <h1>
        <span data-testid="case-number">{detail.number}</span> {detail.title}
      </h1>
      {detail.summary !== null && <p className="pre-wrap">{detail.summary}</p>}
      <section className="card" aria-labelledby="case-facts-heading">
        <h2 id="case-facts-heading" className="visually-hidden">
          {t('casePage.facts')}
        </h2>
        <dl className="facts" data-testid="case-facts">
          <div>
            <dt>{t('casePage.type')}</dt>
            <dd data-testid="case-type">{typeLabel(detail.type)}</dd>
          </div>
          <div>
            <dt>{t('casePage.stage')}</dt>
            <dd data-testid="case-stage" data-stage={detail.stage}>
              {stageLabel(detail.stage)}
            </dd>
          </div>
          <div>
            <dt>{t('casePage.urgency')}</dt>
            <dd data-testid="case-urgency" data-urgency={detail.urgency}>
              {t(`triage.urgencies.${detail.urgency}`)}
            </dd>
          </div>
          <div>
            <dt>{t('casePage.region')}</dt>
            <dd data-testid="case-region">{regionLabel(detail.region)}</dd>
          </div>
          <div>
            <dt>{t('casePage.opened')}</dt>
            <dd data-testid="case-opened">
              {dateTime(detail.openedAt)} ({relative(detail.openedAt)})
              {detail.closedAt !== null && <> · {t('casePage.closedOn', { date: date(detail.closedAt) })}</>}
            </dd>
          </div>
          <div>
            <dt>{t('casePage.assignees')}</dt>
            <dd data-testid="case-assignees">
              {detail.assignees.length === 0
                ? t('cases.nobody')
                : detail.assignees.map((a) => `${a.username} (${t(`roles.${a.role}`)})`).join(', ')}
            </dd>
          </div>
        </dl>
        {!readOnly &&
          (editing ? (
            <CaseFieldsForm
              detail={detail}
              onDone={(changed) => {
                setEditing(false);
                if (changed) onChanged();
              }}
            />
          ) : (
            <OpenFormButton label={t('casePage.edit')} testId="case-edit-open" onOpen={() => setEditing(true)} />
          ))}
      </section>
    </header>
  );
}

/** Type, region and urgency, over the server's own schema of PATCH /api/cases/:caseId. */
function CaseFieldsForm({ detail, onDone }: { detail: CaseDetail; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const { form, field, formProps, failure, pending, run } = useSchemaForm(updateCaseBody, {
    type: detail.type,
    region: detail.region ?? '',
    urgency: detail.urgency,
  });
  const save = async (values: { type?: string; region?: string | null; urgency?: string }) => {
    const ok = await run(() => apiPatch(`/api/cases/${detail.id}`, values).then(() => true));
    if (ok) {
      await invalidate('/api/cases');
      onDone(true);
    }
  };
  return (
    <form className="stack" {...formProps(save)} data-testid="case-edit-form">
      <FormError failure={failure} />
      <div className="row wrap">
        <TermField id="case-edit-type" label={t('casePage.type')} vocabulary="case_type" {...form.register('type')} />
        <OptionalTermFields
          form={form}
          fields={[{ name: 'region', vocabulary: 'region', label: t('casePage.region'), id: 'case-edit-region' }]}
        />
        <SelectField label={t('casePage.urgency')} testId="case-edit-urgency" {...field('urgency')}>
          <Options values={URGENCIES} label={(value) => t(`triage.urgencies.${value}`)} />
        </SelectField>
      </div>
      <div className="row wrap">
        <button type="submit" disabled={pending} data-testid="case-edit-submit">
          {t('casePage.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(false)}>
          {t('casePage.cancel')}
        </button>
      </div>
    </form>
  );
}
