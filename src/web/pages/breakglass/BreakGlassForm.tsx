import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  BREAK_GLASS_LIMITS,
  BREAK_GLASS_REASONS,
  breakGlassBody,
  type BreakGlassOpened,
} from '../../../shared/break-glass.js';
import { apiPost } from '../../api/client.js';
import { useDateFormat } from '../../components/format.js';
import {
  FormError,
  Options,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
  useSchemaForm,
  SubmitButton,
  AS_TYPED,
} from '../../components/forms.js';

const { noteMin, noteMax, minutesMin, minutesMax } = BREAK_GLASS_LIMITS;

const WORDING = {
  messages: { case: 'breakGlass.caseInvalid', note: 'breakGlass.noteNeeded' },
  interpolation: { min: noteMin },
};

/** Opening a break-glass grant (administrators only), after a plain warning. */
export function BreakGlassForm({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const { form, field, formProps, pending, failure, run } = useSchemaForm(
    breakGlassBody,
    { case: '', note: '', minutes: 30 },
    WORDING,
  );
  const [opened, setOpened] = useState<BreakGlassOpened | null>(null);
  const [reason, note] = form.watch(['reason', 'note']);
  const noteLength = (note ?? '').trim().length;

  const save = async ({ note: typed, ...body }: z.output<typeof breakGlassBody>) => {
    const grant = await run(() =>
      apiPost<BreakGlassOpened>('/api/break-glass', { ...body, ...(typed ? { note: typed } : {}) }),
    );
    if (grant) {
      setOpened(grant);
      form.reset();
      onOpened();
    }
  };

  return (
    <section className="card" aria-labelledby="open-grant-heading">
      <h2 id="open-grant-heading">{t('breakGlass.openHeading')}</h2>
      <div className="warning-box" data-testid="break-glass-warning">
        <p>{t('breakGlass.warning')}</p>
      </div>
      <form className="form" {...formProps(save, () => setOpened(null))}>
        {opened && (
          <Notice testId="grant-opened">
            {t('breakGlass.openedNotice', { number: opened.caseNumber, time: dateTime(opened.expiresAt) })}{' '}
            <Link to={`/cases/${opened.caseId}`} data-testid="grant-opened-case">
              {t('breakGlass.openCase')}
            </Link>
          </Notice>
        )}
        <FormError failure={failure} testId="open-grant-error" />
        <TextField
          label={t('breakGlass.case')}
          hint={t('breakGlass.caseHint')}
          autoComplete="off"
          {...AS_TYPED}
          {...field('case')}
          testId="bg-case"
        />
        <SelectField label={t('breakGlass.reason')} {...field('reason')} testId="bg-reason">
          <option value="">{t('breakGlass.chooseReason')}</option>
          <Options values={BREAK_GLASS_REASONS} label={(code) => t(`breakGlass.reasons.${code}`)} />
        </SelectField>
        <TextAreaField
          label={reason === 'other' ? t('breakGlass.noteRequiredLabel') : t('breakGlass.note')}
          hint={
            <>
              {t('breakGlass.noteHint', { max: noteMax })}{' '}
              <span className="counter">{t('breakGlass.noteCount', { length: noteLength, max: noteMax })}</span>
            </>
          }
          rows={3}
          maxLength={noteMax}
          {...field('note')}
          testId="bg-note"
        />
        <TextField
          label={t('breakGlass.minutes')}
          hint={t('breakGlass.minutesRange', { min: minutesMin, max: minutesMax })}
          type="number"
          inputMode="numeric"
          min={minutesMin}
          max={minutesMax}
          step={5}
          {...field('minutes', { valueAsNumber: true })}
          testId="bg-minutes"
        />
        <SubmitButton pending={pending} label={t('breakGlass.open')} className="button-danger" testId="bg-submit" />
      </form>
    </section>
  );
}
