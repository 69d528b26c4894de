import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiPost } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { FieldMessage, FormError, serverFieldMessage, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { MERGE_FIELDS, type MergeChoices, type MergeField, type MergeInput } from '../../../shared/people.schema.js';
import { FIELD_LABEL, usePersonFieldText } from './fields.js';
import type { MergeResult, Person } from './types.js';

type Choice = 'into' | 'merged' | 'both';
/**
 * Two people side by side (coordinators): for each field the coordinator
 * chooses the kept record's value (the default) or the other's; contacts may
 * be both lists. The other record's names become aliases of the kept one.
 */
export function MergePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('merge.title'));
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const into = params.get('into') ?? '';
  const kept = useApiGet<Person>(`/api/people/${encodeURIComponent(into)}`);
  const away = useApiGet<Person>(`/api/people/${encodeURIComponent(from)}`);
  return (
    <div className="page">
      <h1>{t('merge.title')}</h1>
      <p className="muted">{t('merge.intro')}</p>
      {from === into ? (
        <Refusal message={t('merge.itself')} testId="merge-itself" />
      ) : kept.state.kind !== 'ready' ? (
        <LoadStatus state={kept.state} onRetry={kept.reload} testId="merge-kept" />
      ) : away.state.kind !== 'ready' ? (
        <LoadStatus state={away.state} onRetry={away.reload} testId="merge-away" />
      ) : away.state.data.mergedInto !== null || kept.state.data.mergedInto !== null ? (
        <Refusal message={t('merge.alreadyMerged')} testId="merge-already" />
      ) : (
        <MergeForm
          key={`${from}:${into}`}
          kept={kept.state.data}
          away={away.state.data}
          onSwap={() => setParams({ from: into, into: from })}
        />
      )}
    </div>
  );
}

/** Why there is nothing to merge here, with the way back to the list of pairs. */
function Refusal({ message, testId }: { message: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" data-testid={testId}>
      <p>{message}</p>
      <p>
        <Link to="/people/duplicates">{t('duplicates.title')}</Link>
      </p>
    </div>
  );
}

function MergeForm({ kept, away, onSwap }: { kept: Person; away: Person; onSwap: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const text = usePersonFieldText();
  const { pending, failure, run } = useSubmit();
  const [keep, setKeep] = useState<Record<MergeField, Choice>>(
    () => Object.fromEntries(MERGE_FIELDS.map((field) => [field, 'into'])) as Record<MergeField, Choice>,
  );

  async function submit() {
    const choices: MergeChoices = {};
    for (const field of MERGE_FIELDS) {
      const choice = keep[field];
      if (choice === 'into') continue;
      if (field === 'contacts') choices.contacts = choice;
      else if (choice === 'merged') choices[field] = choice;
    }
    const body: MergeInput = { into: kept.id, keep: choices };
    const done = await run(() => apiPost<MergeResult>(`/api/people/${away.id}/merge`, body));
    if (done) {
      void invalidate('/api/people', '/api/cases', '/api/search');
      void navigate(`/people/${kept.id}`);
    }
  }

  const option = (field: MergeField, choice: Choice, label: string, value: ReactNode) => (
    <label className="merge-option" key={choice}>
      <input
        type="radio"
        name={`keep-${field}`}
        value={choice}
        checked={keep[field] === choice}
        onChange={() => setKeep((k) => ({ ...k, [field]: choice }))}
        data-testid={`merge-${field}-${choice}`}
      />{' '}
      <span className="muted">{label}:</span> <span>{value}</span>
    </label>
  );

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-busy={pending}
    >
      {failure?.code === 'CONFLICT' ? (
        // Someone merged one of the two first: say so, rather than "changed in the meantime".
        <div className="alert" role="alert" data-testid="merge-error" data-code={failure.code}>
          <p>{t('merge.conflict')}</p>
        </div>
      ) : (
        <FormError failure={failure} testId="merge-error" />
      )}
      <p>
        <Link to={`/people/${kept.id}`}>{t('merge.kept')}</Link> ·{' '}
        <Link to={`/people/${away.id}`}>{t('merge.mergedAway')}</Link> ·{' '}
        <button type="button" className="button-secondary" onClick={onSwap} data-testid="merge-swap">
          {t('merge.swap')}
        </button>
      </p>
      {MERGE_FIELDS.map((field) => (
        <fieldset key={field} className="merge-choice" data-testid={`merge-field-${field}`}>
          <legend>{t(FIELD_LABEL[field])}</legend>
          {option(field, 'into', t('merge.kept'), text(kept, field))}
          {option(field, 'merged', t('merge.mergedAway'), text(away, field))}
          {field === 'contacts' && option(field, 'both', t('merge.both'), '')}
          <FieldMessage id={`merge-${field}-error`} serverError={serverFieldMessage(failure, `keep.${field}`)} />
        </fieldset>
      ))}
      <button type="submit" disabled={pending} data-testid="merge-submit">
        {pending ? t('common.saving') : t('merge.submit')}
      </button>
    </form>
  );
}
