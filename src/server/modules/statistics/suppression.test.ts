import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIGURE_INFO } from '../../../shared/statistics.schema.js';
import { boundsOf, TOTAL } from './disclosure-audit.js';
import { suppress, type ExactTable, type PublishedTable } from './suppression.js';

/*
 * Property tests of the published figures' suppression. Two attackers:
 * - arithmetic: every published number, every difference of two published
 *   numbers (in one snapshot, between two successive ones) and every total
 *   minus its table's shown cells is checked against 1..k-1;
 * - exhaustive: on small datasets, every dataset that publishes exactly what
 *   was published is enumerated (so the attacker knows the algorithm); no
 *   suppressed count, and no change between snapshots, may be the same small
 *   number in all of them.
 */

const table = (figure: string, recordSet: string, counts: readonly number[]): ExactTable => ({
  figure,
  recordSet,
  rows: counts.map((count, i) => ({ value: `v${i}`, count })),
});

function numbers(published: readonly PublishedTable[]): number[] {
  return published.flatMap((t) => [...t.cells.map((c) => c.count), t.total.count]).filter((n) => n !== null);
}

function small(n: number, k: number): boolean {
  return n >= 1 && n < k;
}

/** Splits `total` into `parts` random non-negative counts. */
const split = (total: number, parts: number) =>
  fc.array(fc.nat(total), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - (points[i] ?? 0));
  });

/** A dataset: record sets, each with one total split along 1–4 tables of 1–6 cells. */
const dataset = fc
  .array(
    fc.integer({ min: 0, max: 80 }).chain((total) =>
      fc.array(
        fc.integer({ min: 1, max: 6 }).chain((parts) => split(total, parts)),
        { minLength: 1, maxLength: 4 },
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((sets) => sets.flatMap((tables, s) => tables.map((counts, t) => table(`f${s}-${t}`, `r${s}`, counts))));

/** The same tables a month later: every count moved by -3..+8. */
function later(tables: readonly ExactTable[]) {
  return fc.tuple(
    ...tables.map((t) =>
      fc.tuple(...t.rows.map(() => fc.integer({ min: -3, max: 8 }))).map((moves) => ({
        ...t,
        rows: t.rows.map((row, i) => ({ ...row, count: Math.max(0, row.count + (moves[i] ?? 0)) })),
      })),
    ),
  );
}

describe('published figures: arithmetic on what is published', () => {
  it('shows no count below k and no sum or difference of shown numbers in 1..k-1, in a snapshot or between two', () => {
    const scenario = fc
      .tuple(dataset, fc.integer({ min: 2, max: 10 }))
      .chain(([tables, k]) => fc.tuple(fc.constant(tables), fc.constant(k), later(tables)));
    fc.assert(
      fc.property(scenario, ([tables, k, next]) => {
        const first = suppress(tables, k, null);
        const second = suppress(next, k, { k, tables: first });
        for (const [exact, published] of [
          [tables, first],
          [next, second],
        ] as const) {
          for (const t of published) {
            const truth = exact.find((e) => e.figure === t.figure);
            for (const cell of t.cells) {
              const real = truth?.rows.find((r) => r.value === cell.value)?.count ?? 0;
              // A count below k is never shown; a shown count is a multiple of k, never above the truth.
              if (real < k) expect(cell.count).toBeNull();
              if (cell.count !== null) expect(cell.count % k === 0 && cell.count <= real).toBe(true);
            }
            const shownSum = t.cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
            if (t.total.count !== null) expect(small(t.total.count - shownSum, k)).toBe(false);
          }
        }
        const all = [...numbers(first), ...numbers(second)];
        for (const a of all) for (const b of all) expect(small(Math.abs(a - b), k)).toBe(false);
      }),
      { numRuns: Number(process.env.STATS_RUNS ?? 200) },
    );
  }, 600_000);
});

/** Every dataset of `shape` (cells 0..max, tables of one record set adding up alike). */
function* candidates(shape: readonly number[], max: number): Generator<number[][]> {
  const [first, ...rest] = shape;
  if (first === undefined) return;
  for (const a of vectors(first, max)) {
    const total = a.reduce((s, n) => s + n, 0);
    yield* withTotal(rest, max, total, [a]);
  }
}

function* withTotal(shape: readonly number[], max: number, total: number, acc: number[][]): Generator<number[][]> {
  const [first, ...rest] = shape;
  if (first === undefined) {
    yield acc;
    return;
  }
  for (const v of vectors(first, max)) {
    if (v.reduce((s, n) => s + n, 0) === total) yield* withTotal(rest, max, total, [...acc, v]);
  }
}

function* vectors(length: number, max: number): Generator<number[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const tail of vectors(length - 1, max)) for (let n = 0; n <= max; n += 1) yield [n, ...tail];
}

const tablesOf = (vectorsOf: readonly number[][]) => vectorsOf.map((counts, i) => table(`f${i}`, 'r', counts));

describe('published figures: an attacker who knows the algorithm and tries every dataset', () => {
  const k = 3;
  const max = 9;

  it('cannot pin a suppressed count of one snapshot to one number in 1..k-1', () => {
    const shape = [3, 2];
    const data = fc
      .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))
      .filter((a) => a[0] + a[1] + a[2] <= 10)
      .chain((a) => {
        const total = a[0] + a[1] + a[2];
        return fc.integer({ min: Math.max(0, total - 5), max: Math.min(5, total) }).map((b0) => [a, [b0, total - b0]]);
      });
    fc.assert(
      fc.property(data, (truth) => {
        const seen = JSON.stringify(suppress(tablesOf(truth), k, null));
        const possible = new Map<string, Set<number>>();
        for (const candidate of candidates(shape, max)) {
          if (JSON.stringify(suppress(tablesOf(candidate), k, null)) !== seen) continue;
          candidate.forEach((v, t) => {
            v.forEach((n, c) => addTo(possible, `${t}/${c}`, n));
            addTo(
              possible,
              `${t}/total`,
              v.reduce((s, n) => s + n, 0),
            );
          });
        }
        const published = JSON.parse(seen) as PublishedTable[];
        published.forEach((t, i) => {
          t.cells.forEach((cell) => {
            if (cell.suppressed !== null)
              expect(pinnedSmall(possible.get(`${i}/${Number(cell.value?.slice(1))}`), k)).toBe(false);
          });
          if (t.total.suppressed !== null) expect(pinnedSmall(possible.get(`${i}/total`), k)).toBe(false);
        });
      }),
      { numRuns: Number(process.env.STATS_RUNS ?? 40) },
    );
  }, 600_000);

  it('cannot tell from two successive snapshots that 1..k-1 people came or went in a cell', () => {
    const pair = fc.tuple(
      fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
      fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
    );
    fc.assert(
      fc.property(pair, ([before, after]) => {
        const publish = (old: number[], now: number[]) => {
          const first = suppress(tablesOf([old]), k, null);
          return [first, suppress(tablesOf([now]), k, { k, tables: first })];
        };
        const seen = JSON.stringify(publish(before, after));
        const changes = new Map<string, Set<number>>();
        for (const [old] of candidates([2], max)) {
          for (const [now] of candidates([2], max)) {
            if (old === undefined || now === undefined || JSON.stringify(publish(old, now)) !== seen) continue;
            now.forEach((n, c) => addTo(changes, `${c}`, n - (old[c] ?? 0)));
            addTo(changes, 'total', now.reduce((s, n) => s + n, 0) - old.reduce((s, n) => s + n, 0));
          }
        }
        for (const values of changes.values()) {
          const all = [...values];
          const allSmallIn = all.every((d) => small(d, k));
          const allSmallOut = all.every((d) => small(-d, k));
          expect(allSmallIn || allSmallOut).toBe(false);
        }
      }),
      { numRuns: Number(process.env.STATS_RUNS ?? 40) },
    );
  }, 600_000);
});

