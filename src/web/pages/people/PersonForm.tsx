import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldError as FormFieldError, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { apiPatch } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import {
  FieldMessage,
  FormError,
  Notice,
  Options,
  SelectField,
  TextField,
  serverFieldMessage,
  useSubmit,
} from '../../components/forms.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import {
  BIRTH_PRECISIONS,
  CONTACT_KINDS,
  MAX_CONTACTS,
  personPatchBody,
  type ContactKind,
  type Person,
  type PersonName,
  type PersonPatch,
} from '../../../shared/people.schema.js';
import { hasCyrillic, latinName } from '../../../shared/transliteration.js';
import { nameLine } from './types.js';

type Precision = (typeof BIRTH_PRECISIONS)[number];
interface NameFields {
  family: string;
  given: string;
  patronymic: string;
}
export interface PersonFormValues {
  personRole: string;
  nameCyrillic: NameFields;
  nameLatin: NameFields;
  birth: { date: string; precision: Precision };
  region: string;
  serviceCategory: string;
  force: string;
  unit: string;
  contacts: { kind: ContactKind; value: string; note: string }[];
}

const NAME_PARTS = ['family', 'given', 'patronymic'] as const;
const CODED = ['region', 'serviceCategory', 'force', 'unit'] as const;
const VOCABULARY = { region: 'region', serviceCategory: 'service_category', force: 'force', unit: 'unit' } as const;

function nameFields(name: PersonName | null): NameFields {
  return { family: name?.family ?? '', given: name?.given ?? '', patronymic: name?.patronymic ?? '' };
}

function nameOf(fields: NameFields): PersonName | null {
  const [family, given, patronymic] = NAME_PARTS.map((part) => fields[part].trim() || undefined);
  if (family === undefined && given === undefined && patronymic === undefined) return null;
  // A given name without a family name goes to the schema as it is, so that its check names the family field.
  return {
    family: family ?? '',
    ...(given === undefined ? {} : { given }),
    ...(patronymic === undefined ? {} : { patronymic }),
  };
}

export function formValuesOf(person: Person): PersonFormValues {
  return {
    personRole: person.personRole,
    nameCyrillic: nameFields(person.nameCyrillic),
    nameLatin: nameFields(person.nameLatin),
    birth: person.birth ?? { date: '', precision: 'day' },
    region: person.region ?? '',
    serviceCategory: person.serviceCategory ?? '',
    force: person.force ?? '',
    unit: person.unit ?? '',
    contacts: person.contacts.map((c) => ({ kind: c.kind, value: c.value, note: c.note ?? '' })),
  };
}

/** The form's values as the body of PATCH /api/people/:id: empty choices are null, empty notes absent. */
export function patchOf(values: PersonFormValues): PersonPatch {
  const patch: PersonPatch = {
    personRole: values.personRole,
    nameCyrillic: nameOf(values.nameCyrillic),
    nameLatin: nameOf(values.nameLatin),
    birth:
      values.birth.date.trim() === '' ? null : { date: values.birth.date.trim(), precision: values.birth.precision },
    contacts: values.contacts.map((c) => ({
      kind: c.kind,
      value: c.value,
      ...(c.note.trim() === '' ? {} : { note: c.note }),
    })),
  };
  for (const field of CODED) patch[field] = values[field] === '' ? null : values[field];
  return patch;
}

/** The shared schema checks the body the form will send; its issues land on the fields of the same path. */
const resolver: Resolver<PersonFormValues, unknown, PersonPatch> = (values, context, options) =>
  zodResolver(personPatchBody)(patchOf(values), context, options as never);

/** Our own wording of a client-side check, by the kind of issue the schema raised. */
function useClientMessage() {
  const { t } = useTranslation();
  return (error: FormFieldError | undefined): string | undefined => {
    if (error === undefined) return undefined;
    const reasons: Record<string, string> = {
      too_small: t('fieldReasons.required'),
      invalid_type: t('fieldReasons.required'),
      too_big: t('people.tooLong'),
      custom: t('people.birthFormat'),
    };
    return reasons[error.type] ?? t('fieldReasons.invalid_format');
  };
}

