import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../auth/AuthContext.js';
import { useDateFormat } from '../../components/format.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';
import { PERSON_LIST_FIRST, PERSON_LIST_MAX } from '../../../shared/people.schema.js';
import { useBirthText } from './birth.js';
import { PersonForm } from './PersonForm.js';
import { nameLine, type Person } from './types.js';

/** One person: names, birth, origin, service, contacts, aliases, their cases and requests, and an edit form. */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const { user } = useSession();
  useDocumentTitle(t('people.title'));
  const [limit, setLimit] = useState(PERSON_LIST_FIRST);
  const { state, reload } = useApiGet<Person>(`/api/people/${encodeURIComponent(personId)}?limit=${limit}`);
  const roleLabel = useTermLabel('person_role');
  const regionLabel = useTermLabel('region');
  const categoryLabel = useTermLabel('service_category');
  const forceLabel = useTermLabel('force');
  const unitLabel = useTermLabel('unit');
  const stageLabel = useTermLabel('stage');
  const channelLabel = useTermLabel('channel');
  const birthText = useBirthText();
  const { date } = useDateFormat();
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="person" />;
  const person = state.data;
  if (person.mergedInto !== null) return <Navigate to={`/people/${person.mergedInto}`} replace />;
  const heading = nameLine(person.nameCyrillic) || nameLine(person.nameLatin) || t('people.noName');
  const dash = t('people.notRecorded');
  const coded = (code: string | null, label: (code: string) => string) => (code === null ? dash : label(code));
  const canTriage = user.role === 'coordinator' || user.role === 'intake';
  return (
    <div className="page">
      <h1 data-testid="person-page-name">{heading}</h1>
      {person.nameCyrillic && person.nameLatin && <p className="muted">{nameLine(person.nameLatin)}</p>}
      <dl className="details">
        <dt>{t('people.role')}</dt>
        <dd>{roleLabel(person.personRole)}</dd>
        <dt>{t('people.birth')}</dt>
        <dd data-testid="person-birth">{person.birth ? birthText(person.birth) : dash}</dd>
        <dt>{t('people.region')}</dt>
        <dd data-testid="person-region">{coded(person.region, regionLabel)}</dd>
        <dt>{t('people.serviceCategory')}</dt>
        <dd>{coded(person.serviceCategory, categoryLabel)}</dd>
        <dt>{t('people.force')}</dt>
        <dd>{coded(person.force, forceLabel)}</dd>
        <dt>{t('people.unit')}</dt>
        <dd>{coded(person.unit, unitLabel)}</dd>
      </dl>
      {person.aliases.length > 0 && (
        <section className="card" aria-labelledby="person-aliases-heading">
          <h2 id="person-aliases-heading">{t('people.aliases')}</h2>
          <p className="muted">{t('people.aliasesHint')}</p>
          <ul>
            {person.aliases.map((alias) => (
              <li key={nameLine(alias)} data-testid="person-alias">
                {nameLine(alias)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="person-contacts-heading">
        <h2 id="person-contacts-heading">{t('people.contacts')}</h2>
        {person.contacts.length === 0 ? (
          <p className="muted">{t('people.noContacts')}</p>
        ) : (
          <ul>
            {person.contacts.map((contact, index) => (
              <li key={index} data-testid="person-contact">
                {t(`people.contactKinds.${contact.kind}`)}: {contact.value}
                {contact.note ? ` (${contact.note})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="person-cases-heading">
        <h2 id="person-cases-heading">{t('people.cases')}</h2>
        {person.cases.length === 0 ? (
          <p className="muted">{t('people.noCases')}</p>
        ) : (
          <ul>
            {person.cases.map((c) => (
              <li key={c.caseId} data-testid="person-case">
                <Link to={`/cases/${c.caseId}`}>{t('people.caseLink', { number: c.number })}</Link> · {c.title} ·{' '}
                {stageLabel(c.stage)} · {roleLabel(c.role)}
                {c.isSpokesperson ? ` · ${t('people.spokesperson')}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="person-requests-heading">
        <h2 id="person-requests-heading">{t('people.requests')}</h2>
        {person.requests.length === 0 ? (
          <p className="muted">{t('people.noRequests')}</p>
        ) : (
          <ul>
            {person.requests.map((r) => {
              const line = t('people.requestLine', { date: date(r.createdAt), number: r.caseNumber });
              return (
                <li key={r.intakeId} data-testid="person-request">
                  {canTriage ? <Link to={`/triage/${r.intakeId}`}>{line}</Link> : line} · {channelLabel(r.channel)} ·{' '}
                  {t(`triage.statuses.${r.status}`)} · {t(`triage.urgencies.${r.urgency}`)}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {(person.casesMore || person.requestsMore) && limit < PERSON_LIST_MAX && (
        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setLimit(PERSON_LIST_MAX)}
            data-testid="person-more"
          >
            {t('people.more')}
          </button>
        </p>
      )}
      {user.role === 'coordinator' && (
        <p>
          <Link to={`/people/duplicates?personId=${person.id}`} data-testid="person-merge-link">
            {t('people.mergeWith')}
          </Link>
        </p>
      )}
      <PersonForm key={`${person.id}:${person.updatedAt}`} person={person} />
    </div>
  );
}
