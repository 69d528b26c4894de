import { Readable } from 'node:stream';
import type { AuditListEntry } from '../../audit/audit.queries.js';

/** The CSV download's columns: codes and ids as the log holds them, names joined at read time. */
const COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_username',
  'action',
  'object_type',
  'object_id',
  'object_label',
  'outcome',
  'hash',
] as const;

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (starting with
 * = + - @, or a tab or carriage return that hides one) is prefixed with a
 * quote mark, so a crafted username cannot run in the reader's spreadsheet;
 * cells with separators, quotes or line breaks are quoted (RFC 4180).
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The entries as a CSV stream, a header line first; entries are read as the stream is consumed. */
export function auditCsv(entries: AsyncIterable<AuditListEntry>): Readable {
  async function* lines() {
    yield line(COLUMNS);
    for await (const entry of entries) {
      yield line([
        entry.seq,
        entry.at,
        entry.actorId,
        entry.actorUsername,
        entry.action,
        entry.objectType,
        entry.objectId,
        entry.objectLabel,
        entry.outcome,
        entry.hash,
      ]);
    }
  }
  return Readable.from(lines());
}
