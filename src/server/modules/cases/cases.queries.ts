import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { CaseEventKind, CasesTable, Database } from '../../db/schema.js';
import { chunked } from '../../search/search.queries.js';
import type { CaseSort, SortDirection } from './cases.schema.js';
import type { PagePosition } from './page-cursor.js';

/**
 * All SQL of the cases module, `db` first. Lists of ids are sent in chunks,
 * or the rows are chosen by a subquery, so that no statement passes either
 * database's limit on bound parameters however many cases there are.
 */

/** Which cases a reader may see: all (coordinators), those granted to a user, or none. */
export type CaseScope = { kind: 'all' } | { kind: 'granted'; userId: string } | { kind: 'none' };

export type CaseRow = CasesTable;

/** The next number of `year`, atomically: the counter row is locked until the transaction ends. */
export async function nextCaseNumber(db: Db, year: number): Promise<string> {
  const row = await db
    .insertInto('case_number_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`case_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${String(year)}-${String(row.last).padStart(4, '0')}`;
}

export function findCase(db: Db, caseId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
}

export interface CaseFilters {
  type?: string | undefined;
  stage?: string | undefined;
  region?: string | undefined;
  outcome?: string | undefined;
  assignee?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  open?: boolean | undefined;
}

function grantedTo(userId: string) {
  return (eb: ExpressionBuilder<Database, 'cases'>) =>
    eb.exists(
      eb
        .selectFrom('case_grants as visible')
        .select('visible.case_id')
        .whereRef('visible.case_id', '=', 'cases.id')
        .where('visible.user_id', '=', userId),
    );
}

function filtered(db: Db, filters: CaseFilters, scope: CaseScope) {
  let query = db.selectFrom('cases');
  if (scope.kind === 'none') query = query.where(sql<boolean>`1 = 0`);
  if (scope.kind === 'granted') query = query.where(grantedTo(scope.userId));
  if (filters.type !== undefined) query = query.where('case_type', '=', filters.type);
  if (filters.stage !== undefined) query = query.where('stage', '=', filters.stage);
  if (filters.region !== undefined) query = query.where('region', '=', filters.region);
  if (filters.outcome !== undefined) query = query.where('outcome', '=', filters.outcome);
  if (filters.from !== undefined) query = query.where('opened_at', '>=', filters.from);
  // `to` is a day, included: everything before the next day.
  if (filters.to !== undefined) query = query.where('opened_at', '<', `${filters.to}T99`);
  if (filters.open === true) query = query.where('closed_at', 'is', null);
  if (filters.open === false) query = query.where('closed_at', 'is not', null);
  const assignee = filters.assignee;
  if (assignee !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_grants')
          .select('case_grants.case_id')
          .whereRef('case_grants.case_id', '=', 'cases.id')
          .where('case_grants.user_id', '=', assignee),
      ),
    );
  }
  return query;
}

/** A sort of the case list: a column, a direction, and the (value, id) of the last row of the page before. */
export interface CaseOrder {
  sort: CaseSort;
  dir: SortDirection;
}

/** The value each sort orders by: text on both databases, never null (no region sorts as ''). */
const SORT_VALUE: Record<CaseSort, RawBuilder<string>> = {
  opened: sql<string>`cases.opened_at`,
  number: sql<string>`cases.number`,
  stage: sql<string>`cases.stage`,
  region: sql<string>`coalesce(cases.region, '')`,
};

/**
 * A page of cases in `order` (the id breaking ties, in the same direction),
 * after `after`, the (value, id) of the last row of the page before. Each
 * order walks an index: (opened_at, id), number, (stage, id), (coalesce(region, ''), id).
 */
export function listCaseRows(
  db: Db,
  filters: CaseFilters,
  scope: CaseScope,
  page: { limit: number; after?: PagePosition | undefined; order?: CaseOrder },
): Promise<CaseRow[]> {
  const { sort, dir } = page.order ?? { sort: 'opened', dir: 'desc' };
  const value = SORT_VALUE[sort];
  let query = filtered(db, filters, scope).selectAll('cases');
  const after = page.after;
  if (after !== undefined) {
    const beyond = dir === 'desc' ? '<' : '>';
    query = query.where((eb) =>
      eb.or([eb(value, beyond, after.at), eb.and([eb(value, '=', after.at), eb('cases.id', beyond, after.id)])]),
    );
  }
  return query.orderBy(value, dir).orderBy('cases.id', dir).limit(page.limit).execute();
}

/** The ids of the cases matching `filters` within `scope`. */
export async function filteredCaseIds(db: Db, filters: CaseFilters, scope: CaseScope): Promise<string[]> {
  const rows = await filtered(db, filters, scope).select('cases.id').execute();
  return rows.map((row) => row.id);
}

export async function casesByIds(db: Db, ids: readonly string[]): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const chunk of chunked(ids))
    rows.push(...(await db.selectFrom('cases').selectAll().where('id', 'in', chunk).execute()));
  return rows;
}

