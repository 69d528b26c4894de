import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  PLACE_KINDS,
  TERM_CODE_MAX_LENGTH,
  TERM_LABEL_MAX_LENGTH,
  type CreateTermRequest,
  type Term,
  type Vocabulary,
} from '../../../shared/vocabularies.js';
import { createTermBody } from '../../../shared/vocabularies.schema.js';
import { apiPost } from '../../api/client.js';
import {
  FormError,
  Options,
  SelectField,
  TextField,
  useSchemaForm,
  SubmitButton,
  AS_TYPED,
} from '../../components/forms.js';
import type { Language } from '../../i18n/language.js';
import { termLabel, type TermNode } from './tree.js';

/** The two names of a term, as the add and the edit form register them. */
type LabelField = Omit<Parameters<typeof TextField>[0], 'label' | 'lang' | 'maxLength'>;

/** A term's Russian and English names, side by side in every form that sets them. */
export function TermLabelFields({ ru, en }: { ru: LabelField; en: LabelField }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t('vocabularies.labelRu')} lang="ru" maxLength={TERM_LABEL_MAX_LENGTH} {...ru} />
      <TextField label={t('vocabularies.labelEn')} lang="en" maxLength={TERM_LABEL_MAX_LENGTH} {...en} />
    </>
  );
}

/** The names alone, for editing them in place. */
export const termLabelsSchema = createTermBody.pick({ labelRu: true, labelEn: true });

const schema = createTermBody.extend({
  // The select's "top level" is an empty value.
  parentId: z
    .string()
    .transform((value): string | null | undefined => (value === '' ? null : value))
    .pipe(createTermBody.shape.parentId),
  kind: z.enum(PLACE_KINDS),
});

const WORDING = { messages: { code: 'vocabularies.codeInvalid' }, interpolation: { max: TERM_CODE_MAX_LENGTH } };

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
  const { form, field, formProps, pending, failure, run } = useSchemaForm(
    schema,
    { code: '', labelRu: '', labelEn: '', parentId: '', kind: 'other' },
    WORDING,
  );

  const save = async ({ kind, ...values }: z.output<typeof schema>) => {
    const body: CreateTermRequest = { ...values, ...(vocabulary === 'place' ? { attributes: { kind } } : {}) };
    const term = await run(() => apiPost<Term>(`/api/vocabularies/${vocabulary}/terms`, body));
    if (term) {
      form.reset({ code: '', labelRu: '', labelEn: '' });
      onCreated(term);
    }
  };

  const taken = failure?.code === 'CONFLICT';
  const code = field('code');

  return (
    <section className="card" aria-labelledby="vocab-add-heading">
      <h2 id="vocab-add-heading">{t('vocabularies.addHeading')}</h2>
      <form className="form" {...formProps(save)}>
        <FormError failure={taken ? null : failure} testId="vocab-add-error" />
        <TextField
          label={t('vocabularies.code')}
          hint={t('vocabularies.codeHint', { max: TERM_CODE_MAX_LENGTH })}
          autoComplete="off"
          {...AS_TYPED}
          maxLength={TERM_CODE_MAX_LENGTH}
          {...code}
          error={code.error ?? (taken ? t('vocabularies.codeTaken') : undefined)}
          testId="vocab-new-code"
        />
        <TermLabelFields
          ru={{ ...field('labelRu'), testId: 'vocab-new-ru' }}
          en={{ ...field('labelEn'), testId: 'vocab-new-en' }}
        />
        <SelectField label={t('vocabularies.parent')} {...field('parentId')} testId="vocab-new-parent">
          <option value="">{t('vocabularies.topLevel')}</option>
          {parents.map(({ term, depth }) => (
            <option key={term.id} value={term.id}>
              {`${'— '.repeat(depth)}${termLabel(term, language)}`}
            </option>
          ))}
        </SelectField>
        {vocabulary === 'place' && (
          <SelectField label={t('vocabularies.placeKind')} {...field('kind')} testId="vocab-new-kind">
            <Options values={PLACE_KINDS} label={(kind) => t(`placeKinds.${kind}`)} />
          </SelectField>
        )}
        <SubmitButton pending={pending} label={t('vocabularies.add')} testId="vocab-new-submit" />
      </form>
    </section>
  );
}
