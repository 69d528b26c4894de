import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { decodeCursor, olderCursor, rankedCursor, type Cursor } from './cursor.js';
import { SearchQueryError } from './errors.js';
import { keyedToken, type SearchKey } from './search-key.js';
import {
  holdingAmong,
  newestHolding,
  postingsAmong,
  recordsAmong,
  recordsBySerial,
  tokenCounts,
} from './search.queries.js';
import { dayOf, serialOf, sortKeyOf, sortKeyRange } from './sort-key.js';
import { queryTerms } from './tokenize.js';

export interface SearchRequest {
  query: string;
  recordTypes?: readonly string[] | undefined;
  /** ISO dates, both included, on the record's date. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only these record ids: for callers that know which records the user may see. Meant for up to a few thousand. */
  restrictTo?: readonly string[] | undefined;
  /** 1 to 100. */
  limit: number;
  cursor?: string | null | undefined;
}

export interface SearchHit {
  recordType: string;
  recordId: string;
  /** How many of the query's tokens (stems, name keys, name prefixes) the record holds. */
  matched: number;
  /** The fields the query matched in. */
  fields: string[];
}

export interface SearchResults {
  results: SearchHit[];
  nextCursor: string | null;
  /** How many records match, counted up to SEARCH_TOTAL_CAP. */
  total: number;
  /** More than SEARCH_TOTAL_CAP match: show "1000+". */
  totalCapped: boolean;
}

/**
 * Counting stops here (exact totals of common words cost up to
 * half a second at a million records). The newest this many matches are
 * ranked by matched tokens; any older ones follow them, newest first.
 */
export const SEARCH_TOTAL_CAP = 1000;
export const SEARCH_MAX_LIMIT = 100;

const NO_RESULTS: SearchResults = { results: [], nextCursor: null, total: 0, totalCapped: false };

/** One distinct keyed token of the query; `index` tells tokens apart when counting matches. */
interface QueryToken {
  index: number;
  token: Buffer;
}

interface Plan {
  /** The distinct tokens of the query that some record holds. */
  tokens: QueryToken[];
  /** Each term as the tokens it matches through, rarest term first. */
  terms: QueryToken[][];
  lowest: number;
  recordTypes: readonly string[] | undefined;
  restrictTo: readonly string[] | undefined;
}

/** Matching records by sort key, newest first, with the indexes of the query tokens each holds. */
type Matches = Map<number, Set<number>>;

function dayFilter(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const day = dayOf(date);
  if (day === undefined) throw new SearchQueryError('invalid_filter');
  return day;
}

function newest(found: Matches, limit: number): Matches {
  const keys = [...found.keys()].sort((a, b) => b - a).slice(0, limit);
  return new Map(keys.map((key) => [key, found.get(key) ?? new Set<number>()]));
}

/**
 * The newest `limit` matching records at or below `highest`. Each record of a
 * driver-token scan comes with the other terms' tokens it holds; and every
 * record of the result appears in the scan of each driver token it holds
 * (a scan that stopped early stopped below the oldest record kept), so the
 * token sets are exact without a second pass.
 */
async function matches(db: Kysely<Database>, plan: Plan, highest: number, limit: number): Promise<Matches> {
  const [driver, ...others] = plan.terms;
  const found: Matches = new Map();
  if (driver === undefined || highest < plan.lowest) return found;
  if (plan.restrictTo !== undefined) return newest(await restrictedMatches(db, plan, highest), limit);
  const report = [...new Map(others.flat().map((other) => [other.index, other])).values()];
  const scan = {
    alsoHolding: others.map((term) => term.map((other) => other.token)),
    report: report.map((other) => other.token),
    lowest: plan.lowest,
    highest,
    recordTypes: plan.recordTypes,
    limit,
  };
  for (const { index, token } of driver) {
    for (const row of await newestHolding(db, { ...scan, token })) {
      const held = found.get(row.sortKey) ?? new Set<number>();
      held.add(index);
      report.forEach((other, at) => {
        if (row.held[at] === '1') held.add(other.index);
      });
      found.set(row.sortKey, held);
    }
  }
  return newest(found, limit);
}

/** Few allowed records: look each one up instead of walking the postings. */
async function restrictedMatches(db: Kysely<Database>, plan: Plan, highest: number): Promise<Matches> {
  const allowed = await recordsAmong(db, plan.restrictTo ?? [], plan.recordTypes);
  let keys = allowed
    .map((record) => sortKeyOf(record.day, record.serial))
    .filter((key) => key >= plan.lowest && key <= highest);
  for (const term of plan.terms) {
    if (keys.length === 0) break;
    const holding = await holdingAmong(
      db,
      term.map((held) => held.token),
      keys,
    );
    keys = keys.filter((key) => holding.has(key));
  }
  const tallies = await tally(db, plan, keys);
  return new Map(keys.map((key) => [key, tallies.get(key)?.held ?? new Set<number>()]));
}

interface Tally {
  held: Set<number>;
  fields: Set<string>;
}

