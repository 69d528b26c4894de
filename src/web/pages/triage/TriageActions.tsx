import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError, useSubmit } from '../../components/forms.js';
import {
  DECLINE_REASONS,
  URGENCIES,
  type DeclineReason,
  type IntakeDetail,
  type UpdateIntakeRequest,
  type Urgency,
} from './intakeTypes.js';

interface TriageActionsProps {
  request: IntakeDetail;
  /** Each throws on failure; the error is shown here. */
  onSave: (body: UpdateIntakeRequest) => Promise<void>;
  onDecline: (reason: DeclineReason) => Promise<void>;
}

/** Urgency and "in triage" for an open request, and declining it with a reason. */
export function TriageActions({ request, onSave, onDecline }: TriageActionsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [urgency, setUrgency] = useState<Urgency>(request.urgency);
  const [take, setTake] = useState(request.status === 'new');
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const { pending, failure, run } = useSubmit();

  const body: UpdateIntakeRequest = {};
  if (urgency !== request.urgency) body.urgency = urgency;
  if (take && request.status === 'new') body.status = 'in_triage';
  const nothingToSave = body.urgency === undefined && body.status === undefined;

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (nothingToSave) return;
    void run(() => onSave(body));
  }

  return (
    <div className="stack">
      <FormError failure={failure} testId="triage-error" />
      <form className="form" onSubmit={save}>
        <div className="field">
          <label htmlFor={`${id}-urgency`}>{t('triage.urgency')}</label>
          <select
            id={`${id}-urgency`}
            value={urgency}
            onChange={(e) => setUrgency(e.target.value as Urgency)}
            data-testid="triage-urgency"
          >
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`triage.urgencies.${u}`)}
              </option>
            ))}
          </select>
        </div>
        {request.status === 'new' && (
          <div className="checkbox">
            <input
              id={`${id}-take`}
              type="checkbox"
              checked={take}
              onChange={(e) => setTake(e.target.checked)}
              data-testid="triage-take"
            />
            <label htmlFor={`${id}-take`}>{t('triage.takeIntoTriage')}</label>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" disabled={pending || nothingToSave} data-testid="triage-save">
            {pending ? t('common.saving') : t('triage.save')}
          </button>
        </div>
      </form>

      <div className="form">
        <h3>{t('triage.declineHeading')}</h3>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('triage.reason')}</label>
          <select
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value as DeclineReason | '')}
            data-testid="triage-decline-reason"
          >
            <option value="">{t('triage.chooseReason')}</option>
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`triage.reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <ConfirmButton
            label={t('triage.decline')}
            question={t('triage.declineQuestion')}
            confirmLabel={t('triage.decline')}
            danger
            disabled={pending || reason === ''}
            testId="triage-decline"
            onConfirm={() => {
              if (reason !== '') void run(() => onDecline(reason));
            }}
          />
        </div>
      </div>
    </div>
  );
}
