import type { DialectName } from '../src/server/db/dialect.js';
import { buildTestApp } from './app.js';

/** The real app (cases routes and a file store for purges) over a fresh database. */
export async function buildCasesTestApp(dialect: DialectName, clock: () => Date) {
  const t = await buildTestApp(dialect, { clock });
  return { ...t, db: t.database.handle.db };
}
