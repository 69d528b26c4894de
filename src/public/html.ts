/**
 * HTML for the public pages, as strings. Every value that is not a literal of
 * this code goes through `escapeHtml` (or the `html` tag, which escapes every
 * interpolation that is not already `SafeHtml`). No inline script or style:
 * the CSP allows neither, and the pages must work with JavaScript off.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part));
}

/** Tagged template: literal parts pass, interpolations are escaped unless SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export type Lang = 'ru' | 'en';

export function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'ru';
}

/** A whole page: the served stylesheet (and a page's own, served too), nothing from anywhere else. */
export function page(
  lang: Lang,
  title: string,
  body: SafeHtml,
  own: { stylesheet: string; className: string } | null = null,
): string {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/public/intake.css" />
        ${own === null ? '' : html`<link rel="stylesheet" href="${own.stylesheet}" />`}
      </head>
      <body>
        <main class="${own === null ? 'page' : `page ${own.className}`}">${body}</main>
      </body>
    </html> `.value;
}
