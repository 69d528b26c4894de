import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/server/db/database.js';

/** Every table of the test database (its own SQLite file or PostgreSQL schema). */
async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const rows =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
          handle.db,
        )
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(handle.db);
  return rows.rows.map((row) => row.name);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (Buffer.isBuffer(inner)) return `hex:${inner.toString('hex')}`;
    if (inner instanceof Uint8Array) return `hex:${Buffer.from(inner).toString('hex')}`;
    if (inner instanceof Date) return inner.toISOString();
    if (typeof inner === 'bigint') return inner.toString();
    return inner;
  });
}

/**
 * A SHA-256 of each table's content, rows in a stable order: two digests that
 * differ show which tables a request wrote to (inserts, updates and deletes alike).
 * `ignore` names columns left out, per table, or a table left out whole.
 */
export async function databaseDigest(
  handle: DatabaseHandle,
  options: { ignore?: Record<string, readonly string[] | 'whole table'> } = {},
): Promise<Map<string, string>> {
  const digest = new Map<string, string>();
  for (const table of await tableNames(handle)) {
    const skip = options.ignore?.[table];
    if (skip === 'whole table') continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
    const ignored = new Set(skip ?? []);
    const lines = rows.rows.map((row) =>
      canonical(
        Object.entries(row)
          .filter(([column]) => !ignored.has(column))
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    );
    lines.sort();
    digest.set(table, `${String(lines.length)}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex')}`);
  }
  return digest;
}

/** The tables whose content differs between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/**
 * Bookkeeping written on every call by design, so not "a write" of a refused
 * request: when a token or session was last used, and the throttles, which
 * count every try before any check (a per-token intake rate counts bad bodies too).
 */
export const BOOKKEEPING = {
  api_tokens: ['last_used_at'],
  sessions: ['last_seen_at'],
  throttles: 'whole table',
} as const;
