/**
 * The blind-index benchmark: indexes N synthetic records (default 20,000;
 * `npx tsx bench/search.bench.ts 100000` for more) on SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set, then times each query shape and
 * appends p50/p95 to BENCHMARKS.md. The postings layout ((token, sort_key),
 * newest first) was chosen from measurements at 100k and 1M records; this
 * run checks the code that implements it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { TEST_DIALECTS, createTestDatabase } from '../test/databases.js';
import { Keyring } from '../src/server/crypto/keyring.js';
import { newMasterKey } from '../src/server/crypto/master-key.js';
import { sqliteFileIn } from '../src/server/db/database.js';
import type { DialectName } from '../src/server/db/dialect.js';
import type { Database } from '../src/server/db/schema.js';
import { indexRecord } from '../src/server/search/indexing.js';
import { normalizeWord } from '../src/server/search/normalize.js';
import { loadSearchKey, type SearchKey } from '../src/server/search/search-key.js';
import { search, type SearchRequest } from '../src/server/search/search.js';
import { toLatin } from '../src/server/search/transliterate.js';
import { generateRecords, seededRandom, type BenchData } from './search-data.js';

const RECORDS = Number(process.argv[2] ?? process.env.SEARCH_BENCH_RECORDS ?? 20_000);
const RUNS = 100;
const BATCH = 200;
/** Indexed one per transaction at the end, to time the cost a caller pays. */
const SINGLES = 200;

type Shape = (random: () => number) => Omit<SearchRequest, 'limit'> & { pages?: number };

function pick<T>(random: () => number, items: readonly T[], from: number, to: number): T {
  const item = items[from + Math.floor(random() * (Math.min(to, items.length) - from))];
  if (item === undefined) throw new Error('empty range');
  return item;
}

