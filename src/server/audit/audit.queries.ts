import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AUDIT_PAGE_MAX } from '../../shared/audit.schema.js';
import type { AuditOutcome } from './audit.js';

/** Reads for the audit viewer. Appending lives in audit.ts, verification in verify.ts. */

export interface AuditFilters {
  actorId?: string | undefined;
  /** An exact action (`session.login`), or a prefix ending in a dot (`session.`). */
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** ISO 8601 time, inclusive. */
  from?: string | undefined;
  /** ISO 8601 time, exclusive. */
  to?: string | undefined;
}

export interface AuditPage {
  /** Entries older than this seq: the previous page's `nextBefore`. */
  before?: number | undefined;
  /** 1 to AUDIT_PAGE_MAX. */
  limit: number;
}

export { AUDIT_PAGE_MAX } from '../../shared/audit.schema.js';

export interface AuditListEntry {
  seq: number;
  at: string;
  actorId: string | null;
  /** The actor's current username, joined at read time: the log itself holds ids only. */
  actorUsername: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  /** What names the object for a reader, joined at read time: a case's number, a user's username. */
  objectLabel: string | null;
  outcome: AuditOutcome;
  hash: string;
}

export interface AuditListing {
  entries: AuditListEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/**
 * Stored times are fixed-width `toISOString()` text, compared as text; a bound
 * written another way ("…:00Z", "+02:00") must be brought to that form first
 * or the comparison is wrong.
 */
function storedTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${name} is not an ISO 8601 time`);
  return time.toISOString();
}

/** Entries matching the filters, newest first, one page at a time (keyset paging on seq). */
export async function listAuditEntries(
  db: Kysely<Database>,
  filters: AuditFilters,
  page: AuditPage,
): Promise<AuditListing> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > AUDIT_PAGE_MAX) {
    throw new RangeError(`limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}`);
  }
  const { actorId, action, objectType, objectId, outcome, from, to } = filters;
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('cases as object_case', (join) =>
      join.onRef('object_case.id', '=', 'audit_log.object_id').on('audit_log.object_type', '=', 'case'),
    )
    .leftJoin('users as object_user', (join) =>
      join.onRef('object_user.id', '=', 'audit_log.object_id').on('audit_log.object_type', '=', 'user'),
    )
    .select([
      'object_case.number as case_number',
      'object_user.username as object_username',
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_id',
      'users.username',
      'audit_log.action',
      'audit_log.object_type',
      'audit_log.object_id',
      'audit_log.outcome',
      'audit_log.hash',
    ]);
  if (page.before !== undefined) query = query.where('audit_log.seq', '<', page.before);
  if (actorId !== undefined) query = query.where('audit_log.actor_id', '=', actorId);
  if (action?.endsWith('.')) {
    // substr rather than LIKE: '_' is a LIKE wildcard and may appear in actions.
    query = query.where(sql<string>`substr(audit_log.action, 1, ${action.length})`, '=', action);
  } else if (action !== undefined) {
    query = query.where('audit_log.action', '=', action);
  }
  if (objectType !== undefined) query = query.where('audit_log.object_type', '=', objectType);
  if (objectId !== undefined) query = query.where('audit_log.object_id', '=', objectId);
  if (outcome !== undefined) query = query.where('audit_log.outcome', '=', outcome);
  if (from !== undefined) query = query.where('audit_log.at', '>=', storedTime(from, 'from'));
  if (to !== undefined) query = query.where('audit_log.at', '<', storedTime(to, 'to'));
  const rows = await query
    .orderBy('audit_log.seq', 'desc')
    .limit(page.limit + 1)
    .execute();

  const entries = rows.slice(0, page.limit).map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorUsername: row.username,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectLabel: row.case_number ?? row.object_username,
    outcome: row.outcome as AuditOutcome,
    hash: row.hash,
  }));
  const last = entries[entries.length - 1];
  return { entries, nextBefore: rows.length > page.limit && last !== undefined ? last.seq : null };
}

/** Every entry matching the filters, newest first, read a page at a time (for the CSV download). */
export async function* allAuditEntries(
  db: Kysely<Database>,
  filters: AuditFilters,
): AsyncGenerator<AuditListEntry, void, undefined> {
  let before: number | undefined;
  for (;;) {
    const page = await listAuditEntries(db, filters, { before, limit: AUDIT_PAGE_MAX });
    yield* page.entries;
    if (page.nextBefore === null) return;
    before = page.nextBefore;
  }
}

/** Of `caseIds`, the ones `userId` holds a grant or an active break-glass grant on (a page's worth of ids). */
export async function casesOpenTo(
  db: Kysely<Database>,
  userId: string,
  caseIds: readonly string[],
  now: string,
): Promise<{ granted: Set<string>; breakGlass: Set<string> }> {
  if (caseIds.length === 0) return { granted: new Set(), breakGlass: new Set() };
  const grants = await db
    .selectFrom('case_grants')
    .select('case_id')
    .where('user_id', '=', userId)
    .where('case_id', 'in', [...caseIds])
    .execute();
  const glass = await db
    .selectFrom('break_glass')
    .select('case_id')
    .where('user_id', '=', userId)
    .where('case_id', 'in', [...caseIds])
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  return { granted: new Set(grants.map((g) => g.case_id)), breakGlass: new Set(glass.map((g) => g.case_id)) };
}