/** Everything a person holds, edited at once; the Latin spelling is proposed from the Cyrillic name. */
export function PersonForm({ person }: { person: Person }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const { pending, failure, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const form = useForm<PersonFormValues, unknown, PersonPatch>({ defaultValues: formValuesOf(person), resolver });
  const { register, handleSubmit, formState, setValue, control } = form;
  const contacts = useFieldArray({ control, name: 'contacts' });
  const message = useClientMessage();
  const errors = formState.errors;

  const cyrillic = nameOf(useWatch({ control, name: 'nameCyrillic' }));
  const latin = nameOf(useWatch({ control, name: 'nameLatin' }));
  const proposal = cyrillic?.family && hasCyrillic(nameLine(cyrillic)) ? latinName(cyrillic) : null;
  const showProposal = proposal !== null && nameLine(proposal) !== nameLine(latin);

  function acceptProposal() {
    if (proposal === null) return;
    for (const part of NAME_PARTS) setValue(`nameLatin.${part}`, proposal[part] ?? '', { shouldDirty: true });
  }

  const submit = handleSubmit(async (patch) => {
    setSaved(false);
    const result = await run(() => apiPatch<Person>(`/api/people/${person.id}`, patch));
    if (result) {
      setSaved(true);
      form.reset(formValuesOf(result));
      void invalidate(`/api/people/${person.id}`, '/api/cases', '/api/search');
    }
  });

  const nameField = (script: 'nameCyrillic' | 'nameLatin', part: (typeof NAME_PARTS)[number]) => {
    const path = `${script}.${part}` as const;
    return (
      <TextField
        key={path}
        label={t(`people.nameParts.${part}`)}
        autoComplete="off"
        testId={`person-edit-${script}-${part}`}
        {...register(path)}
        error={message(errors[script]?.[part])}
        serverError={serverFieldMessage(failure, path)}
      />
    );
  };

  return (
    <section className="card" aria-labelledby="person-edit-heading">
      <h2 id="person-edit-heading">{t('people.edit')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        {saved && <Notice testId="person-saved">{t('people.saved')}</Notice>}
        <FormError failure={failure} testId="person-edit-error" />
        <div className="field">
          <label htmlFor="person-role">{t('people.role')}</label>
          <TermSelect id="person-role" vocabulary="person_role" testId="person-edit-role" {...register('personRole')} />
        </div>
        <fieldset>
          <legend>{t('people.nameCyrillic')}</legend>
          {NAME_PARTS.map((part) => nameField('nameCyrillic', part))}
        </fieldset>
        <fieldset>
          <legend>{t('people.nameLatin')}</legend>
          {showProposal && (
            <p className="hint" data-testid="person-latin-proposal">
              {t('people.latinProposal', { name: nameLine(proposal) })}{' '}
              <button
                type="button"
                className="button-secondary"
                onClick={acceptProposal}
                data-testid="person-latin-accept"
              >
                {t('people.latinAccept')}
              </button>
            </p>
          )}
          {NAME_PARTS.map((part) => nameField('nameLatin', part))}
        </fieldset>
        <fieldset>
          <legend>{t('people.birth')}</legend>
          <TextField
            label={t('people.birthDate')}
            hint={t('people.birthHint')}
            inputMode="numeric"
            autoComplete="off"
            testId="person-edit-birth-date"
            {...register('birth.date')}
            error={message(errors.birth?.date)}
            serverError={serverFieldMessage(failure, 'birth.date')}
          />
          <SelectField
            label={t('people.birthPrecision')}
            testId="person-edit-birth-precision"
            {...register('birth.precision')}
          >
            <Options values={BIRTH_PRECISIONS} label={(precision) => t(`people.precisionChoice.${precision}`)} />
          </SelectField>
        </fieldset>
        {CODED.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`person-${field}`}>{t(`people.${field}`)}</label>
            <TermSelect
              id={`person-${field}`}
              vocabulary={VOCABULARY[field]}
              empty="none"
              testId={`person-edit-${field}`}
              {...register(field)}
            />
            <FieldMessage id={`person-${field}-error`} serverError={serverFieldMessage(failure, field)} />
          </div>
        ))}
        <fieldset>
          <legend>{t('people.contacts')}</legend>
          {contacts.fields.length === 0 && <p className="muted">{t('people.noContacts')}</p>}
          {contacts.fields.map((field, index) => (
            <div className="contact-row" key={field.id} data-testid="person-edit-contact">
              <SelectField label={t('people.contactKind')} {...register(`contacts.${index}.kind`)}>
                <Options values={CONTACT_KINDS} label={(kind) => t(`people.contactKinds.${kind}`)} />
              </SelectField>
              <TextField
                label={t('people.contact')}
                autoComplete="off"
                testId="person-edit-contact-value"
                {...register(`contacts.${index}.value`)}
                error={message(errors.contacts?.[index]?.value)}
                serverError={serverFieldMessage(failure, `contacts.${index}.value`)}
              />
              <TextField label={t('people.contactNote')} autoComplete="off" {...register(`contacts.${index}.note`)} />
              <button type="button" className="button-secondary" onClick={() => contacts.remove(index)}>
                {t('people.removeContact')}
              </button>
            </div>
          ))}
          {contacts.fields.length < MAX_CONTACTS && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => contacts.append({ kind: 'phone', value: '', note: '' })}
              data-testid="person-edit-add-contact"
            >
              {t('people.addContact')}
            </button>
          )}
        </fieldset>
        <button type="submit" disabled={pending} data-testid="person-edit-submit">
          {pending ? t('common.saving') : t('people.save')}
        </button>
      </form>
    </section>
  );
}
