import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PLACE_KINDS,
  TERM_CODE_MAX_LENGTH,
  TERM_CODE_PATTERN,
  TERM_LABEL_MAX_LENGTH,
  type CreateTermRequest,
  type PlaceKind,
  type Term,
  type Vocabulary,
} from '../../../shared/vocabularies.js';
import { apiPost } from '../../api/client.js';
import { FieldMessage, FormError, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';
import type { Language } from '../../i18n/language.js';
import { termLabel, type TermNode } from './tree.js';

interface AddTermFormProps {
  vocabulary: Vocabulary;
  /** The vocabulary's terms in display order, offered as parents. */
  parents: readonly TermNode[];
  language: Language;
  onCreated: (term: Term) => void;
}

/** A new term: code, both names, its parent, and for a place its kind. */
export function AddTermForm({ vocabulary, parents, language, onCreated }: AddTermFormProps) {
  const { t } = useTranslation();
  const parentId = useId();
  const kindId = useId();
  const { pending, failure, run } = useSubmit();
  const [code, setCode] = useState('');
  const [labelRu, setLabelRu] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [parent, setParent] = useState('');
  const [kind, setKind] = useState<PlaceKind>('other');
  const [problems, setProblems] = useState<{ code?: string | undefined; label?: string | undefined }>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      code: TERM_CODE_PATTERN.test(code.trim())
        ? undefined
        : t('vocabularies.codeInvalid', { max: TERM_CODE_MAX_LENGTH }),
      label: labelRu.trim() === '' || labelEn.trim() === '' ? t('vocabularies.labelRequired') : undefined,
    };
    setProblems(found);
    if (found.code !== undefined || found.label !== undefined) return;
    const body: CreateTermRequest = {
      code: code.trim(),
      labelRu: labelRu.trim(),
      labelEn: labelEn.trim(),
      parentId: parent === '' ? null : parent,
      ...(vocabulary === 'place' ? { attributes: { kind } } : {}),
    };
    const term = await run(() => apiPost<Term>(`/api/vocabularies/${vocabulary}/terms`, body));
    if (term) {
      setCode('');
      setLabelRu('');
      setLabelEn('');
      onCreated(term);
    }
  }

  const taken = failure?.code === 'CONFLICT';

  return (
    <section className="card" aria-labelledby="vocab-add-heading">
      <h2 id="vocab-add-heading">{t('vocabularies.addHeading')}</h2>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        <FormError failure={taken ? null : failure} testId="vocab-add-error" />
        <TextField
          label={t('vocabularies.code')}
          hint={t('vocabularies.codeHint', { max: TERM_CODE_MAX_LENGTH })}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={TERM_CODE_MAX_LENGTH}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={problems.code ?? (taken ? t('vocabularies.codeTaken') : undefined)}
          serverError={serverFieldMessage(failure, 'code')}
          testId="vocab-new-code"
        />
        <TextField
          label={t('vocabularies.labelRu')}
          lang="ru"
          maxLength={TERM_LABEL_MAX_LENGTH}
          value={labelRu}
          onChange={(e) => setLabelRu(e.target.value)}
          error={problems.label}
          serverError={serverFieldMessage(failure, 'labelRu')}
          testId="vocab-new-ru"
        />
        <TextField
          label={t('vocabularies.labelEn')}
          lang="en"
          maxLength={TERM_LABEL_MAX_LENGTH}
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
          serverError={serverFieldMessage(failure, 'labelEn')}
          testId="vocab-new-en"
        />
        <div className="field">
          <label htmlFor={parentId}>{t('vocabularies.parent')}</label>
          <select
            id={parentId}
            value={parent}
            onChange={(e) => setParent(e.target.value)}
            data-testid="vocab-new-parent"
          >
            <option value="">{t('vocabularies.topLevel')}</option>
            {parents.map(({ term, depth }) => (
              <option key={term.id} value={term.id}>
                {`${'— '.repeat(depth)}${termLabel(term, language)}`}
              </option>
            ))}
          </select>
          <FieldMessage id={`${parentId}-error`} serverError={serverFieldMessage(failure, 'parentId')} />
        </div>
        {vocabulary === 'place' && (
          <div className="field">
            <label htmlFor={kindId}>{t('vocabularies.placeKind')}</label>
            <select
              id={kindId}
              value={kind}
              onChange={(e) => setKind(PLACE_KINDS.find((k) => k === e.target.value) ?? 'other')}
              data-testid="vocab-new-kind"
            >
              {PLACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`placeKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" disabled={pending} data-testid="vocab-new-submit">
            {pending ? t('common.saving') : t('vocabularies.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
