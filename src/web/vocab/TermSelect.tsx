import { useMemo, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Term, Vocabulary } from '../../shared/vocabularies.js';
import { buildTermTree, flattenTree, termLabel, type TermNode } from '../pages/vocabularies/tree.js';
import { useLanguage, useTerms } from './terms.js';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'>;

export interface TermSelectProps extends SelectProps {
  vocabulary: Vocabulary;
  /**
   * The first, empty choice: `any` for a filter (no restriction), `none` for
   * a form field that may be left empty, `false` when a term must be chosen.
   */
  empty?: 'any' | 'none' | false;
  /** Only these codes are offered (a stage's allowed next stages, say); all offered terms when absent. */
  only?: readonly string[];
  /** Whether a term with children may itself be chosen (a federal district as a filter); leaves only when false. */
  parentsSelectable?: boolean;
  testId?: string;
}

/**
 * A vocabulary as a native <select>: names in the reader's language, values
 * the codes; hierarchical vocabularies grouped under their parents (regions
 * under their federal district). Retired terms are not offered, except the one
 * already chosen. Works controlled (`value`/`onChange`) or with React Hook
 * Form's `register` spread onto it.
 */
export function TermSelect({
  vocabulary,
  empty = false,
  only,
  parentsSelectable = false,
  testId,
  ...select
}: TermSelectProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data } = useTerms(vocabulary);
  const chosen = typeof select.value === 'string' ? select.value : undefined;
  const tree = useMemo(() => {
    const offered = (data?.terms ?? []).filter(
      (term) => (!term.retired || term.code === chosen) && (!only || only.includes(term.code) || term.code === chosen),
    );
    return buildTermTree(withAncestors(offered, data?.terms ?? []), language, true);
  }, [data, language, chosen, only]);
  return (
    <select data-testid={testId} aria-busy={data ? undefined : true} {...select}>
      {empty !== false && <option value="">{t(`terms.${empty}`)}</option>}
      {tree.map((node) => renderNode(node, language, parentsSelectable, only))}
    </select>
  );
}

/** Parents of offered terms are kept as group headings even when they are not offered themselves. */
function withAncestors(offered: readonly Term[], all: readonly Term[]): Term[] {
  const byId = new Map(all.map((term) => [term.id, term]));
  const kept = new Map(offered.map((term) => [term.id, term]));
  for (const term of offered) {
    let parent = term.parentId === null ? undefined : byId.get(term.parentId);
    while (parent && !kept.has(parent.id)) {
      kept.set(parent.id, parent);
      parent = parent.parentId === null ? undefined : byId.get(parent.parentId);
    }
  }
  return [...kept.values()];
}

function renderNode(
  node: TermNode,
  language: 'ru' | 'en',
  parentsSelectable: boolean,
  only: readonly string[] | undefined,
) {
  const label = termLabel(node.term, language);
  if (node.children.length === 0) {
    return (
      <option key={node.term.id} value={node.term.code}>
        {label}
      </option>
    );
  }
  // An <optgroup> cannot nest: deeper levels are flattened under the top-level group, indented.
  const descendants = flattenTree(node.children);
  const selectable = parentsSelectable && (!only || only.includes(node.term.code));
  return (
    <optgroup key={node.term.id} label={label}>
      {selectable && <option value={node.term.code}>{label}</option>}
      {descendants.map((child) => (
        <option key={child.term.id} value={child.term.code}>
          {'\u00a0\u00a0'.repeat(child.depth - 1)}
          {termLabel(child.term, language)}
        </option>
      ))}
    </optgroup>
  );
}
