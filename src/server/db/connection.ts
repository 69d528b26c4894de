import { sql } from 'kysely';
import type { DatabaseHandle } from './database.js';

/** The database named by DATABASE_URL cannot be used; the message says why in the operator's terms. */
export class DatabaseConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseConnectionError';
  }
}

/** user@host:port/database of a URL, never its password. */
function describeTarget(url: string): { user: string; where: string } {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username);
    const port = parsed.port === '' ? '5432' : parsed.port;
    return { user, where: `${parsed.hostname}:${port}${parsed.pathname}` };
  } catch {
    return { user: '', where: 'the server in DATABASE_URL' };
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : '';
}

/**
 * Connects once before anything else touches the database, so that a wrong
 * URL is reported as what it is, not as a failed migration. SQLite opens a
 * file and has nothing to check here.
 */
export async function checkConnection(database: DatabaseHandle, databaseUrl: string | undefined): Promise<void> {
  if (database.dialect !== 'postgres' || databaseUrl === undefined) return;
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    throw new DatabaseConnectionError(explain(error, databaseUrl));
  }
}

function explain(error: unknown, url: string): string {
  const { user, where } = describeTarget(url);
  const as = user === '' ? 'with no user name' : `as user "${user}"`;
  const message = error instanceof Error ? error.message : String(error);
  const prefix = `Cannot connect to PostgreSQL at ${where} ${as}`;
  switch (errorCode(error)) {
    case '28000':
      return user === ''
        ? `${prefix}: DATABASE_URL names no user (postgres://USER:PASSWORD@HOST:PORT/DATABASE; was $USER empty?).`
        : `${prefix}: ${message} (create the role, or put an existing one in DATABASE_URL).`;
    case '28P01':
      return `${prefix}: the password was refused.`;
    case '3D000':
      return `${prefix}: ${message} (create it with createdb, or fix DATABASE_URL).`;
    case 'ECONNREFUSED':
      return `${prefix}: connection refused (is PostgreSQL running and listening there?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${prefix}: no such host.`;
    default:
      return `${prefix}: ${message.split('\n', 1)[0] ?? 'failed'}`;
  }
}
