import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/cases.js';
import { useTermLabel } from '../../vocab/terms.js';
import { AddPersonToCase } from '../people/AddPersonToCase.js';

interface PeopleSectionProps {
  detail: CaseDetail;
  onChanged: () => void;
  /** Whether the reader may add people (break-glass readers may not). */
  canAdd: boolean;
}

/** The people in a case, with their role, and the form to add one. */
export function PeopleSection({ detail, onChanged, canAdd }: PeopleSectionProps) {
  const { t } = useTranslation();
  const roleLabel = useTermLabel('person_role');
  return (
    <section className="card" aria-labelledby="case-people-heading">
      <h2 id="case-people-heading">{t('cases.people')}</h2>
      {detail.people.length === 0 ? (
        <p className="muted">{t('cases.nobody')}</p>
      ) : (
        <ul>
          {detail.people.map((person) => (
            <li key={person.personId} data-testid="case-person">
              <Link to={`/people/${person.personId}`}>{person.name ?? t('people.noName')}</Link> ·{' '}
              {roleLabel(person.role)}
              {person.isSpokesperson && <> · {t('cases.spokesperson')}</>}
            </li>
          ))}
        </ul>
      )}
      {canAdd && <AddPersonToCase caseId={detail.id} onAdded={onChanged} />}
    </section>
  );
}
