import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { apiPatch } from '../../api/client.js';
import { FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { nameLine, parseName, type Person } from './types.js';

/** One person: names, birth, origin, service, contacts, the cases one may see them in, and an edit form. */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  useDocumentTitle(t('people.title'));
  const { state, reload } = useApiGet<Person>(`/api/people/${encodeURIComponent(personId)}`);
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="person" />;
  const person = state.data;
  if (person.mergedInto !== null) return <Navigate to={`/people/${person.mergedInto}`} replace />;
  const heading = nameLine(person.nameCyrillic) || nameLine(person.nameLatin) || t('people.noName');
  const dash = t('people.notRecorded');
  return (
    <div className="page">
      <h1 data-testid="person-page-name">{heading}</h1>
      {person.nameCyrillic && person.nameLatin && <p className="muted">{nameLine(person.nameLatin)}</p>}
      <dl className="details">
        <dt>{t('people.role')}</dt>
        <dd>{person.personRole}</dd>
        <dt>{t('people.birth')}</dt>
        <dd>{person.birth ? `${person.birth.date} ${t(`people.precision.${person.birth.precision}`)}` : dash}</dd>
        <dt>{t('people.region')}</dt>
        <dd>{person.region ?? dash}</dd>
        <dt>{t('people.serviceCategory')}</dt>
        <dd>{person.serviceCategory ?? dash}</dd>
        <dt>{t('people.force')}</dt>
        <dd>{person.force ?? dash}</dd>
        <dt>{t('people.unit')}</dt>
        <dd>{person.unit ?? dash}</dd>
      </dl>
      <section className="card">
        <h2>{t('people.contacts')}</h2>
        {person.contacts.length === 0 ? (
          <p className="muted">{t('people.noContacts')}</p>
        ) : (
          <ul>
            {person.contacts.map((contact, index) => (
              <li key={index}>
                {t(`people.contactKinds.${contact.kind}`)}: {contact.value}
                {contact.note ? ` (${contact.note})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('people.cases')}</h2>
        {person.cases.length === 0 ? (
          <p className="muted">{t('people.noCases')}</p>
        ) : (
          <ul>
            {person.cases.map((c) => (
              <li key={c.caseId} data-testid="person-case">
                <Link to={`/cases/${c.caseId}`}>{t('people.caseLink', { number: c.number })}</Link> · {c.role}
                {c.isSpokesperson ? ` · ${t('people.spokesperson')}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <EditNames key={person.id} person={person} onSaved={reload} />
    </div>
  );
}

function EditNames({ person, onSaved }: { person: Person; onSaved: () => void }) {
  const { t } = useTranslation();
  const { pending, failure, run } = useSubmit();
  const [cyrillic, setCyrillic] = useState(nameLine(person.nameCyrillic));
  const [latin, setLatin] = useState(nameLine(person.nameLatin));
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const body = { nameCyrillic: parseName(cyrillic), nameLatin: parseName(latin) };
    const result = await run(() => apiPatch<Person>(`/api/people/${person.id}`, body));
    if (result) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <section className="card" aria-labelledby="person-edit-heading">
      <h2 id="person-edit-heading">{t('people.edit')}</h2>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        {saved && <Notice testId="person-saved">{t('people.saved')}</Notice>}
        <FormError failure={failure} testId="person-edit-error" />
        <TextField
          label={t('people.nameCyrillic')}
          hint={t('people.nameHint')}
          name="nameCyrillic"
          value={cyrillic}
          onChange={(e) => setCyrillic(e.target.value)}
          serverError={serverFieldMessage(failure, 'nameCyrillic')}
          testId="person-edit-name-cyrillic"
        />
        <TextField
          label={t('people.nameLatin')}
          name="nameLatin"
          value={latin}
          onChange={(e) => setLatin(e.target.value)}
          serverError={serverFieldMessage(failure, 'nameLatin')}
          testId="person-edit-name-latin"
        />
        <button type="submit" disabled={pending} data-testid="person-edit-submit">
          {pending ? t('common.saving') : t('people.save')}
        </button>
      </form>
    </section>
  );
}
