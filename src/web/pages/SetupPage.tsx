import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { setupBody } from '../../shared/accounts.schema.js';
import type { SessionState } from '../api/accounts.js';
import { apiPost } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { PASSWORD_LIMITS, REPEAT_MISMATCH, newPassword } from '../components/accountChecks.js';
import { FormError, TextField, useSchemaForm, SubmitButton, AS_TYPED } from '../components/forms.js';
import { NewPasswordFields, NewUsernameField } from '../components/AccountFields.js';
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
    { interpolation: PASSWORD_LIMITS, atField: { INVALID_SETUP_TOKEN: { field: 'token' } } },
  );

  const save = async ({ repeat: _repeat, ...body }: z.output<typeof schema>) => {
    const session = await run(() => apiPost<SessionState>('/api/setup', body));
    if (session) signedIn(session);
  };

  // Someone else finished setup meanwhile: ask again, and the guard moves on to sign-in.
  const alreadyDone = failure?.code === 'SETUP_NOT_AVAILABLE';

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
          {...field('token')}
          testId="setup-token"
        />
        <NewUsernameField
          label={t('setup.username')}
          intro={t('setup.usernameHint')}
          autoComplete="username"
          required
          {...field('username')}
          testId="setup-username"
        />
        <NewPasswordFields
          password={{ label: t('setup.password'), required: true, ...field('password'), testId: 'setup-password' }}
          repeat={{
            label: t('setup.passwordRepeat'),
            required: true,
            ...field('repeat'),
            testId: 'setup-password-repeat',
          }}
        />
        <SubmitButton pending={pending} label={t('setup.submit')} testId="setup-submit" />
      </form>
    </div>
  );
}