describe('incidents by unit counts incident–unit pairs, its own record set', () => {
  it('is not held to the incidents total: 13 incidents by place beside 21 incident–unit pairs', () => {
    const byPlace = table('incidents_by_place', FIGURE_INFO.incidents_by_place.recordSet, [7, 6]);
    const byUnit = table('incidents_by_unit', FIGURE_INFO.incidents_by_unit.recordSet, [13, 2, 6]);
    expect(byUnit.recordSet).toBe('incident_units');
    const published = suppress([byPlace, byUnit], 5, null);
    expect(published.map((t) => [t.status, t.total.count])).toEqual([
      ['published', 10],
      ['published', 20],
    ]);
    expect(published[1]?.cells.map((c) => c.count ?? c.suppressed)).toEqual([10, 'fewer_than_k', 'hidden']);
    // The attacker's ranges for each total stay its own: pairs are not incidents.
    const bounds = boundsOf(published, 5);
    expect(bounds.get('incidents_by_place')?.get(TOTAL)).toEqual({ lo: 10, hi: 14 });
    expect(bounds.get('incidents_by_unit')?.get(TOTAL)).toEqual({ lo: 20, hi: 24 });
  });
});

function addTo(map: Map<string, Set<number>>, key: string, value: number): void {
  const set = map.get(key) ?? new Set<number>();
  set.add(value);
  map.set(key, set);
}

function pinnedSmall(values: Set<number> | undefined, k: number): boolean {
  if (values?.size !== 1) return false;
  const [only] = [...values];
  return only !== undefined && small(only, k);
}
