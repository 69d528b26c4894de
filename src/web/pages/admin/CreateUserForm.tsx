import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  type CreateUserRequest,
  type UserSummary,
} from '../../api/accounts.js';
import { ROLES, isRole, type Role } from '../../../shared/roles.js';
import { apiPost } from '../../api/client.js';
import { FieldMessage, FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';
import { checkNewPassword, checkUsername } from '../../components/accountChecks.js';
import { useAccountMessages } from '../../components/useAccountMessages.js';

/** A new staff account with a temporary password; the second factor is set up at its first sign-in. */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const roleId = useId();
  const { pending, failure, run } = useSubmit();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('caseworker');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ username?: string | undefined; password?: string | undefined }>({});
  const [created, setCreated] = useState<string | null>(null);
  const messages = useAccountMessages();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    // Typed once, by the admin, and handed over: no repeat field, but the same length rule.
    const found = {
      username: messages.username(checkUsername(username)),
      password: messages.password(checkNewPassword(password, password).password),
    };
    setProblems(found);
    if (found.username !== undefined || found.password !== undefined) return;
    const body: CreateUserRequest = { username: username.trim(), role, password };
    const user = await run(() => apiPost<UserSummary>('/api/users', body));
    if (user) {
      setCreated(user.username);
      setUsername('');
      setPassword('');
      onCreated();
    }
  }

  const taken = failure?.code === 'USERNAME_TAKEN';

  return (
    <section className="card" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t('users.createHeading')}</h2>
      <p className="muted">{t('users.createIntro')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        {created && <Notice testId="user-created">{t('users.createdNotice', { username: created })}</Notice>}
        <FormError failure={taken ? null : failure} testId="create-user-error" />
        <TextField
          label={t('users.username')}
          hint={`${t('users.usernameHint')} ${messages.usernameRules}`}
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={USERNAME_MAX_LENGTH}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={problems.username ?? (taken ? t('errors.USERNAME_TAKEN') : undefined)}
          serverError={serverFieldMessage(failure, 'username')}
          testId="user-new-username"
        />
        <div className="field">
          <label htmlFor={roleId}>{t('users.role')}</label>
          <select
            id={roleId}
            name="role"
            value={role}
            onChange={(e) => {
              if (isRole(e.target.value)) setRole(e.target.value);
            }}
            aria-describedby={serverFieldMessage(failure, 'role') ? `${roleId}-error` : undefined}
            data-testid="user-new-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <FieldMessage id={`${roleId}-error`} serverError={serverFieldMessage(failure, 'role')} />
        </div>
        <TextField
          label={t('users.temporaryPassword')}
          hint={t('users.temporaryPasswordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={problems.password}
          serverError={serverFieldMessage(failure, 'password')}
          testId="user-new-password"
        />
        <p className="hint">{t('users.factorAtFirstSignIn')}</p>
        <div className="form-actions">
          <button type="submit" disabled={pending} data-testid="user-new-submit">
            {pending ? t('common.saving') : t('users.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
