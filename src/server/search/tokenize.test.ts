import { describe, expect, it } from 'vitest';
import { SearchQueryError } from './errors.js';
import { ENGLISH_STOP_WORDS, RUSSIAN_STOP_WORDS } from './stop-words.js';
import { normalizeWord, words } from './normalize.js';
import { fieldTokens, queryTerms, stemOf, tokenText, type Token } from './tokenize.js';
import { nameKey, nameKeyVariants } from './transliterate.js';

const keyOf = (name: string): string => nameKey(normalizeWord(name));
const texts = (text: string, kind: 'text' | 'name'): string[] => fieldTokens(text, kind).map(tokenText);

describe('name keys', () => {
  it.each([
    ['Иванов', 'Ivanov', 'Ivanoff', 'Iwanow'],
    ['Юрий', 'Yuri', 'Yury', 'Iurii', 'Yuriy'],
    ['Щербаков', 'Shcherbakov', 'Scherbakov', 'Sherbakov'],
    ['Хабибуллин', 'Khabibullin', 'Habibullin'],
    ['Журавлёв', 'Журавлев', 'Zhuravlev', 'Zhuravlyov'],
    ['Цой', 'Tsoy', 'Tsoi'],
    ['Алексей', 'Aleksey', 'Alexei', 'Alexey', 'Aleksei'],
    ['Евгений', 'Yevgeny', 'Evgeny', 'Evgeniy', 'Evgenii'],
    ['Васильев', 'Vasilyev', 'Vasiliev', 'Vasilev'],
    ['Соловьёв', 'Solovyov', 'Solovyev'],
    ['Наталья', 'Natalya', 'Natalia'],
    ['Дмитрий', 'Dmitry', 'Dmitriy', 'Dmitrii'],
    ['Николай', 'Nikolai', 'Nikolay', 'Nicolai'],
    ['Фёдор', 'Fyodor', 'Fedor'],
    ['Чайковский', 'Tchaikovsky', 'Chaikovsky'],
    ['Джамшед', 'Dzhamshed', 'Jamshed'],
    ['Андреев', 'Andreev', 'Andreyev'],
    ['Александр', 'Aleksandr', 'Alexander', 'Aleksander', 'Alexandr'],
    ['Пётр', 'Петр', 'Pyotr', 'Petr', 'Peter'],
    ['Сергей', 'Sergey', 'Sergei', 'Sergej'],
    ['Михаил', 'Mikhail', 'Mihail'],
  ])('gives %s and its Latin spellings one key', (...names) => {
    const keys = new Set(names.map(keyOf));
    expect(keys.size, `${names.join(', ')} → ${[...keys].join(', ')}`).toBe(1);
  });

  it('keeps different names apart', () => {
    const names = ['Иванов', 'Иванова', 'Петров', 'Сидоров', 'Юрьев', 'Щукин', 'Цветков', 'Хабаров', 'Шаров', 'Жуков'];
    expect(new Set(names.map(keyOf)).size).toBe(names.length);
  });
});

describe('name keys of a Latin j', () => {
  const readings = (name: string): string[] => nameKeyVariants(normalizeWord(name));
  it.each([
    ['Доржиев', 'Dorzhiev', 'Dorjiev', 'Dorzhiyev', 'Dorjiyev'], // ж = zh or j
    ['Жанна', 'Zhanna', 'Janna'],
    ['Юрий', 'Jurij', 'Yuriy', 'Iurii'], // й = y, i or j
    ['Яков', 'Jakov', 'Yakov'],
    ['Сергей', 'Sergej', 'Sergey'],
    ['Хасан', 'Khasan', 'Hasan'], // х = kh or h
  ])('gives %s a key that each Latin spelling may stand for', (cyrillic, ...latin) => {
    const [key] = readings(cyrillic);
    expect(readings(cyrillic)).toHaveLength(1);
    for (const name of latin) expect(readings(name), name).toContain(key);
  });

  it('reads a j at most three ways, and a Cyrillic word one way', () => {
    expect(readings('Jurij')).toHaveLength(3);
    expect(readings('Dorjiev')).toHaveLength(2);
    expect(readings('Djamshed')).toEqual([keyOf('Джамшед')]);
    expect(readings('Доржиев')).toEqual([keyOf('Доржиев')]);
  });
});

