import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { databaseKind, type Config } from './config.js';
import { checkConnection } from './db/connection.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from './db/database.js';
import { acquireDataDirLock, type DataDirLock } from './db/lock.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './logger.js';
import { openKeyring, type OpenedKeyring } from './crypto/open-keyring.js';
import { issueSetupToken } from './modules/session/session.service.js';
import { startThrottleSweep } from './auth/throttle.js';
import { reindexIfStale } from './search/reindex.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** On a new installation: the one-time token for the first administrator at /setup. */
  setupToken: string | undefined;
  /** Set when this start made a new master key file. */
  createdKeyFile: string | undefined;
  /** Stops taking requests, finishes those in flight, closes the database, releases the lock. */
  stop(): Promise<void>;
}

/**
 * Opens the data store named by the configuration, applying pending migrations.
 * On SQLite the data folder is locked first, so a second process refuses to start.
 */
export async function openStore(config: Config): Promise<{ database: DatabaseHandle; lock: DataDirLock | undefined }> {
  const lock = databaseKind(config) === 'sqlite' ? acquireDataDirLock(config.dataDir) : undefined;
  try {
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
    try {
      await checkConnection(database, config.databaseUrl);
      await migrateToLatest(database.db, database.schema);
    } catch (error) {
      await database.close();
      throw error;
    }
    return { database, lock };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Starts Homeward: data store, keys, app, listening socket. */
export async function startServer(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const { database, lock } = await openStore(config);
  let app: FastifyInstance;
  let setupToken: string | undefined;
  let opened: OpenedKeyring;
  try {
    opened = await openKeyring(config, env, database.db);
    // An index written by an older tokenizer would not find old records by what finds new ones.
    const reindexed = await reindexIfStale(database.db, opened.keyring);
    if (reindexed !== undefined && Object.values(reindexed).some((n) => n > 0))
      logger.info({ reindexed }, 'search index written again for this version');
    setupToken = await issueSetupToken(database.db, new Date());
    app = await buildApp({
      database,
      keyring: opened.keyring,
      logger,
      dataDir: config.dataDir,
      keysDir: config.keysDir,
      evidenceMaxBytes: config.evidenceMaxBytes,
      webDir: config.webDir,
      trustProxy: config.trustProxy,
      cookieSecure: config.cookieSecure,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  // Throttle rows go once their window has passed, also when no try comes to sweep them.
  const stopSweep = startThrottleSweep(
    database.db,
    () => new Date(),
    (error) => logger.warn({ err: error }, 'throttle sweep failed'),
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | undefined;
  return {
    app,
    url: `http://${host}:${port}`,
    setupToken,
    createdKeyFile: opened.createdKeyFile,
    stop() {
      stopping ??= (async () => {
        stopSweep();
        try {
          await app.close();
          await database.close();
        } finally {
          lock?.release();
        }
      })();
      return stopping;
    },
  };
}
