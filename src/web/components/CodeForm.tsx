import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CodeRequest } from '../api/accounts.js';
import { typedCode } from './accountChecks.js';
import { FormError, TextField, useSchemaForm, SubmitButton } from './forms.js';

const schema = z.object({ code: typedCode });

/**
 * One code from the authenticator app, proving a step (enrolment, new
 * recovery codes). The field empties after each attempt: a code is good once.
 * Test ids: `<testId>-code`, `-submit`, `-error`.
 */
export function CodeForm({
  testId,
  label,
  hint,
  submitLabel,
  send,
  onStart,
  children,
}: {
  testId: string;
  label: string;
  hint: string;
  submitLabel: string;
  /** Sends the bare code; a rejection is shown as the form's error. */
  send: (body: CodeRequest) => Promise<unknown>;
  onStart?: () => void;
  /** Shown above the form's error: an introduction, a notice. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { form, field, formProps, pending, failure, run } = useSchemaForm(schema, { code: '' });
  const save = async (body: CodeRequest) => {
    await run(() => send(body));
    form.reset();
  };
  return (
    <form className="form" {...formProps(save, onStart)}>
      {children}
      <FormError failure={failure} testId={`${testId}-error`} />
      <TextField
        label={label}
        hint={hint}
        // Only a code from the app proves it here: six digits.
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={10}
        {...field('code')}
        testId={`${testId}-code`}
      />
      <SubmitButton
        pending={pending}
        label={submitLabel}
        pendingLabel={t('common.checking')}
        testId={`${testId}-submit`}
      />
    </form>
  );
}
