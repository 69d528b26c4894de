import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError, Options, SelectField, useSubmit } from '../../components/forms.js';
import { AssigneeField, assigneeOf } from './AssigneeSelect.js';
import { UrgencyField } from './IntakeBits.js';
import {
  DECLINE_REASONS,
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

/** Urgency, who it waits for and "in triage" for an open request, and declining it with a reason. */
export function TriageActions({ request, onSave, onDecline }: TriageActionsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [urgency, setUrgency] = useState<Urgency>(request.urgency);
  const [assignee, setAssignee] = useState(request.assigneeId ?? 'none');
  const [take, setTake] = useState(request.status === 'new');
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const { pending, failure, run } = useSubmit();

  const body: UpdateIntakeRequest = {};
  if (urgency !== request.urgency) body.urgency = urgency;
  if (take && request.status === 'new') body.status = 'in_triage';
  if (assigneeOf(assignee) !== request.assigneeId) body.assigneeId = assigneeOf(assignee);
  const nothingToSave = Object.keys(body).length === 0;

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (nothingToSave) return;
    void run(() => onSave(body));
  }

  return (
    <div className="stack">
      <FormError failure={failure} testId="triage-error" />
      <form className="form" onSubmit={save}>
        <UrgencyField value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)} testId="triage-urgency" />
        <AssigneeField
          label={t('triage.assignee')}
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          testId="triage-assignee"
        />
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
        <SelectField
          label={t('triage.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value as DeclineReason | '')}
          testId="triage-decline-reason"
        >
          <option value="">{t('triage.chooseReason')}</option>
          <Options values={DECLINE_REASONS} label={(r) => t(`triage.reasons.${r}`)} />
        </SelectField>
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
