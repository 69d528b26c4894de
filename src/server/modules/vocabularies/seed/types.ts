/**
 * One seeded term: its code, its labels, its parent's code (same vocabulary)
 * and its attributes, checked against the vocabulary's attribute schema by
 * the tests.
 */
export interface SeedTerm {
  code: string;
  ru: string;
  en: string;
  parent?: string;
  /** Defaults to the term's position in its list; 0 lets the web app sort siblings by label. */
  sort?: number;
  attributes?: Record<string, unknown>;
}
