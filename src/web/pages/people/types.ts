import type { PersonName } from '../../../shared/people.schema.js';
import type { Term } from '../../../shared/vocabularies.js';

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

export type { TermsResponse } from '../../../shared/vocabularies.js';

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

/** A term's label in the interface language, or its code. */
export function termLabel(terms: readonly Term[], code: string | null, language: string): string {
  const term = terms.find((t) => t.code === code);
  if (term === undefined) return code ?? '';
  return language.startsWith('ru') ? term.labelRu : term.labelEn;
}
