import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequest, SessionState } from '../api/accounts.js';
import { apiPost } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { FormError, TextField, useSubmit } from '../components/forms.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

/**
 * Sign-in with password and second factor. Every wrong part gets the same
 * answer (INVALID_CREDENTIALS), so the page never says which one was wrong.
 * On success the guard around this page moves on to where the user first
 * wanted to go, or to enrolment.
 */
export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const { signedIn } = useAuth();
  const { pending, failure, run } = useSubmit();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = { username: username.trim() === '', password: password === '' };
    setMissing(check);
    if (check.username || check.password) return;
    const body: LoginRequest = { username: username.trim(), password };
    // Codes are typed with spaces and in capitals at times; the server wants them bare.
    const cleanCode = code.replace(/\s+/g, '').toLowerCase();
    if (cleanCode !== '') body.code = cleanCode;
    const session = await run(() => apiPost<SessionState>('/api/session', body));
    // A code is good once only: a failed attempt leaves nothing worth retrying.
    setCode('');
    if (session) signedIn(session);
  }

  return (
    <div className="narrow">
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.checkAddress', { host: window.location.host })}</p>
      <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        <FormError failure={failure} testId="login-error" />
        <TextField
          label={t('login.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={missing.username ? t('forms.required') : undefined}
          testId="login-username"
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password ? t('forms.required') : undefined}
          testId="login-password"
        />
        <TextField
          label={t('login.code')}
          hint={t('login.codeHint')}
          name="code"
          // Text, not numeric: recovery codes have letters.
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          testId="login-code"
        />
        <div className="form-actions">
          <button type="submit" disabled={pending} data-testid="login-submit">
            {pending ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
      <p className="muted">{t('login.neverAsk')}</p>
    </div>
  );
}
