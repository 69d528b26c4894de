import type { Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';
import type { Role } from '../src/shared/roles.js';
import { as, buildUser, signIn } from './accounts.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { buildTestApp } from './app.js';

/** The real app (cases routes and a file store for purges) over a fresh database. */
export async function buildCasesTestApp(
  dialect: DialectName,
  clock: () => Date,
  options: { evidenceMaxBytes?: number } = {},
) {
  const t = await buildTestApp(dialect, { clock, ...options });
  return { ...t, db: t.database.handle.db };
}

/** A signed-in user of `role` on the cases test app: its id, name and a call as it. */
export async function staffMember(
  t: Awaited<ReturnType<typeof buildCasesTestApp>>,
  role: Role,
  clock: () => Date,
): Promise<{ id: string; username: string; call: ReturnType<typeof as> }> {
  const account = await buildUser(t.db, t.keyring, role, clock);
  return { id: account.user.id, username: account.user.username, call: as(t.app, await signIn(t.app, account, clock)) };
}

/** How many rows `table` holds. */
export async function rowCount(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
