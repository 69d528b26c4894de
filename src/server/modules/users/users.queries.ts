import type { Db } from '../../auth/auth.queries.js';
import type { UserSummaryOut } from './users.schema.js';

/** Every user with the count of their live sessions, for administration. */
export async function listUserSummaries(db: Db, now: string, userId?: string): Promise<UserSummaryOut[]> {
  let query = db
    .selectFrom('users')
    .leftJoin('sessions', (join) => join.onRef('sessions.user_id', '=', 'users.id').on('sessions.expires_at', '>', now))
    .select((eb) => [
      'users.id',
      'users.username',
      'users.role',
      'users.disabled_at',
      'users.totp_confirmed_at',
      'users.created_at',
      eb.fn.count<number | string>('sessions.id').as('sessions'),
    ])
    .groupBy([
      'users.id',
      'users.username',
      'users.role',
      'users.disabled_at',
      'users.totp_confirmed_at',
      'users.created_at',
    ])
    .orderBy('users.username_key');
  if (userId !== undefined) query = query.where('users.id', '=', userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabled_at !== null,
    factorEnrolled: row.totp_confirmed_at !== null,
    createdAt: row.created_at,
    activeSessions: Number(row.sessions),
  }));
}
