import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createUserBody } from '../../../shared/accounts.schema.js';
import { ROLES } from '../../../shared/roles.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type UserSummary } from '../../api/accounts.js';
import { apiPost } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { PASSWORD_LIMITS, newPassword } from '../../components/accountChecks.js';
import { FormError, Options, Notice, SelectField, useSchemaForm, SubmitButton } from '../../components/forms.js';
import { NewUsernameField, PasswordField } from '../../components/AccountFields.js';

// Typed once, by the admin, and handed over: no repeat field, but the same length rule.
const schema = createUserBody.extend({ password: newPassword });

/** A new staff account with a temporary password; the second factor is set up at its first sign-in. */
export function CreateUserForm() {
  const { t } = useTranslation();
  const { form, field, formProps, pending, formFailure, run } = useSchemaForm(
    schema,
    { username: '', role: 'caseworker', password: '' },
    { interpolation: PASSWORD_LIMITS, atField: { USERNAME_TAKEN: { field: 'username' } } },
  );
  const [created, setCreated] = useState<string | null>(null);
  const invalidate = useInvalidate();

  const save = async (body: z.output<typeof schema>) => {
    const user = await run(() => apiPost<UserSummary>('/api/users', body));
    if (user) {
      setCreated(user.username);
      form.reset();
      await invalidate('/api/users');
    }
  };

  return (
    <section className="card" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('users.createHeading')}</h2>
      <p className="muted">{t('users.createIntro')}</p>
      <form className="form" {...formProps(save, () => setCreated(null))}>
        {created && <Notice testId="user-created">{t('users.createdNotice', { username: created })}</Notice>}
        <FormError failure={formFailure} testId="create-user-error" />
        <NewUsernameField
          label={t('users.username')}
          intro={t('users.usernameHint')}
          autoComplete="off"
          {...field('username')}
          testId="user-new-username"
        />
        <SelectField label={t('users.role')} {...field('role')} testId="user-new-role">
          <Options values={ROLES} label={(role) => t(`roles.${role}`)} />
        </SelectField>
        <PasswordField
          purpose="new"
          label={t('users.temporaryPassword')}
          hint={t('users.temporaryPasswordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          {...field('password')}
          testId="user-new-password"
        />
        <p className="hint">{t('users.factorAtFirstSignIn')}</p>
        <SubmitButton pending={pending} label={t('users.create')} testId="user-new-submit" />
      </form>
    </section>
  );
}
