import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp, type AppDeps } from '../src/server/app.js';
import type { AnyRoute } from '../src/server/http/route.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { Keyring } from '../src/server/crypto/keyring.js';
import { newMasterKey } from '../src/server/crypto/master-key.js';

export interface TestApp {
  app: FastifyInstance;
  keyring: Keyring;
  database: TestDatabase;
  cleanup(): Promise<void>;
}

/** The real app over an isolated database; logs go nowhere unless `logger` is given. */
export async function buildTestApp(
  dialect: DialectName,
  options: {
    logger?: AppDeps['logger'];
    webDir?: string;
    routes?: AnyRoute[];
    clock?: () => Date;
    keyring?: Keyring;
    evidenceMaxBytes?: number;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const keyring = options.keyring ?? new Keyring(newMasterKey());
  const deps: AppDeps = {
    database: database.handle,
    keyring,
    dataDir: database.dataDir,
    // Beside the data folder, never inside it, as HOMEWARD_KEYS_DIR must be.
    keysDir: `${database.dataDir}-keys`,
    evidenceMaxBytes: options.evidenceMaxBytes,
    logger: options.logger ?? pino({ level: 'silent' }),
    webDir: options.webDir,
    clock: options.clock,
  };
  const app = await buildApp(deps, options.routes);
  await app.ready();
  return {
    app,
    keyring,
    database,
    async cleanup() {
      await app.close();
      await database.cleanup();
      fs.rmSync(`${database.dataDir}-keys`, { recursive: true, force: true });
    },
  };
}
