import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeRequest, RecoveryCodesResponse } from '../../api/accounts.js';
import { apiPost } from '../../api/client.js';
import { FormError, Notice, TextField, useSubmit } from '../../components/forms.js';
import { RecoveryCodes } from '../../components/RecoveryCodes.js';

/** New recovery codes for old: proven with a current code from the app, shown once. */
export function RecoveryCodesSection({ username }: { username: string }) {
  const { t } = useTranslation();
  const { pending, failure, run } = useSubmit();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const clean = code.replace(/\s+/g, '');
    setMissing(clean === '');
    if (clean === '') return;
    const body: CodeRequest = { code: clean };
    const answer = await run(() => apiPost<RecoveryCodesResponse>('/api/me/recovery-codes', body));
    setCode('');
    if (answer) setCodes(answer.recoveryCodes);
  }

  return (
    <section className="card" aria-labelledby="recovery-section-heading">
      <h2 id="recovery-section-heading">{t('account.recoveryHeading')}</h2>
      {codes ? (
        <RecoveryCodes
          codes={codes}
          username={username}
          doneLabel={t('common.done')}
          doneTestId="recovery-done"
          onDone={() => {
            setCodes(null);
            setSaved(true);
          }}
        />
      ) : (
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
          <p>{t('account.recoveryIntro')}</p>
          {saved && <Notice testId="recovery-replaced">{t('account.recoveryReplaced')}</Notice>}
          <FormError failure={failure} testId="recovery-error" />
          <TextField
            label={t('account.totpCode')}
            hint={t('account.totpCodeHint')}
            name="code"
            // Only a code from the app proves it here: six digits.
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={10}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={missing ? t('forms.required') : undefined}
            testId="recovery-code"
          />
          <div className="form-actions">
            <button type="submit" disabled={pending} data-testid="recovery-submit">
              {pending ? t('common.checking') : t('account.regenerate')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