/** Note event ids and task ids of the given cases, with their case: what a search may return for them. */
export async function childRecordsOf(
  db: Db,
  caseIds: readonly string[] | undefined,
): Promise<{ id: string; caseId: string }[]> {
  const notes = db.selectFrom('case_events').select(['id', 'case_id as caseId']).where('kind', '=', 'note');
  const tasks = db.selectFrom('tasks').select(['id', 'case_id as caseId']);
  if (caseIds === undefined) return [...(await notes.execute()), ...(await tasks.execute())];
  const found: { id: string; caseId: string }[] = [];
  for (const chunk of chunked(caseIds)) {
    found.push(...(await notes.where('case_id', 'in', chunk).execute()));
    found.push(...(await tasks.where('case_id', 'in', chunk).execute()));
  }
  return found;
}

/** The case of each note event or task id. */
export async function caseOfChildren(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const chunk of chunked(ids)) {
    const notes = await db.selectFrom('case_events').select(['id', 'case_id']).where('id', 'in', chunk).execute();
    const tasks = await db.selectFrom('tasks').select(['id', 'case_id']).where('id', 'in', chunk).execute();
    for (const row of [...notes, ...tasks]) map.set(row.id, row.case_id);
  }
  return map;
}

export function insertEvent(
  db: Db,
  event: {
    id: string;
    case_id: string;
    kind: CaseEventKind;
    actor_id: string;
    stage_from?: string | null;
    stage_to?: string | null;
    body_sealed?: Buffer | null;
    at: string;
    target_user_id?: string | null;
    detail?: string | null;
    subject_id?: string | null;
  },
) {
  const none = { stage_from: null, stage_to: null, body_sealed: null, target_user_id: null, detail: null };
  return db
    .insertInto('case_events')
    .values({ ...none, subject_id: null, ...event })
    .execute();
}

/** One page of the case's events, newest first, from after `after`; one more than `limit` tells there are more. */
export function listEvents(db: Db, caseId: string, page: { limit: number; after?: PagePosition | undefined }) {
  const after = page.after;
  return db
    .selectFrom('case_events')
    .leftJoin('users as actor', 'actor.id', 'case_events.actor_id')
    .leftJoin('users as target', 'target.id', 'case_events.target_user_id')
    .leftJoin('tasks as subject', (join) =>
      join.onRef('subject.id', '=', 'case_events.subject_id').onRef('subject.case_id', '=', 'case_events.case_id'),
    )
    .select([
      'case_events.id',
      'case_events.kind',
      'case_events.at',
      'case_events.actor_id as actorId',
      'actor.username as actorUsername',
      'actor.role as actorRole',
      'case_events.stage_from as stageFrom',
      'case_events.stage_to as stageTo',
      'case_events.target_user_id as targetUserId',
      'target.username as targetUsername',
      'target.role as targetRole',
      'case_events.detail',
      'case_events.body_sealed as bodySealed',
      'case_events.subject_id as subjectId',
      'subject.title_sealed as subjectTitleSealed',
    ])
    .where('case_events.case_id', '=', caseId)
    .$if(after !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('case_events.at', '<', after?.at ?? ''),
          eb.and([eb('case_events.at', '=', after?.at ?? ''), eb('case_events.id', '<', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('case_events.at', 'desc')
    .orderBy('case_events.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function countNotes(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('case_id', '=', caseId)
    .where('kind', '=', 'note')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function listAssignees(db: Db, caseId: string) {
  return db
    .selectFrom('case_grants')
    .innerJoin('users', 'users.id', 'case_grants.user_id')
    .select(['users.id as userId', 'users.username', 'users.role'])
    .where('case_grants.case_id', '=', caseId)
    .orderBy('users.username_key')
    .execute();
}

export function listCasePeople(db: Db, caseId: string) {
  return db
    .selectFrom('case_people')
    .select(['person_id as personId', 'role', 'is_spokesperson as isSpokesperson'])
    .where('case_id', '=', caseId)
    .orderBy('added_at')
    .execute();
}

/** Person ids linked to the given cases (all linked people when `caseIds` is undefined). */
export async function peopleOfCases(db: Db, caseIds: readonly string[]): Promise<string[]> {
  const people = new Set<string>();
  for (const chunk of chunked(caseIds)) {
    const rows = await db
      .selectFrom('case_people')
      .select('person_id')
      .distinct()
      .where('case_id', 'in', chunk)
      .execute();
    for (const row of rows) people.add(row.person_id);
  }
  return [...people];
}

/** Active staff who can hold a case grant. */
export function assignableUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['caseworker', 'lawyer', 'coordinator'])
    .orderBy('username_key')
    .execute();
}

/** Intake requests attached to or opened as a case. */
export async function intakeIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('intake_requests').select('id').where('case_id', '=', caseId).execute();
  return rows.map((row) => row.id);
}

/** The intake requests of a case, oldest first; one more than `limit` tells there are more. */
export function caseIntakeRows(db: Db, caseId: string, limit: number) {
  return db
    .selectFrom('intake_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** The sealed bodies of the given note events (a page of hits: at most SEARCH_MAX_LIMIT). */
export async function noteBodies(db: Db, ids: readonly string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_events')
    .select(['id', 'body_sealed'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.flatMap((row) => (row.body_sealed === null ? [] : [[row.id, Buffer.from(row.body_sealed)]])));
}

/** The sealed titles of the given tasks (a page of hits). */
export async function taskTitles(db: Db, ids: readonly string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title_sealed'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, Buffer.from(row.title_sealed)]));
}
