import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { Keyring, KeyOwner } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import type { FileStore } from '../files/file-store.js';
import { removeRecords } from '../search/indexing.js';

/** Why a record was purged: a fixed list, since the audit log holds no free text. */
export const PURGE_REASONS = ['requester_request', 'safety', 'retention', 'duplicate', 'entered_in_error'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];

export interface PurgeRequest {
  owner: KeyOwner;
  actorId: string;
  reason: PurgeReason;
  /** Search records of the owner's rows, by record type. */
  searchRecords: { recordType: string; recordIds: string[] }[];
  /** Deletes the owner's domain rows, in the purge's transaction. */
  deleteRows(trx: Transaction<Database>): Promise<void>;
}

export interface PurgeDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  files: FileStore;
  clock: () => Date;
}

/**
 * Purges a case or an intake request: its rows, search tokens, grants and
 * files go, and its data key is destroyed, so anything sealed under it that
 * survives elsewhere (an old backup) is unreadable once the master key that
 * wrapped it is rotated away. The audit log keeps the ids: what, by whom, why.
 */
export async function purgeOwner(deps: PurgeDeps, request: PurgeRequest): Promise<void> {
  const { owner } = request;
  await deps.db.transaction().execute(async (trx) => {
    await request.deleteRows(trx);
    for (const group of request.searchRecords) {
      if (group.recordIds.length > 0) await removeRecords(trx, group.recordType, group.recordIds);
    }
    if (owner.type === 'case') {
      await trx.deleteFrom('case_grants').where('case_id', '=', owner.id).execute();
      await trx.deleteFrom('break_glass').where('case_id', '=', owner.id).execute();
    }
    await deps.keyring.destroy(trx, owner);
    await appendAudit(
      trx,
      {
        actorId: request.actorId,
        action: `${owner.type}.purge.${request.reason}`,
        objectType: owner.type,
        objectId: owner.id,
        outcome: 'success',
      },
      deps.clock,
    );
  });
  // After the commit: the files can no longer be opened anyway, their key is gone.
  await deps.files.deleteOwner(owner);
}
