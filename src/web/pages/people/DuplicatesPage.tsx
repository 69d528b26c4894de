import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { nameLine, type DuplicatePair, type Duplicates } from './types.js';

type Side = DuplicatePair['a'];

function PersonLink({ side }: { side: Side }) {
  const names = [nameLine(side.nameCyrillic), nameLine(side.nameLatin)].filter(Boolean).join(' / ');
  return (
    <Link to={`/people/${side.personId}`} data-testid="person-row">
      {names}
    </Link>
  );
}

/**
 * Coordinators: likely duplicate pairs among recent people (or of one person,
 * `?personId=`), each opening the side-by-side merge where fields are chosen.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('duplicates.title'));
  const [params] = useSearchParams();
  const personId = params.get('personId');
  const { state, reload } = useApiGet<Duplicates>(
    personId === null ? '/api/people/duplicates' : `/api/people/duplicates?personId=${encodeURIComponent(personId)}`,
  );

  return (
    <div className="page">
      <h1>{t('duplicates.title')}</h1>
      <p className="muted">{t('duplicates.intro')}</p>
      {state.kind !== 'ready' ? (
        <LoadStatus state={state} onRetry={reload} testId="duplicates" />
      ) : state.data.pairs.length === 0 ? (
        <p data-testid="duplicates-none">{t('duplicates.none')}</p>
      ) : (
        <ul className="list">
          {state.data.pairs.map((pair) => (
            <li key={`${pair.a.personId}:${pair.b.personId}`} data-testid="duplicate-pair">
              <PersonLink side={pair.a} /> · <PersonLink side={pair.b} />{' '}
              <span className="muted">{t('duplicates.score', { percent: Math.round(pair.score * 100) })}</span>{' '}
              <Link
                to={`/people/merge?from=${pair.b.personId}&into=${pair.a.personId}`}
                data-testid="duplicate-compare"
              >
                {t('duplicates.compare')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
