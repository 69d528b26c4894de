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
