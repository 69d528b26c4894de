import type { Kysely } from 'kysely';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import type { Database } from '../../db/schema.js';
import { validationError, type FieldProblem } from '../../http/errors.js';
import { selectTerms } from '../vocabularies/vocabularies.queries.js';

/**
 * Checks many term codes of one record at once: each vocabulary's offered
 * codes are read once, and every code not offered is named by its field in one
 * VALIDATION_FAILED (`acts.0.victims.1.region`).
 */
export class TermCheck {
  private readonly offered = new Map<Vocabulary, Promise<Set<string>>>();
  private readonly problems: FieldProblem[] = [];

  constructor(private readonly db: Kysely<Database>) {}

  private codes(vocabulary: Vocabulary): Promise<Set<string>> {
    let codes = this.offered.get(vocabulary);
    if (codes === undefined) {
      codes = selectTerms(this.db, vocabulary, false).then((terms) => new Set(terms.map((term) => term.code)));
      this.offered.set(vocabulary, codes);
    }
    return codes;
  }

  /** Notes a problem when `code` is given and the vocabulary does not offer it. */
  async term(vocabulary: Vocabulary, code: string | null | undefined, path: string): Promise<void> {
    if (code === null || code === undefined) return;
    if (!(await this.codes(vocabulary)).has(code)) {
      this.problems.push({ path, message: `is not an offered term of the ${vocabulary} vocabulary` });
    }
  }

  /** Notes a problem of the caller's own. */
  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Throws the problems noted so far, if any. */
  done(): void {
    if (this.problems.length > 0) throw validationError(this.problems);
  }
}
