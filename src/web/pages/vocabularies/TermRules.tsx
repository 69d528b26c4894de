import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { proposalsOf } from '../../../shared/task-deadlines.js';
import { allowsOutcome, type Term } from '../../../shared/vocabularies.js';
import type { Language } from '../../i18n/language.js';
import { periodWords } from './period.js';
import type { TermAction } from './TermItem.js';
import { TermRulesForm } from './TermRulesForm.js';

interface TermRulesProps {
  term: Term;
  language: Language;
  canEdit: boolean;
  pending: boolean;
  onAction: (action: TermAction) => Promise<boolean>;
}

/**
 * What a stage or outcome term does on a case: whether an outcome may be
 * recorded at the stage, and the tasks it proposes with their periods; for
 * coordinators, the form that changes them. Nothing for other vocabularies.
 */
export function TermRules({ term, language, canEdit, pending, onAction }: TermRulesProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (term.vocabulary !== 'stage' && term.vocabulary !== 'outcome') return null;
  const proposals = proposalsOf(term.attributes);
  return (
    <div className="stack" data-testid="vocab-rules">
      {term.vocabulary === 'stage' && allowsOutcome(term) && (
        <p className="hint" data-testid="vocab-rules-allows-outcome">
          {t('vocabularies.rules.outcomeHere')}
        </p>
      )}
      {proposals.length > 0 && (
        <ul className="hint" aria-label={t('vocabularies.rules.proposedTasks')}>
          {proposals.map((proposal, index) => (
            <li key={index} data-testid="vocab-rules-proposal">
              {t('vocabularies.rules.proposes', {
                title: language === 'ru' ? proposal.titleRu : proposal.titleEn,
                period: periodWords(language, proposal),
              })}
              {proposal.example === true && <> · {t('vocabularies.example')}</>}
            </li>
          ))}
        </ul>
      )}
      {canEdit && !editing && (
        <button
          type="button"
          className="button-secondary"
          disabled={pending}
          onClick={() => setEditing(true)}
          data-testid="vocab-rules-edit"
        >
          {t(term.vocabulary === 'stage' ? 'vocabularies.rules.editStage' : 'vocabularies.rules.editOutcome')}
        </button>
      )}
      {editing && (
        <TermRulesForm
          term={term}
          pending={pending}
          onCancel={() => setEditing(false)}
          onSave={async (changes) => {
            if (await onAction({ kind: 'rules', changes })) setEditing(false);
          }}
        />
      )}
    </div>
  );
}
