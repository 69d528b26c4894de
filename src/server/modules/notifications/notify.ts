import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../../db/schema.js';
import type { Role } from '../../../shared/roles.js';

/** What happened, to which object, for whom: ids and codes only. */
export interface Notice {
  kind: NotificationsTable['kind'];
  objectType: NotificationsTable['object_type'];
  objectId: string;
  /** Who is told; duplicates are told once. */
  userIds: readonly string[];
  /** Who caused it: never told of their own act. */
  actorId?: string | null | undefined;
  /** Makes the notification once per user and key, however many callers race (derived notifications). */
  onceKey?: string | undefined;
  at: string;
}

/**
 * Stores notifications in the caller's transaction, so they exist exactly when
 * the event that made them does. Holds ids and codes only: the text is looked
 * up when the reader opens the list, with their access checked again.
 */
export async function notify(trx: Kysely<Database>, notice: Notice): Promise<number> {
  const users = [...new Set(notice.userIds)].filter((id) => id !== notice.actorId);
  if (users.length === 0) return 0;
  const rows: NotificationsTable[] = users.map((userId) => ({
    id: crypto.randomUUID(),
    user_id: userId,
    kind: notice.kind,
    object_type: notice.objectType,
    object_id: notice.objectId,
    once_key: notice.onceKey ?? null,
    created_at: notice.at,
    read_at: null,
  }));
  const result = await trx
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['user_id', 'once_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The active users of `roles` (staff accounts are few: one statement, no paging). */
export async function activeUsersOf(trx: Kysely<Database>, roles: readonly Role[]): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', 'in', roles)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

/** The users holding a grant on a case: those a follow-up on it concerns. */
export async function caseWorkers(trx: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('case_grants')
    .innerJoin('users', 'users.id', 'case_grants.user_id')
    .select('case_grants.user_id')
    .where('case_grants.case_id', '=', caseId)
    .where('users.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => row.user_id);
}
