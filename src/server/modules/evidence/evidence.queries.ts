import type { Kysely } from 'kysely';
import type { EvidenceOwner } from '../../../shared/evidence.schema.js';
import type { Database, EvidenceTable } from '../../db/schema.js';

/** All SQL of the evidence module. */

type Db = Kysely<Database>;
export type EvidenceRow = EvidenceTable;
export type EvidenceRowWithUploader = EvidenceRow & {
  uploader_username: string | null;
  size: number;
  sha256_sealed: Buffer;
};

export async function insertEvidence(db: Db, row: EvidenceRow): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

function withUploader(db: Db) {
  return db
    .selectFrom('evidence')
    .innerJoin('files', 'files.id', 'evidence.original_file_id')
    .leftJoin('users', 'users.id', 'evidence.uploaded_by')
    .selectAll('evidence')
    .select(['users.username as uploader_username', 'files.size as size', 'files.sha256_sealed as sha256_sealed']);
}

/** The column naming an owner: a case's files are never found through an incident, nor the other way round. */
const ownerColumn = (owner: EvidenceOwner) => (owner.kind === 'case' ? 'evidence.case_id' : 'evidence.incident_id');

/** An owner's evidence, oldest first (the order a package lists them in). */
export function listOwnerEvidence(db: Db, owner: EvidenceOwner): Promise<EvidenceRowWithUploader[]> {
  return withUploader(db)
    .where(ownerColumn(owner), '=', owner.id)
    .orderBy('evidence.uploaded_at')
    .orderBy('evidence.id')
    .execute();
}

export function findOwnerEvidence(
  db: Db,
  owner: EvidenceOwner,
  evidenceId: string,
): Promise<EvidenceRowWithUploader | undefined> {
  return withUploader(db)
    .where(ownerColumn(owner), '=', owner.id)
    .where('evidence.id', '=', evidenceId)
    .executeTakeFirst();
}

/** Every evidence file with its case's number (none for an incident's), a page at a time by id (evidence verify). */
export function evidencePage(
  db: Db,
  afterId: string | null,
  limit: number,
): Promise<(EvidenceRow & { case_number: string | null })[]> {
  return db
    .selectFrom('evidence')
    .leftJoin('cases', 'cases.id', 'evidence.case_id')
    .selectAll('evidence')
    .select('cases.number as case_number')
    .$if(afterId !== null, (q) => q.where('evidence.id', '>', afterId ?? ''))
    .orderBy('evidence.id')
    .limit(limit)
    .execute();
}

export interface CustodyRow {
  seq: number;
  at: string;
  action: string;
  actor_id: string | null;
  username: string | null;
  outcome: string;
}

/** The audit entries about these evidence files, in the log's order. */
export function custodyEntries(
  db: Db,
  evidenceIds: readonly string[],
): Promise<(CustodyRow & { object_id: string })[]> {
  if (evidenceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_id',
      'users.username',
      'audit_log.outcome',
      'audit_log.object_id',
    ])
    .where('audit_log.object_type', '=', 'evidence')
    .where('audit_log.object_id', 'in', evidenceIds)
    .orderBy('audit_log.seq')
    .execute() as Promise<(CustodyRow & { object_id: string })[]>;
}

/** The evidence rows of a case, for a purge: they go before the file rows they name. */
export async function deleteCaseEvidence(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('evidence').where('case_id', '=', caseId).execute();
}
