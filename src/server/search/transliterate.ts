/**
 * Name keys: one canonical Latin form for a name however it was spelled, so
 * that Иванов, Ivanov and Ivanoff meet in the index.
 *
 * Both scripts go to the same place. Cyrillic is first written in Latin by one
 * simple scheme (ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya, й y, ь and
 * ъ dropped); then every Latin spelling, typed or transliterated, is folded:
 * the variants that passports, newspapers and German or French habits produce
 * for the same Russian sound become one letter. The key is for matching only,
 * never shown, so it may read oddly (Юрий → "iuri").
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian and Belarusian letters, for names from Luhansk, Donetsk and beyond.
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};

/**
 * The folds, in order. Each pair is one habit of writing a Russian sound in
 * Latin letters; order matters where one pattern contains another (shch
 * before sch, j before dzh, y→i before doubles collapse).
 */
const FOLDS: readonly (readonly [RegExp, string])[] = [
  [/x/g, 'ks'], // Alexei → Aleksei
  [/ph/g, 'f'],
  [/w/g, 'v'], // Iwanow
  [/ck/g, 'k'],
  [/shch/g, 'sh'], // Shcherbakov, Scherbakov, Sherbakov
  [/tsch/g, 'ch'],
  [/sch/g, 'sh'],
  [/tch/g, 'ch'], // Tchaikovsky
  [/kh/g, 'h'], // Khabibullin, Habibullin
  [/tz/g, 'ts'],
  [/c(?=[eiy])/g, 's'],
  [/c(?!h)/g, 'k'], // Nicolai → Nikolai
  // ё after a consonant: Zhuravlyov, Fyodor, Artjom → e, as ё is normalized to е.
  [/(^|[^aeiouy])yo/g, '$1e'],
  [/(?<=[^aeiouy])jo/g, 'e'], // a j-o after a consonant only: John stays John
  [/ye/g, 'e'], // Yevgeny, Andreyev
  [/(?<=.)je/g, 'e'], // Andrejev, but not an initial Je-
  // j within a word is й (Sergej, Jurij's second j); at the start it stays j, as in John or Jamshed,
  // and after a d it is the дж of Djamshed or Abdjalil.
  [/(?<=[^d])j/g, 'i'],
  [/dzh|dj/g, 'j'], // Джамшед, Dzhamshed, Jamshed
  [/y/g, 'i'], // Yuri, Iurii; Aleksey, Alexei; Tsoy, Tsoi
  [/ie/g, 'e'], // Vasiliev, Vasilyev, Васильев
  [/([a-z])\1+/g, '$1'], // Habibullin, Ivanoff, Iurii
  [/of$/, 'ov'], // Ivanoff
  [/ef$/, 'ev'], // Sergeeff
  [/(?<=[dt])er$/, 'r'], // Alexander, Aleksandr; Peter, Pyotr
];

/** A normalized word (lower case, ё as е) in Latin letters; letters of other scripts are kept. */
export function toLatin(word: string): string {
  let latin = '';
  for (const char of word) latin += CYRILLIC_TO_LATIN[char] ?? char;
  return latin;
}

/**
 * The canonical name key of a normalized word: Иванов, Ivanov and Ivanoff all
 * give "ivanov". A word with letters outside Latin and Cyrillic (Georgian,
 * Arabic) keeps its own spelling, unfolded.
 */
export function nameKey(word: string): string {
  return foldName(toLatin(word));
}

/** A Latin spelling folded into its key; a word with letters of other scripts is kept as it is. */
export function foldName(latin: string): string {
  if (!/^[a-z0-9]+$/.test(latin)) return latin;
  let key = latin;
  for (const [pattern, replacement] of FOLDS) key = key.replace(pattern, replacement);
  return key;
}

/**
 * The Latin spellings, not yet folded, that a normalized word may stand for.
 * A typed Latin j is written for three Russian letters: й (Sergej), ж
 * (Dorjiev for Доржиев, as in French and Mongolian habits) and, at the
 * start, the й of Ю and Я (Jurij, Jakov); one key cannot hold all three, so
 * such a word has one spelling per reading (at most three). Cyrillic never
 * gives a j, so its words have one.
 */
export function latinSpellings(word: string): string[] {
  const latin = toLatin(word);
  if (!/^[a-z0-9]+$/.test(latin)) return [latin];
  const spellings = [latin];
  if (/(?<!d)j/.test(latin)) spellings.push(latin.replace(/(?<!d)j/g, 'zh'));
  if (latin.startsWith('j')) spellings.push(`y${latin.slice(1)}`);
  return spellings;
}

/** Every name key a normalized word may stand for (see latinSpellings). */
export function nameKeyVariants(word: string): string[] {
  return [...new Set(latinSpellings(word).map(foldName))];
}
