import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { NAV_ITEMS } from '../nav.js';
import { LogoIcon } from './icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The frame around every staff page: header, navigation, and the page itself. */
export function Layout() {
  const { t } = useTranslation();
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
        <nav className="main-nav" aria-label={t('app.mainNavigation')}>
          <ul>
            {NAV_ITEMS.map(({ to, labelKey, icon: NavIcon, end }) => (
              <li key={to}>
                <NavLink to={to} end={end ?? false}>
                  <NavIcon />
                  <span>{t(`nav.${labelKey}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      {/* tabIndex lets the skip link move focus here, not just scroll. */}
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
