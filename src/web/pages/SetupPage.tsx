import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { setupBody } from '../../shared/accounts.schema.js';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, type SessionState } from '../api/accounts.js';
import { apiPost } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { PASSWORD_LIMITS, REPEAT_MISMATCH, newPassword } from '../components/accountChecks.js';
import { FormError, TextField, useSchemaForm, SubmitButton, AS_TYPED } from '../components/forms.js';
import { useAccountMessages } from '../components/useAccountMessages.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

const schema = setupBody
  .extend({ password: newPassword, repeat: z.string() })
  .refine((values) => values.repeat === values.password, REPEAT_MISMATCH);

/**
 * First run of a new installation: the setup token from the server's output
 * creates the first administrator, who then enrols a second factor (the
 * guard moves on to /enrol once signed in).
 */
export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const { signedIn, reload } = useAuth();
  const { field, formProps, pending, failure, run } = useSchemaForm(
    schema,
    { token: '', username: '', password: '', repeat: '' },
    { interpolation: PASSWORD_LIMITS },
  );
  const messages = useAccountMessages();

  const save = async ({ repeat: _repeat, ...body }: z.output<typeof schema>) => {
    const session = await run(() => apiPost<SessionState>('/api/setup', body));
    if (session) signedIn(session);
  };

  // Someone else finished setup meanwhile: ask again, and the guard moves on to sign-in.
  const alreadyDone = failure?.code === 'SETUP_NOT_AVAILABLE';
  const token = field('token');

  return (
    <div className="narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form className="card form" {...formProps(save)}>
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
          autoComplete="off"
          {...AS_TYPED}
          required
          {...token}
          error={token.error ?? (failure?.code === 'INVALID_SETUP_TOKEN' ? t('errors.INVALID_SETUP_TOKEN') : undefined)}
          testId="setup-token"
        />
        <TextField
          label={t('setup.username')}
          hint={`${t('setup.usernameHint')} ${messages.usernameRules}`}
          autoComplete="username"
          {...AS_TYPED}
          required
          maxLength={USERNAME_MAX_LENGTH}
          {...field('username')}
          testId="setup-username"
        />
        <TextField
          label={t('setup.password')}
          hint={messages.passwordRules}
          type="password"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          {...field('password')}
          testId="setup-password"
        />
        <TextField
          label={t('setup.passwordRepeat')}
          type="password"
          autoComplete="new-password"
          required
          {...field('repeat')}
          testId="setup-password-repeat"
        />
        <SubmitButton pending={pending} label={t('setup.submit')} testId="setup-submit" />
      </form>
    </div>
  );
}
