import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { KeyOwner } from '../../crypto/keyring.js';
import { forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import type { FileStore, FileInfo, StoredFile } from '../../files/file-store.js';
import { AppError, validationError } from '../../http/errors.js';
import type { ErasureReport } from '../../purge/erase.js';
import { intakePurgeRequest, intakeRequestsOf, peopleOnlyIn, personPurgeRequest } from '../../purge/owners.js';
import { lockIncidentsNaming } from '../../purge/incidents.js';
import { purgeOwners, type PurgeReason, type PurgeRequest } from '../../purge/purge.js';
import type { CaseDeps } from './case-common.js';

/**
 * Stands in for the file store where the app was built without one: it
 * holds no files, so a purge has none to delete. A purge refuses to run
 * through it when the `files` table lists files of the owner.
 */
class NoFileStore implements FileStore {
  put(): Promise<StoredFile> {
    return Promise.reject(new Error('No file store is configured.'));
  }
  get(): Promise<Readable> {
    return Promise.reject(new Error('No file store is configured.'));
  }
  stat(): Promise<FileInfo | undefined> {
    return Promise.resolve(undefined);
  }
  delete(): Promise<boolean> {
    return Promise.resolve(false);
  }
  deleteOwner(): Promise<number> {
    return Promise.resolve(0);
  }
}

export type PurgeCaseDeps = CaseDeps & { files?: FileStore | undefined };

async function hasFiles(trx: Transaction<Database>, owners: readonly KeyOwner[]): Promise<boolean> {
  for (const owner of owners) {
    const row = await trx
      .selectFrom('files')
      .select('id')
      .where('owner_type', '=', owner.type)
      .where('owner_id', '=', owner.id)
      .executeTakeFirst();
    if (row !== undefined) return true;
  }
  return false;
}

/**
 * The case row, locked for the rest of the transaction as the case unit of
 * work locks it (case-work.ts), so a note, task or link being added either
 * committed before (and is purged) or waits and then finds no case. The
 * purge keeps its own transaction (purgeOwners) around more owners than one.
 */
function lockCase(trx: Transaction<Database>, caseId: string): Promise<{ number: string } | undefined> {
  return forUpdate(trx, trx.selectFrom('cases').select('number').where('id', '=', caseId)).executeTakeFirst();
}

/**
 * Purges a case in one transaction: its events, tasks, links, the case row,
 * their search records, grants, file rows and data key; each intake request
 * opened as or attached to it (messages, row, record, key); and the people
 * linked to it alone. Nothing of it is read before the case is locked, so
 * nothing added meanwhile is missed. `confirmNumber` must repeat the case
 * number, so that a purge is never a slip of the wrong id.
 */
export async function purgeCase(
  deps: PurgeCaseDeps,
  actorId: string,
  caseId: string,
  input: { reason: PurgeReason; confirmNumber: string },
): Promise<ErasureReport> {
  const files = deps.files ?? new NoFileStore();
  const purgeDeps = { db: deps.db, keyring: deps.keyring, files, clock: deps.clock };
  const { erasure } = await purgeOwners(purgeDeps, async (trx) => {
    // The incidents naming its people before the case, as linking one to the case locks them (incident, then case).
    await lockIncidentsNaming(trx, { caseId });
    const row = await lockCase(trx, caseId);
    if (row === undefined) throw new AppError('NOT_FOUND');
    if (input.confirmNumber !== row.number) {
      throw validationError([{ path: 'confirmNumber', message: 'must repeat the number of the case to purge' }]);
    }
    const intakeIds = await intakeRequestsOf(trx, caseId);
    const personIds = await peopleOnlyIn(trx, caseId);
    const owners: KeyOwner[] = [
      { type: 'case', id: caseId },
      ...intakeIds.map((id) => ({ type: 'intake' as const, id })),
      ...personIds.map((id) => ({ type: 'person' as const, id })),
    ];
    if (deps.files === undefined && (await hasFiles(trx, owners))) {
      throw new AppError('CONFLICT', 'The file store is not available to this purge.');
    }
    const noteIds = (
      await trx
        .selectFrom('case_events')
        .select('id')
        .where('case_id', '=', caseId)
        .where('kind', '=', 'note')
        .execute()
    ).map((note) => note.id);
    const taskIds = (await trx.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute()).map(
      (task) => task.id,
    );
    const caseRequest: PurgeRequest = {
      owner: { type: 'case', id: caseId },
      actorId,
      reason: input.reason,
      searchRecords: [
        { recordType: 'case', recordIds: [caseId] },
        { recordType: 'note', recordIds: noteIds },
        { recordType: 'task', recordIds: taskIds },
      ],
      deleteRows: async (t) => {
        await t.deleteFrom('case_events').where('case_id', '=', caseId).execute();
        await t.deleteFrom('tasks').where('case_id', '=', caseId).execute();
        await t.deleteFrom('case_people').where('case_id', '=', caseId).execute();
        await t.deleteFrom('cases').where('id', '=', caseId).execute();
      },
    };
    return [
      caseRequest,
      ...intakeIds.map((id) => intakePurgeRequest(id, actorId, input.reason)),
      ...personIds.map((id) => personPurgeRequest(id, actorId, input.reason)),
    ];
  });
  return erasure;
}
