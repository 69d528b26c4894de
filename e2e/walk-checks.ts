/**
 * What the page walker (walk.test.ts) looks for on a page: the text a person
 * reads, the free-text inputs, and the patterns of a code, a UUID or an ISO
 * date. `readable` and `textInputs` run inside the page (page.evaluate), so
 * they use nothing from outside their own bodies.
 */

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
export const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?/;
/** Words that name a vocabulary in an input's name, id or test id (not "case" or "person": they name much else). */
export const VOCABULARY_WORDS = new Set([
  'region',
  'place',
  'unit',
  'category',
  'force',
  'role',
  'type',
  'stage',
  'outcome',
  'channel',
  'location',
  'court',
]);
export const LANGUAGES = ['en', 'ru'] as const;
export const WIDTHS = [1280, 360] as const;

/** A route of the app (App.tsx `path`) and the address the walker visits it at. */
export interface Visit {
  route: string;
  url: string;
}

/** A piece of text on the page a person reads, and where it stands. */
export interface Seen {
  text: string;
  where: string;
  /** Inside a <code> element: the vocabulary editor shows codes there on purpose. */
  code: boolean;
}

/** Everything a person reads on the page: visible text nodes, whole cells and items, options, labels in attributes. */
export function readable(): Seen[] {
  const out: Seen[] = [];
  const where = (el: Element): string => {
    const tested = el.closest('[data-testid]');
    const name = tested ? `[data-testid="${tested.getAttribute('data-testid') ?? ''}"]` : '';
    return `${el.tagName.toLowerCase()}${name}`;
  };
  const visible = (el: Element): boolean => {
    const select = el.closest('select');
    return (select ?? el).checkVisibility({ visibilityProperty: true });
  };
  const add = (el: Element, text: string | null | undefined): void => {
    const trimmed = (text ?? '').replace(/\s+/g, ' ').trim();
    if (trimmed !== '') out.push({ text: trimmed, where: where(el), code: el.closest('code') !== null });
  };
  const nodes = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = nodes.nextNode(); node; node = nodes.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript') || !visible(parent)) continue;
    add(parent, node.textContent);
  }
  for (const el of document.querySelectorAll('td, th, li, dd, dt, option, button, a, label, h1, h2, h3, p, span')) {
    if (visible(el)) add(el, el.textContent);
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], [alt], optgroup[label]')) {
    if (!visible(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt', 'label']) add(el, el.getAttribute(name));
  }
  for (const el of document.querySelectorAll('input:not([type]), input[type="text"], input[type="search"], textarea')) {
    if (visible(el)) add(el, (el as HTMLInputElement).value);
  }
  return out;
}

/** Free-text inputs (no list, not a combobox) and what names them, for the vocabulary filter check. */
export function textInputs(): { names: string; where: string }[] {
  const inputs = document.querySelectorAll<HTMLInputElement>(
    'input:not([type]), input[type="text"], input[type="search"]',
  );
  return [...inputs]
    .filter(
      (input) => input.checkVisibility() && !input.hasAttribute('list') && input.getAttribute('role') !== 'combobox',
    )
    .map((input) => ({
      names: [input.name, input.id, input.getAttribute('data-testid') ?? ''].join(' '),
      where: input.getAttribute('data-testid') ?? input.name,
    }));
}

/** The words of an identifier: `cases-filter-serviceCategory` → cases, filter, service, category. */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}
