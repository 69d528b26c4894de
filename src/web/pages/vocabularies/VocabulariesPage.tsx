import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  VOCABULARIES,
  isVocabulary,
  type Term,
  type TermsResponse,
  type UpdateTermRequest,
  type VocabulariesResponse,
  type Vocabulary,
} from '../../../shared/vocabularies.js';
import { apiPatch } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { Checkbox } from '../../components/Checkbox.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AddTermForm } from './AddTermForm.js';
import { TermList, type TermAction } from './TermItem.js';
import { TransitionsSection } from './TransitionsSection.js';
import { buildTermTree, flattenTree, termLabel, type TermNode } from './tree.js';

/**
 * The controlled vocabularies as trees. Every signed-in user may read them;
 * coordinators (the only role the server lets edit) rename, add, retire and
 * offer again terms, and edit the moves between stages. The chosen
 * vocabulary is in the address (`?v=stage`), so a link can point at one.
 */
export function VocabulariesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('vocabularies.title'));
  const language = i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
  const canEdit = useSession().user.role === 'coordinator';
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const requested = params.get('v');
  const vocabulary: Vocabulary = isVocabulary(requested) ? requested : 'region';
  const [showRetired, setShowRetired] = useState(false);
  const summary = useApiGet<VocabulariesResponse>('/api/vocabularies');
  // Retired terms are always loaded: the tree must show a retired parent of an offered term.
  const { state, reload } = useApiGet<TermsResponse>(`/api/vocabularies/${vocabulary}?includeRetired=true`);
  const { pending, failure, run } = useSubmit();
  const [notice, setNotice] = useState<string | null>(null);

  const terms = useMemo(() => (state.kind === 'ready' ? state.data.terms : []), [state]);
  const tree = useMemo(() => buildTermTree(terms, language, showRetired), [terms, language, showRetired]);
  const allNodes = useMemo(() => flattenTree(buildTermTree(terms, language, true)), [terms, language]);
  const counts = summary.state.kind === 'ready' ? summary.state.data.vocabularies : [];

  function choose(next: string) {
    if (!isVocabulary(next)) return;
    setNotice(null);
    setParams({ v: next });
  }

  function done(message: string) {
    setNotice(message);
    reload();
    summary.reload();
  }

  async function act(node: TermNode, action: TermAction): Promise<boolean> {
    setNotice(null);
    const body: UpdateTermRequest =
      action.kind === 'updated'
        ? { labelRu: action.labelRu, labelEn: action.labelEn }
        : action.kind === 'rules'
          ? { attributeChanges: action.changes }
          : { retired: action.kind === 'retired' };
    const url = `/api/vocabularies/${vocabulary}/terms/${encodeURIComponent(node.term.id)}` as const;
    const term = await run(() => apiPatch<Term>(url, body));
    if (term === undefined) return false;
    done(t(`vocabularies.done.${action.kind}`, { label: termLabel(term, language) }));
    return true;
  }

  return (
    <>
      <h1>{t('vocabularies.title')}</h1>
      <div className="stack">
        <section className="card" aria-labelledby="vocab-terms-heading">
          <h2 id="vocab-terms-heading" className="visually-hidden">
            {t('vocabularies.termsHeading')}
          </h2>
          <p className="muted">{t('vocabularies.intro')}</p>
          {!canEdit && (
            <p className="muted" data-testid="vocab-readonly">
              {t('vocabularies.readOnly')}
            </p>
          )}
          <div className="field">
            <label htmlFor={selectId}>{t('vocabularies.choose')}</label>
            <select
              id={selectId}
              value={vocabulary}
              onChange={(e) => choose(e.target.value)}
              data-testid="vocab-select"
            >
              {VOCABULARIES.map((name) => {
                const count = counts.find((c) => c.vocabulary === name);
                return (
                  <option key={name} value={name}>
                    {t(`vocabularyNames.${name}`)}
                    {count ? ` (${count.terms - count.retired})` : ''}
                  </option>
                );
              })}
            </select>
          </div>
          <Checkbox
            label={t('vocabularies.showRetired')}
            checked={showRetired}
            onChange={setShowRetired}
            testId="vocab-show-retired"
          />
          <LoadStatus state={state} onRetry={reload} testId="vocab-terms" />
          <FormError failure={failure} testId="vocab-action-error" />
          {notice && <Notice testId="vocab-notice">{notice}</Notice>}
          {state.kind === 'ready' && (
            <>
              <p className="hint" data-testid="vocab-counts">
                {t('vocabularies.counts', {
                  total: terms.length,
                  retired: terms.filter((term) => term.retired).length,
                })}
              </p>
              {tree.length === 0 ? (
                <p className="muted">{t('vocabularies.empty')}</p>
              ) : (
                <TermList
                  nodes={tree}
                  label={t(`vocabularyNames.${vocabulary}`)}
                  testId="vocab-tree"
                  language={language}
                  canEdit={canEdit}
                  pending={pending}
                  onAction={act}
                />
              )}
            </>
          )}
        </section>
        {vocabulary === 'stage' && state.kind === 'ready' && (
          <TransitionsSection stages={allNodes.map((node) => node.term)} language={language} canEdit={canEdit} />
        )}
        {canEdit && state.kind === 'ready' && (
          <AddTermForm
            key={vocabulary}
            vocabulary={vocabulary}
            parents={allNodes}
            language={language}
            onCreated={(term) => done(t('vocabularies.done.created', { label: termLabel(term, language) }))}
          />
        )}
      </div>
    </>
  );
}
