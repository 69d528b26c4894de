import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FileStore } from '../../files/file-store.js';
import { evidencePage } from './evidence.queries.js';

export interface StoredFileProblem {
  evidenceId: string;
  /** The case's number; null for an incident's file (incidentId then names it). */
  caseNumber: string | null;
  incidentId: string | null;
  copy: 'original' | 'working copy';
  /** `altered`: it does not open, or opens to other bytes than were recorded; `missing`: no such stored file. */
  problem: 'altered' | 'missing';
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Re-reads every stored evidence file (originals and working copies) and
 * compares it with the SHA-256 recorded at ingest. A file altered on disk
 * fails to open (each segment is authenticated); one whose bytes open but
 * hash otherwise would mean the record was swapped. Problems name the
 * evidence and its case or incident, never a file name or a person.
 */
export async function verifyStoredEvidence(
  db: Kysely<Database>,
  files: FileStore,
): Promise<{ checked: number; problems: StoredFileProblem[] }> {
  const problems: StoredFileProblem[] = [];
  let checked = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await evidencePage(db, after, 100);
    for (const row of rows) {
      const owner =
        row.incident_id === null
          ? { type: 'case' as const, id: row.case_id ?? '' }
          : { type: 'incident' as const, id: row.incident_id };
      const copies = [
        ['original', row.original_file_id],
        ['working copy', row.working_file_id],
      ] as const;
      for (const [copy, fileId] of copies) {
        if (fileId === null) continue;
        checked += 1;
        const problem = { evidenceId: row.id, caseNumber: row.case_number, incidentId: row.incident_id, copy };
        const recorded = await files.stat(owner, fileId);
        if (recorded === undefined) {
          problems.push({ ...problem, problem: 'missing' });
          continue;
        }
        try {
          if ((await sha256Of(await files.get(owner, fileId))) !== recorded.sha256) {
            problems.push({ ...problem, problem: 'altered' });
          }
        } catch (error) {
          const missing = error instanceof Error && error.name === 'FileNotFoundError';
          problems.push({ ...problem, problem: missing ? 'missing' : 'altered' });
        }
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < 100) break;
    after = last.id;
  }
  return { checked, problems };
}
