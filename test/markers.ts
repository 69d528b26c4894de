import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
