import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, IntakeRequestsTable, IntakeStatus, Urgency } from '../../db/schema.js';
import type { IntakeSort, SortOrder } from '../../../shared/intake.schema.js';
import type { Role } from '../../../shared/roles.js';

type Db = Kysely<Database>;
export type IntakeRow = Selectable<IntakeRequestsTable>;

export async function insertIntake(db: Db, row: Insertable<IntakeRequestsTable>): Promise<void> {
  await db.insertInto('intake_requests').values(row).execute();
}

export function findIntake(db: Db, id: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('intake_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By receipt hash: a unique-index lookup on the hash, never on the code. */
export function findIntakeIdByReceipt(db: Db, hash: string): Promise<{ id: string; created_at: string } | undefined> {
  return db
    .selectFrom('intake_requests')
    .select(['id', 'created_at'])
    .where('receipt_hash', '=', hash)
    .executeTakeFirst();
}

/** The request a public-form submission key made, if any (unique index on the HMAC). */
export function findIntakeIdBySubmission(db: Db, hash: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('intake_requests').select('id').where('submission_hash', '=', hash).executeTakeFirst();
}

/** The request the same visitor made with the same content through the public form, if any (unique index on the HMAC). */
export function findIntakeIdByContent(db: Db, hash: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('intake_requests').select('id').where('content_hash', '=', hash).executeTakeFirst();
}

export async function insertMessage(
  db: Db,
  row: { id: string; intake_id: string; body_sealed: Buffer; created_at: string },
): Promise<void> {
  await db.insertInto('intake_messages').values(row).execute();
}

export function listMessages(db: Db, intakeId: string) {
  return db
    .selectFrom('intake_messages')
    .select(['id', 'body_sealed', 'created_at'])
    .where('intake_id', '=', intakeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface IntakeFilter {
  status?: IntakeStatus | undefined;
  urgency?: Urgency | undefined;
  region?: string | undefined;
  channel?: string | undefined;
  requesterRole?: string | undefined;
  assignee?: string | undefined;
}

/**
 * Where a page of the queue starts: the last row of the page before, as its
 * sort value (`key`: the urgency's rank, the region code, or null for the
 * sorts by time), its received time and id.
 */
export interface QueuePosition {
  key: string | number | null;
  createdAt: string;
  id: string;
}

/** Orders requests most urgent first. */
export const URGENCY_RANK = sql<number>`case urgency when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** The urgency as a number that sorts the queue's joined rows: critical highest. */
const URGENCY_SEVERITY = sql<number>`case intake_requests.urgency when 'critical' then 3 when 'high' then 2 when 'normal' then 1 else 0 end`;
const REGION_KEY = sql<string>`coalesce(intake_requests.region, '')`;

export function queueKey(row: IntakeRow, sort: IntakeSort): string | number | null {
  if (sort === 'urgency') return { low: 0, normal: 1, high: 2, critical: 3 }[row.urgency];
  if (sort === 'region') return row.region ?? '';
  return null;
}

/**
 * The queue (new and in triage unless a status is given), one page of
 * `limit` rows from `after`, sorted server-side. Sorting by urgency or region
 * goes by that key in `order`, then oldest first; by received time in
 * `order` ("waiting" is the reverse of "received"); ties by id, so a cursor
 * is stable however many rows share a key.
 */
export function listIntake(
  db: Db,
  filter: IntakeFilter,
  sorting: { sort: IntakeSort; order: SortOrder; after?: QueuePosition | undefined },
  limit: number,
): Promise<(IntakeRow & { assignee_username: string | null })[]> {
  const timeOrder: SortOrder =
    sorting.sort === 'received'
      ? sorting.order
      : sorting.sort === 'waiting'
        ? sorting.order === 'asc'
          ? 'desc'
          : 'asc'
        : 'asc';
  const key = sorting.sort === 'urgency' ? URGENCY_SEVERITY : sorting.sort === 'region' ? REGION_KEY : null;
  const after = sorting.after;
  const timeCmp = timeOrder === 'asc' ? '>' : '<';
  return db
    .selectFrom('intake_requests')
    .leftJoin('users', 'users.id', 'intake_requests.assignee_id')
    .selectAll('intake_requests')
    .select('users.username as assignee_username')
    .$if(filter.status === undefined, (q) => q.where('intake_requests.status', 'in', ['new', 'in_triage']))
    .$if(filter.status !== undefined, (q) => q.where('intake_requests.status', '=', filter.status ?? 'new'))
    .$if(filter.urgency !== undefined, (q) => q.where('intake_requests.urgency', '=', filter.urgency ?? 'normal'))
    .$if(filter.region !== undefined, (q) => q.where('intake_requests.region', '=', filter.region ?? ''))
    .$if(filter.channel !== undefined, (q) => q.where('intake_requests.channel', '=', filter.channel ?? ''))
    .$if(filter.requesterRole !== undefined, (q) =>
      q.where('intake_requests.requester_role', '=', filter.requesterRole ?? ''),
    )
    .$if(filter.assignee === 'none', (q) => q.where('intake_requests.assignee_id', 'is', null))
    .$if(filter.assignee !== undefined && filter.assignee !== 'none', (q) =>
      q.where('intake_requests.assignee_id', '=', filter.assignee ?? ''),
    )
    .$if(after !== undefined, (q) =>
      q.where((eb) => {
        if (after === undefined) return eb.lit(true);
        const afterTime = eb.or([
          eb('intake_requests.created_at', timeCmp, after.createdAt),
          eb.and([eb('intake_requests.created_at', '=', after.createdAt), eb('intake_requests.id', timeCmp, after.id)]),
        ]);
        if (key === null || after.key === null) return afterTime;
        const keyCmp = sorting.order === 'asc' ? '>' : '<';
        return eb.or([eb(key, keyCmp, after.key), eb.and([eb(key, '=', after.key), afterTime])]);
      }),
    )
    .$if(key !== null, (q) => q.orderBy(key ?? URGENCY_SEVERITY, sorting.order))
    .orderBy('intake_requests.created_at', timeOrder)
    .orderBy('intake_requests.id', timeOrder)
    .limit(limit)
    .execute();
}

/** Active users a request can wait for: those with one of `roles`. */
export function usersWithRoles(db: Db, roles: readonly Role[]) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', [...roles])
    .orderBy('username_key')
    .execute();
}

/** Moves a request on, only from an open status; the number of rows changed (0 or 1). */
export async function updateOpenIntake(
  db: Db,
  id: string,
  change: Partial<
    Pick<IntakeRow, 'status' | 'urgency' | 'decline_reason' | 'case_id' | 'triaged_by' | 'triaged_at' | 'assignee_id'>
  > & {
    updated_at: string;
  },
): Promise<number> {
  const result = await db
    .updateTable('intake_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', 'in', ['new', 'in_triage'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function caseNumbers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').select(['id', 'number']).where('id', 'in', ids).execute();
}

/** Ids of the open queue (new and in triage) but one, newest first: what an intake volunteer may match against. */
export async function pendingIntakeIds(db: Db, exceptId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('intake_requests')
    .select('id')
    .where('status', 'in', ['new', 'in_triage'])
    .where('case_id', 'is', null)
    .where('id', '!=', exceptId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Every request not (yet) opened as a case or attached to one: what an intake
 * volunteer may search among (see `intakeObject` in triage.service.ts).
 */
export async function untriagedIntakeIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('intake_requests')
    .select('id')
    .where('case_id', 'is', null)
    .where('status', 'not in', ['opened', 'attached'])
    .execute();
  return rows.map((row) => row.id);
}

/** The access facts (status, case) of the requests among `ids`, in chunks below the drivers' parameter limits. */
export async function intakeAccessRows(db: Db, ids: readonly string[]) {
  const rows: Pick<IntakeRow, 'id' | 'status' | 'case_id'>[] = [];
  for (let at = 0; at < ids.length; at += 500) {
    const chunk = ids.slice(at, at + 500);
    rows.push(
      ...(await db
        .selectFrom('intake_requests')
        .select(['id', 'status', 'case_id'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return rows;
}
