import { DatabaseConnectionError } from '../db/connection.js';
import { DataDirLockedError } from '../db/lock.js';
import { auditCommand } from './audit.js';
import { backupCommand, restoreCommand } from './backup.js';
import { CliError, parseCommandArgs, type CliIo, type Command, type CommandGroup } from './command.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { userCommand } from './user.js';
import { keysCommand } from './keys.js';
import { searchCommand } from './search.js';
import { evidenceCommand } from './evidence.js';
import { unitsCommand } from './units.js';
import { demoCommand } from './demo.js';
import { VERSION } from '../version.js';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  migrateCommand,
  userCommand,
  keysCommand,
  searchCommand,
  unitsCommand,
  auditCommand,
  evidenceCommand,
  backupCommand,
  restoreCommand,
  demoCommand,
];

/** Every runnable command under `commands`, with its full path ("audit verify"). */
function flatten(commands: readonly Command[], prefix = ''): { path: string; summary: string }[] {
  return commands.flatMap((c) =>
    c.subcommands === undefined
      ? [{ path: `${prefix}${c.name}`, summary: c.summary }]
      : flatten(c.subcommands, `${prefix}${c.name} `),
  );
}

function commandList(commands: readonly Command[]): string[] {
  const rows = flatten(commands);
  const width = Math.max(...rows.map((r) => r.path.length));
  return rows.map((r) => `  ${r.path.padEnd(width)}  ${r.summary}`);
}

function mainHelp(): string {
  return [
    `homeward ${VERSION}: case management for organizations that help servicemen leave service lawfully`,
    '',
    'Usage: homeward <command> [options]',
    '',
    'Commands:',
    ...commandList(COMMANDS),
    '',
    'Run "homeward <command> --help" for a command\'s options.',
  ].join('\n');
}

function groupHelp(group: CommandGroup, path: string): string {
  return [
    `Usage: homeward ${path} <command> [options]`,
    '',
    group.help,
    '',
    'Commands:',
    ...commandList(group.subcommands).map((line) => line.replace(/^ {2}/, `  ${path} `)),
    '',
    `Run "homeward ${path} <command> --help" for a command's options.`,
  ].join('\n');
}

const HELP_WORDS: ReadonlySet<string | undefined> = new Set(['--help', '-h', 'help']);

/** Runs the CLI and resolves to the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name] = argv;
  if (name === undefined || HELP_WORDS.has(name)) {
    io.out(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(VERSION);
    return 0;
  }
  // The words resolved so far ("audit verify"): the prefix of any error line.
  let path = name;
  try {
    let command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) throw new CliError(`Unknown command "${name}". Run "homeward --help" for the list.`, 2);
    let rest = argv.slice(1);
    while (command.subcommands !== undefined) {
      const [word, ...after] = rest;
      if (word === undefined || HELP_WORDS.has(word)) {
        io.out(groupHelp(command, path));
        return word === undefined ? 2 : 0;
      }
      const sub: Command | undefined = command.subcommands.find((c) => c.name === word);
      if (sub === undefined) {
        throw new CliError(`Unknown command "${path} ${word}". Run "homeward ${path} --help" for the list.`, 2);
      }
      command = sub;
      path = `${path} ${word}`;
      rest = after;
    }
    const values = parseCommandArgs(command, rest, path);
    if (values.help === true) {
      io.out(`Usage: ${command.usage}\n\n${command.help}`);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    io.err(`homeward ${path}: ${describe(error)}`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError || error instanceof DataDirLockedError || error instanceof DatabaseConnectionError) {
    return error.message;
  }
  if (error instanceof Error) {
    const code = 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE') return `The address is already in use: ${error.message.replace(/^.*EADDRINUSE: /, '')}`;
    if (code === 'ECONNREFUSED')
      return 'Cannot reach the PostgreSQL server named by DATABASE_URL (connection refused).';
    return error.message.split('\n', 1)[0] ?? 'failed';
  }
  return String(error);
}