/** Which query tokens, in which fields, each of a few records holds. */
async function tally(db: Kysely<Database>, plan: Plan, sortKeys: readonly number[]): Promise<Map<number, Tally>> {
  const tallies = new Map<number, Tally>();
  if (sortKeys.length === 0) return tallies;
  const indexOf = new Map(plan.tokens.map(({ index, token }) => [token.toString('hex'), index]));
  const tokens = plan.tokens.map(({ token }) => token);
  for (const posting of await postingsAmong(db, tokens, sortKeys)) {
    const entry = tallies.get(posting.sortKey) ?? { held: new Set<number>(), fields: new Set<string>() };
    const index = indexOf.get(posting.token);
    if (index !== undefined) entry.held.add(index);
    posting.fields.forEach((field) => entry.fields.add(field));
    tallies.set(posting.sortKey, entry);
  }
  return tallies;
}

function isAfter(item: { sortKey: number; matched: number }, cursor: { matched: number; sortKey: number }): boolean {
  return item.matched < cursor.matched || (item.matched === cursor.matched && item.sortKey < cursor.sortKey);
}

/** One page's sort keys: the ranked window first, then any older matches by date. */
async function page(
  db: Kysely<Database>,
  plan: Plan,
  window: { matches: Matches; capped: boolean },
  cursor: Cursor | null,
  limit: number,
): Promise<{ keys: number[]; next: string | null }> {
  let keys: number[] = [];
  let below: number | undefined;
  if (cursor === null || cursor.phase === 'ranked') {
    const order = [...window.matches]
      .map(([sortKey, held]) => ({ sortKey, matched: held.size }))
      .sort((a, b) => b.matched - a.matched || b.sortKey - a.sortKey);
    const rest = cursor === null ? order : order.filter((item) => isAfter(item, cursor));
    keys = rest.slice(0, limit).map((item) => item.sortKey);
    const last = rest[keys.length - 1];
    if (rest.length > limit && last !== undefined) return { keys, next: rankedCursor(last) };
    if (!window.capped) return { keys, next: null };
    below = [...window.matches.keys()].at(-1);
  } else {
    below = cursor.below;
  }
  if (below === undefined) return { keys, next: null };
  const need = limit - keys.length;
  if (need === 0) return { keys, next: olderCursor(below) };
  const older = [...(await matches(db, plan, below - 1, need + 1)).keys()];
  const taken = older.slice(0, need);
  const oldest = taken.at(-1);
  return { keys: [...keys, ...taken], next: older.length > need && oldest !== undefined ? olderCursor(oldest) : null };
}

/**
 * Finds the records that match every term of a query (a term matches
 * through its stem, its name key or its name prefix), most tokens matched
 * first, then newest first. Drives from the rarest term, walks postings in
 * date order and counts to a cap, so that a common word costs no more than a
 * rare one. Throws SearchQueryError for an empty query, a query
 * of stop words only, or invalid filters.
 */
export async function search(
  db: Kysely<Database>,
  searchKey: SearchKey,
  request: SearchRequest,
): Promise<SearchResults> {
  const terms = queryTerms(request.query);
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > SEARCH_MAX_LIMIT) {
    throw new SearchQueryError('invalid_filter');
  }
  const cursor = decodeCursor(request.cursor);
  const fromDay = dayFilter(request.from);
  const toDay = dayFilter(request.to);
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) throw new SearchQueryError('invalid_filter');
  if (request.recordTypes?.length === 0 || request.restrictTo?.length === 0) return NO_RESULTS;

  const distinct = new Map<string, Buffer>();
  const keyedTerms = terms.map((term) =>
    term.map((token) => {
      const keyed = keyedToken(searchKey, token);
      const hex = keyed.toString('hex');
      if (!distinct.has(hex)) distinct.set(hex, keyed);
      return hex;
    }),
  );
  const counts = await tokenCounts(db, [...distinct.values()]);
  // Tokens no record holds drop out; a term left with none matches nothing.
  const held = new Map<string, QueryToken & { count: number }>();
  for (const [hex, token] of distinct) {
    const count = counts.get(hex) ?? 0;
    if (count > 0) held.set(hex, { index: held.size, token, count });
  }
  const live = keyedTerms.map((term) => term.flatMap((hex) => held.get(hex) ?? []));
  if (live.some((term) => term.length === 0)) return NO_RESULTS;
  const weight = (term: { count: number }[]): number => term.reduce((sum, token) => sum + token.count, 0);
  const range = sortKeyRange(fromDay, toDay);
  const plan: Plan = {
    tokens: [...held.values()],
    terms: live.sort((a, b) => weight(a) - weight(b)),
    lowest: range.lowest,
    recordTypes: request.recordTypes,
    restrictTo: request.restrictTo,
  };

  const found = await matches(db, plan, range.highest, SEARCH_TOTAL_CAP + 1);
  const capped = found.size > SEARCH_TOTAL_CAP;
  const window = newest(found, SEARCH_TOTAL_CAP);
  const { keys, next } = await page(db, plan, { matches: window, capped }, cursor, request.limit);
  const tallies = await tally(db, plan, keys);
  const records = await recordsBySerial(db, keys.map(serialOf));
  const results: SearchHit[] = [];
  for (const key of keys) {
    const record = records.get(serialOf(key));
    const entry = tallies.get(key);
    // A record removed between the queries above is left out.
    if (record === undefined || entry === undefined) continue;
    results.push({ ...record, matched: entry.held.size, fields: [...entry.fields].sort() });
  }
  return { results, nextCursor: next, total: window.size, totalCapped: capped };
}
