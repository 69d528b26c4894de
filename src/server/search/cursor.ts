import { SearchQueryError } from './errors.js';

/**
 * Where the next page starts. A page list has two parts: the ranked window
 * (the newest SEARCH_TOTAL_CAP matches, most tokens matched first), then, if
 * more matched, the older ones by date. A cursor names the last record shown
 * by its rank, so pages never repeat or skip a record, even when records are
 * added between pages.
 */
export type Cursor = { phase: 'ranked'; matched: number; sortKey: number } | { phase: 'older'; below: number };

export function rankedCursor(last: { matched: number; sortKey: number }): string {
  return Buffer.from(`r.${last.matched}.${last.sortKey}`).toString('base64url');
}

/** The next page holds matches older than `below`, a sort key. */
export function olderCursor(below: number): string {
  return Buffer.from(`o.${below}`).toString('base64url');
}

function count(text: string | undefined): number {
  const value = text === undefined || !/^\d{1,16}$/.test(text) ? NaN : Number(text);
  if (!Number.isSafeInteger(value)) throw new SearchQueryError('invalid_cursor');
  return value;
}

export function decodeCursor(cursor: string | null | undefined): Cursor | null {
  if (cursor === null || cursor === undefined) return null;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw new SearchQueryError('invalid_cursor');
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (parts[0] === 'r' && parts.length === 3)
    return { phase: 'ranked', matched: count(parts[1]), sortKey: count(parts[2]) };
  if (parts[0] === 'o' && parts.length === 2) return { phase: 'older', below: count(parts[1]) };
  throw new SearchQueryError('invalid_cursor');
}
