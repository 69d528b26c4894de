import { databaseKind } from '../config.js';
import { checkConnection } from '../db/connection.js';
import { openDatabase, sqliteFileIn } from '../db/database.js';
import { acquireDataDirLock } from '../db/lock.js';
import { migrateDown, migrateToLatest } from '../db/migrate.js';
import { STORE_HELP, STORE_OPTIONS, configFrom, type Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations (or revert the last one)',
  usage: 'homeward migrate [--down] [--data-dir DIR] [--database-url URL]',
  help: `Applies every pending migration and lists them all. "serve" does the same at
start, so this is for upgrading ahead of time or checking the state.

Options:
  --down                revert the most recent migration instead
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, down: { type: 'boolean' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const lock = databaseKind(config) === 'sqlite' ? acquireDataDirLock(config.dataDir) : undefined;
    try {
      const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
      try {
        await checkConnection(database, config.databaseUrl);
        const report = values.down === true ? await migrateDown(database.db) : await migrateToLatest(database.db);
        const verb = values.down === true ? 'reverted' : 'applied';
        io.out(report.applied.length === 0 ? `Nothing ${verb}.` : `${verb}: ${report.applied.join(', ')}`);
        for (const migration of report.all) {
          io.out(`${migration.executedAt === undefined ? 'pending' : 'applied'}  ${migration.name}`);
        }
        return 0;
      } finally {
        await database.close();
      }
    } finally {
      lock?.release();
    }
  },
};
