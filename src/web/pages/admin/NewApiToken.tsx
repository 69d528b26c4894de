import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from './ApiTokensPage.js';

/** A token just issued, shown this once: the server keeps only its hash. */
export function NewApiToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  function onCopy() {
    // The clipboard API exists only in secure contexts; the server runs behind HTTPS.
    if (typeof navigator.clipboard === 'undefined') {
      setCopy('failed');
      return;
    }
    navigator.clipboard.writeText(token.token).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  }

  return (
    <section className="card warning-box" aria-labelledby={`${id}-heading`} data-testid="token-created">
      <h2 id={`${id}-heading`}>{t('apiTokens.newToken', { label: token.label })}</h2>
      <p role="alert">
        <strong>{t('apiTokens.onlyOnce')}</strong>
      </p>
      <p className="secret">
        <code data-testid="token-value">{token.token}</code>
      </p>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={onCopy} data-testid="token-copy">
          {t('apiTokens.copy')}
        </button>
        <button type="button" onClick={onDone} data-testid="token-done">
          {t('apiTokens.hide')}
        </button>
        <span role="status" className="muted">
          {copy === 'copied' && t('apiTokens.copied')}
          {copy === 'failed' && t('apiTokens.copyFailed')}
        </span>
      </div>
    </section>
  );
}
