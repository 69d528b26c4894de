import type { ReactNode, SVGProps } from 'react';

// Icons are drawn inline so nothing loads from another host and the CSP's
// `img-src 'self'` needs no exceptions. They are decorative: the text next to
// them carries the meaning, hence aria-hidden.
type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'>;

function Icon({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="icon"
      {...props}
    >
      {children}
    </svg>
  );
}

export function HomeIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M3 10.5 12 3l9 7.5" />
      <path d="M5 9.5V21h14V9.5" />
      <path d="M10 21v-6h4v6" />
    </Icon>
  );
}

/** The product mark: a house with a path leading to it. */
export function LogoIcon(props: IconProps) {
  return (
    <Icon width="28" height="28" {...props}>
      <path d="M4 11 12 4l8 7" />
      <path d="M6 10v9h12v-9" />
      <path d="M12 19c0-2 1.5-3 3-3" />
    </Icon>
  );
}

export function GlobeIcon(props: IconProps) {
  return (
    <Icon width="18" height="18" {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18" />
      <path d="M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18" />
    </Icon>
  );
}
