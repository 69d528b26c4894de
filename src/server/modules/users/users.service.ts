import type { AuditAction } from '../../../shared/audit-actions.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/roles.js';
import { appendAudit } from '../../audit/audit.js';
import { deleteUserSessions, findUserById, findUserByUsername, replaceRecoveryCodes } from '../../auth/auth.queries.js';
import { hashPassword } from '../../auth/passwords.js';
import { sealTotpSecret } from '../../auth/totp-secrets.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database, UserRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { checkNewPassword } from '../session/session.service.js';
import { listUserSummaries } from './users.queries.js';
import type { UserSummaryOut } from './users.schema.js';

type Clock = () => Date;

/**
 * Creates a staff account. Its second factor is set up by the user at first
 * sign-in (the web app), or at once when `withTotpSecret` is given (the CLI).
 */
export async function createUser(
  db: Kysely<Database>,
  keyring: Keyring,
  actorId: string | null,
  input: { username: string; role: Role; password: string; withTotpSecret?: string },
  clock: Clock,
): Promise<UserRow> {
  checkNewPassword(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if ((await findUserByUsername(trx, input.username)) !== undefined) throw new AppError('USERNAME_TAKEN');
    const at = clock().toISOString();
    const id = crypto.randomUUID();
    const user: UserRow = {
      id,
      username: input.username,
      username_key: input.username.toLowerCase(),
      role: input.role,
      password_hash: passwordHash,
      totp_secret:
        input.withTotpSecret === undefined ? null : await sealTotpSecret(trx, keyring, id, input.withTotpSecret),
      totp_confirmed_at: input.withTotpSecret === undefined ? null : at,
      totp_last_step: null,
      disabled_at: null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('users').values(user).execute();
    await appendAudit(
      trx,
      { actorId, action: 'user.create', objectType: 'user', objectId: user.id, outcome: 'success' },
      clock,
    );
    return user;
  });
}

/** Changes a user's role or disables them; a disabled user's sessions end at once. */
export async function updateUser(
  db: Kysely<Database>,
  actorId: string,
  userId: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined },
  clock: Clock,
): Promise<UserSummaryOut> {
  if (userId === actorId && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or give up your own administrator role.');
  }
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (user === undefined) throw new AppError('NOT_FOUND');
    const at = clock().toISOString();
    const audit = (action: AuditAction) =>
      appendAudit(trx, { actorId, action, objectType: 'user', objectId: userId, outcome: 'success' }, clock);
    if (change.role !== undefined && change.role !== user.role) {
      await trx.updateTable('users').set({ role: change.role, updated_at: at }).where('id', '=', userId).execute();
      // A new role means new rights: sessions signed in under the old one end.
      await deleteUserSessions(trx, userId);
      await audit('user.role_change');
    }
    if (change.disabled !== undefined && change.disabled !== (user.disabled_at !== null)) {
      await trx
        .updateTable('users')
        .set({ disabled_at: change.disabled ? at : null, updated_at: at })
        .where('id', '=', userId)
        .execute();
      if (change.disabled) await deleteUserSessions(trx, userId);
      await audit(change.disabled ? 'user.disable' : 'user.enable');
    }
    const [summary] = await listUserSummaries(trx, at, userId);
    if (summary === undefined) throw new AppError('NOT_FOUND');
    return summary;
  });
}

/** Clears a user's second factor and recovery codes and ends their sessions; they enrol again at next sign-in. */
export async function resetFactor(db: Kysely<Database>, actorId: string, userId: string, clock: Clock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (user === undefined) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_confirmed_at: null, totp_last_step: null, updated_at: clock().toISOString() })
      .where('id', '=', userId)
      .execute();
    await replaceRecoveryCodes(trx, userId, []);
    await deleteUserSessions(trx, userId);
    await appendAudit(
      trx,
      { actorId, action: 'user.factor_reset', objectType: 'user', objectId: userId, outcome: 'success' },
      clock,
    );
  });
}

/** Ends every session of a user. */
export async function endUserSessions(
  db: Kysely<Database>,
  actorId: string,
  userId: string,
  clock: Clock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await findUserById(trx, userId)) === undefined) throw new AppError('NOT_FOUND');
    await deleteUserSessions(trx, userId);
    await appendAudit(
      trx,
      { actorId, action: 'user.sessions_revoke', objectType: 'user', objectId: userId, outcome: 'success' },
      clock,
    );
  });
}
