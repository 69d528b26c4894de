import type { ComponentType, SVGProps } from 'react';
import type { Role } from '../shared/roles.js';
import { AuditIcon, HomeIcon, ShieldIcon, UserIcon, UsersIcon, VocabularyIcon } from './components/icons.js';
import type { Messages } from './i18n/en.js';

export interface NavItem {
  to: string;
  labelKey: keyof Messages['nav'];
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Stable hook for tests: the link gets `data-testid="nav-<testId>"`. */
  testId: string;
  /** Who sees the entry; everyone signed in when absent. The server checks access again on every call. */
  roles?: readonly Role[];
  /** Active only on an exact match, so `/` does not light up on every page. */
  end?: boolean;
}

/** The main navigation, in display order. A new page adds its entry here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', labelKey: 'home', icon: HomeIcon, testId: 'home', end: true },
  { to: '/triage', labelKey: 'intake', icon: UsersIcon, testId: 'intake', roles: ['intake', 'coordinator'] },
  { to: '/cases', labelKey: 'cases', icon: AuditIcon, testId: 'cases', roles: ['caseworker', 'lawyer', 'coordinator'] },
  {
    to: '/incidents',
    labelKey: 'incidents',
    icon: AuditIcon,
    testId: 'incidents',
    roles: ['caseworker', 'lawyer', 'coordinator'],
  },
  {
    to: '/my-work',
    labelKey: 'myWork',
    icon: HomeIcon,
    testId: 'my-work',
    roles: ['caseworker', 'lawyer', 'coordinator', 'intake'],
  },
  {
    to: '/break-glass',
    labelKey: 'breakGlass',
    icon: ShieldIcon,
    testId: 'break-glass',
    roles: ['coordinator', 'admin'],
  },
  {
    to: '/statistics',
    labelKey: 'statistics',
    icon: AuditIcon,
    testId: 'statistics',
    roles: ['analyst', 'coordinator', 'admin'],
  },
  { to: '/admin/users', labelKey: 'users', icon: UsersIcon, testId: 'users', roles: ['admin'] },
  { to: '/admin/audit', labelKey: 'audit', icon: AuditIcon, testId: 'audit', roles: ['admin'] },
  { to: '/admin/api-tokens', labelKey: 'apiTokens', icon: ShieldIcon, testId: 'api-tokens', roles: ['admin'] },
  { to: '/admin/publication', labelKey: 'publication', icon: AuditIcon, testId: 'publication', roles: ['admin'] },
  {
    to: '/vocabularies',
    labelKey: 'vocabularies',
    icon: VocabularyIcon,
    testId: 'vocabularies',
    roles: ['coordinator'],
  },
  {
    to: '/people/duplicates',
    labelKey: 'duplicates',
    icon: UsersIcon,
    testId: 'duplicates',
    roles: ['coordinator'],
  },
  { to: '/account', labelKey: 'account', icon: UserIcon, testId: 'account' },
];

/** The entries a user with `role` sees. */
export function navItemsFor(role: Role): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}
