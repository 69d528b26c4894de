// Vocabulary fixtures for the web app's jsdom tests: terms as the server
// answers them, and the routes that answer a page's vocabulary reads.
import type { Term, Vocabulary } from '../../shared/vocabularies.js';
import { json } from './harness.js';

const SEEDED_AT = '2026-11-01T00:00:00.000Z';

/** A UUID of the version-4 shape that is the same for the same vocabulary and code in every run. */
export function termId(vocabulary: Vocabulary, code: string): string {
  // FNV-1a over the pair, twice with different seeds: 16 hex digits, far from colliding in a test's few terms.
  const hash = (seed: number) => {
    let value = seed;
    for (const char of `${vocabulary}:${code}`) value = Math.imul(value ^ char.charCodeAt(0), 16_777_619) >>> 0;
    return value.toString(16).padStart(8, '0');
  };
  const digits = `${hash(2_166_136_261)}${hash(84_696_351)}`;
  return `${digits.slice(0, 8)}-0000-4000-8000-${digits.slice(8)}0000`;
}

/** A live term, seeded on the first of November; `overrides` for its place, parent, attributes or retirement. */
export function term(
  vocabulary: Vocabulary,
  code: string,
  labelRu: string,
  labelEn: string,
  overrides: Partial<Term> = {},
): Term {
  return {
    id: termId(vocabulary, code),
    vocabulary,
    code,
    parentId: null,
    labelRu,
    labelEn,
    sortOrder: 0,
    retired: false,
    retiredAt: null,
    attributes: {},
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    ...overrides,
  };
}

/** Stub routes (for stubApi) answering `GET /api/vocabularies/<vocabulary>` with the terms given for it. */
export function vocabularyRoutes(terms: Partial<Record<Vocabulary, Term[]>>): Record<string, () => Response> {
  return Object.fromEntries(
    Object.entries(terms).map(([vocabulary, list]) => [
      `GET /api/vocabularies/${vocabulary}`,
      () => json({ vocabulary, terms: list }),
    ]),
  );
}