function shapes(data: BenchData): [string, Shape][] {
  const ru = (random: () => number, from: number, to: number): string => pick(random, data.russian, from, to) + 'ами';
  const en = (random: () => number, from: number, to: number): string => pick(random, data.english, from, to) + 'ing';
  const ids = data.records.map((record) => record.recordId);
  return [
    ['rare word (rank 5k–20k)', (r) => ({ query: ru(r, 5000, 20_000) })],
    ['common word (rank 1–10)', (r) => ({ query: ru(r, 0, 10) })],
    ['common English word, inflected', (r) => ({ query: en(r, 0, 10) })],
    ['two common words', (r) => ({ query: `${ru(r, 0, 20)} ${ru(r, 0, 20)}` })],
    ['common + rare word', (r) => ({ query: `${ru(r, 0, 10)} ${ru(r, 2000, 5000)}` })],
    ['three mid-frequency words', (r) => ({ query: `${ru(r, 50, 300)} ${ru(r, 50, 300)} ${ru(r, 50, 300)}` })],
    ['surname, Cyrillic', (r) => ({ query: pick(r, data.surnames, 0, 200) })],
    ['surname, Latin spelling', (r) => ({ query: toLatin(normalizeWord(pick(r, data.surnames, 0, 200))) })],
    ['name prefix, 3 letters', (r) => ({ query: pick(r, data.surnames, 0, 200).slice(0, 3) })],
    ['word prefix, 5 letters (common word)', (r) => ({ query: pick(r, data.russian, 0, 10).slice(0, 5) })],
    ['word prefix, 5 letters (rare word)', (r) => ({ query: pick(r, data.russian, 5000, 20_000).slice(0, 5) })],
    ['common word, one year', (r) => ({ query: ru(r, 0, 10), from: '2024-01-01', to: '2024-12-31' })],
    ['common word, intake only', (r) => ({ query: ru(r, 0, 10), recordTypes: ['intake'] })],
    [
      'common word, restricted to 200 ids',
      (r) => ({ query: ru(r, 0, 10), restrictTo: Array.from({ length: 200 }, () => pick(r, ids, 0, ids.length)) }),
    ],
    ['common word, third page', (r) => ({ query: ru(r, 0, 10), pages: 3 })],
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

interface Figures {
  p50: number;
  p95: number;
}

function figures(timings: number[]): Figures {
  const sorted = [...timings].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function timeQuery(db: Kysely<Database>, key: SearchKey, request: ReturnType<Shape>): Promise<number> {
  let cursor: string | null = null;
  for (let page = 1; page < (request.pages ?? 1); page++) {
    cursor = (await search(db, key, { ...request, limit: 20, cursor })).nextCursor;
  }
  const started = performance.now();
  await search(db, key, { ...request, limit: 20, cursor });
  return performance.now() - started;
}

async function sizeOf(db: Kysely<Database>, dialect: DialectName, dataDir: string): Promise<string> {
  if (dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return `${(fs.statSync(sqliteFileIn(dataDir)).size / 2 ** 20).toFixed(0)} MiB (whole file)`;
  }
  const result = await sql<{ bytes: number }>`select (pg_total_relation_size('search_postings')
    + pg_total_relation_size('search_records') + pg_total_relation_size('search_token_counts'))::bigint as bytes`.execute(
    db,
  );
  return `${((result.rows[0]?.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB (search tables)`;
}

async function run(dialect: DialectName, data: BenchData): Promise<Map<string, string>> {
  const database = await createTestDatabase(dialect);
  const rows = new Map<string, string>();
  try {
    const db = database.handle.db;
    const key = await loadSearchKey(db, new Keyring(newMasterKey()));
    const bulk = data.records.slice(0, data.records.length - SINGLES);
    const started = performance.now();
    for (let at = 0; at < bulk.length; at += BATCH) {
      await db.transaction().execute(async (trx) => {
        for (const record of bulk.slice(at, at + BATCH)) await indexRecord(trx, key, record);
      });
    }
    const bulkMs = performance.now() - started;
    const singles: number[] = [];
    for (const record of data.records.slice(bulk.length)) {
      const t = performance.now();
      await db.transaction().execute((trx) => indexRecord(trx, key, record));
      singles.push(performance.now() - t);
    }
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    const postings = await db
      .selectFrom('search_postings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const one = figures(singles);
    rows.set('index, batches of 200 records a transaction', `${(bulkMs / bulk.length).toFixed(2)} ms a record`);
    rows.set('index, one record a transaction (p50 / p95)', `${one.p50.toFixed(2)} / ${one.p95.toFixed(2)} ms`);
    rows.set(
      'postings',
      `${postings.n.toLocaleString('en')} (${(postings.n / data.records.length).toFixed(0)} a record)`,
    );
    rows.set('size', await sizeOf(db, dialect, database.dataDir));
    for (const [name, shape] of shapes(data)) {
      const random = seededRandom(name.length * 7919);
      for (let i = 0; i < 10; i++) await timeQuery(db, key, shape(random));
      const timings: number[] = [];
      for (let i = 0; i < RUNS; i++) timings.push(await timeQuery(db, key, shape(random)));
      const { p50, p95 } = figures(timings);
      rows.set(name, `${p50.toFixed(1)} / ${p95.toFixed(1)} ms`);
      console.log(`${dialect} ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
  } finally {
    await database.cleanup();
  }
  return rows;
}

async function main(): Promise<void> {
  console.log(`Generating ${String(RECORDS)} records…`);
  const data = generateRecords(RECORDS);
  const results = new Map<DialectName, Map<string, string>>();
  for (const dialect of TEST_DIALECTS) {
    console.log(`Indexing on ${dialect}…`);
    results.set(dialect, await run(dialect, data));
  }
  const dialects = [...results.keys()];
  const names = [...(results.get('sqlite')?.keys() ?? [])];
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  // Other work on the machine moves the p95 figures more than anything here: say how busy it was.
  const load = os.loadavg()[1]?.toFixed(1) ?? '?';
  const lines = [
    `## Search (blind index), ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${RECORDS.toLocaleString('en')} synthetic records (bench/search-data.ts), ${cpu}, ${String(os.cpus().length)} cores, ` +
      `Node ${process.version}, load average ${load} at the end. \`npx tsx bench/search.bench.ts\`. ` +
      `Queries: ${String(RUNS)} runs each, 20 results a page, ` +
      'p50 / p95 of the `search()` call.',
    '',
    `| | ${dialects.map((d) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' | ')} |`,
    `|---|${dialects.map(() => '---').join('|')}|`,
    ...names.map((name) => `| ${name} | ${dialects.map((d) => results.get(d)?.get(name) ?? '').join(' | ')} |`),
    '',
  ];
  const file = path.join(import.meta.dirname, '..', 'BENCHMARKS.md');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmarks\n\nFigures appended by the scripts in bench/.\n\n');
  fs.appendFileSync(file, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
}

await main();
