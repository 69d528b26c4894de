import type { Readable } from 'node:stream';
import type { KeyOwner } from '../../crypto/keyring.js';
import type { FileStore, FileInfo, StoredFile } from '../../files/file-store.js';
import { AppError, validationError } from '../../http/errors.js';
import { purgeOwner, type PurgeReason } from '../../purge/purge.js';
import { requireCase, type CaseDeps } from './case-common.js';
import { childRecordsOf, intakeIdsOfCase } from './cases.queries.js';

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

async function hasFiles(deps: CaseDeps, owner: KeyOwner): Promise<boolean> {
  const row = await deps.db
    .selectFrom('files')
    .select('id')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Purges a case: its events, tasks, links to people, the case row, their
 * search records, grants and files, and its data key; then each intake request
 * opened as or attached to it, the same way. `confirmNumber` must repeat the
 * case number, so that a purge is never a slip of the wrong id.
 */
export async function purgeCase(
  deps: PurgeCaseDeps,
  actorId: string,
  caseId: string,
  input: { reason: PurgeReason; confirmNumber: string },
): Promise<void> {
  const row = await requireCase(deps.db, caseId);
  if (input.confirmNumber !== row.number) {
    throw validationError([{ path: 'confirmNumber', message: 'must repeat the number of the case to purge' }]);
  }
  const intakeIds = await intakeIdsOfCase(deps.db, caseId);
  const owners: KeyOwner[] = [
    { type: 'case', id: caseId },
    ...intakeIds.map((id) => ({ type: 'intake' as const, id })),
  ];
  const files = deps.files ?? new NoFileStore();
  if (deps.files === undefined) {
    for (const owner of owners) {
      if (await hasFiles(deps, owner)) throw new AppError('CONFLICT', 'The file store is not available to this purge.');
    }
  }
  const children = await childRecordsOf(deps.db, [caseId]);
  const childIds = new Set(children.map((child) => child.id));
  const noteIds = (
    await deps.db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'note')
      .execute()
  ).map((note) => note.id);
  const purgeDeps = { db: deps.db, keyring: deps.keyring, files, clock: deps.clock };
  await purgeOwner(purgeDeps, {
    owner: { type: 'case', id: caseId },
    actorId,
    reason: input.reason,
    searchRecords: [
      { recordType: 'case', recordIds: [caseId] },
      { recordType: 'note', recordIds: noteIds },
      { recordType: 'task', recordIds: [...childIds].filter((id) => !noteIds.includes(id)) },
    ],
    deleteRows: async (trx) => {
      await trx.deleteFrom('case_events').where('case_id', '=', caseId).execute();
      await trx.deleteFrom('tasks').where('case_id', '=', caseId).execute();
      await trx.deleteFrom('case_people').where('case_id', '=', caseId).execute();
      await trx.updateTable('intake_requests').set({ case_id: null }).where('case_id', '=', caseId).execute();
      await trx.deleteFrom('cases').where('id', '=', caseId).execute();
    },
  });
  for (const intakeId of intakeIds) {
    await purgeOwner(purgeDeps, {
      owner: { type: 'intake', id: intakeId },
      actorId,
      reason: input.reason,
      searchRecords: [{ recordType: 'intake', recordIds: [intakeId] }],
      deleteRows: async (trx) => {
        await trx.deleteFrom('intake_messages').where('intake_id', '=', intakeId).execute();
        await trx.deleteFrom('intake_requests').where('id', '=', intakeId).execute();
      },
    });
  }
}
