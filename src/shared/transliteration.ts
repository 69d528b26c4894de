import type { PersonName } from './people.schema.js';

/**
 * The Latin spelling of a Russian name as a Russian international passport
 * writes it (ICAO Doc 9303, used in passports since 2013): Доржиев → Dorzhiev,
 * Юлия → Iuliia, Щукин → Shchukin. It is offered to the person editing a
 * record, who accepts it or types the spelling the person's own documents
 * use. Matching across spellings is the search index's business (name keys
 * in src/server/search/transliterate.ts), not this.
 */
const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў';
const LATIN = [
  'a',
  'b',
  'v',
  'g',
  'd',
  'e',
  'e',
  'zh',
  'z',
  'i',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'r',
  's',
  't',
  'u',
  'f',
  'kh',
  'ts',
  'ch',
  'sh',
  'shch',
  'ie',
  'y',
  '',
  'e',
  'iu',
  'ia',
  // Ukrainian and Belarusian letters.
  'i',
  'i',
  'ie',
  'g',
  'u',
];
const TABLE = new Map(Array.from(CYRILLIC, (letter) => letter).map((letter, at) => [letter, LATIN[at] ?? '']));

const isUpper = (char: string | undefined) => char !== undefined && char !== char.toLowerCase();

/**
 * A Cyrillic text in Latin letters, capitals kept: a capital starts its Latin
 * letters (Жанна-Мария → Zhanna-Mariia), a word in capitals stays in capitals
 * (ДОРЖИЕВ → DORZHIEV).
 */
export function latinSpelling(text: string): string {
  const chars: string[] = [];
  for (const char of text) chars.push(char);
  return chars
    .map((char, at) => {
      const lower = char.toLowerCase();
      const latin = TABLE.get(lower);
      if (latin === undefined) return char;
      if (!isUpper(char)) return latin;
      if (isUpper(chars[at - 1]) || isUpper(chars[at + 1])) return latin.toUpperCase();
      return latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .join('');
}

/** Whether a text holds Cyrillic letters (then a Latin spelling may be proposed). */
export function hasCyrillic(text: string): boolean {
  for (const char of text.toLowerCase()) if (TABLE.has(char)) return true;
  return false;
}

/** A name's Latin spelling, part by part. */
export function latinName(name: PersonName): PersonName {
  return {
    family: latinSpelling(name.family),
    ...(name.given === undefined ? {} : { given: latinSpelling(name.given) }),
    ...(name.patronymic === undefined ? {} : { patronymic: latinSpelling(name.patronymic) }),
  };
}
