import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, type PasswordChangeRequest } from '../../api/accounts.js';
import { apiPost } from '../../api/client.js';
import { FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';
import { checkNewPassword } from '../../components/accountChecks.js';
import { useAccountMessages } from '../../components/useAccountMessages.js';

type Field = 'current' | 'next' | 'repeat';

const EMPTY: Record<Field, string> = { current: '', next: '', repeat: '' };

/** Changing my password; the server ends my other sessions when it does. */
export function PasswordSection({ username, onChanged }: { username: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { pending, failure, run } = useSubmit();
  const [values, setValues] = useState(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [changed, setChanged] = useState(false);
  const messages = useAccountMessages();

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const check = checkNewPassword(values.next, values.repeat);
    const found = {
      current: values.current === '' ? t('forms.required') : undefined,
      next: messages.password(check.password),
      repeat: messages.password(check.repeat),
    };
    setProblems(found);
    if (Object.values(found).some((m) => m !== undefined)) return;
    const body: PasswordChangeRequest = { currentPassword: values.current, newPassword: values.next };
    const ok = await run(() => apiPost('/api/me/password', body).then(() => true));
    if (ok) {
      setValues(EMPTY);
      setChanged(true);
      onChanged();
    }
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordHeading')}</h2>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        {changed && <Notice testId="password-changed">{t('account.passwordChanged')}</Notice>}
        <FormError failure={failure} testId="password-error" />
        {/* For password managers: which account this password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <TextField
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={values.current}
          onChange={(e) => set('current', e.target.value)}
          error={problems.current}
          serverError={serverFieldMessage(failure, 'currentPassword')}
          testId="password-current"
        />
        <TextField
          label={t('account.newPassword')}
          hint={messages.passwordRules}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          value={values.next}
          onChange={(e) => set('next', e.target.value)}
          error={problems.next}
          serverError={serverFieldMessage(failure, 'newPassword')}
          testId="password-new"
        />
        <TextField
          label={t('account.newPasswordRepeat')}
          name="newPasswordRepeat"
          type="password"
          autoComplete="new-password"
          value={values.repeat}
          onChange={(e) => set('repeat', e.target.value)}
          error={problems.repeat}
          testId="password-repeat"
        />
        <p className="hint">{t('account.passwordEndsSessions')}</p>
        <div className="form-actions">
          <button type="submit" disabled={pending} data-testid="password-submit">
            {pending ? t('common.saving') : t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
