import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';

/** Every file below `dir`, recursively. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(full) : [full];
  });
}

/** The variants of a marker an attacker would grep for: as written, lower and upper case, in UTF-8 and UTF-16. */
function needles(marker: string): Buffer[] {
  const forms = new Set([marker, marker.toLowerCase(), marker.toUpperCase()]);
  return [...forms].flatMap((form) => [Buffer.from(form, 'utf8'), Buffer.from(form, 'utf16le')]);
}

/** Which markers appear in which of the named byte sources. */
export function markerHits(sources: { name: string; bytes: Buffer }[], markers: string[]): string[] {
  const hits: string[] = [];
  for (const source of sources) {
    for (const marker of markers) {
      if (needles(marker).some((needle) => source.bytes.includes(needle))) hits.push(`${marker} in ${source.name}`);
    }
  }
  return hits;
}

/** A plain-text dump of one PostgreSQL schema, as an attacker with the database would take it. */
export function pgDump(url: string, schema: string): Buffer {
  return execFileSync('pg_dump', ['--schema', schema, '--no-owner', url], { maxBuffer: 512 * 1024 * 1024 });
}

/** Which of the named byte strings (keys, ciphertexts) appear in which source. */
export function bytesHits(
  sources: { name: string; bytes: Buffer }[],
  needles: { name: string; bytes: Buffer }[],
): string[] {
  const hits: string[] = [];
  for (const source of sources) {
    for (const needle of needles) {
      if (needle.bytes.length > 0 && source.bytes.includes(needle.bytes)) hits.push(`${needle.name} in ${source.name}`);
    }
  }
  return hits;
}

/** The SQLite file of a data folder and whatever lies beside it (-wal, -shm), as a thief would copy them. */
export function sqliteFiles(dataDir: string): { name: string; bytes: Buffer }[] {
  return filesBelow(dataDir)
    .filter((file) => path.basename(file).startsWith('homeward.sqlite'))
    .map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) }));
}

/**
 * The on-disk files of every table, TOAST table and index of the connection's
 * current schema, after a CHECKPOINT has written the shared buffers out. Needs
 * a local server, and a superuser to read `data_directory` and checkpoint.
 */
export async function pgRelationFiles(db: Kysely<Database>): Promise<{ name: string; bytes: Buffer }[]> {
  await sql`checkpoint`.execute(db);
  const dataDir = (await sql<{ dir: string }>`select current_setting('data_directory') as dir`.execute(db)).rows[0]
    ?.dir;
  if (dataDir === undefined) throw new Error('no data_directory');
  const relations = await sql<{ name: string; file: string | null }>`
    with tables as (
      select c.oid, c.relname, c.reltoastrelid from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
    ), rels as (
      select relname as name, oid from tables
      union all select relname || ' (toast)', reltoastrelid from tables where reltoastrelid <> 0
      union all select t.relname || ' (toast index)', i.indexrelid from tables t join pg_index i on i.indrelid = t.reltoastrelid
      union all select ic.relname, i.indexrelid from tables t join pg_index i on i.indrelid = t.oid
        join pg_class ic on ic.oid = i.indexrelid
    )
    select name, pg_relation_filepath(oid) as file from rels`.execute(db);
  const out: { name: string; bytes: Buffer }[] = [];
  for (const relation of relations.rows) {
    if (relation.file === null) continue;
    const base = path.join(dataDir, relation.file);
    // A relation is cut into 1 GiB segments: base, base.1, base.2…
    for (let segment = 0; ; segment++) {
      const file = segment === 0 ? base : `${base}.${String(segment)}`;
      if (!fs.existsSync(file)) break;
      out.push({ name: `${relation.name} (${file})`, bytes: fs.readFileSync(file) });
    }
  }
  if (out.length === 0) throw new Error('no relation files found: is the server local?');
  return out;
}
