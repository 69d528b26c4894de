import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext.js';
import { navItemsFor } from '../nav.js';
import { LogoIcon } from './icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

/** The frame around every staff page: header, navigation, and the page itself. */
export function Layout() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const session = state.status === 'signedIn' ? state.session : undefined;
  // Until the second factor is enrolled the server answers nothing else, so no navigation is offered.
  const items = session && !session.enrolmentRequired ? navItemsFor(session.user.role) : [];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <LogoIcon />
          <span>{t('app.name')}</span>
        </Link>
        {items.length > 0 && (
          <nav className="main-nav" aria-label={t('app.mainNavigation')}>
            <ul>
              {items.map(({ to, labelKey, icon: NavIcon, end, testId }) => (
                <li key={to}>
                  <NavLink to={to} end={end ?? false} data-testid={`nav-${testId}`}>
                    <NavIcon />
                    <span>{t(`nav.${labelKey}`)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          {session && <UserMenu username={session.user.username} role={session.user.role} />}
          <LanguageSwitch />
        </div>
      </header>
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