describe('normalization', () => {
  it('folds case, ё to е, Latin accents and stray stress marks', () => {
    expect(normalizeWord('ЁЛКИН')).toBe('елкин');
    expect(normalizeWord('Журавлёв')).toBe('журавлев');
    expect(normalizeWord('José')).toBe('jose');
    expect(normalizeWord('соба\u0301ка')).toBe('собака');
    // й and ї stay letters of their own.
    expect(normalizeWord('Йошкар')).toBe('йошкар');
    expect(normalizeWord('Київ')).toBe('київ');
  });

  it('puts a word typed with lookalike letters of the other script into one script', () => {
    expect(normalizeWord('Ивaнов')).toBe('иванов'); // Latin a
    expect(normalizeWord('Ivаnov')).toBe('ivanov'); // Cyrillic а
  });

  it('drops an English possessive', () => {
    expect(normalizeWord('Ivanov’s')).toBe('ivanov');
    expect(normalizeWord("soldier's")).toBe('soldier');
  });

  it('splits on punctuation and keeps letters and digits', () => {
    expect(words('«Петров-Водкин», в/ч 12345; O’Brien!').map((word) => word.text)).toEqual([
      'петров',
      'водкин',
      'в',
      'ч',
      '12345',
      'obrien',
    ]);
  });

  it('treats full-width and compatibility forms as plain letters (NFKC)', () => {
    expect(words('ＳＯＬＤＩＥＲ').map((word) => word.text)).toEqual(['soldier']);
  });
});

describe('tokens', () => {
  it('stems by script: Russian for Cyrillic, English for Latin', () => {
    expect(stemOf('солдаты')).toBe(stemOf('солдат'));
    expect(stemOf('луганской')).toBe(stemOf('луганская'));
    expect(stemOf('области')).toBe(stemOf('область'));
    expect(stemOf('soldiers')).toBe(stemOf('soldier'));
    expect(stemOf('returned')).toBe(stemOf('returning'));
  });

  it('leaves stop words and single letters out, but not numbers', () => {
    expect(texts('И в на the of and я a 5', 'text')).toEqual(['stem:5']);
  });

  it('gives name fields name keys and prefixes of three letters and more', () => {
    expect(texts('Иванов', 'name')).toEqual([
      'stem:иван',
      'stem:иванов',
      'name:ivanov',
      'prefix:iva',
      'prefix:ivan',
      'prefix:ivano',
      'prefix:ivanov',
    ]);
  });

  it('gives capitalized words of free text a name key, and every word prefixes of four to eight letters', () => {
    expect(texts('рапорт подал Иванов', 'text')).toEqual([
      'stem:рапорт',
      'prefix:rapo',
      'prefix:rapor',
      'prefix:raport',
      'stem:пода',
      'prefix:poda',
      'prefix:podal',
      'stem:иван',
      'stem:иванов',
      'name:ivanov',
      'prefix:ivan',
      'prefix:ivano',
      'prefix:ivanov',
    ]);
  });

  it('bounds the prefixes of a word of free text at eight letters', () => {
    const prefixes = texts('военнослужащими', 'text').filter((token) => token.startsWith('prefix:'));
    // voennosluzhashchimi: its first 4 to 8 Latin letters, folded (voen and voenn are one prefix).
    expect(prefixes).toEqual(['voen', 'voeno', 'voenos', 'voenosl'].map((p) => `prefix:${p}`));
  });

  it('joins the cases of a Russian surname, which Snowball stems apart', () => {
    const [term] = queryTerms('Иванов');
    const shares = (text: string): boolean => {
      const held = new Set(texts(text, 'text'));
      return (term ?? []).some((token: Token) => held.has(tokenText(token)));
    };
    expect(shares('с Ивановым')).toBe(true);
    expect(shares('у Иванова')).toBe(true);
    expect(shares('об Иванове')).toBe(true);
    expect(shares('Ивану')).toBe(false); // Ivan, dative: the Snowball stem of Иванов, but another name
    expect(texts('Чайковского', 'text')).toContain(`name:${keyOf('Tchaikovsky')}`);
  });

  it('is the same for a word in any case or punctuation', () => {
    expect(texts('ИВАНОВ!', 'name')).toEqual(texts('иванов', 'name'));
  });
});

