import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../src/server/audit/checkpoint.js';
import { runCli } from '../src/server/cli/main.js';
import { FIRST_ADMIN_COMMAND } from '../src/server/cli/serve.js';
import { CONFIG_VARIABLES, loadConfig } from '../src/server/config.js';
import { makeTempDir } from './databases.js';

/**
 * The README, checked against what the code does: its configuration table and
 * .env.example list exactly the variables Homeward reads, every `homeward`
 * command in its table answers --help and runs as documented against a temp
 * data folder, and its shell blocks name npm scripts and URLs that work.
 */

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const scripts = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);

/** The README's text under a `## ` heading, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The lines of every fenced sh block. */
function shellLines(): string[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').split('\n').filter(Boolean));
}

interface Documented {
  /** As written, e.g. `homeward audit verify [--checkpoint FILE [--public-key KEY]]`. */
  text: string;
  /** The command's words: ['audit', 'verify']. */
  path: string[];
  /** Words after the path, with the optional parts ([…]) removed or kept. */
  minimal: string[];
  full: string[];
}

function parseDocumented(text: string): Documented {
  const words = text.replace(/^homeward /, '').split(' ');
  const at = words.findIndex((w) => w.startsWith('-') || w.startsWith('['));
  const commandPath = at < 0 ? words : words.slice(0, at);
  const rest = at < 0 ? '' : words.slice(at).join(' ');
  let minimal = rest;
  while (/\[[^[\]]*\]/.test(minimal)) minimal = minimal.replace(/\s*\[[^[\]]*\]/g, '');
  const split = (s: string) => s.split(' ').filter((w) => w !== '');
  return { text, path: commandPath, minimal: split(minimal), full: split(rest.replace(/[[\]]/g, '')) };
}

