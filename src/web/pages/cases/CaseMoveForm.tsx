import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { closeBody, NOTE_MAX, reopenBody } from '../../../shared/cases.schema.js';
import { apiPost, errorCodeOf } from '../../api/client.js';
import { FormError, TextAreaField, useSchemaForm } from '../../components/forms.js';

interface CaseMoveFormProps {
  caseId: string;
  action: 'close' | 'reopen';
  onCancel: () => void;
  /** Done, or refused because the case was closed (or reopened) meanwhile (`conflict`). */
  onSettled: (conflict: boolean) => void;
}

// Reopening says why only if the user writes something: an empty box is no reason, not a too-short one.
const reopenForm = z.object({
  reason: z.preprocess((value) => (value === '' ? undefined : value), reopenBody.unwrap().shape.reason),
});

const FORMS = {
  // Closing needs a reason: the stage `closed` is "closed, with reason".
  close: { schema: closeBody, label: 'casePage.closeReason', submit: 'cases.close' },
  reopen: { schema: reopenForm, label: 'casePage.reopenReason', submit: 'cases.reopen' },
} as const;

/** Closes the case with its reason, or reopens it with one if given, on the endpoint's own schema. */
export function CaseMoveForm({ caseId, action, onCancel, onSettled }: CaseMoveFormProps) {
  const { t } = useTranslation();
  const { schema, label, submit } = FORMS[action];
  const { field, formProps, pending, failure, run } = useSchemaForm<{ reason?: unknown }, { reason?: string }>(schema, {
    reason: '',
  });
  const send = async (body: { reason?: string | undefined }) => {
    const outcome = await run(() =>
      apiPost(`/api/cases/${caseId}/${action}`, body).then(
        () => 'done' as const,
        (error: unknown) => {
          // Closed (or reopened) from another tab or by a colleague: the page shows the case as it is now.
          if (errorCodeOf(error) === 'CONFLICT') return 'conflict' as const;
          throw error;
        },
      ),
    );
    if (outcome !== undefined) onSettled(outcome === 'conflict');
  };
  return (
    <form className="stack" aria-label={t(submit)} data-testid={`case-${action}-form`} {...formProps(send)}>
      <FormError failure={failure} testId={`case-${action}-error`} />
      <TextAreaField label={t(label)} maxLength={NOTE_MAX} {...field('reason')} testId={`case-${action}-reason`} />
      <div className="row wrap">
        <button type="submit" disabled={pending} data-testid={`case-${action}-submit`}>
          {t(submit)}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('casePage.cancel')}
        </button>
      </div>
    </form>
  );
}
