import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SessionState } from '../api/accounts.js';
import { apiPost } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { loginForm } from '../components/accountChecks.js';
import { FormError, TextField, useSchemaForm, SubmitButton, AS_TYPED } from '../components/forms.js';
import { PasswordField } from '../components/AccountFields.js';
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
  const { form, field, formProps, failure, pending, run } = useSchemaForm(loginForm, {
    username: '',
    password: '',
    code: '',
  });

  const save = async (body: z.output<typeof loginForm>) => {
    const session = await run(() => apiPost<SessionState>('/api/session', body));
    // A code is good once only: a failed attempt leaves nothing worth retrying.
    form.resetField('code');
    if (session) signedIn(session);
  };

  return (
    <div className="narrow">
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.checkAddress', { host: window.location.host })}</p>
      <form className="card form" {...formProps(save)}>
        <FormError failure={failure} testId="login-error" />
        <TextField
          label={t('login.username')}
          autoComplete="username"
          {...AS_TYPED}
          required
          {...field('username')}
          testId="login-username"
        />
        <PasswordField
          purpose="current"
          label={t('login.password')}
          required
          {...field('password')}
          testId="login-password"
        />
        <TextField
          label={t('login.code')}
          hint={t('login.codeHint')}
          // Text, not numeric: recovery codes have letters.
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          {...AS_TYPED}
          maxLength={20}
          {...field('code')}
          testId="login-code"
        />
        <SubmitButton
          pending={pending}
          label={t('login.submit')}
          pendingLabel={t('login.submitting')}
          testId="login-submit"
        />
      </form>
      <p className="muted">{t('login.neverAsk')}</p>
    </div>
  );
}
