import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResults } from '../../../shared/cases.schema.js';
import { apiGet } from '../../api/client.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { PersonName } from './IncidentParts.js';

/**
 * A person of the registry, found by name through the search (people of the
 * cases one may see) and chosen from the hits; the chosen one is shown by
 * name, with a button to choose another.
 */
export function PersonPicker({
  value,
  onChange,
  label,
  testId,
  error,
}: {
  value: string | null;
  onChange: (personId: string | null) => void;
  label: string;
  testId: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchResults['results'] | null>(null);
  const { pending, failure, run } = useSubmit();
  async function find() {
    if (q.trim() === '') return;
    const found = await run(() =>
      apiGet<SearchResults>(`/api/search?types=person&limit=10&q=${encodeURIComponent(q.trim())}`),
    );
    if (found !== undefined) setHits(found.results.filter((hit) => hit.type === 'person'));
  }
  if (value !== null) {
    return (
      <div className="field" data-testid={testId}>
        <span>{label}</span>
        <div className="row wrap">
          <strong data-testid={`${testId}-chosen`}>
            <PersonName personId={value} />
          </strong>
          <button type="button" className="button-secondary" onClick={() => onChange(null)}>
            {t('incidents.personChange')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="field" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="row wrap">
        <input
          id={id}
          type="search"
          value={q}
          data-testid={`${testId}-query`}
          aria-invalid={error === undefined ? undefined : true}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" className="button-secondary" disabled={pending} onClick={() => void find()}>
          {t('incidents.personFind')}
        </button>
      </div>
      {error !== undefined && <p className="field-error">{error}</p>}
      <FormError failure={failure} testId={`${testId}-error`} />
      {hits !== null && hits.length === 0 && <p className="muted">{t('incidents.personNone')}</p>}
      {hits !== null && hits.length > 0 && (
        <ul className="stack">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                className="button-secondary"
                data-testid={`${testId}-hit`}
                onClick={() => onChange(hit.id)}
              >
                {hit.title ?? t('people.noName')}
                {hit.caseNumber !== null && ` · ${hit.caseNumber}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
