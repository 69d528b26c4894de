import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  BREAK_GLASS_LIMITS,
  BREAK_GLASS_REASONS,
  breakGlassBody,
  type BreakGlassOpened,
  type BreakGlassReason,
  type BreakGlassRequest,
} from '../../../shared/break-glass.js';
import { apiPost } from '../../api/client.js';
import { useDateFormat } from '../../components/format.js';
import { FieldMessage, FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';

type Field = 'case' | 'reason' | 'note' | 'minutes';

const { noteMin, noteMax, minutesMin, minutesMax } = BREAK_GLASS_LIMITS;

/** Opening a break-glass grant (administrators only), after a plain warning. */
export function BreakGlassForm({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const id = useId();
  const { pending, failure, run } = useSubmit();
  const [caseRef, setCaseRef] = useState('');
  const [reason, setReason] = useState<BreakGlassReason | ''>('');
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [opened, setOpened] = useState<BreakGlassOpened | null>(null);

  const noteLength = note.trim().length;

  /** Our own message for each field the shared schema refuses. */
  function check(body: BreakGlassRequest): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    const parsed = breakGlassBody.safeParse(body);
    if (parsed.success) return found;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'case') {
        found.case = body.case.trim() === '' ? t('forms.required') : t('breakGlass.caseInvalid');
      } else if (field === 'reason') {
        found.reason = t('breakGlass.reasonRequired');
      } else if (field === 'note') {
        found.note =
          reason === 'other' && noteLength < noteMin
            ? t('breakGlass.noteNeeded', { min: noteMin })
            : t('breakGlass.noteTooLong', { max: noteMax });
      } else if (field === 'minutes') {
        found.minutes = t('breakGlass.minutesRange', { min: minutesMin, max: minutesMax });
      }
    }
    return found;
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setOpened(null);
    const body: BreakGlassRequest = {
      case: caseRef.trim(),
      reason: reason as BreakGlassReason,
      ...(noteLength > 0 ? { note: note.trim() } : {}),
      minutes: Number(minutes),
    };
    const found = check(body);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const grant = await run(() => apiPost<BreakGlassOpened>('/api/break-glass', body));
    if (grant) {
      setOpened(grant);
      setCaseRef('');
      setReason('');
      setNote('');
      onOpened();
    }
  }

  const reasonServer = serverFieldMessage(failure, 'reason');
  const noteServer = serverFieldMessage(failure, 'note');
  const noteInvalid = problems.note !== undefined || noteServer !== undefined;
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
          name="case"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={caseRef}
          onChange={(e) => setCaseRef(e.target.value)}
          error={problems.case}
          serverError={serverFieldMessage(failure, 'case')}
          testId="bg-case"
        />
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('breakGlass.reason')}</label>
          <select
            id={`${id}-reason`}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as BreakGlassReason | '')}
            aria-invalid={reasonInvalid || undefined}
            aria-describedby={reasonInvalid ? `${id}-reason-error` : undefined}
            data-testid="bg-reason"
          >
            <option value="">{t('breakGlass.chooseReason')}</option>
            {BREAK_GLASS_REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`breakGlass.reasons.${code}`)}
              </option>
            ))}
          </select>
          <FieldMessage id={`${id}-reason-error`} error={problems.reason} serverError={reasonServer} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>
            {reason === 'other' ? t('breakGlass.noteRequiredLabel') : t('breakGlass.note')}
          </label>
          <p id={`${id}-note-hint`} className="hint">
            {t('breakGlass.noteHint', { max: noteMax })}
          </p>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={3}
            maxLength={noteMax}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteInvalid || undefined}
            aria-describedby={`${id}-note-hint ${id}-note-count${noteInvalid ? ` ${id}-note-error` : ''}`}
            data-testid="bg-note"
          />
          <p id={`${id}-note-count`} className="hint counter">
            {t('breakGlass.noteCount', { length: noteLength, max: noteMax })}
          </p>
          <FieldMessage id={`${id}-note-error`} error={problems.note} serverError={noteServer} />
        </div>
        <TextField
          label={t('breakGlass.minutes')}
          hint={t('breakGlass.minutesRange', { min: minutesMin, max: minutesMax })}
          name="minutes"
          type="number"
          inputMode="numeric"
          min={minutesMin}
          max={minutesMax}
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
