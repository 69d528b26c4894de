import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ErrorCode } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import { errorCodeOf } from '../api/client.js';
import { useAuth } from '../auth/AuthContext.js';
import { errorMessage } from '../i18n/i18n.js';
import { SignOutIcon, UserIcon } from './icons.js';

/** Who is signed in, and the way out. */
export function UserMenu({ username, role }: { username: string; role: Role }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);

  function onSignOut() {
    setPending(true);
    setError(null);
    signOut().then(
      // Replace, so Back does not return to a page of the ended session.
      () => void navigate('/login', { replace: true }),
      (e: unknown) => {
        setPending(false);
        setError(errorCodeOf(e));
      },
    );
  }

  return (
    <div className="user-menu" data-testid="user-menu">
      <UserIcon />
      <span className="user-menu-name">
        <span data-testid="user-menu-username">{username}</span>
        <span className="user-menu-role" data-testid="user-menu-role" data-role={role}>
          {t(`roles.${role}`)}
        </span>
      </span>
      <button type="button" className="button-secondary" onClick={onSignOut} disabled={pending} data-testid="signout">
        <SignOutIcon />
        <span>{t('auth.signOut')}</span>
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="signout-error">
          {errorMessage(t, error)}
        </p>
      )}
    </div>
  );
}
