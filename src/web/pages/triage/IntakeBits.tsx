import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Options, SelectField } from '../../components/forms.js';
import { URGENCIES, type IntakeStatus, type Urgency } from './intakeTypes.js';

const URGENCY_CLASS: Record<Urgency, string> = {
  low: 'badge',
  normal: 'badge badge-ok',
  high: 'badge badge-warn',
  critical: 'badge badge-bad',
};

/** The urgency as a coloured badge; the word carries the meaning, the colour only helps. */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <span className={URGENCY_CLASS[urgency]} data-urgency={urgency}>
      {t(`triage.urgencies.${urgency}`)}
    </span>
  );
}

export function StatusLabel({ status, testId }: { status: IntakeStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="badge" data-testid={testId} data-status={status}>
      {t(`triage.statuses.${status}`)}
    </span>
  );
}

/** How long a request has waited: "45 min", "3 h", "2 d". */
export function useAge() {
  const { t } = useTranslation();
  return (seconds: number): string => {
    const minutes = Math.max(0, Math.floor(seconds / 60));
    if (minutes < 60) return t('triage.ageMinutes', { n: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('triage.ageHours', { n: hours });
    return t('triage.ageDays', { n: Math.floor(hours / 24) });
  };
}

/** A request as a reader tells it from the others (never its id): how long it has waited and its first words. */
export function useRequestName() {
  const { t } = useTranslation();
  const age = useAge();
  return (row: { ageSeconds: number; preview: string }): string => {
    const words = row.preview.replace(/\s+/g, ' ').trim();
    const preview = Array.from(words).length <= 60 ? words : `${Array.from(words).slice(0, 59).join('')}…`;
    return t('triage.requestName', { age: age(row.ageSeconds), preview });
  };
}

/** A labelled select of the urgencies, worded; "Urgency" unless another label is given. */
export function UrgencyField({
  label,
  ...select
}: Omit<ComponentProps<typeof SelectField>, 'label' | 'children'> & { label?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField label={label ?? t('triage.urgency')} {...select}>
      <Options values={URGENCIES} label={(u) => t(`triage.urgencies.${u}`)} />
    </SelectField>
  );
}

/** Opening a case from a request that someone else triaged meanwhile: no second case, and where to see what became of it. */
export function RequestTriaged({ intakeId }: { intakeId: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" data-testid="case-new-conflict">
      <p>{t('caseFromRequest.conflict')}</p>
      <p>
        <Link to={`/triage/${encodeURIComponent(intakeId)}`}>{t('caseFromRequest.conflictLink')}</Link>
      </p>
    </div>
  );
}
