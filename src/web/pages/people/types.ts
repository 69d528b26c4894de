import type { Term } from '../../../shared/vocabularies.js';

/** The API's person shapes (src/server/modules/people/people.schema.ts). */
export const CONTACT_KINDS = ['phone', 'telegram', 'signal', 'email', 'address', 'other'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface PersonName {
  family: string;
  given?: string;
  patronymic?: string;
}

export interface Person {
  id: string;
  personRole: string;
  nameCyrillic: PersonName | null;
  nameLatin: PersonName | null;
  birth: { date: string; precision: 'day' | 'month' | 'year' | 'estimate' } | null;
  region: string | null;
  serviceCategory: string | null;
  force: string | null;
  unit: string | null;
  contacts: { kind: ContactKind; value: string; note?: string }[];
  mergedInto: string | null;
  cases: { caseId: string; number: string; role: string; isSpokesperson: boolean }[];
}

export interface DuplicatePair {
  a: { personId: string; nameCyrillic: PersonName | null; nameLatin: PersonName | null };
  b: { personId: string; nameCyrillic: PersonName | null; nameLatin: PersonName | null };
  score: number;
}

export interface TermsResponse {
  terms: Term[];
}

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
