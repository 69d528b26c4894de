import type { Term } from '../../../shared/vocabularies.js';
import type { Language } from '../../i18n/language.js';

/** A term with its children, for showing a vocabulary as a tree. */
export interface TermNode {
  term: Term;
  depth: number;
  children: TermNode[];
}

/** The term's name in `language`. */
export function termLabel(term: Term, language: Language): string {
  return language === 'ru' ? term.labelRu : term.labelEn;
}

/**
 * The terms as a tree: siblings by sort order, then by name in the reader's
 * language. Retired terms are left out unless `showRetired`, except where an
 * offered term sits below one. A term whose parent is missing is a root.
 */
export function buildTermTree(terms: readonly Term[], language: Language, showRetired: boolean): TermNode[] {
  const ids = new Set(terms.map((term) => term.id));
  const byParent = new Map<string | null, Term[]>();
  for (const term of terms) {
    const parent = term.parentId !== null && ids.has(term.parentId) ? term.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), term]);
  }
  const collator = new Intl.Collator(language);
  const build = (parent: string | null, depth: number, path: ReadonlySet<string>): TermNode[] =>
    (byParent.get(parent) ?? [])
      .filter((term) => !path.has(term.id))
      .sort((a, b) => a.sortOrder - b.sortOrder || collator.compare(termLabel(a, language), termLabel(b, language)))
      .map((term) => ({ term, depth, children: build(term.id, depth + 1, new Set([...path, term.id])) }))
      .filter((node) => showRetired || !node.term.retired || node.children.length > 0);
  return build(null, 0, new Set());
}

/** The tree in display order, depth first. */
export function flattenTree(nodes: readonly TermNode[]): TermNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}
