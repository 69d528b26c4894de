import { useTranslation } from 'react-i18next';
import { useTermLabel } from '../../vocab/terms.js';
import type { MergeField } from '../../../shared/people.schema.js';
import { useBirthText } from './birth.js';
import { nameLine, type Person } from './types.js';

/** Each field of a person record, as its label says. */
export const FIELD_LABEL = {
  personRole: 'people.role',
  nameCyrillic: 'people.nameCyrillic',
  nameLatin: 'people.nameLatin',
  birth: 'people.birth',
  region: 'people.region',
  serviceCategory: 'people.serviceCategory',
  force: 'people.force',
  unit: 'people.unit',
  contacts: 'people.contacts',
} as const satisfies Record<MergeField, string>;

/** How each field of a person record reads, in words: labels for codes, the birth date as its precision says. */
export function usePersonFieldText() {
  const { t } = useTranslation();
  const role = useTermLabel('person_role');
  const region = useTermLabel('region');
  const category = useTermLabel('service_category');
  const force = useTermLabel('force');
  const unit = useTermLabel('unit');
  const birthText = useBirthText();
  return (person: Person, field: MergeField): string => {
    const empty = t('people.notRecorded');
    switch (field) {
      case 'personRole':
        return role(person.personRole);
      case 'nameCyrillic':
        return nameLine(person.nameCyrillic) || empty;
      case 'nameLatin':
        return nameLine(person.nameLatin) || empty;
      case 'birth':
        return person.birth ? birthText(person.birth) : empty;
      case 'region':
        return person.region === null ? empty : region(person.region);
      case 'serviceCategory':
        return person.serviceCategory === null ? empty : category(person.serviceCategory);
      case 'force':
        return person.force === null ? empty : force(person.force);
      case 'unit':
        return person.unit === null ? empty : unit(person.unit);
      case 'contacts':
        return person.contacts.length === 0
          ? empty
          : person.contacts.map((c) => `${t(`people.contactKinds.${c.kind}`)}: ${c.value}`).join('; ');
    }
  };
}
