import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { Keyring, KeyOwner } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { retryingAborts } from '../db/unit-of-work.js';
import type { FileStore } from '../files/file-store.js';
import { deleteOwnerFileRows } from '../files/files.queries.js';
import { removeRecords } from '../search/indexing.js';
import { releasePersonFromIncidents } from './incidents.js';
import { purgeHorizon, tryEraseFreedSpace, type ErasureReport, type PurgeHorizon } from './erase.js';
import { deleteCaseEvidence } from '../modules/evidence/evidence.queries.js';

// Why a record was purged: a fixed list, since the audit log holds no free text; shared with the audit viewer.
import type { PurgeOwner, PurgeReason } from '../../shared/audit-actions.js';
export { PURGE_REASONS, type PurgeReason } from '../../shared/audit-actions.js';

export interface PurgeRequest {
  owner: KeyOwner & { type: PurgeOwner };
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

/** One owner's part of a purge, inside the purge's transaction. */
async function purgeInTransaction(trx: Transaction<Database>, deps: PurgeDeps, request: PurgeRequest): Promise<void> {
  const { owner } = request;
  // Notifications hold ids only, but none may outlive what it points at: the owner's, and its tasks'.
  if (owner.type === 'case') {
    const tasks = trx.selectFrom('tasks').select('id').where('case_id', '=', owner.id);
    await trx.deleteFrom('notifications').where('object_type', '=', 'task').where('object_id', 'in', tasks).execute();
  }
  if (owner.type === 'case' || owner.type === 'intake') {
    await trx
      .deleteFrom('notifications')
      .where('object_type', '=', owner.type)
      .where('object_id', '=', owner.id)
      .execute();
  }
  // Evidence rows name the case and its file rows, so they go first; the files go with the owner's below.
  if (owner.type === 'case') await deleteCaseEvidence(trx, owner.id);
  // An incident outlives the people it names: they leave it, counted and audited, before their rows go.
  if (owner.type === 'person') await releasePersonFromIncidents(trx, owner.id, request.actorId, deps.clock);
  await request.deleteRows(trx);
  for (const group of request.searchRecords) {
    if (group.recordIds.length > 0) await removeRecords(trx, group.recordType, group.recordIds);
  }
  if (owner.type === 'case') {
    await trx.deleteFrom('case_grants').where('case_id', '=', owner.id).execute();
    await trx.deleteFrom('break_glass').where('case_id', '=', owner.id).execute();
  }
  // The rows go with the rest; the blobs only after the commit, since a rollback must leave them readable.
  await deleteOwnerFileRows(trx, owner);
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
}

/**
 * Purges several owners (a case, its intake requests, its people) in ONE
 * transaction: `plan` runs first inside it (after taking whatever lock keeps
 * new rows of the owners out) and names what goes, so an id read there cannot
 * miss a row added before the lock. If anything fails, everything stays;
 * a run the database aborted (deadlock, 40P01) runs again from the start, so
 * `plan` and the requests must do nothing outside the database.
 * After the commit the owners' file blobs are deleted and the freed database
 * space is erased (erase.ts), so neither the data keys nor the ciphertexts
 * stay in the database files.
 */
export async function purgeOwners(
  deps: PurgeDeps,
  plan: (trx: Transaction<Database>) => Promise<PurgeRequest[]>,
): Promise<{ owners: KeyOwner[]; erasure: ErasureReport }> {
  let horizon: PurgeHorizon;
  // A transaction PostgreSQL aborted to break a deadlock (an edit or link locking the same rows) runs again whole.
  const requests = await retryingAborts(() =>
    deps.db.transaction().execute(async (trx) => {
      const planned = await plan(trx);
      for (const request of planned) await purgeInTransaction(trx, deps, request);
      horizon = await purgeHorizon(trx);
      return planned;
    }),
  );
  const owners = requests.map((request) => request.owner);
  // Their keys are gone, so a blob left by a crash here can no longer be opened anyway.
  for (const owner of owners) await deps.files.deleteOwner(owner);
  return { owners, erasure: await tryEraseFreedSpace(deps.db, horizon) };
}

/** Purges one owner: its rows, search tokens, grants, files and data key; the audit keeps the ids. */
export async function purgeOwner(deps: PurgeDeps, request: PurgeRequest): Promise<ErasureReport> {
  return (await purgeOwners(deps, () => Promise.resolve([request]))).erasure;
}
