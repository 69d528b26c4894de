import { newStemmer } from 'snowball-stemmers';
import { SearchQueryError } from './errors.js';
import { CYRILLIC, LATIN, words, type Word } from './normalize.js';
import { isStopWord } from './stop-words.js';
import { foldName, latinSpellings } from './transliterate.js';

/**
 * Words → search tokens, for both the index and the query. Three kinds, kept
 * apart by a prefix so they never collide:
 *
 * - `stem`: the Snowball stem of each word (Russian for Cyrillic words,
 *   English for Latin ones), so солдаты meets солдат and returned meets
 *   returning; for a Russian surname in any case, also its nominative, so
 *   Иванов meets Ивановым;
 * - `name`: the canonical Latin name key (transliterate.ts), so Иванов meets
 *   Ivanoff. Emitted for every word of a name field and for capitalized words
 *   of free text, where names of people and places are written;
 * - `prefix`: the first letters of the name key, so that a word is found as
 *   it is being typed, in either script: 3 to 12 letters for every word of a
 *   name field ("Ива" finds Иванов), 4 to 8 for every word of free text
 *   ("удерж" finds удерживали, "Dorz" finds Доржиев): a word of text adds at
 *   most 5 tokens (BENCHMARKS.md has what that costs the index).
 */
export type TokenKind = 'stem' | 'name' | 'prefix';

export interface Token {
  kind: TokenKind;
  value: string;
}

/** A `name` field (a person's or place's name) also gets name keys and prefixes for every word. */
export type FieldKind = 'text' | 'name';

export const MIN_PREFIX_LETTERS = 3;
/** Free text has many more words than names: its prefixes start one letter later. */
export const MIN_TEXT_PREFIX_LETTERS = 4;
export const MAX_PREFIX_LETTERS = 12;
/** Free text is indexed to 8 letters (a word adds at most 5 prefixes); a longer typed prefix is also looked up at 8. */
export const MAX_TEXT_PREFIX_LETTERS = 8;
/** Longer "words" are hashes, links or base64, not something anyone types. */
const MAX_WORD_LENGTH = 64;
export const MAX_QUERY_TERMS = 16;

const russian = newStemmer('russian');
const english = newStemmer('english');
const LETTER = /\p{L}/u;

/**
 * Russian surnames and towns in -ов, -ев, -ин, -ын decline like no noun the
 * Snowball stemmer knows: it cuts Иванов to "иван" but Ивановым to "иванов".
 * Their nominative, taken off by these endings, joins the forms again.
 */
