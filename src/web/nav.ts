import type { ComponentType, SVGProps } from 'react';
import { HomeIcon } from './components/icons.js';
import type { Messages } from './i18n/en.js';

export interface NavItem {
  to: string;
  labelKey: keyof Messages['nav'];
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Active only on an exact match, so `/` does not light up on every page. */
  end?: boolean;
}

/** The main navigation, in display order. A new page adds its entry here. */
export const NAV_ITEMS: readonly NavItem[] = [{ to: '/', labelKey: 'home', icon: HomeIcon, end: true }];
