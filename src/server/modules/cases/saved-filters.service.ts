import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction } from '../../../shared/audit-actions.js';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { CaseDeps } from './case-common.js';
import { SAVED_FILTERS_MAX, savedFilterValues, type SavedFilter, type SavedFilterValues } from './cases.schema.js';
import {
  countSavedFilters,
  deleteSavedFilter as deleteRow,
  insertSavedFilter,
  lockOwner,
  savedFiltersOf,
} from './saved-filters.queries.js';

/**
 * Saved case-list filters ("my open criminal-defence cases in Buryatia"),
 * each user's own. The values are codes and ids, kept plain; the name is the
 * user's text, which may hold a region or a name, so it is sealed under the
 * system "saved_filters" data key, bound to its row.
 */
const OWNER = { type: 'system', id: 'saved_filters' } as const;
const nameRef = (id: string) => ({ table: 'saved_filters', rowId: id, field: 'name' });

/** Audits a save or a delete in its transaction: the filter's id only, never its name or values. */
function auditFilter(trx: Kysely<Database>, deps: CaseDeps, actor: Subject, action: AuditAction, filterId: string) {
  return appendAudit(
    trx,
    { actorId: actor.userId, action, objectType: 'saved_filter', objectId: filterId, outcome: 'success' },
    deps.clock,
  );
}

/** The user's saved filters, newest first. */
export async function listSavedFilters(deps: CaseDeps, actor: Subject): Promise<{ filters: SavedFilter[] }> {
  const rows = await savedFiltersOf(deps.db, actor.userId, SAVED_FILTERS_MAX);
  await deps.keyring.prefetch(
    deps.db,
    rows.map((row) => row.name_sealed),
  );
  const filters: SavedFilter[] = [];
  for (const row of rows) {
    filters.push({
      id: row.id,
      name: await deps.keyring.openText(deps.db, nameRef(row.id), row.name_sealed),
      filters: savedFilterValues.parse(JSON.parse(row.filters)),
      createdAt: row.created_at,
    });
  }
  return { filters };
}

/**
 * Saves a filter for the user, audited; CONFLICT once they hold
 * SAVED_FILTERS_MAX (counted under a lock on their row).
 */
export async function createSavedFilter(
  deps: CaseDeps,
  actor: Subject,
  input: { name: string; filters: SavedFilterValues },
): Promise<{ id: string }> {
  return deps.db.transaction().execute(async (trx) => {
    await lockOwner(trx, actor.userId);
    if ((await countSavedFilters(trx, actor.userId)) >= SAVED_FILTERS_MAX) {
      throw new AppError('CONFLICT', `You have ${String(SAVED_FILTERS_MAX)} saved filters: delete one first.`);
    }
    const id = crypto.randomUUID();
    await insertSavedFilter(trx, {
      id,
      user_id: actor.userId,
      name_sealed: await deps.keyring.seal(trx, OWNER, nameRef(id), input.name),
      filters: JSON.stringify(input.filters),
      created_at: deps.clock().toISOString(),
    });
    await auditFilter(trx, deps, actor, 'saved_filter.create', id);
    return { id };
  });
}

/** Deletes one of the user's saved filters, audited; another user's, or none, is NOT_FOUND. */
export async function deleteSavedFilter(deps: CaseDeps, actor: Subject, filterId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteRow(trx, actor.userId, filterId))) throw new AppError('NOT_FOUND');
    await auditFilter(trx, deps, actor, 'saved_filter.delete', filterId);
  });
}
