import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeRequest, SessionState, TotpConfirmResponse, TotpEnrolment } from '../api/accounts.js';
import type { ErrorCode } from '../../shared/errors.js';
import { apiPost, errorCodeOf } from '../api/client.js';
import { useAuth, useSession } from '../auth/AuthContext.js';
import { groupInFours } from '../components/format.js';
import { FormError, TextField, useSubmit } from '../components/forms.js';
import { RecoveryCodes } from '../components/RecoveryCodes.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { errorMessage } from '../i18n/i18n.js';

type Secret = { kind: 'loading' } | { kind: 'ready'; enrolment: TotpEnrolment } | { kind: 'failed'; code: ErrorCode };

/**
 * Setting up the authenticator app: scan (or type) the secret, prove it with
 * a code, then keep the recovery codes. The new session is taken only on
 * Continue, so the guard does not move on while the codes are on screen.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('enrol.title'));
  const { user } = useSession();
  const { signedIn } = useAuth();
  const [secret, setSecret] = useState<Secret>({ kind: 'loading' });
  const [confirmed, setConfirmed] = useState<{ codes: string[]; session: SessionState } | null>(null);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const { pending, failure, run } = useSubmit();

  const fetchSecret = useCallback(() => {
    apiPost<TotpEnrolment>('/api/me/totp').then(
      (enrolment) => setSecret({ kind: 'ready', enrolment }),
      (error: unknown) => setSecret({ kind: 'failed', code: errorCodeOf(error) }),
    );
  }, []);

  // Each POST makes a new secret and drops the last one, so it must run once
  // per visit, even when StrictMode runs effects twice in development.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    fetchSecret();
  }, [fetchSecret]);

  function retry() {
    setSecret({ kind: 'loading' });
    fetchSecret();
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const clean = code.replace(/\s+/g, '');
    setMissing(clean === '');
    if (clean === '') return;
    const body: CodeRequest = { code: clean };
    const answer = await run(() => apiPost<TotpConfirmResponse>('/api/me/totp/confirm', body));
    setCode('');
    if (answer) setConfirmed({ codes: answer.recoveryCodes, session: answer.session });
  }

  if (confirmed) {
    return (
      <div className="narrow">
        <h1>{t('enrol.title')}</h1>
        <div className="stack">
          <p className="notice" role="status" data-testid="enrol-done">
            {t('enrol.done')}
          </p>
          <div className="card">
            <RecoveryCodes
              codes={confirmed.codes}
              username={user.username}
              doneLabel={t('enrol.continue')}
              doneTestId="enrol-continue"
              onDone={() => signedIn(confirmed.session)}
            />
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      {secret.kind === 'loading' && (
        <p className="muted" role="status" data-testid="enrol-loading">
          {t('common.loading')}
        </p>
      )}
      {secret.kind === 'failed' && (
        <div className="alert" role="alert" data-testid="enrol-secret-error" data-code={secret.code}>
          <p>{errorMessage(t, secret.code)}</p>
          <button type="button" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {secret.kind === 'ready' && (
        <div className="card enrol">
          <ol className="steps">
            <li>
              <p>{t('enrol.stepScan')}</p>
              <img
                className="qr"
                src={secret.enrolment.qrSvg}
                alt={t('enrol.qrAlt')}
                width={220}
                height={220}
                data-testid="enrol-qr"
              />
              <p className="hint">{t('enrol.manual')}</p>
              <p>
                <code className="secret" data-testid="enrol-secret" data-secret={secret.enrolment.secret}>
                  {groupInFours(secret.enrolment.secret)}
                </code>
              </p>
            </li>
            <li>
              <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
                <FormError failure={failure} testId="enrol-error" />
                <TextField
                  label={t('enrol.code')}
                  hint={t('enrol.codeHint')}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={10}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  error={missing ? t('forms.required') : undefined}
                  testId="enrol-code"
                />
                <div className="form-actions">
                  <button type="submit" disabled={pending} data-testid="enrol-submit">
                    {pending ? t('common.checking') : t('enrol.submit')}
                  </button>
                </div>
              </form>
            </li>
          </ol>
        </div>
      )}
    </div>
  );
}
