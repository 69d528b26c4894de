import { DataDirLockedError } from '../db/lock.js';
import { CliError, parseCommandArgs, type CliIo, type Command } from './command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { VERSION } from '../version.js';

export const COMMANDS: readonly Command[] = [serveCommand, migrateCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `homeward ${VERSION}: case management for organizations that help servicemen leave service lawfully`,
    '',
    'Usage: homeward <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "homeward <command> --help" for a command\'s options.',
  ].join('\n');
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw new CliError(`Unknown command "${name}". Run "homeward --help" for the list.`, 2);
    const values = parseCommandArgs(command, rest);
    if (values.help === true) {
      io.out(`Usage: ${command.usage}\n\n${command.help}`);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    io.err(`homeward ${name}: ${describe(error)}`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError || error instanceof DataDirLockedError) return error.message;
  if (error instanceof Error) {
    const code = 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE') return `The address is already in use: ${error.message.replace(/^.*EADDRINUSE: /, '')}`;
    if (code === 'ECONNREFUSED')
      return 'Cannot reach the PostgreSQL server named by DATABASE_URL (connection refused).';
    return error.message.split('\n', 1)[0] ?? 'failed';
  }
  return String(error);
}
