import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../api/accounts.js';
import { ROLES, isRole, type Role } from '../../../shared/roles.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useDateFormat } from '../../components/format.js';

export type UserAction =
  | { kind: 'role'; role: Role }
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'factorReset' }
  | { kind: 'endSessions' };

/** The actions asked about first, by what they do to the account, with the test id of their button. */
const CONFIRMED = {
  disable: { testId: 'user-disable', danger: true },
  factorReset: { testId: 'user-factor-reset', danger: true },
  endSessions: { testId: 'user-end-sessions', danger: false },
} as const;
type Confirmed = keyof typeof CONFIRMED;

interface UserRowProps {
  user: UserSummary;
  /** The signed-in admin's own row: no changing one's own role or disabling oneself. */
  isMe: boolean;
  pending: boolean;
  onAction: (action: UserAction) => void;
}

export function UserRow({ user, isMe, pending, onAction }: UserRowProps) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const roleId = useId();
  const { username } = user;
  // Chosen, then saved with a button: on some systems arrowing through a
  // closed select fires a change per step, which must not promote anyone.
  const [role, setRole] = useState<Role>(user.role);
  const roleChanged = role !== user.role;
  const confirmed = (kind: Confirmed, disabled = pending) => (
    <ConfirmButton
      label={t(`users.${kind}`)}
      question={t(`users.${kind}Question`, { username })}
      confirmLabel={t(`users.${kind}`)}
      onConfirm={() => onAction({ kind })}
      disabled={disabled}
      testId={CONFIRMED[kind].testId}
      danger={CONFIRMED[kind].danger}
    />
  );
  return (
    <tr data-testid="user-row" data-username={username} data-disabled={user.disabled}>
      <th scope="row" data-label={t('users.username')}>
        {username}
        {isMe && (
          <>
            {' '}
            <span className="badge">{t('users.you')}</span>
          </>
        )}
      </th>
      <td data-label={t('users.role')}>
        <label htmlFor={roleId} className="visually-hidden">
          {t('users.roleOf', { username })}
        </label>
        <div className="cell-stack">
          <select
            id={roleId}
            value={role}
            disabled={pending || isMe}
            onChange={(e) => {
              if (isRole(e.target.value)) setRole(e.target.value);
            }}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          {roleChanged && (
            <>
              <button
                type="button"
                disabled={pending}
                onClick={() => onAction({ kind: 'role', role })}
                data-testid="user-role-save"
              >
                {t('users.saveRole')}
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={pending}
                onClick={() => setRole(user.role)}
                data-testid="user-role-cancel"
              >
                {t('common.cancel')}
              </button>
            </>
          )}
        </div>
      </td>
      <td data-label={t('users.status')}>
        <div className="cell-stack">
          <span className={user.disabled ? 'badge badge-bad' : 'badge badge-ok'} data-testid="user-status">
            {user.disabled ? t('users.disabled') : t('users.active')}
          </span>
          {user.disabled ? (
            <button
              type="button"
              className="button-secondary"
              disabled={pending}
              onClick={() => onAction({ kind: 'enable' })}
              data-testid="user-enable"
            >
              {t('users.enable')}
            </button>
          ) : (
            confirmed('disable', pending || isMe)
          )}
        </div>
      </td>
      <td data-label={t('users.factor')}>
        <div className="cell-stack">
          <span className={user.factorEnrolled ? 'badge badge-ok' : 'badge'} data-testid="user-factor">
            {user.factorEnrolled ? t('users.factorEnrolled') : t('users.factorPending')}
          </span>
          {user.factorEnrolled && confirmed('factorReset')}
        </div>
      </td>
      <td data-label={t('users.sessions')}>
        <div className="cell-stack">
          <span data-testid="user-sessions">{user.activeSessions}</span>
          {user.activeSessions > 0 && confirmed('endSessions')}
        </div>
      </td>
      <td data-label={t('users.created')}>{dateTime(user.createdAt)}</td>
    </tr>
  );
}
