import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState, TotpConfirmResponse, TotpEnrolment } from '../api/accounts.js';
import { apiPost, errorCodeOf } from '../api/client.js';
import { useAuth, useSession } from '../auth/AuthContext.js';
import { groupInFours } from '../components/format.js';
import { CodeForm } from '../components/CodeForm.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { RecoveryCodes } from '../components/RecoveryCodes.js';
import type { LoadState } from '../components/useApiGet.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

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
  const [secret, setSecret] = useState<LoadState<TotpEnrolment>>({ kind: 'loading' });
  const [confirmed, setConfirmed] = useState<{ codes: string[]; session: SessionState } | null>(null);

  const fetchSecret = useCallback(() => {
    apiPost<TotpEnrolment>('/api/me/totp').then(
      (enrolment) => setSecret({ kind: 'ready', data: enrolment }),
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
      <LoadStatus state={secret} onRetry={retry} testId="enrol-secret" />
      {secret.kind === 'ready' && (
        <div className="card enrol">
          <ol className="steps">
            <li>
              <p>{t('enrol.stepScan')}</p>
              <img
                className="qr"
                src={secret.data.qrSvg}
                alt={t('enrol.qrAlt')}
                width={220}
                height={220}
                data-testid="enrol-qr"
              />
              <p className="hint">{t('enrol.manual')}</p>
              <p>
                <code className="secret" data-testid="enrol-secret" data-secret={secret.data.secret}>
                  {groupInFours(secret.data.secret)}
                </code>
              </p>
            </li>
            <li>
              <CodeForm
                testId="enrol"
                label={t('enrol.code')}
                hint={t('enrol.codeHint')}
                submitLabel={t('enrol.submit')}
                send={(body) =>
                  apiPost<TotpConfirmResponse>('/api/me/totp/confirm', body).then((answer) => {
                    setConfirmed({ codes: answer.recoveryCodes, session: answer.session });
                  })
                }
              />
            </li>
          </ol>
        </div>
      )}
    </div>
  );
}
