import type { Kysely } from 'kysely';
import { can, type Subject } from '../../auth/access.js';
import { grantedCaseIds } from '../../auth/grants.queries.js';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../http/errors.js';
import { SearchQueryError } from '../../search/errors.js';
import { loadSearchKey } from '../../search/search-key.js';
import { search, type SearchRequest, type SearchResults } from '../../search/search.js';
import { auditCase, type CaseDeps } from './case-common.js';
import {
  caseOfChildren,
  casesByIds,
  childRecordsOf,
  filteredCaseIds,
  listCaseRows,
  type CaseFilters,
} from './cases.queries.js';
import type { CaseSummaryOut, ListCasesQuery, TaskOut } from './cases.schema.js';
import { summaryOf } from './cases.service.js';
import { openTasksOf } from './tasks.service.js';

/** The ids of the cases a user may see; undefined means every case (coordinators). */
export async function visibleCaseIds(db: Kysely<Database>, actor: Subject): Promise<string[] | undefined> {
  if (can(actor, 'case.list_all')) return undefined;
  if (!can(actor, 'case.list')) return [];
  return grantedCaseIds(db, actor.userId);
}

/** Runs a search; a query the index refuses is bad input naming `q`. */
export async function searchOrInvalid(
  deps: CaseDeps,
  db: Kysely<Database>,
  request: SearchRequest,
): Promise<SearchResults> {
  try {
    return await search(db, await loadSearchKey(db, deps.keyring), request);
  } catch (error) {
    if (error instanceof SearchQueryError) {
      const path = error.problem === 'invalid_cursor' ? 'cursor' : 'q';
      throw validationError([{ path, message: error.message }]);
    }
    throw error;
  }
}

function encodeCursor(row: { opened_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.opened_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { openedAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { openedAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the validation error.
  }
  throw validationError([{ path: 'cursor', message: 'is not a cursor of this list: start again' }]);
}

/** The case ids that hits on cases, notes and tasks point to, in hit order, once each. */
async function casesOfHits(db: Kysely<Database>, hits: SearchResults['results']): Promise<string[]> {
  const children = await caseOfChildren(
    db,
    hits.filter((hit) => hit.recordType !== 'case').map((hit) => hit.recordId),
  );
  const ids = hits.map((hit) => (hit.recordType === 'case' ? hit.recordId : children.get(hit.recordId)));
  return [...new Set(ids.filter((id) => id !== undefined))];
}

/**
 * The cases list: filters, and with `q` a search of case titles and
 * summaries, notes and task titles, all within the cases the user may see.
 * Opening titles reads personal data, so each listing is audited once.
 */
export async function listCases(
  deps: CaseDeps,
  actor: Subject,
  query: ListCasesQuery,
): Promise<{ cases: CaseSummaryOut[]; nextCursor: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const visible = await visibleCaseIds(trx, actor);
    const { q, cursor, limit, ...filters } = query;
    const hasFilters = Object.values(filters).some((value: unknown) => value !== undefined);
    let rows;
    let nextCursor: string | null = null;
    if (q !== undefined && q.trim() !== '') {
      const allowed = visible === undefined && !hasFilters ? undefined : await filteredCaseIds(trx, filters, visible);
      const children = allowed === undefined ? [] : await childRecordsOf(trx, allowed);
      const results = await searchOrInvalid(deps, trx, {
        query: q,
        recordTypes: ['case', 'note', 'task'],
        restrictTo: allowed === undefined ? undefined : [...allowed, ...children.map((child) => child.id)],
        limit,
        cursor,
      });
      const ids = await casesOfHits(trx, results.results);
      const byId = new Map((await casesByIds(trx, ids)).map((row) => [row.id, row]));
      rows = ids.flatMap((id) => byId.get(id) ?? []);
      nextCursor = results.nextCursor;
    } else {
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const page = await listCaseRows(trx, filters satisfies CaseFilters, visible, { limit: limit + 1, after });
      rows = page.slice(0, limit);
      const last = rows.at(-1);
      if (page.length > limit && last !== undefined) nextCursor = encodeCursor(last);
    }
    const cases = await Promise.all(rows.map((row) => summaryOf(trx, deps, row)));
    await auditCase(trx, deps, actor.userId, 'case.list', null);
    return { cases, nextCursor };
  });
}

/** My work: the cases I hold a grant on, and my open tasks on cases I may see, soonest due first. */
export async function myWork(deps: CaseDeps, actor: Subject): Promise<{ cases: CaseSummaryOut[]; tasks: TaskOut[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const granted = await grantedCaseIds(trx, actor.userId);
    const rows = (await casesByIds(trx, granted)).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    const cases = await Promise.all(rows.map((row) => summaryOf(trx, deps, row)));
    const tasks = await openTasksOf(trx, deps, actor.userId, await visibleCaseIds(trx, actor));
    await auditCase(trx, deps, actor.userId, 'case.my_work', null);
    return { cases, tasks };
  });
}
