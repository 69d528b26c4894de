import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client.js';
import { FieldMessage, FormError, Notice, TextField, serverFieldMessage, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';
import { CONTACT_KINDS, parseName, termLabel, type ContactKind, type PersonLink, type TermsResponse } from './types.js';

export interface AddPersonToCaseProps {
  caseId: string;
  /** Called with the new link once the person is in the case. */
  onAdded: (link: PersonLink) => void;
}

/** A form that adds a new person to a case: names, role in the case, spokesperson flag, one contact. */
export function AddPersonToCase({ caseId, onAdded }: AddPersonToCaseProps) {
  const { t, i18n } = useTranslation();
  const roleId = useId();
  const kindId = useId();
  const roles = useApiGet<TermsResponse>('/api/vocabularies/person_role');
  const terms = roles.state.kind === 'ready' ? roles.state.data.terms.filter((term) => !term.retired) : [];
  const { pending, failure, run } = useSubmit();
  const [cyrillic, setCyrillic] = useState('');
  const [latin, setLatin] = useState('');
  const [role, setRole] = useState('serviceman');
  const [spokesperson, setSpokesperson] = useState(false);
  const [kind, setKind] = useState<ContactKind>('phone');
  const [contact, setContact] = useState('');
  const [needName, setNeedName] = useState(false);
  const [added, setAdded] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(false);
    const nameCyrillic = parseName(cyrillic);
    const nameLatin = parseName(latin);
    setNeedName(nameCyrillic === null && nameLatin === null);
    if (nameCyrillic === null && nameLatin === null) return;
    const person = {
      ...(nameCyrillic === null ? {} : { nameCyrillic }),
      ...(nameLatin === null ? {} : { nameLatin }),
      ...(contact.trim() === '' ? {} : { contacts: [{ kind, value: contact.trim() }] }),
    };
    const link = await run(() =>
      apiPost<PersonLink>(`/api/cases/${caseId}/people`, {
        role,
        isSpokesperson: spokesperson,
        person,
      }),
    );
    if (link) {
      setAdded(true);
      setCyrillic('');
      setLatin('');
      setContact('');
      setSpokesperson(false);
      onAdded(link);
    }
  }

  return (
    <section className="card" aria-labelledby={`${roleId}-heading`}>
      <h2 id={`${roleId}-heading`}>{t('people.addHeading')}</h2>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending}>
        {added && <Notice testId="person-added">{t('people.added')}</Notice>}
        <FormError failure={failure} testId="person-add-error" />
        <TextField
          label={t('people.nameCyrillic')}
          hint={t('people.nameHint')}
          name="nameCyrillic"
          autoComplete="off"
          maxLength={600}
          value={cyrillic}
          onChange={(e) => setCyrillic(e.target.value)}
          error={needName ? t('people.needName') : undefined}
          serverError={serverFieldMessage(failure, 'person.nameCyrillic.family')}
          testId="person-name-cyrillic"
        />
        <TextField
          label={t('people.nameLatin')}
          name="nameLatin"
          autoComplete="off"
          maxLength={600}
          value={latin}
          onChange={(e) => setLatin(e.target.value)}
          serverError={serverFieldMessage(failure, 'person.nameLatin.family')}
          testId="person-name-latin"
        />
        <div className="field">
          <label htmlFor={roleId}>{t('people.roleInCase')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value)} data-testid="person-role">
            {terms.map((term) => (
              <option key={term.code} value={term.code}>
                {termLabel(terms, term.code, i18n.language)}
              </option>
            ))}
          </select>
          <FieldMessage id={`${roleId}-error`} serverError={serverFieldMessage(failure, 'role')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={spokesperson} onChange={(e) => setSpokesperson(e.target.checked)} />
          {t('people.spokesperson')}
        </label>
        <div className="field">
          <label htmlFor={kindId}>{t('people.contactKind')}</label>
          <select
            id={kindId}
            value={kind}
            onChange={(e) => setKind(CONTACT_KINDS.find((k) => k === e.target.value) ?? 'other')}
          >
            {CONTACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`people.contactKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('people.contact')}
          name="contact"
          autoComplete="off"
          maxLength={500}
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          serverError={serverFieldMessage(failure, 'person.contacts.0.value')}
          testId="person-contact"
        />
        <button type="submit" disabled={pending} data-testid="person-add-submit">
          {pending ? t('common.saving') : t('people.add')}
        </button>
      </form>
    </section>
  );
}
