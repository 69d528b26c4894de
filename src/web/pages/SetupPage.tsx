import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, type SessionState, type SetupRequest } from '../api/accounts.js';
import { apiPost } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { FormError, TextField, serverFieldMessage, useSubmit } from '../components/forms.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { checkNewPassword, checkUsername } from '../components/accountChecks.js';
import { useAccountMessages } from '../components/useAccountMessages.js';

type SetupField = 'token' | 'username' | 'password' | 'repeat';

/**
 * First run of a new installation: the setup token from the server's output
 * creates the first administrator, who then enrols a second factor (the
 * guard moves on to /enrol once signed in).
 */
export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const { signedIn, reload } = useAuth();
  const { pending, failure, run } = useSubmit();
  const [values, setValues] = useState<Record<SetupField, string>>({
    token: '',
    username: '',
    password: '',
    repeat: '',
  });
  const [problems, setProblems] = useState<Partial<Record<SetupField, string | undefined>>>({});
  const messages = useAccountMessages();

  function set(field: SetupField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkNewPassword(values.password, values.repeat);
    const found: Record<SetupField, string | undefined> = {
      token: values.token.trim() === '' ? t('forms.required') : undefined,
      username: messages.username(checkUsername(values.username)),
      password: messages.password(check.password),
      repeat: messages.password(check.repeat),
    };
    setProblems(found);
    if (Object.values(found).some((m) => m !== undefined)) return;
    const body: SetupRequest = {
      token: values.token.trim(),
      username: values.username.trim(),
      password: values.password,
    };
    const session = await run(() => apiPost<SessionState>('/api/setup', body));
    if (session) signedIn(session);
  }

  // Someone else finished setup meanwhile: ask again, and the guard moves on to sign-in.
  const alreadyDone = failure?.code === 'SETUP_NOT_AVAILABLE';

  return (
    <div className="narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        <FormError failure={failure} testId="setup-error" />
        {alreadyDone && (
          <p>
            <button type="button" className="button-secondary" onClick={reload}>
              {t('setup.toLogin')}
            </button>
          </p>
        )}
        <TextField
          label={t('setup.token')}
          hint={t('setup.tokenHint')}
          name="token"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={values.token}
          onChange={(e) => set('token', e.target.value)}
          error={
            problems.token ?? (failure?.code === 'INVALID_SETUP_TOKEN' ? t('errors.INVALID_SETUP_TOKEN') : undefined)
          }
          serverError={serverFieldMessage(failure, 'token')}
          testId="setup-token"
        />
        <TextField
          label={t('setup.username')}
          hint={`${t('setup.usernameHint')} ${messages.usernameRules}`}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={USERNAME_MAX_LENGTH}
          value={values.username}
          onChange={(e) => set('username', e.target.value)}
          error={problems.username}
          serverError={serverFieldMessage(failure, 'username')}
          testId="setup-username"
        />
        <TextField
          label={t('setup.password')}
          hint={messages.passwordRules}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          error={problems.password}
          serverError={serverFieldMessage(failure, 'password')}
          testId="setup-password"
        />
        <TextField
          label={t('setup.passwordRepeat')}
          name="passwordRepeat"
          type="password"
          autoComplete="new-password"
          required
          value={values.repeat}
          onChange={(e) => set('repeat', e.target.value)}
          error={problems.repeat}
          testId="setup-password-repeat"
        />
        <div className="form-actions">
          <button type="submit" disabled={pending} data-testid="setup-submit">
            {pending ? t('common.saving') : t('setup.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
