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
  type CaseRow,
  type CaseScope,
} from './cases.queries.js';
import type { CaseSort, CaseSummaryOut, ListCasesQuery } from './cases.schema.js';
import { summaryOf } from './cases.service.js';
import { decodeCursor, pageOf } from './page-cursor.js';

/** Which cases a user may see in lists and search. */
export function caseScope(actor: Subject): CaseScope {
  if (can(actor, 'case.list_all')) return { kind: 'all' };
  if (!can(actor, 'case.list')) return { kind: 'none' };
  return { kind: 'granted', userId: actor.userId };
}

/** The ids of the cases a user may see; undefined means every case (coordinators). */
export async function visibleCaseIds(db: Kysely<Database>, actor: Subject): Promise<string[] | undefined> {
  const scope = caseScope(actor);
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return [];
  return grantedCaseIds(db, scope.userId);
}

/** The sort value of a row, as the cursor of the next page holds it. */
function sortValueOf(row: CaseRow, sort: CaseSort): string {
  if (sort === 'opened') return row.opened_at;
  if (sort === 'number') return row.number;
  if (sort === 'stage') return row.stage;
  return row.region ?? '';
}

/** The list view of a page of cases, every title's data key read in one go. */
export async function summaries(
  db: Kysely<Database>,
  deps: CaseDeps,
  rows: readonly CaseRow[],
): Promise<CaseSummaryOut[]> {
  await deps.keyring.prefetch(
    db,
    rows.map((row) => row.title_sealed),
  );
  return Promise.all(rows.map((row) => summaryOf(db, deps, row)));
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
    const scope = caseScope(actor);
    const { q, cursor, limit, sort, dir, ...filters } = query;
    const hasFilters = Object.values(filters).some((value: unknown) => value !== undefined);
    let rows;
    let nextCursor: string | null = null;
    if (q !== undefined && q.trim() !== '') {
      // Many ids are fine here: every list below is sent in chunks.
      const allowed = scope.kind === 'all' && !hasFilters ? undefined : await filteredCaseIds(trx, filters, scope);
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
      const order = { sort, dir: dir ?? (sort === 'opened' ? 'desc' : 'asc') } as const;
      const tag = `${order.sort}.${order.dir}`;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, tag);
      const page = pageOf(
        await listCaseRows(trx, filters satisfies CaseFilters, scope, { limit: limit + 1, after, order }),
        limit,
        (row) => ({ at: sortValueOf(row, sort), id: row.id }),
        tag,
      );
      rows = page.rows;
      nextCursor = page.nextCursor;
    }
    const cases = await summaries(trx, deps, rows);
    await auditCase(trx, deps, actor.userId, 'case.list', null);
    return { cases, nextCursor };
  });
}
