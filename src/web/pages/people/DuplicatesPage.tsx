import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiPost } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { nameLine, type DuplicatePair, type Duplicates, type MergeResult } from './types.js';

type Side = DuplicatePair['a'];

function PersonLink({ side }: { side: Side }) {
  const names = [nameLine(side.nameCyrillic), nameLine(side.nameLatin)].filter(Boolean).join(' / ');
  return (
    <Link to={`/people/${side.personId}`} data-testid="person-row">
      {names}
    </Link>
  );
}

/** Coordinators: likely duplicate pairs among recent people, each with a merge action that asks first. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('duplicates.title'));
  const { state, reload } = useApiGet<Duplicates>('/api/people/duplicates');
  const { pending, failure, run } = useSubmit();
  const [merged, setMerged] = useState(false);

  async function merge(pair: DuplicatePair) {
    setMerged(false);
    const done = await run(() =>
      apiPost<MergeResult>(`/api/people/${pair.a.personId}/merge`, { into: pair.b.personId }),
    );
    if (done) {
      setMerged(true);
      reload();
    }
  }

  return (
    <div className="page">
      <h1>{t('duplicates.title')}</h1>
      <p className="muted">{t('duplicates.intro')}</p>
      {merged && <Notice testId="merge-done">{t('duplicates.mergedNotice')}</Notice>}
      <FormError failure={failure} testId="merge-error" />
      {state.kind !== 'ready' ? (
        <LoadStatus state={state} onRetry={reload} testId="duplicates" />
      ) : state.data.pairs.length === 0 ? (
        <p data-testid="duplicates-none">{t('duplicates.none')}</p>
      ) : (
        <ul className="list">
          {state.data.pairs.map((pair) => (
            <li key={`${pair.a.personId}:${pair.b.personId}`} data-testid="duplicate-pair">
              <PersonLink side={pair.a} /> → <PersonLink side={pair.b} />{' '}
              <span className="muted">{t('duplicates.score', { percent: Math.round(pair.score * 100) })}</span>
              <ConfirmButton
                label={t('duplicates.merge')}
                question={t('duplicates.mergeQuestion')}
                confirmLabel={t('duplicates.mergeConfirm')}
                onConfirm={() => void merge(pair)}
                disabled={pending}
                testId="merge-confirm"
                danger
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
