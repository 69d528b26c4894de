import { pino } from 'pino';
import { buildApp, routeDeps, routeTable, type AppDeps } from '../src/server/app.js';
import { Keyring } from '../src/server/crypto/keyring.js';
import { newMasterKey } from '../src/server/crypto/master-key.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { openLocalFileStore } from '../src/server/files/file-store.js';
import { createTestDatabase } from './databases.js';
import { casesRoutes } from '../src/server/modules/cases/cases.routes.js';

/** The real app with the cases routes, whether or not app.ts registers them yet. */
export async function buildCasesTestApp(dialect: DialectName, clock: () => Date) {
  const database = await createTestDatabase(dialect);
  const keyring = new Keyring(newMasterKey());
  const deps: AppDeps = { database: database.handle, keyring, logger: pino({ level: 'silent' }), clock };
  const table = routeTable(deps);
  const registered = table.some((route) => route.method === 'POST' && route.url === '/api/cases');
  const files = openLocalFileStore({ db: database.handle.db, keyring, dataDir: database.dataDir });
  const app = await buildApp(deps, registered ? table : [...table, ...casesRoutes(routeDeps(deps), { files })]);
  await app.ready();
  return {
    app,
    keyring,
    database,
    db: database.handle.db,
    async cleanup() {
      await app.close();
      await database.cleanup();
    },
  };
}
