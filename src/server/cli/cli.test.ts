import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { COMMANDS, runCli } from './main.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(repoRoot, 'src/server/cli/bin.ts');
/** tsx by its path, so that the CLI can run from a working folder outside the checkout. */
const tsxLoader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the CLI in this process and collects what it prints. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('homeward CLI', () => {
  const temps: { remove: () => void }[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const temp of temps.splice(0)) temp.remove();
  });
  const tempDir = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };

  it('lists the commands with --help and exits 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.out).toContain(command.name);
  });

  it.each(COMMANDS.map((c) => c.name))('prints usage for "%s --help" and exits 0', async (name) => {
    const result = await cli([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: homeward ${name}`));
  });

  it('refuses an unknown command with one line and exit code 2', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain('Unknown command "frobnicate"');
  });

  it('refuses an unknown option with one line naming it', async () => {
    const result = await cli(['migrate', '--colour']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain("'--colour'");
  });

  describe('subcommands', () => {
    const audit = COMMANDS.find((c) => c.name === 'audit');
    const subcommands = audit?.subcommands?.map((c) => c.name) ?? [];

    it('lists each subcommand by its full path in the main help', async () => {
      expect(subcommands).toEqual(['verify', 'checkpoint']);
      const result = await cli(['--help']);
      expect(result.out).toMatch(/^ {2}audit verify +check that no audit entry/m);
      expect(result.out).toMatch(/^ {2}audit checkpoint +sign/m);
    });

    it('lists a group\'s subcommands for "audit --help" and exits 0', async () => {
      const result = await cli(['audit', '--help']);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/^Usage: homeward audit <command> \[options\]/);
      for (const name of subcommands) expect(result.out).toMatch(new RegExp(`^ {2}audit ${name} `, 'm'));
    });

    it("prints the group's help and exits 2 when the subcommand is missing", async () => {
      const result = await cli(['audit']);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(/^Usage: homeward audit <command>/);
    });

    it.each(subcommands)('prints usage for "audit %s --help" and exits 0', async (name) => {
      const result = await cli(['audit', name, '--help']);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(new RegExp(`^Usage: homeward audit ${name} `));
      expect(result.out).toContain('--data-dir DIR');
    });

    it('refuses an unknown subcommand with one line and exit code 2', async () => {
      const result = await cli(['audit', 'frobnicate']);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toBe(
        'homeward audit: Unknown command "audit frobnicate". Run "homeward audit --help" for the list.',
      );
    });

    it('refuses an unknown option of a subcommand with one line pointing at its help', async () => {
      const result = await cli(['audit', 'verify', '--colour']);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^homeward audit verify: .*'--colour'.*See "homeward audit verify --help"\.$/);
    });
  });

  it('refuses a bad PORT with one line naming the variable', async () => {
    const result = await cli(['serve', '--data-dir', tempDir()], { PORT: 'abc' });
    expect(result.code).toBe(2);
    expect(result.err).toBe('homeward serve: Configuration error: PORT must be a whole number (got "abc")');
  });

  it('names the real problem when PostgreSQL cannot be reached, not the migrations', async () => {
    for (const command of [['migrate'], ['serve', '--port', '0'], ['audit', 'verify']]) {
      const result = await cli([...command, '--database-url', 'postgres://homeward@127.0.0.1:1/homeward']);
      expect(result.code).toBe(1);
      expect(result.err).toBe(
        `homeward ${command
          .slice(0, 2)
          .filter((w) => !w.startsWith('-'))
          .join(' ')}: Cannot connect to PostgreSQL at ` +
          '127.0.0.1:1/homeward as user "homeward": connection refused (is PostgreSQL running and listening there?).',
      );
    }
  });

  it.runIf(TEST_DATABASE_URL !== undefined)(
    'names a missing role, and a URL without a user (an unset $USER), in one line',
    async () => {
      const server = new URL(TEST_DATABASE_URL ?? '');
      const at = `${server.hostname}:${server.port === '' ? '5432' : server.port}${server.pathname}`;
      server.username = 'no_such_role_4e1';
      const missing = await cli(['migrate', '--database-url', server.toString()]);
      expect(missing.code).toBe(1);
      expect(missing.err).toBe(
        `homeward migrate: Cannot connect to PostgreSQL at ${at} as user "no_such_role_4e1": ` +
          'role "no_such_role_4e1" does not exist (create the role, or put an existing one in DATABASE_URL).',
      );
      expect(missing.err).not.toMatch(/migration/i);
      const noUser = await cli(['migrate'], { DATABASE_URL: `postgres://@${at}`, USER: undefined });
      expect(noUser.err).toMatch(/^homeward migrate: Cannot connect to PostgreSQL at .* with no user name: /);
    },
  );

  it('stops quietly when the reader of its output goes away (homeward migrate | head -1)', async () => {
    const root = tempDir();
    const run = spawnCli(['migrate', '--data-dir', path.join(root, 'data')], root);
    children.push(run.child);
    // The reader is gone before the first line is written: every write meets EPIPE.
    run.child.stdout.destroy();
    expect(await run.exitCode).toBe(0);
    expect(run.stderr()).toBe('');
  });

  it('migrates a new SQLite data folder and reports nothing left on a second run', async () => {
    const dataDir = tempDir();
    const first = await cli(['migrate', '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^applied: /);
    expect(fs.existsSync(path.join(dataDir, 'homeward.sqlite'))).toBe(true);
    const second = await cli(['migrate', '--data-dir', dataDir]);
    expect(second.out).toMatch(/^Nothing applied\./);
    expect(fs.existsSync(path.join(dataDir, 'homeward.lock'))).toBe(false);
  });

  it('serves, refuses a second serve on the same data folder, and stops cleanly on SIGTERM', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    const first = spawnCli(['serve', '--port', '0', '--data-dir', dataDir], root);
    children.push(first.child);
    const url = await first.waitFor(/serving (http:\/\/\S+)/);
    // A new installation: a master key file is made in ./keys of the working folder, and a setup token printed.
    await first.waitFor(/setup token (\S+)/);
    expect(first.stderr()).toContain(`Created a new master key at ${path.join(root, 'keys', 'master.key')}.`);
    expect((fs.statSync(path.join(root, 'keys', 'master.key')).mode & 0o777).toString(8)).toBe('600');
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });

    const second = spawnCli(['serve', '--port', '0', '--data-dir', dataDir], root);
    children.push(second.child);
    expect(await second.exitCode).toBe(1);
    expect(second.stderr().trim()).toBe(
      `homeward serve: Another Homeward process (pid ${first.child.pid}) is using the data folder ${dataDir}. ` +
        'Stop it first, or point HOMEWARD_DATA_DIR at another folder.',
    );

    first.child.kill('SIGTERM');
    expect(await first.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'homeward.lock'))).toBe(false);
  });
});

/** The CLI from source in its own process, run from `cwd` as a user would run it from their folder. */
function spawnCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, ['--import', tsxLoader, bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exitCode,
    stderr: () => stderr,
    /** Resolves with the first capture group once stderr matches. */
    waitFor(pattern: RegExp): Promise<string> {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(stderr);
          if (match?.[1] !== undefined) resolve(match[1]);
        };
        child.stderr.on('data', check);
        // The text may have arrived already, in the same chunk as an earlier match.
        check();
        void exitCode.then((code) => reject(new Error(`exited with ${String(code)}: ${stderr}`)));
      });
    },
  };
}