const SURNAME = /^([а-яіїє]{2,}(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ы|ых|ыми)?$/u;
/** Surnames and places in -ский/-цкий: the stems already agree, the name keys need the nominative. */
const ADJECTIVE_NAME = /^([а-яіїє]{2,}[сц]к)(?:ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$/u;

/** The text as the tokens key it: the string in `stem:солдат`, `name:ivanov`, `prefix:iva`. */
export function tokenText(token: Token): string {
  return `${token.kind}:${token.value}`;
}

/** The Snowball stem of a normalized word, by its script. */
export function stemOf(word: string): string {
  if (CYRILLIC.test(word)) return russian.stem(word);
  if (LATIN.test(word)) return english.stem(word);
  return word;
}

/** Single letters and stop words are not searched for; numbers of any length are. */
function isSearchable(word: string): boolean {
  const length = Array.from(word).length;
  if (length > MAX_WORD_LENGTH || isStopWord(word)) return false;
  return length >= 2 || /^\p{N}+$/u.test(word);
}

function surnameOf(word: string): string | undefined {
  return SURNAME.exec(word)?.[1];
}

/**
 * The Latin spellings of a word (transliterate.ts): as written, and of its
 * nominative if it is a declined Russian name. Their folded forms are its
 * name keys.
 */
function spellingsOf(word: string): string[] {
  const adjective = ADJECTIVE_NAME.exec(word)?.[1];
  const base = surnameOf(word) ?? (adjective === undefined ? undefined : `${adjective}ий`);
  return [...new Set([...latinSpellings(word), ...(base === undefined ? [] : latinSpellings(base))])];
}

/**
 * The prefix tokens of a spelling of `from` to `to` letters (fewer if it is
 * shorter). Each is the folded key of the first letters of the spelling, not
 * the first letters of its key: a fold may join letters across the cut
 * (Доржиев: dorzhiev → dorzhev), and the query, which is those first
 * letters, is folded the same way.
 */
function prefixesOf(spelling: string, from: number, to: number): Token[] {
  const letters = Array.from(spelling);
  const tokens: Token[] = [];
  for (let length = Math.max(from, MIN_PREFIX_LETTERS); length <= Math.min(letters.length, to); length++) {
    tokens.push({ kind: 'prefix', value: foldName(letters.slice(0, length).join('')) });
  }
  return tokens;
}

/** A query word's prefixes: as typed (up to 12 letters, as names are indexed), and its first 8 (as free text is). */
function queryPrefixes(spelling: string): Token[] {
  const length = Array.from(spelling).length;
  const lengths = new Set([Math.min(length, MAX_PREFIX_LETTERS), Math.min(length, MAX_TEXT_PREFIX_LETTERS)]);
  return [...lengths].flatMap((at) => prefixesOf(spelling, at, at));
}

/** The distinct tokens of one field's text. */
export function fieldTokens(text: string, kind: FieldKind): Token[] {
  const tokens = new Map<string, Token>();
  const add = (token: Token): void => {
    tokens.set(tokenText(token), token);
  };
  for (const word of words(text)) {
    if (!isSearchable(word.text)) continue;
    add({ kind: 'stem', value: stemOf(word.text) });
    const surname = surnameOf(word.text);
    if (surname !== undefined) add({ kind: 'stem', value: surname });
    if (!LETTER.test(word.text)) continue;
    const named = kind === 'name' || word.capitalized;
    for (const spelling of spellingsOf(word.text)) {
      if (named) add({ kind: 'name', value: foldName(spelling) });
      if (kind === 'name') prefixesOf(spelling, MIN_PREFIX_LETTERS, MAX_PREFIX_LETTERS).forEach(add);
      else prefixesOf(spelling, MIN_TEXT_PREFIX_LETTERS, MAX_TEXT_PREFIX_LETTERS).forEach(add);
    }
  }
  return [...tokens.values()];
}

/**
 * A query word's tokens: its stem, its name keys, and their longest prefixes
 * (how "Ива" finds Иванов). A capitalized Russian surname is searched as a
 * name only, so that Иванов does not also find every Ивану.
 */
function termTokens(word: Word): Token[] {
  const surname = surnameOf(word.text);
  const stems = word.capitalized && surname !== undefined ? [surname] : [stemOf(word.text), surname];
  const tokens = new Map<string, Token>();
  for (const stem of stems) if (stem !== undefined) tokens.set(`stem:${stem}`, { kind: 'stem', value: stem });
  if (LETTER.test(word.text)) {
    for (const spelling of spellingsOf(word.text)) {
      for (const token of [{ kind: 'name', value: foldName(spelling) } as const, ...queryPrefixes(spelling)]) {
        tokens.set(tokenText(token), token);
      }
    }
  }
  return [...tokens.values()];
}

/**
 * The terms of a query, each with the tokens it may match through: a term
 * matches a record that holds any of them. Throws SearchQueryError for an
 * empty query, one of stop words only, or one of too many words.
 */
export function queryTerms(query: string): Token[][] {
  const found = words(query);
  if (found.length === 0) throw new SearchQueryError('empty');
  const terms = new Map<string, Token[]>();
  for (const word of found) {
    if (!isSearchable(word.text)) continue;
    const tokens = termTokens(word);
    terms.set(tokens.map(tokenText).join('\n'), tokens);
  }
  if (terms.size === 0) throw new SearchQueryError('too_common');
  if (terms.size > MAX_QUERY_TERMS) throw new SearchQueryError('too_long');
  return [...terms.values()];
}
