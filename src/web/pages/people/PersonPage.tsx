import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../auth/AuthContext.js';
import { useDateFormat } from '../../components/format.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';
import { PERSON_LIST_FIRST, PERSON_LIST_MAX, type MergeField } from '../../../shared/people.schema.js';
import { FIELD_LABEL, usePersonFieldText } from './fields.js';
import { PersonForm } from './PersonForm.js';
import { PersonIncidentsSection } from '../incidents/CaseIncidentsSection.js';
import { nameLine, type Person } from './types.js';

/** The facts listed under the name; names and contacts have their own places on the page. */
const DETAILS = [
  'personRole',
  'birth',
  'region',
  'serviceCategory',
  'force',
  'unit',
] as const satisfies readonly MergeField[];

/** The roles the incident list answers (it shows them the incidents linked to their cases). */
const INCIDENT_READERS: readonly string[] = ['caseworker', 'lawyer', 'coordinator'];

/** One person: names, birth, origin, service, contacts, aliases, their cases and requests, and an edit form. */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const { user } = useSession();
  useDocumentTitle(t('people.title'));
  const [limit, setLimit] = useState(PERSON_LIST_FIRST);
  const { state, reload } = useApiGet<Person>(`/api/people/${encodeURIComponent(personId)}?limit=${limit}`);
  const roleLabel = useTermLabel('person_role');
  const stageLabel = useTermLabel('stage');
  const channelLabel = useTermLabel('channel');
  const text = usePersonFieldText();
  const { date } = useDateFormat();
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="person" />;
  const person = state.data;
  if (person.mergedInto !== null) return <Navigate to={`/people/${person.mergedInto}`} replace />;
  const heading = nameLine(person.nameCyrillic) || nameLine(person.nameLatin) || t('people.noName');
  const canTriage = user.role === 'coordinator' || user.role === 'intake';
  return (
    <div className="page">
      <h1 data-testid="person-page-name">{heading}</h1>
      {person.nameCyrillic && person.nameLatin && <p className="muted">{nameLine(person.nameLatin)}</p>}
      <dl className="details">
        {DETAILS.map((field) => (
          <Fragment key={field}>
            <dt>{t(FIELD_LABEL[field])}</dt>
            <dd data-testid={`person-${field}`}>{text(person, field)}</dd>
          </Fragment>
        ))}
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
      <ListSection id="person-contacts" heading={t('people.contacts')} empty={t('people.noContacts')}>
        {person.contacts.map((contact, index) => (
          <li key={index} data-testid="person-contact">
            {t(`people.contactKinds.${contact.kind}`)}: {contact.value}
            {contact.note ? ` (${contact.note})` : ''}
          </li>
        ))}
      </ListSection>
      <ListSection id="person-cases" heading={t('people.cases')} empty={t('people.noCases')}>
        {person.cases.map((c) => (
          <li key={c.caseId} data-testid="person-case">
            <Link to={`/cases/${c.caseId}`}>{t('people.caseLink', { number: c.number })}</Link> · {c.title} ·{' '}
            {stageLabel(c.stage)} · {roleLabel(c.role)}
            {c.isSpokesperson ? ` · ${t('people.spokesperson')}` : ''}
          </li>
        ))}
      </ListSection>
      <ListSection id="person-requests" heading={t('people.requests')} empty={t('people.noRequests')}>
        {person.requests.map((r) => {
          const line = t('people.requestLine', { date: date(r.createdAt), number: r.caseNumber });
          return (
            <li key={r.intakeId} data-testid="person-request">
              {canTriage ? <Link to={`/triage/${r.intakeId}`}>{line}</Link> : line} · {channelLabel(r.channel)} ·{' '}
              {t(`triage.statuses.${r.status}`)} · {t(`triage.urgencies.${r.urgency}`)}
            </li>
          );
        })}
      </ListSection>
      {INCIDENT_READERS.includes(user.role) && <PersonIncidentsSection personId={person.id} />}
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

/** A card of the person page: its heading, then the items as a list, or `empty` when there are none. */
function ListSection({
  id,
  heading,
  empty,
  children,
}: {
  id: string;
  heading: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children.length === 0 ? <p className="muted">{empty}</p> : <ul>{children}</ul>}
    </section>
  );
}