describe('words as users type them (issue 9)', () => {
  /** Whether every term of the query holds a token of the text. */
  const finds = (query: string, text: string, kind: 'text' | 'name' = 'text'): boolean => {
    const held = new Set(texts(text, kind));
    return queryTerms(query).every((term) => term.some((token) => held.has(tokenText(token))));
  };

  it.each([
    ['удерж', 'Его удерживали в части'],
    ['удерживал', 'Его удерживали в части'],
    ['Dorz', 'Доржиев сообщил'],
    ['Dorj', 'Доржиев сообщил'],
    ['Dorjiev', 'Доржиев сообщил'],
    ['Dorzhiyev', 'Доржиев сообщил'],
    ['Dorzhiev', 'Доржиев сообщил'],
    ['Доржи', 'Dorjiev called'],
    ['Доржиев', 'Dorzhiyev called'],
    ['Alexander', 'Александр'],
    ['Aleksandr', 'Alexander'],
    ['Alex', 'Александр'],
    ['Zhanna', 'Жанна'],
    ['Janna', 'Жанна'],
    ['Hasan', 'Хасан'],
    ['Khas', 'Хасан'],
    ['Sergej', 'Сергей'],
    ['Sergei', 'Сергей'],
    ['Jurij', 'Юрий'],
    ['Ива', 'Иванов', 'name'],
    ['Ivan', 'Иванов'],
  ])('"%s" finds «%s»', (query: string, text: string, kind?: string) => {
    expect(finds(query, text, kind === 'name' ? 'name' : 'text')).toBe(true);
  });

  it.each([
    ['удерж', 'Его задержали'],
    ['Dorz', 'Дорохов'],
    ['Ива', 'Иванов'], // three letters are a prefix in name fields only
    ['Пет', 'Петров'],
  ])('"%s" does not find «%s»', (query, text) => {
    expect(finds(query, text)).toBe(false);
  });
});

describe('queries', () => {
  it('makes one term per word, matched through its stem, name key or prefix as typed (and its first 8 letters)', () => {
    expect(queryTerms('в Луганской области').map((term) => term.map(tokenText))).toEqual([
      ['stem:луганск', 'name:luganskoi', 'prefix:luganskoi', 'prefix:lugansko', 'name:luganski', 'prefix:luganski'],
      ['stem:област', 'name:oblasti', 'prefix:oblasti'],
    ]);
    expect(queryTerms('Ива').map((term) => term.map(tokenText))).toEqual([['stem:ив', 'name:iva', 'prefix:iva']]);
  });

  it('refuses a query of stop words only with a clear error', () => {
    for (const query of ['и в на', 'the of and', 'A, и!']) {
      expect(() => queryTerms(query)).toThrow(SearchQueryError);
      expect(() => queryTerms(query)).toThrow(
        'The search words are all too common to search for: add a name, place or other specific word.',
      );
    }
  });

  it('refuses an empty query', () => {
    for (const query of ['', '   ', '?!—']) expect(() => queryTerms(query)).toThrow('Enter something to search for.');
  });

  it('refuses more than 16 words', () => {
    const query = Array.from({ length: 17 }, (_, i) => `слово${String(i)}`).join(' ');
    expect(() => queryTerms(query)).toThrow(SearchQueryError);
  });
});

describe('stop words', () => {
  it('are lists of about a hundred function words, normalized, with no names among them', () => {
    for (const list of [RUSSIAN_STOP_WORDS, ENGLISH_STOP_WORDS]) {
      expect(list.size).toBeGreaterThan(90);
      expect(list.size).toBeLessThan(140);
      for (const word of list) expect(normalizeWord(word)).toBe(word);
    }
    for (const name of ['вера', 'надежда', 'will', 'may', 'mark']) {
      expect(RUSSIAN_STOP_WORDS.has(name) || ENGLISH_STOP_WORDS.has(name)).toBe(false);
    }
  });
});