/** Every `homeward …` in the first column of the command table. */
const documented = section('The `homeward` command')
  .split('\n')
  .filter((line) => line.startsWith('| `homeward'))
  .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`(homeward [^`]+)`/g)].map((m) => m[1] ?? ''))
  .map(parseDocumented);

const temps: { remove: () => void }[] = [];
afterAll(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

async function cli(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the README', () => {
  it('lists every variable Homeward reads, and .env.example lists the same', () => {
    const table = [...section('Configuration').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    const example = [
      ...fs.readFileSync(path.join(repoRoot, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z_]+)=/gm),
    ].map((m) => m[1]);
    expect(new Set(table)).toEqual(new Set(CONFIG_VARIABLES));
    expect(new Set(example)).toEqual(new Set(CONFIG_VARIABLES));
  });

  it('documents every command the CLI has, and each answers --help with the options the README names', async () => {
    expect(documented.length).toBeGreaterThan(5);
    const help = await cli(['--help'], {});
    const listed = [...help.out.matchAll(/^ {2}(\S+(?: \S+)*?) {2,}/gm)].map((m) => m[1]);
    expect(new Set(documented.map((d) => d.path.join(' ')))).toEqual(new Set(listed));
    for (const command of documented) {
      const result = await cli([...command.path, '--help'], {});
      expect(result.code, command.text).toBe(0);
      expect(result.out).toMatch(new RegExp(`^Usage: homeward ${command.path.join(' ')}`));
      for (const flag of command.full.filter((w) => w.startsWith('--')))
        expect(result.out, command.text).toContain(flag);
    }
  });

  it('runs each documented command against a temp data folder, as written', async () => {
    const root = makeTempDir();
    temps.push(root);
    const dataDir = path.join(root.dir, 'data');
    const restoreDir = path.join(root.dir, 'restored');
    const keysDir = path.join(root.dir, 'keys');
    const passwordFile = path.join(root.dir, 'password.txt');
    fs.writeFileSync(passwordFile, 'a long enough readme passphrase\n');
    const files: Record<string, string> = {
      'backup --out': path.join(root.dir, 'backup.hwb'),
      'restore --in': path.join(root.dir, 'backup.hwb'),
      'audit checkpoint --out': path.join(root.dir, 'checkpoint.json'),
      'audit verify --checkpoint': path.join(root.dir, 'checkpoint.json'),
      'user add --password-file': passwordFile,
      'units import --file': path.join(root.dir, 'units.csv'),
    };
    fs.writeFileSync(
      files['units import --file'] ?? '',
      'code,name_ru,name_en\nvch-readme,Войсковая часть,Military unit\n',
    );
    const env = { HOMEWARD_KEYS_DIR: keysDir };
    const argvOf = (command: Documented, words: string[]): string[] => {
      const argv = words.map((word, i) => {
        const flag = words[i - 1] ?? '';
        const place = `${command.path.join(' ')} ${flag}`;
        if (word === 'FILE') return files[place] ?? `no file for ${place}`;
        if (word === 'NAME') return 'readme_admin';
        if (word === 'ROLE') return 'admin';
        if (word === 'KEY') return loadOrCreateSigningKey(keysDir).fingerprint;
        return word;
      });
      const target = command.path[0] === 'restore' ? restoreDir : dataDir;
      return [...command.path, ...argv, '--data-dir', target];
    };

    // serve runs until stopped: cli.test.ts starts it as a process. check-package needs a package, and
    // takes no data folder: modules/evidence/package.test.ts runs it on one. demo at its documented full
    // scale takes a minute: cli/demo.test.ts runs it, its flags and its refusals at a small scale.
    const elsewhere = new Set(['serve', 'evidence check-package', 'demo']);
    const runnable = documented.filter((c) => !elsewhere.has(c.path.join(' ')));
    for (const command of runnable) {
      const result = await cli(argvOf(command, command.minimal), env);
      expect({ command: command.text, ...result }).toMatchObject({ code: 0 });
    }
    // Then the optional parts, those that make files before those that read them, the reverting one last.
    const rank = (c: Documented) => (c.full.includes('--down') ? 2 : c.full.includes('--checkpoint') ? 1 : 0);
    const withOptions = runnable.filter((c) => c.full.length > c.minimal.length).sort((a, b) => rank(a) - rank(b));
    expect(withOptions.length).toBeGreaterThan(2);
    for (const command of withOptions) {
      const result = await cli(argvOf(command, command.full), env);
      expect({ command: command.text, ...result }).toMatchObject({ code: 0 });
    }
  });

  it('runs the CLI from a checkout as it says (npm run homeward -- …)', async () => {
    const lines = shellLines().filter((line) => line.startsWith('npm run homeward -- '));
    // The command the server's first-run hint prints is one of them.
    expect(lines).toContain(FIRST_ADMIN_COMMAND);
    const child = spawnSync('npm', ['run', '--silent', 'homeward', '--', 'user', 'add', '--help'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      encoding: 'utf8',
    });
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^Usage: homeward user add/);

    const root = makeTempDir();
    temps.push(root);
    const file = path.join(root.dir, 'password.txt');
    fs.writeFileSync(file, 'a long enough readme passphrase\n');
    for (const line of lines) {
      const argv = line
        .replace(/^npm run homeward -- /, '')
        .split(' ')
        .map((word) => (word === 'FILE' ? file : word === 'NAME' ? 'from_readme' : word));
      const result = await cli([...argv, '--data-dir', path.join(root.dir, 'data')], {
        HOMEWARD_KEYS_DIR: path.join(root.dir, 'keys'),
      });
      expect({ line, ...result }).toMatchObject({ code: 0 });
    }
  });

  it('and the docs point only at files in the repository, and speak of what is built as built', () => {
    const docs = ['README.md', ...fs.readdirSync(path.join(repoRoot, 'docs')).map((f) => `docs/${f}`)];
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(repoRoot, doc), 'utf8');
      expect(text, doc).not.toMatch(/\.\.\/shared|DESIGN\.md|CONVENTIONS\.md|from the encryption issue/);
      for (const [, target] of text.matchAll(/\]\(([^)#:]+)(?:#[^)]*)?\)/g)) {
        expect(
          fs.existsSync(path.resolve(path.dirname(path.join(repoRoot, doc)), target ?? '')),
          `${doc}: ${target}`,
        ).toBe(true);
      }
    }
  });

  it('names only npm scripts that exist, and PostgreSQL URLs that name their user', () => {
    const mentioned = [...readme.matchAll(/`?npm (?:run )?([a-z0-9:]+)/g)].map((m) => m[1] ?? '');
    for (const name of mentioned.filter((n) => !['install', 'run'].includes(n))) {
      expect(scripts, `npm ${name}`).toContain(name);
    }
    const urls = shellLines().flatMap((line) => [...line.matchAll(/DATABASE_URL=(\S+)/g)].map((m) => m[1] ?? ''));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      // A shell variable that may be unset ($USER in a container) leaves the URL without a user.
      expect(url, url).not.toContain('$');
      expect(new URL(url).username, url).not.toBe('');
      expect(loadConfig({ DATABASE_URL: url }, {}, repoRoot).databaseUrl).toBe(url);
    }
  });
});
