import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';

/**
 * Sealing for the case's own rows: the case, its events and its tasks are
 * all sealed under the case's data key, each field bound to its table, row
 * and field name.
 */
export interface CaseField {
  caseId: string;
  table: 'cases' | 'case_events' | 'tasks';
  rowId: string;
  field: 'title' | 'summary' | 'body';
}

export function sealCaseField(db: Kysely<Database>, keyring: Keyring, ref: CaseField, text: string): Promise<Buffer> {
  return keyring.seal(
    db,
    { type: 'case', id: ref.caseId },
    { table: ref.table, rowId: ref.rowId, field: ref.field },
    text,
  );
}

export function openCaseField(
  db: Kysely<Database>,
  keyring: Keyring,
  ref: Omit<CaseField, 'caseId'>,
  sealed: Buffer,
): Promise<string> {
  return keyring.openText(db, { table: ref.table, rowId: ref.rowId, field: ref.field }, sealed);
}

export async function openCaseFieldOrNull(
  db: Kysely<Database>,
  keyring: Keyring,
  ref: Omit<CaseField, 'caseId'>,
  sealed: Buffer | null,
): Promise<string | null> {
  return sealed === null ? null : openCaseField(db, keyring, ref, sealed);
}
