/**
 * Text → words in their searchable form. The index and the query both come
 * through here, so that they always agree.
 */

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*/gu;
export const CYRILLIC = /[\u0400-\u04ff]/u;
export const LATIN = /[a-z]/;

/** Latin letters that look like Cyrillic ones, as mixed in by keyboards and by people dodging filters. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_LOOKALIKES).map(([latin, cyrillic]) => [cyrillic, latin]),
);

function oneScript(word: string): string {
  const chars = Array.from(word);
  if (chars.every((char) => !LATIN.test(char) || char in LATIN_LOOKALIKES)) {
    return chars.map((char) => LATIN_LOOKALIKES[char] ?? char).join('');
  }
  if (chars.every((char) => !CYRILLIC.test(char) || char in CYRILLIC_LOOKALIKES)) {
    return chars.map((char) => CYRILLIC_LOOKALIKES[char] ?? char).join('');
  }
  return word;
}

/**
 * One word in its searchable form: NFKC, lower case, ё as е, English
 * possessive and apostrophes dropped (Ivanov's, O'Brien), accents of Latin
 * letters folded (José, Müller), and a word of one script typed with
 * lookalike letters of the other put back in one script.
 */
export function normalizeWord(raw: string): string {
  const lower = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<=[a-z])['’]s$/u, '')
    .replace(/['’ʼ]/gu, '')
    .replace(/ё/gu, 'е')
    .replace(/ß/gu, 'ss');
  // Decompose everything but Cyrillic, whose й and ї are letters of their own, then drop the marks.
  const word = lower.replace(/[^\u0400-\u04ff]/gu, (char) => char.normalize('NFD')).replace(/\p{M}/gu, '');
  return CYRILLIC.test(word) && LATIN.test(word) ? oneScript(word) : word;
}

export interface Word {
  text: string;
  /** Written with a capital: in free text, likely a name. */
  capitalized: boolean;
}

/** The words of a text: runs of letters and digits, split on everything else. */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.normalize('NFKC').matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    if (word !== '') found.push({ text: word, capitalized: /^\p{Lu}/u.test(match[0]) });
  }
  return found;
}
