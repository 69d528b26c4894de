import type { RecordToIndex } from '../src/server/search/indexing.js';

/**
 * Synthetic case records for the search benchmark: Russian and English
 * narratives whose words follow a Zipf law (a few very common, most rare),
 * with inflected endings so that stemming has work to do, and names in a name
 * field and in the text. Seeded, so every run indexes the same data.
 */

/** mulberry32: a small seeded generator; Math.random cannot be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU_CONSONANTS = 'бвгдзклмнпрстфхцчшщж';
const RU_VOWELS = 'аеиоуыя';
const EN_CONSONANTS = 'bcdfghklmnprstvw';
const EN_VOWELS = 'aeiou';
const RU_ENDINGS = ['', '', 'а', 'ы', 'ом', 'ами', 'ой', 'е'];
const EN_ENDINGS = ['', '', 's', 'ed', 'ing'];
const FIRST_NAMES = ['Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Юрий', 'Иван', 'Максим', 'Олег', 'Павел', 'Артём'];
export const VOCABULARY_SIZE = 20_000;
const SURNAMES = 2_000;

export interface BenchData {
  records: RecordToIndex[];
  /** Stems by frequency rank, most common first. */
  russian: string[];
  english: string[];
  surnames: string[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function pseudoWords(random: () => number, count: number, consonants: string, vowels: string): string[] {
  const [cs, vs] = [Array.from(consonants), Array.from(vowels)];
  const found = new Set<string>();
  while (found.size < count) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) word += pick(random, cs) + pick(random, vs);
    found.add(word + pick(random, cs));
  }
  return [...found];
}

/** A sampler of ranks 0 … n-1 with probability ∝ 1/(rank+1). */
function zipf(random: () => number, n: number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) cumulative[rank] = sum += 1 / (rank + 1);
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `count` records, 70 % Russian, dated over 2022–2026. */
export function generateRecords(count: number, seed = 1): BenchData {
  const random = seededRandom(seed);
  const russian = pseudoWords(random, VOCABULARY_SIZE, RU_CONSONANTS, RU_VOWELS);
  const english = pseudoWords(random, VOCABULARY_SIZE, EN_CONSONANTS, EN_VOWELS);
  const surnames = pseudoWords(random, SURNAMES, RU_CONSONANTS, RU_VOWELS).map(
    (stem) => capitalize(stem) + pick(random, ['ов', 'ин', 'ев']),
  );
  const rank = zipf(random, VOCABULARY_SIZE);
  const surnameRank = zipf(random, SURNAMES);
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2026, 11, 31) - start;
  const records: RecordToIndex[] = [];
  for (let i = 0; i < count; i++) {
    const isRussian = random() < 0.7;
    const [stems, endings] = isRussian ? [russian, RU_ENDINGS] : [english, EN_ENDINGS];
    const surname = surnames[surnameRank()] ?? 'Иванов';
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const words = Array.from({ length: 9 }, () => (stems[rank()] ?? '') + pick(random, endings));
      if (s === 2 && random() < 0.3) words.push(surnames[surnameRank()] ?? '');
      sentences.push(`${capitalize(words.join(' '))}.`);
    }
    records.push({
      recordType: i % 10 === 0 ? 'intake' : 'case',
      recordId: `rec-${String(i)}`,
      date: new Date(start + Math.floor(random() * span)).toISOString().slice(0, 10),
      fields: [
        { name: 'full_name', text: `${surname} ${pick(random, FIRST_NAMES)}`, kind: 'name' },
        { name: 'narrative', text: sentences.join(' '), kind: 'text' },
      ],
    });
  }
  return { records, russian, english, surnames };
}
