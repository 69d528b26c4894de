import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useSchemaForm } from '../../components/forms.js';
import type { Language } from '../../i18n/language.js';
import { TermLabelFields, termLabelsSchema } from './AddTermForm.js';
import { termLabel, type TermNode } from './tree.js';
import { TermRules } from './TermRules.js';
import type { RuleChanges } from './TermRulesForm.js';

/** What a coordinator does to one term from the tree. */
export type TermAction =
  | { kind: 'updated'; labelRu: string; labelEn: string }
  | { kind: 'rules'; changes: RuleChanges }
  | { kind: 'retired' }
  | { kind: 'unretired' };

interface TermItemProps {
  node: TermNode;
  language: Language;
  canEdit: boolean;
  pending: boolean;
  onAction: (node: TermNode, action: TermAction) => Promise<boolean>;
}

/** Terms as a list, each with its children nested below it; the top list has a label and a test id. */
export function TermList({
  nodes,
  label,
  testId,
  ...item
}: Omit<TermItemProps, 'node'> & { nodes: readonly TermNode[]; label?: string; testId?: string }) {
  return (
    <ul aria-label={label} data-testid={testId}>
      {nodes.map((node) => (
        <TermItem key={node.term.id} node={node} {...item} />
      ))}
    </ul>
  );
}

/**
 * One term and, nested below it, its children: nested lists indent each
 * level by themselves. Names are edited in place.
 */
export function TermItem({ node, language, canEdit, pending, onAction }: TermItemProps) {
  const { t } = useTranslation();
  const { term } = node;
  const label = termLabel(term, language);
  const other = language === 'ru' ? term.labelEn : term.labelRu;
  const [editing, setEditing] = useState(false);
  const { form, field, formProps } = useSchemaForm(termLabelsSchema, {
    labelRu: term.labelRu,
    labelEn: term.labelEn,
  });

  const onSave = async (labels: z.output<typeof termLabelsSchema>) => {
    if (await onAction(node, { kind: 'updated', ...labels })) setEditing(false);
  };

  function startEditing() {
    form.reset({ labelRu: term.labelRu, labelEn: term.labelEn });
    setEditing(true);
  }

  return (
    <li data-testid="vocab-term" data-code={term.code} data-retired={term.retired} data-depth={node.depth}>
      <div className="cell-stack">
        <span className={term.retired ? 'muted' : undefined}>
          <strong>{label}</strong> <span lang={language === 'ru' ? 'en' : 'ru'}>· {other}</span>{' '}
          <code className="muted">{term.code}</code>
        </span>
        {term.retired && <span className="badge badge-bad">{t('vocabularies.retired')}</span>}
        {term.attributes.example === true && <span className="badge badge-warn">{t('vocabularies.example')}</span>}
        {canEdit && !editing && (
          <button
            type="button"
            className="button-secondary"
            disabled={pending}
            onClick={startEditing}
            aria-label={t('vocabularies.editOf', { label })}
            data-testid="vocab-term-edit"
          >
            {t('vocabularies.edit')}
          </button>
        )}
        {canEdit &&
          (term.retired ? (
            <button
              type="button"
              className="button-secondary"
              disabled={pending}
              onClick={() => void onAction(node, { kind: 'unretired' })}
              data-testid="vocab-term-unretire"
            >
              {t('vocabularies.unretire')}
            </button>
          ) : (
            <ConfirmButton
              label={t('vocabularies.retire')}
              question={t('vocabularies.retireQuestion', { label })}
              confirmLabel={t('vocabularies.retire')}
              onConfirm={() => void onAction(node, { kind: 'retired' })}
              disabled={pending}
              testId="vocab-term-retire"
            />
          ))}
      </div>
      <TermRules
        term={term}
        language={language}
        canEdit={canEdit}
        pending={pending}
        onAction={(a) => onAction(node, a)}
      />
      {editing && (
        <form className="form" {...formProps(onSave)} aria-busy={pending}>
          <TermLabelFields
            ru={{ ...field('labelRu'), testId: 'vocab-edit-ru' }}
            en={{ ...field('labelEn'), testId: 'vocab-edit-en' }}
          />
          <div className="form-actions">
            <button type="submit" disabled={pending} data-testid="vocab-edit-save">
              {pending ? t('common.saving') : t('vocabularies.save')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => setEditing(false)}
              data-testid="vocab-edit-cancel"
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {node.children.length > 0 && (
        <TermList nodes={node.children} language={language} canEdit={canEdit} pending={pending} onAction={onAction} />
      )}
    </li>
  );
}
