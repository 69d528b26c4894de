import type { PublishedCount } from '../../../shared/statistics.schema.js';
import { boundsOf, cellKey, TOTAL, type Bounds, type SuppressedTable } from './disclosure-audit.js';

/**
 * Small-cell suppression for published figures (the rule is written out in
 * docs/SECURITY.md). Pure: exact one-dimensional tables in, what may be
 * published out.
 *
 * 1. A count below k is `fewer_than_k`; every other count is rounded down to
 *    a multiple of k, so no published number, sum or difference of published
 *    numbers (in one snapshot or between two) lies in 1..k-1.
 * 2. Complementary suppression: while a table's suppressed cells add up to
 *    less than k, its smallest shown cell is `hidden` too.
 * 3. An attacker model (disclosure-audit.ts) then works out, from everything
 *    published in this snapshot and the previous one, the range each count and
 *    each change since the previous snapshot must lie in. While some
 *    suppressed count is pinned to one value in 1..k-1, or some change is
 *    proved to be 1..k-1 people (in or out), the failing table hides its
 *    smallest shown cell, and is withheld whole once nothing is left. Totals
 *    are never hidden: an escalated table then looks like one suppressed by
 *    rule 2, so the escalation itself tells nothing more.
 */

export interface ExactTable {
  figure: string;
  recordSet: string;
  rows: readonly { value: string | null; count: number }[];
}

export interface PublishedTable extends SuppressedTable {
  figure: string;
  cells: (PublishedCount & { value: string | null })[];
}

type CellState = 'shown' | 'fewer_than_k' | 'hidden';

interface Working {
  table: ExactTable;
  cells: CellState[];
  withheld: boolean;
}

/** The previous snapshot's tables and the k they were published with. */
export interface PreviousSnapshot {
  k: number;
  tables: readonly PublishedTable[];
}

/** What may be published of `tables` at threshold `k`, given the last published snapshot. */
export function suppress(
  tables: readonly ExactTable[],
  k: number,
  previous: PreviousSnapshot | null,
): PublishedTable[] {
  const work = tables.map((table) => initial(table, k));
  for (const item of work) complement(item, k);
  const previousBounds = previous === null ? null : boundsOf(previous.tables, previous.k);
  // Each pass suppresses something more, so this ends (at the latest with every table withheld).
  for (;;) {
    const published = work.map((item) => render(item, k));
    const failing = failures(published, k, previous, previousBounds);
    if (failing.size === 0) return published;
    for (const item of work) if (failing.has(item.table.figure)) escalate(item);
  }
}

function initial(table: ExactTable, k: number): Working {
  // Every category is listed, counted or not, so that a cell's first appearance says nothing.
  const cells = table.rows.map((row): CellState => (row.count < k ? 'fewer_than_k' : 'shown'));
  return { table, cells, withheld: false };
}

/** Hides the smallest shown cells until the suppressed ones add up to k or more (or nothing is shown). */
function complement(item: Working, k: number): void {
  const { rows } = item.table;
  const suppressedSum = () => rows.reduce((sum, row, i) => (item.cells[i] === 'shown' ? sum : sum + row.count), 0);
  const anySuppressed = () => item.cells.some((state) => state !== 'shown');
  while (anySuppressed() && suppressedSum() < k && hideSmallest(item)) {
    // hideSmallest did the work
  }
}

/** Hides the smallest shown cell (ties: the first); false when none is shown. */
function hideSmallest(item: Working): boolean {
  let smallest = -1;
  item.table.rows.forEach((row, i) => {
    if (item.cells[i] !== 'shown') return;
    const current = smallest < 0 ? undefined : item.table.rows[smallest];
    if (current === undefined || row.count < current.count) smallest = i;
  });
  if (smallest < 0) return false;
  item.cells[smallest] = 'hidden';
  return true;
}

/**
 * Hides one more cell, as complementary suppression would have: a total is never hidden, so that an
 * escalated table looks like one suppressed in the first place and the escalation itself tells nothing.
 */
function escalate(item: Working): void {
  if (!hideSmallest(item)) item.withheld = true;
}

function rounded(count: number, k: number): PublishedCount {
  return count < k ? { count: null, suppressed: 'fewer_than_k' } : { count: count - (count % k), suppressed: null };
}

function render(item: Working, k: number): PublishedTable {
  const { figure, recordSet, rows } = item.table;
  if (item.withheld) {
    return { figure, recordSet, status: 'withheld', cells: [], total: { count: null, suppressed: 'hidden' } };
  }
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const cells = rows.map((row, i) => {
    const state = item.cells[i];
    const shown: PublishedCount = state === 'hidden' ? { count: null, suppressed: 'hidden' } : rounded(row.count, k);
    return { value: row.value, ...shown };
  });
  return { figure, recordSet, status: 'published', cells, total: rounded(total, k) };
}

/** The figures whose publication would let the attacker model pin a small count or a small change. */
function failures(
  published: readonly PublishedTable[],
  k: number,
  previous: PreviousSnapshot | null,
  previousBounds: Map<string, Map<string, Bounds>> | null,
): Set<string> {
  const bounds = boundsOf(published, k);
  const failing = new Set<string>();
  for (const table of published) {
    if (table.status === 'withheld') continue;
    const mine = bounds.get(table.figure);
    if (mine === undefined) continue;
    for (const [key, range] of mine) {
      const cell = key === TOTAL ? table.total : table.cells.find((c) => cellKey(c.value) === key);
      const pinned = range.lo === range.hi && range.lo >= 1 && range.lo < k;
      if (cell?.suppressed != null && pinned) failing.add(table.figure);
    }
    // The same figure before, or failing that another one over the same records (the same total).
    const before = previousBounds?.get(table.figure) ?? totalBefore(previous, previousBounds, table.recordSet);
    if (before !== undefined && changeSingledOut(mine, before, k)) failing.add(table.figure);
  }
  return failing;
}

function totalBefore(
  previous: PreviousSnapshot | null,
  previousBounds: Map<string, Map<string, Bounds>> | null,
  recordSet: string,
): Map<string, Bounds> | undefined {
  const sibling = previous?.tables.find((t) => t.recordSet === recordSet && t.status === 'published');
  const total = sibling === undefined ? undefined : previousBounds?.get(sibling.figure)?.get(TOTAL);
  return total === undefined ? undefined : new Map([[TOTAL, total]]);
}

/** Some cell's (or the total's) change since the previous snapshot is proved to be 1..k-1 people in or out. */
function changeSingledOut(now: Map<string, Bounds>, before: Map<string, Bounds>, k: number): boolean {
  const zero: Bounds = { lo: 0, hi: 0 };
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    const a = now.get(key) ?? zero;
    const b = before.get(key) ?? zero;
    const lo = a.lo - b.hi;
    const hi = a.hi - b.lo;
    if ((lo >= 1 && hi <= k - 1) || (hi <= -1 && lo >= -(k - 1))) return true;
  }
  return false;
}
