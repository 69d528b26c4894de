import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { TermSelect, type TermSelectProps } from '../../vocab/TermSelect.js';

/** For `register`: an empty choice is no value (null), not the empty code. */
export const nullIfEmpty = { setValueAs: (value: unknown) => (value === '' ? null : value) };

/** A labelled vocabulary picker for a case's forms; `id` is also its test id. */
export function TermField({ id, label, ...select }: TermSelectProps & { id: string; label: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <TermSelect id={id} testId={id} {...select} />
    </div>
  );
}

/** One optional vocabulary field of a form: the form's field, its vocabulary, its label, its id. */
export interface OptionalTerm<T extends FieldValues> {
  name: Path<T>;
  vocabulary: Vocabulary;
  label: string;
  id: string;
}

/** Vocabulary pickers a form registers, each of which may be left empty (then null). */
export function OptionalTermFields<T extends FieldValues>({
  form,
  fields,
}: {
  form: UseFormReturn<T>;
  fields: readonly OptionalTerm<T>[];
}) {
  return fields.map(({ name, vocabulary, label, id }) => (
    <TermField
      key={name}
      id={id}
      label={label}
      vocabulary={vocabulary}
      empty="none"
      {...form.register(name, nullIfEmpty)}
    />
  ));
}
