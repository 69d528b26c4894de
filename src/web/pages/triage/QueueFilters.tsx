import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Options, SelectField } from '../../components/forms.js';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { AssigneeField } from './AssigneeSelect.js';
import { INTAKE_STATUSES, URGENCIES } from './intakeTypes.js';
import type { QueueFilter, QueueView } from './queueView.js';

interface QueueFiltersProps {
  view: QueueView;
  onChange: (key: QueueFilter, value: string) => void;
}

/** The queue's filters, every one a picker: status, urgency, region (under its federal district), channel, assignee. */
export function QueueFilters({ view, onChange }: QueueFiltersProps) {
  const { t } = useTranslation();
  const picker = (key: QueueFilter) => ({
    value: view.filters[key] ?? '',
    onChange: (event: { target: { value: string } }) => onChange(key, event.target.value),
    testId: `triage-filter-${key}`,
  });
  return (
    <form className="card filter-grid" role="search" aria-label={t('triage.filters')}>
      <SelectField label={t('triage.status')} {...picker('status')}>
        <option value="">{t('triage.statusOpen')}</option>
        <Options values={INTAKE_STATUSES} label={(s) => t(`triage.statuses.${s}`)} />
      </SelectField>
      <SelectField label={t('triage.urgency')} {...picker('urgency')}>
        <option value="">{t('triage.any')}</option>
        <Options values={URGENCIES} label={(u) => t(`triage.urgencies.${u}`)} />
      </SelectField>
      <TermFilter label={t('triage.region')} vocabulary="region" {...picker('region')} />
      <TermFilter label={t('triage.channel')} vocabulary="channel" {...picker('channel')} />
      <AssigneeField label={t('triage.assignee')} anyChoice {...picker('assignee')} />
    </form>
  );
}

function TermFilter({
  label,
  vocabulary,
  ...select
}: {
  label: string;
  vocabulary: Vocabulary;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <TermSelect id={id} vocabulary={vocabulary} empty="any" {...select} />
    </div>
  );
}
