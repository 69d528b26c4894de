import { useId, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Path, RegisterOptions, UseFormRegisterReturn, UseFormReturn } from 'react-hook-form';
import type { FieldError } from '../../api/client.js';
import { FieldMessage } from '../../components/forms.js';
import { TermSelect, type TermSelectProps } from '../../vocab/TermSelect.js';
import type { IncidentFormValues } from './incident-form.js';

/** What `field(name)` of the incident form gives a control: its registration and both errors. */
export type Bind = (
  name: Path<IncidentFormValues>,
  options?: RegisterOptions<IncidentFormValues, Path<IncidentFormValues>>,
) => UseFormRegisterReturn & { error?: string | undefined; serverError?: FieldError | undefined };

/** A labelled vocabulary picker with its error (ours or the server's) under it. */
export function TermPick({
  label,
  error,
  serverError,
  testId,
  ...select
}: TermSelectProps & { label: string; error?: string | undefined; serverError?: FieldError | undefined }) {
  const id = useId();
  const invalid = error !== undefined || serverError !== undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <TermSelect
        id={id}
        testId={testId}
        {...(invalid ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
        {...select}
      />
      <FieldMessage id={`${id}-error`} error={error} serverError={serverError} />
    </div>
  );
}

/**
 * A date as exactly as it is known: the precision, then the date in the shape
 * it asks for (a day picker, a month picker, a year, any of them for an estimate).
 */
export function DatedFields<O>({
  form,
  bind,
  at,
  legend,
  testId,
}: {
  form: UseFormReturn<IncidentFormValues, unknown, O>;
  bind: Bind;
  at: 'start' | 'end' | `acts.${number}.start` | `acts.${number}.end`;
  legend: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const precision = form.watch(`${at}.precision`);
  const date = bind(`${at}.date`);
  const input: ComponentProps<'input'> =
    precision === 'day'
      ? { type: 'date' }
      : precision === 'month'
        ? { type: 'month', placeholder: t('incidents.monthShape') }
        : precision === 'year'
          ? { type: 'text', inputMode: 'numeric', placeholder: t('incidents.yearShape'), maxLength: 4 }
          : { type: 'text', placeholder: t('incidents.anyShape'), maxLength: 10 };
  const { error, serverError, ...registered } = date;
  return (
    <fieldset className="field dated" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="row wrap">
        <TermSelect
          vocabulary="date_precision"
          aria-label={t('incidents.precision')}
          testId={`${testId}-precision`}
          {...form.register(`${at}.precision`)}
        />
        <input
          id={id}
          aria-label={legend}
          data-testid={`${testId}-date`}
          {...(error !== undefined || serverError !== undefined ? { 'aria-invalid': true } : {})}
          {...input}
          {...registered}
        />
      </div>
      <FieldMessage id={`${id}-error`} error={error} serverError={serverError} />
    </fieldset>
  );
}

/** A secondary button on a row of its own: adding or removing one of a form's repeats. */
export function RowButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <div>
      <button type="button" className="button-secondary" onClick={onClick} data-testid={testId}>
        {label}
      </button>
    </div>
  );
}

/** Radio buttons choosing what a repeat is (a counted group or a person, a unit or a person). */
export function KindChoice({
  registration,
  choices,
}: {
  registration: UseFormRegisterReturn;
  choices: readonly { value: string; label: string; testId: string }[];
}) {
  return (
    <div className="row wrap">
      {choices.map((choice) => (
        <label key={choice.value} className="checkbox">
          <input type="radio" value={choice.value} {...registration} data-testid={choice.testId} />
          {choice.label}
        </label>
      ))}
    </div>
  );
}
