/** Why a search was refused; the route layer maps each reason to a 400 answer. */
export type SearchQueryProblem = 'empty' | 'too_common' | 'too_long' | 'invalid_filter' | 'invalid_cursor';

const MESSAGES: Record<SearchQueryProblem, string> = {
  empty: 'Enter something to search for.',
  too_common: 'The search words are all too common to search for: add a name, place or other specific word.',
  too_long: 'Search for at most 16 words at a time.',
  invalid_filter: 'The search filters are not valid.',
  invalid_cursor: 'The page of results asked for is not valid: start the search again.',
};

/**
 * A search that cannot be answered as asked. A query of stop words alone is
 * refused rather than answered with every record: that answer would be slow
 * and useless, and it would look like a real result.
 */
export class SearchQueryError extends Error {
  constructor(readonly problem: SearchQueryProblem) {
    super(MESSAGES[problem]);
    this.name = 'SearchQueryError';
  }
}
