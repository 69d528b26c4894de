import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config, type ConfigOverrides } from '../config.js';

/** A failure to report as one line on stderr, with the process's exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

/** A command that runs: `homeward migrate`, `homeward audit verify`. */
export interface RunnableCommand {
  name: string;
  summary: string;
  /** The whole --help text after the usage line. */
  help: string;
  /** The usage line, with the full command path (`homeward audit verify …`). */
  usage: string;
  options: Options;
  subcommands?: never;
  /** Resolves to the exit code. */
  run(values: ParsedValues, io: CliIo): Promise<number>;
}

/** A word that groups commands under it: `homeward audit <command>`. Groups may nest. */
export interface CommandGroup {
  name: string;
  /** A paragraph for --help, printed above the list of subcommands (the main help lists those, not the group). */
  help: string;
  subcommands: readonly Command[];
}

export type Command = RunnableCommand | CommandGroup;

export type ParsedValues = Record<string, string | boolean | undefined>;

/** Options every command that touches the data store accepts. */
export const STORE_OPTIONS: Options = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
};

export const STORE_HELP = `  --data-dir DIR        data folder (HOMEWARD_DATA_DIR, default ./data)
  --database-url URL    PostgreSQL URL (DATABASE_URL; unset: SQLite in the data folder)`;

/** Parses a command's flags; `path` is its full name for the error message ("audit verify"). */
export function parseCommandArgs(
  command: RunnableCommand,
  argv: string[],
  path: string = command.name,
): ParsedValues & { help?: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
    return values;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${reason}. See "homeward ${path} --help".`, 2);
  }
}

/** A string flag's value, or undefined when absent. */
export function optional(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The configuration, with this command's flags over the environment. */
export function configFrom(values: ParsedValues, env: CliIo['env']): Config {
  const overrides: ConfigOverrides = {
    dataDir: optional(values, 'data-dir'),
    databaseUrl: optional(values, 'database-url'),
    host: optional(values, 'host'),
    port: optional(values, 'port'),
    logLevel: optional(values, 'log-level'),
  };
  try {
    return loadConfig(env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}
