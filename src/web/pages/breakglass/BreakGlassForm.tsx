import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BREAK_GLASS_MINUTES_MAX,
  BREAK_GLASS_MINUTES_MIN,
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  type BreakGlassOpened,
  type BreakGlassRequest,
} from '../../api/accounts.js';
import { apiPost } from '../../api/client.js';
import { useDateFormat } from '../../components/format.js';
import { FieldMessage, FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';

type Field = 'caseId' | 'reason' | 'minutes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opening a break-glass grant (administrators only), after a plain warning. */
export function BreakGlassForm({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const reasonId = useId();
  const { pending, failure, run } = useSubmit();
  const [caseId, setCaseId] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [problems, setProblems] = useState<Partial<Record<Field, string | undefined>>>({});
  const [opened, setOpened] = useState<BreakGlassOpened | null>(null);

  const reasonLength = reason.trim().length;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setOpened(null);
    const minutesNumber = Number(minutes);
    const found: Record<Field, string | undefined> = {
      caseId:
        caseId.trim() === ''
          ? t('forms.required')
          : UUID.test(caseId.trim())
            ? undefined
            : t('breakGlass.caseIdInvalid'),
      reason:
        reasonLength < BREAK_GLASS_REASON_MIN || reasonLength > BREAK_GLASS_REASON_MAX
          ? t('breakGlass.reasonLength', { min: BREAK_GLASS_REASON_MIN, max: BREAK_GLASS_REASON_MAX })
          : undefined,
      minutes:
        !Number.isInteger(minutesNumber) ||
        minutesNumber < BREAK_GLASS_MINUTES_MIN ||
        minutesNumber > BREAK_GLASS_MINUTES_MAX
          ? t('breakGlass.minutesRange', { min: BREAK_GLASS_MINUTES_MIN, max: BREAK_GLASS_MINUTES_MAX })
          : undefined,
    };
    setProblems(found);
    if (Object.values(found).some((m) => m !== undefined)) return;
    const body: BreakGlassRequest = { caseId: caseId.trim(), reason: reason.trim(), minutes: minutesNumber };
    const grant = await run(() => apiPost<BreakGlassOpened>('/api/break-glass', body));
    if (grant) {
      setOpened(grant);
      setCaseId('');
      setReason('');
      onOpened();
    }
  }

  const reasonServer = serverFieldMessage(failure, 'reason');
  const reasonInvalid = problems.reason !== undefined || reasonServer !== undefined;

  return (
    <section className="card" aria-labelledby="open-grant-heading">
      <h2 id="open-grant-heading">{t('breakGlass.openHeading')}</h2>
      <div className="warning-box" data-testid="break-glass-warning">
        <p>{t('breakGlass.warning')}</p>
      </div>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        {opened && (
          <Notice testId="grant-opened">
            {t('breakGlass.openedNotice', { caseId: opened.caseId, time: dateTime(opened.expiresAt) })}
          </Notice>
        )}
        <FormError failure={failure} testId="open-grant-error" />
        <TextField
          label={t('breakGlass.case')}
          hint={t('breakGlass.caseIdHint')}
          name="caseId"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
          error={problems.caseId}
          serverError={serverFieldMessage(failure, 'caseId')}
          testId="bg-case"
        />
        <div className="field">
          <label htmlFor={reasonId}>{t('breakGlass.reason')}</label>
          <p id={`${reasonId}-hint`} className="hint">
            {t('breakGlass.reasonHint', { min: BREAK_GLASS_REASON_MIN, max: BREAK_GLASS_REASON_MAX })}
          </p>
          <textarea
            id={reasonId}
            name="reason"
            rows={3}
            maxLength={BREAK_GLASS_REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonInvalid || undefined}
            aria-describedby={`${reasonId}-hint ${reasonId}-count${reasonInvalid ? ` ${reasonId}-error` : ''}`}
            data-testid="bg-reason"
          />
          <p id={`${reasonId}-count`} className="hint counter">
            {t('breakGlass.reasonCount', { length: reasonLength, max: BREAK_GLASS_REASON_MAX })}
          </p>
          <FieldMessage id={`${reasonId}-error`} error={problems.reason} serverError={reasonServer} />
        </div>
        <TextField
          label={t('breakGlass.minutes')}
          hint={t('breakGlass.minutesRange', { min: BREAK_GLASS_MINUTES_MIN, max: BREAK_GLASS_MINUTES_MAX })}
          name="minutes"
          type="number"
          inputMode="numeric"
          min={BREAK_GLASS_MINUTES_MIN}
          max={BREAK_GLASS_MINUTES_MAX}
          step={5}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={problems.minutes}
          serverError={serverFieldMessage(failure, 'minutes')}
          testId="bg-minutes"
        />
        <div className="form-actions">
          <button type="submit" className="button-danger" disabled={pending} data-testid="bg-submit">
            {pending ? t('common.saving') : t('breakGlass.open')}
          </button>
        </div>
      </form>
    </section>
  );
}
