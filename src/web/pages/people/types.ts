import type { PersonName } from '../../../shared/people.schema.js';

// The API's person shapes: the types of the Zod schemas the server validates
// and answers with (src/shared/people.schema.ts).
export {
  CONTACT_KINDS,
  type ContactKind,
  type DuplicatePair,
  type Duplicates,
  type MergeResult,
  type Person,
  type PersonLink,
  type PersonName,
} from '../../../shared/people.schema.js';

/** "Family Given Patronymic". */
export function nameLine(name: PersonName | null): string {
  if (name === null) return '';
  return [name.family, name.given, name.patronymic].filter((part) => part !== undefined && part !== '').join(' ');
}

/** A typed line back into a name: the first word is the family name, the second the given name, the rest the patronymic. */
export function parseName(text: string): PersonName | null {
  const [family, given, ...rest] = text.trim().split(/\s+/).filter(Boolean);
  if (family === undefined) return null;
  return {
    family,
    ...(given === undefined ? {} : { given }),
    ...(rest.length === 0 ? {} : { patronymic: rest.join(' ') }),
  };
}
