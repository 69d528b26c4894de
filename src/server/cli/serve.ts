import { startServer } from '../main.js';
import { STORE_HELP, STORE_OPTIONS, configFrom, type Command } from './command.js';

/** The first-run hint's command, as it runs from a checkout; the README shows it and its test runs it. */
export const FIRST_ADMIN_COMMAND = 'npm run homeward -- user add --username NAME --role admin --password-file FILE';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web app and the API',
  usage: 'homeward serve [--host HOST] [--port PORT] [--data-dir DIR] [--database-url URL]',
  help: `Opens the database (applying pending migrations) and serves the web app and the
JSON API until stopped with Ctrl-C or SIGTERM.

Options:
  --host HOST           address to listen on (HOST, default 127.0.0.1)
  --port PORT           port to listen on (PORT, default 8080)
  --log-level LEVEL     fatal, error, warn, info, debug, trace or silent (LOG_LEVEL)
${STORE_HELP}`,
  options: {
    ...STORE_OPTIONS,
    host: { type: 'string' },
    port: { type: 'string' },
    'log-level': { type: 'string' },
  },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const server = await startServer(config);
    io.err(
      `Homeward is serving ${server.url} (${config.databaseUrl === undefined ? `SQLite in ${config.dataDir}` : 'PostgreSQL'}). Stop with Ctrl-C.`,
    );
    if (server.createdKeyFile !== undefined) {
      io.err(
        `Created a new master key at ${server.createdKeyFile}. Keep a copy somewhere safe away from this server ` +
          '(and away from its backups): without it nothing Homeward stores can be read. See docs/SECURITY.md.',
      );
    }
    if (server.setupToken !== undefined) {
      io.err(
        `First run: no administrator yet. Open ${server.url}/setup and enter the setup token ${server.setupToken}` +
          ` (valid until the next start), or create one from this folder with "${FIRST_ADMIN_COMMAND}"` +
          ' ("homeward user add …" where the package is installed).',
      );
    }
    return new Promise<number>((resolve) => {
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        signals += 1;
        if (signals > 1) {
          io.err(`Second ${signal}: stopping at once.`);
          process.exit(1);
        }
        io.err(`${signal}: finishing requests in flight and stopping.`);
        server.stop().then(
          () => resolve(0),
          (error: unknown) => {
            io.err(`Error while stopping: ${error instanceof Error ? error.message : String(error)}`);
            resolve(1);
          },
        );
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
  },
};
