import type { SVGProps } from 'react';

/** The vocabularies' navigation icon: a small tree of terms. Decorative, like the icons in components/icons. */
export function VocabularyIcon(props: Omit<SVGProps<SVGSVGElement>, 'children'>) {
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
      <path d="M4 4h6M7 4v14h4M7 11h4" />
      <path d="M14 11h6M14 18h6" />
    </svg>
  );
}
