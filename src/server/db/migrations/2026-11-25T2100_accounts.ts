import { sql } from 'kysely';
import { bigintType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

export async function up(db: AnyKysely): Promise<void> {
  const bigint = bigintType(dialectOf(db));

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('username', 'varchar(64)', (col) => col.notNull())
    // Lower-cased username: sign-in and uniqueness ignore case.
    .addColumn('username_key', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('role', 'varchar(20)', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_confirmed_at', timeType)
    .addColumn('totp_last_step', bigint)
    .addColumn('disabled_at', timeType)
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('used_at', timeType)
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('sessions')
    // Only the SHA-256 of the cookie's token is stored: a copy of the
    // database does not hand out live sessions.
    .addColumn('token_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('id', 'varchar(36)', (col) => col.notNull().unique())
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('factor_pending', 'integer', (col) => col.notNull())
    .addColumn('user_agent', 'varchar(100)', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('last_seen_at', timeType, (col) => col.notNull())
    .addColumn('expires_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    // SHA-256 of "account:<name>" or "address:<ip>": the table holds no typed names.
    .addColumn('key_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('first_failure_at', timeType, (col) => col.notNull())
    .addColumn('locked_until', timeType)
    .execute();

  await db.schema
    .createTable('case_grants')
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('granted_at', timeType, (col) => col.notNull())
    .addPrimaryKeyConstraint('case_grants_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema.createIndex('case_grants_user_idx').on('case_grants').column('user_id').execute();

  await db.schema
    .createTable('break_glass')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('expires_at', timeType, (col) => col.notNull())
    .addColumn('ended_at', timeType)
    .execute();
  await db.schema.createIndex('break_glass_user_case_idx').on('break_glass').columns(['user_id', 'case_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', bigint, (col) => col.primaryKey())
    .addColumn('at', timeType, (col) => col.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('action', 'varchar(64)', (col) => col.notNull())
    .addColumn('object_type', 'varchar(32)')
    .addColumn('object_id', 'varchar(64)')
    .addColumn('outcome', 'varchar(16)', (col) => col.notNull())
    .addColumn('prev_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('hash', 'varchar(64)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();

  // One row: the chain's head. Appending locks it, so concurrent writers on
  // PostgreSQL queue up instead of forking the chain.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('seq', bigint, (col) => col.notNull())
    .addColumn('hash', 'varchar(64)', (col) => col.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'audit_head',
    'audit_log',
    'break_glass',
    'case_grants',
    'login_throttle',
    'sessions',
    'recovery_codes',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
