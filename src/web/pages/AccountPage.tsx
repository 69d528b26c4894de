import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/AuthContext.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { PasswordSection } from './account/PasswordSection.js';
import { RecoveryCodesSection } from './account/RecoveryCodesSection.js';
import { SessionsSection } from './account/SessionsSection.js';

/** My own account: where I am signed in, my password, my recovery codes. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const { user } = useSession();
  // A password change ends the other sessions: a new key remounts the list, which asks again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p className="muted">{t('account.signedInAs', { username: user.username, role: t(`roles.${user.role}`) })}</p>
      <div className="stack">
        <SessionsSection key={sessionsVersion} />
        <PasswordSection username={user.username} onChanged={() => setSessionsVersion((n) => n + 1)} />
        <RecoveryCodesSection username={user.username} />
      </div>
    </>
  );
}
