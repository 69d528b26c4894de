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
            <ConfirmButton
              label={t('users.disable')}
              question={t('users.disableQuestion', { username })}
              confirmLabel={t('users.disable')}
              onConfirm={() => onAction({ kind: 'disable' })}
              disabled={pending || isMe}
              testId="user-disable"
              danger
            />
          )}
        </div>
      </td>
      <td data-label={t('users.factor')}>
        <div className="cell-stack">
          <span className={user.factorEnrolled ? 'badge badge-ok' : 'badge'} data-testid="user-factor">
            {user.factorEnrolled ? t('users.factorEnrolled') : t('users.factorPending')}
          </span>
          {user.factorEnrolled && (
            <ConfirmButton
              label={t('users.factorReset')}
              question={t('users.factorResetQuestion', { username })}
              confirmLabel={t('users.factorReset')}
              onConfirm={() => onAction({ kind: 'factorReset' })}
              disabled={pending}
              testId="user-factor-reset"
              danger
            />
          )}
        </div>
      </td>
      <td data-label={t('users.sessions')}>
        <div className="cell-stack">
          <span data-testid="user-sessions">{user.activeSessions}</span>
          {user.activeSessions > 0 && (
            <ConfirmButton
              label={t('users.endSessions')}
              question={t('users.endSessionsQuestion', { username })}
              confirmLabel={t('users.endSessions')}
              onConfirm={() => onAction({ kind: 'endSessions' })}
              disabled={pending}
              testId="user-end-sessions"
            />
          )}
        </div>
      </td>
      <td data-label={t('users.created')}>{dateTime(user.createdAt)}</td>
    </tr>
  );
}
