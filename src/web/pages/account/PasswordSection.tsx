import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordBody } from '../../../shared/accounts.schema.js';
import { apiPost } from '../../api/client.js';
import { PASSWORD_LIMITS, REPEAT_MISMATCH, newPassword } from '../../components/accountChecks.js';
import { FormError, Notice, useSchemaForm, SubmitButton } from '../../components/forms.js';
import { NewPasswordFields, PasswordField } from '../../components/AccountFields.js';

const schema = passwordBody
  .extend({ newPassword, repeat: z.string() })
  .refine((values) => values.repeat === values.newPassword, REPEAT_MISMATCH);

/** Changing my password; the server ends my other sessions when it does. */
export function PasswordSection({ username, onChanged }: { username: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { form, field, formProps, pending, failure, run } = useSchemaForm(
    schema,
    { currentPassword: '', newPassword: '', repeat: '' },
    { interpolation: PASSWORD_LIMITS },
  );
  const [changed, setChanged] = useState(false);

  const save = async ({ repeat: _repeat, ...body }: z.output<typeof schema>) => {
    const ok = await run(() => apiPost('/api/me/password', body).then(() => true));
    if (ok) {
      form.reset();
      setChanged(true);
      onChanged();
    }
  };

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordHeading')}</h2>
      <form className="form" {...formProps(save, () => setChanged(false))}>
        {changed && <Notice testId="password-changed">{t('account.passwordChanged')}</Notice>}
        <FormError failure={failure} testId="password-error" />
        {/* For password managers: which account this password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <PasswordField
          purpose="current"
          label={t('account.currentPassword')}
          {...field('currentPassword')}
          testId="password-current"
        />
        <NewPasswordFields
          password={{ label: t('account.newPassword'), ...field('newPassword'), testId: 'password-new' }}
          repeat={{ label: t('account.newPasswordRepeat'), ...field('repeat'), testId: 'password-repeat' }}
        />
        <p className="hint">{t('account.passwordEndsSessions')}</p>
        <SubmitButton pending={pending} label={t('account.changePassword')} testId="password-submit" />
      </form>
    </section>
  );
}
