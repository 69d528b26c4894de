import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateUserRequest, UserSummary, UsersResponse } from '../../api/accounts.js';
import { apiDelete, apiPatch, apiPost } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { CreateUserForm } from './CreateUserForm.js';
import { UserRow, type UserAction } from './UserRow.js';
import { TableHead } from '../../components/TableHead.js';

/** Staff accounts: roles, disabling, second-factor resets, sessions; and new accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  const { user: me } = useSession();
  const { state, reload } = useApiGet<UsersResponse>('/api/users');
  const { pending, failure, run } = useSubmit();
  const [notice, setNotice] = useState<string | null>(null);

  async function act(user: UserSummary, action: UserAction) {
    setNotice(null);
    const done = await run(() => perform(user, action).then(() => true));
    if (done) setNotice(t(`users.done.${action.kind}`, { username: user.username }));
    reload();
  }

  return (
    <>
      <h1>{t('users.title')}</h1>
      <div className="stack">
        <section className="card" aria-labelledby="users-heading">
          <h2 id="users-heading">{t('users.listHeading')}</h2>
          <LoadStatus state={state} onRetry={reload} testId="users" />
          <FormError failure={failure} testId="users-action-error" />
          {notice && <Notice testId="users-notice">{notice}</Notice>}
          {state.kind === 'ready' && (
            <table className="data-table" data-testid="users-table">
              <TableHead
                columns={[
                  t('users.username'),
                  t('users.role'),
                  t('users.status'),
                  t('users.factor'),
                  t('users.sessions'),
                  t('users.created'),
                ]}
              />
              <tbody>
                {state.data.users.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    isMe={user.id === me.id}
                    pending={pending}
                    onAction={(action) => void act(user, action)}
                  />
                ))}
              </tbody>
            </table>
          )}
        </section>
        <CreateUserForm />
      </div>
    </>
  );
}

function perform(user: UserSummary, action: UserAction): Promise<unknown> {
  const base = `/api/users/${encodeURIComponent(user.id)}` as const;
  switch (action.kind) {
    case 'role': {
      const body: UpdateUserRequest = { role: action.role };
      return apiPatch<UserSummary>(base, body);
    }
    case 'disable':
    case 'enable': {
      const body: UpdateUserRequest = { disabled: action.kind === 'disable' };
      return apiPatch<UserSummary>(base, body);
    }
    case 'factorReset':
      return apiPost(`${base}/factor-reset`);
    case 'endSessions':
      return apiDelete(`${base}/sessions`);
  }
}
