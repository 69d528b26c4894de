import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/AuthContext.js';
import { navItemsFor } from '../nav.js';
import { DemoBanner } from './DemoBanner.js';
import { canSearch, GlobalSearch } from './GlobalSearch.js';
import { LogoIcon, MenuIcon } from './icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationBell } from './NotificationBell.js';
import { useDisclosure } from './useDisclosure.js';
import { UserMenu } from './UserMenu.js';

const NAV_ID = 'main-nav';

/**
 * The frame around every staff page: header, navigation, and the page itself.
 * On a phone the navigation sits behind a menu button (styles.css hides the
 * closed list below 48rem and the button above it); it closes when the user
 * navigates or presses Escape. The header's tools (user menu, language) leave
 * room for the search box and the notification bell beside them.
 */
export function Layout() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const session = state.status === 'signedIn' ? state.session : undefined;
  // Until the second factor is enrolled the server answers nothing else, so no navigation is offered.
  const items = session && !session.enrolmentRequired ? navItemsFor(session.user.role) : [];
  // Open at one location: following a link makes a new location, which closes the menu.
  const { open, buttonProps } = useDisclosure();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <DemoBanner />
      <header className="app-header">
        <Link to="/" className="brand">
          <LogoIcon />
          <span>{t('app.name')}</span>
        </Link>
        {items.length > 0 && (
          <>
            <button
              type="button"
              {...buttonProps(NAV_ID)}
              className="nav-toggle button-secondary"
              data-testid="nav-toggle"
            >
              <MenuIcon />
              <span>{t('app.menu')}</span>
            </button>
            <nav
              id={NAV_ID}
              className="main-nav"
              data-open={open}
              aria-label={t('app.mainNavigation')}
              data-testid="main-nav"
            >
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
          </>
        )}
        <div className="header-tools">
          {items.length > 0 && session && canSearch(session.user.role) && <GlobalSearch />}
          {items.length > 0 && <NotificationBell />}
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
