import type { PublishedCount } from '../../../shared/statistics.schema.js';

/**
 * The attacker model that publication is checked against: someone who reads
 * every published table of a snapshot and knows how suppression works. From
 * each published number they know a range (a multiple r of k stands for
 * r..r+k-1; `fewer_than_k` for 0..k-1, since every category is listed, counted
 * or not; a
 * `hidden` cell was a shown one, so k or more, and no larger than any cell
 * still shown in its table), and that the tables over the same records add
 * up to one total. Interval propagation over those sums, to a fixed point,
 * narrows every range as far as such reasoning can.
 */

export interface Bounds {
  lo: number;
  hi: number;
}

export interface SuppressedTable {
  figure: string;
  recordSet: string;
  status: 'published' | 'withheld';
  cells: (PublishedCount & { value: string | null })[];
  total: PublishedCount;
}

export const TOTAL = '\u0000total';

/** The key of a cell in the bounds maps: its value, or a mark for "not recorded". */
export function cellKey(value: string | null): string {
  return value ?? '\u0000none';
}

const PASSES = 500;

/** Per figure, per cell key (and TOTAL): the range the attacker can narrow each count to. */
export function boundsOf(tables: readonly SuppressedTable[], k: number): Map<string, Map<string, Bounds>> {
  const published = tables.filter((table) => table.status === 'published');
  const result = new Map<string, Map<string, Bounds>>();
  for (const recordSet of new Set(published.map((table) => table.recordSet))) {
    const group = published.filter((table) => table.recordSet === recordSet);
    const cells = group.map((table) => initialCells(table, k));
    const total = group.reduce<Bounds>((acc, table) => intersect(acc, countBounds(table.total, k)), {
      lo: 0,
      hi: Infinity,
    });
    propagate(cells, total);
    group.forEach((table, i) => {
      const map = new Map<string, Bounds>();
      table.cells.forEach((cell, j) => map.set(cellKey(cell.value), cells[i]?.[j] ?? { lo: 0, hi: Infinity }));
      map.set(TOTAL, { ...total });
      result.set(table.figure, map);
    });
  }
  return result;
}

function countBounds(count: PublishedCount, k: number): Bounds {
  if (count.count !== null) return { lo: count.count, hi: count.count + k - 1 };
  if (count.suppressed === 'fewer_than_k') return { lo: 0, hi: k - 1 };
  return { lo: 0, hi: Infinity };
}

function initialCells(table: SuppressedTable, k: number): Bounds[] {
  const shownHi = Math.min(...table.cells.filter((cell) => cell.count !== null).map((cell) => countBounds(cell, k).hi));
  return table.cells.map((cell) => (cell.suppressed === 'hidden' ? { lo: k, hi: shownHi } : countBounds(cell, k)));
}

function intersect(a: Bounds, b: Bounds): Bounds {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

/** Each table's cells add up to `total`: tighten cells and total against each other until nothing moves. */
function propagate(tables: Bounds[][], total: Bounds): void {
  for (let pass = 0; pass < PASSES; pass += 1) {
    let moved = false;
    for (const cells of tables) {
      moved = tighten(total, sumOf(cells, 'lo'), sumOf(cells, 'hi')) || moved;
      for (const cell of cells) {
        const others = cells.filter((other) => other !== cell);
        moved = tighten(cell, total.lo - sumOf(others, 'hi'), total.hi - sumOf(others, 'lo')) || moved;
      }
    }
    if (!moved) return;
  }
}

/** Narrows `target` to lo..hi where that is narrower; whether it moved. */
function tighten(target: Bounds, lo: number, hi: number): boolean {
  const moved = lo > target.lo || hi < target.hi;
  target.lo = Math.max(target.lo, lo);
  target.hi = Math.min(target.hi, hi);
  return moved;
}

function sumOf(cells: readonly Bounds[], side: 'lo' | 'hi'): number {
  return cells.reduce((sum, cell) => sum + cell[side], 0);
}
