import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { Role } from '../../shared/roles.js';
import { useSession } from '../auth/AuthContext.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { AdminView } from './home/AdminView.js';
import { CoordinatorView } from './home/CoordinatorView.js';
import { IntakeView } from './home/IntakeView.js';
import { WorkView } from './home/WorkView.js';

/** The home page: each role's work at a glance, every count a link to the list it counts. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  const { user } = useSession();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <RoleView role={user.role} />
    </>
  );
}

function RoleView({ role }: { role: Role }) {
  switch (role) {
    case 'caseworker':
    case 'lawyer':
      return <WorkView />;
    case 'intake':
      return <IntakeView />;
    case 'coordinator':
      return <CoordinatorView />;
    case 'admin':
      return <AdminView />;
    case 'analyst':
      // The analyst's work is the statistics dashboard.
      return <Navigate to="/statistics" replace />;
  }
}
