import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiPost } from '../../api/client.js';
import {
  FieldMessage,
  FormError,
  Notice,
  Options,
  SelectField,
  SubmitButton,
  TextField,
  serverFieldMessage,
  useSchemaForm,
} from '../../components/forms.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { CONTACT_KINDS, linkPersonBody, type LinkPersonInput } from '../../../shared/people.schema.js';
import { parseName, type PersonLink } from './types.js';

export interface AddPersonToCaseProps {
  caseId: string;
  /** Called with the new link once the person is in the case. */
  onAdded: (link: PersonLink) => void;
}

type FormField = 'cyrillic' | 'latin' | 'contact';
/** Where in the form each part of the body was typed. */
const TYPED_IN: Record<string, FormField> = { nameCyrillic: 'cyrillic', nameLatin: 'latin', contacts: 'contact' };

/**
 * The form's fields, turned into the body of POST /api/cases/:caseId/people
 * (names typed on one line each, one optional contact) and checked by the
 * server's own schema of that body, each of its issues put on the field the
 * part was typed in.
 */
const addPersonForm = z
  .object({
    cyrillic: z.string().max(600),
    latin: z.string().max(600),
    role: z.string().min(1),
    isSpokesperson: z.boolean(),
    kind: z.enum(CONTACT_KINDS),
    contact: z.string().max(500),
  })
  .refine((values) => parseName(values.cyrillic) !== null || parseName(values.latin) !== null, {
    message: 'people.needName',
    path: ['cyrillic'],
  })
  .transform((values, context): LinkPersonInput => {
    const nameCyrillic = parseName(values.cyrillic);
    const nameLatin = parseName(values.latin);
    const contact = values.contact.trim();
    const checked = linkPersonBody.safeParse({
      role: values.role,
      isSpokesperson: values.isSpokesperson,
      person: {
        ...(nameCyrillic === null ? {} : { nameCyrillic }),
        ...(nameLatin === null ? {} : { nameLatin }),
        ...(contact === '' ? {} : { contacts: [{ kind: values.kind, value: contact }] }),
      },
    });
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) {
      const [where, part] = issue.path.map(String);
      const field = where === 'person' && part !== undefined ? TYPED_IN[part] : undefined;
      // The message is our i18n key: a name part or the contact too long, or not of the expected form.
      const message = issue.code === 'too_big' ? 'people.tooLong' : 'fieldReasons.invalid_format';
      context.addIssue({ code: 'custom', message, path: [field ?? 'cyrillic'] });
    }
    return z.NEVER;
  });

const EMPTY = {
  cyrillic: '',
  latin: '',
  role: 'serviceman',
  isSpokesperson: false,
  kind: 'phone',
  contact: '',
} as const;

/** A form that adds a new person to a case: names, role in the case, spokesperson flag, one contact. */
export function AddPersonToCase({ caseId, onAdded }: AddPersonToCaseProps) {
  const { t } = useTranslation();
  const roleId = useId();
  const { form, field, formProps, pending, failure, run } = useSchemaForm(addPersonForm, EMPTY);
  const [added, setAdded] = useState(false);

  const add = async (body: LinkPersonInput) => {
    const link = await run(() => apiPost<PersonLink>(`/api/cases/${caseId}/people`, body));
    if (link) {
      setAdded(true);
      form.reset(EMPTY);
      onAdded(link);
    }
  };

  /** A text field of the form, with what the server said about its place in the body. */
  const text = (name: 'latin' | 'contact', label: string, testId: string, bodyPath: string) => (
    <TextField
      label={label}
      autoComplete="off"
      testId={testId}
      {...field(name)}
      serverError={serverFieldMessage(failure, bodyPath)}
    />
  );

  return (
    <section className="card" aria-labelledby={`${roleId}-heading`}>
      <h2 id={`${roleId}-heading`}>{t('people.addHeading')}</h2>
      <form className="form" {...formProps(add, () => setAdded(false))}>
        {added && <Notice testId="person-added">{t('people.added')}</Notice>}
        <FormError failure={failure} testId="person-add-error" />
        <TextField
          label={t('people.nameCyrillic')}
          hint={t('people.nameHint')}
          autoComplete="off"
          testId="person-name-cyrillic"
          {...field('cyrillic')}
          // Either name will do: the refusal says so, not "fill in this field".
          error={form.formState.errors.cyrillic ? t('people.needName') : undefined}
          serverError={serverFieldMessage(failure, 'person.nameCyrillic.family')}
        />
        {text('latin', t('people.nameLatin'), 'person-name-latin', 'person.nameLatin.family')}
        <div className="field">
          <label htmlFor={roleId}>{t('people.roleInCase')}</label>
          <TermSelect id={roleId} vocabulary="person_role" testId="person-role" {...form.register('role')} />
          <FieldMessage id={`${roleId}-error`} serverError={serverFieldMessage(failure, 'role')} />
        </div>
        <label className="checkbox">
          <input type="checkbox" data-testid="person-spokesperson" {...form.register('isSpokesperson')} />
          {t('people.spokesperson')}
        </label>
        <SelectField label={t('people.contactKind')} testId="person-contact-kind" {...field('kind')}>
          <Options values={CONTACT_KINDS} label={(kind) => t(`people.contactKinds.${kind}`)} />
        </SelectField>
        {text('contact', t('people.contact'), 'person-contact', 'person.contacts.0.value')}
        <SubmitButton pending={pending} label={t('people.add')} testId="person-add-submit" />
      </form>
    </section>
  );
}
