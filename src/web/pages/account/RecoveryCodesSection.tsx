import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryCodesResponse } from '../../api/accounts.js';
import { apiPost } from '../../api/client.js';
import { CodeForm } from '../../components/CodeForm.js';
import { Notice } from '../../components/forms.js';
import { RecoveryCodes } from '../../components/RecoveryCodes.js';

/** New recovery codes for old: proven with a current code from the app, shown once. */
export function RecoveryCodesSection({ username }: { username: string }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);

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
        <CodeForm
          testId="recovery"
          label={t('account.totpCode')}
          hint={t('account.totpCodeHint')}
          submitLabel={t('account.regenerate')}
          onStart={() => setSaved(false)}
          send={(body) =>
            apiPost<RecoveryCodesResponse>('/api/me/recovery-codes', body).then((answer) => {
              setCodes(answer.recoveryCodes);
            })
          }
        >
          <p>{t('account.recoveryIntro')}</p>
          {saved && <Notice testId="recovery-replaced">{t('account.recoveryReplaced')}</Notice>}
        </CodeForm>
      )}
    </section>
  );
}
