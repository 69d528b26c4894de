import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from './Checkbox.js';

interface RecoveryCodesProps {
  codes: readonly string[];
  /** Named in the downloaded file, so its owner knows which account the codes are for. */
  username: string;
  doneLabel: string;
  doneTestId: string;
  onDone: () => void;
}

/**
 * New recovery codes, shown once: the server keeps only their hashes. The
 * user must tick that they saved them before going on.
 */
export function RecoveryCodes({ codes, username, doneLabel, doneTestId, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [saved, setSaved] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const text = codesFile(t('recovery.fileHeading', { username, host: window.location.host }), codes);

  function onCopy() {
    // The clipboard API exists only in secure contexts; the server runs behind HTTPS.
    if (typeof navigator.clipboard === 'undefined') {
      setCopy('failed');
      return;
    }
    navigator.clipboard.writeText(codes.join('\n')).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  }

  return (
    <section className="recovery" aria-labelledby={`${headingId}-heading`}>
      <h2 id={`${headingId}-heading`}>{t('recovery.heading')}</h2>
      <p>{t('recovery.explain')}</p>
      <p className="warning">{t('recovery.onlyOnce')}</p>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={onCopy} data-testid="recovery-copy">
          {t('recovery.copy')}
        </button>
        {/* A data: link is a download, not a fetch, so the CSP's connect-src does not apply. */}
        <a
          className="button-link"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="homeward-recovery-codes.txt"
          data-testid="recovery-download"
        >
          {t('recovery.download')}
        </a>
        <span role="status" className="muted">
          {copy === 'copied' && t('recovery.copied')}
          {copy === 'failed' && t('recovery.copyFailed')}
        </span>
      </div>
      <Checkbox label={t('recovery.saved')} checked={saved} onChange={setSaved} testId="recovery-saved" />
      <div className="form-actions">
        <button type="button" disabled={!saved} onClick={onDone} data-testid={doneTestId}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}

/** The text file: a heading line, then one code a line, with Windows line ends so Notepad shows lines too. */
function codesFile(heading: string, codes: readonly string[]): string {
  return [heading, '', ...codes, ''].join('\r\n');
}
