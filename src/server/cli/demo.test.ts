import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, makeTempDir } from '../../../test/databases.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { fillDemo } from '../demo/fill.js';
import { runCli } from './main.js';

async function cli(argv: string[], keysDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { HOMEWARD_KEYS_DIR: keysDir },
  });
  return { code, out, err: err.join('\n') };
}

describe('homeward demo (the command)', () => {
  const temps: { remove: () => void }[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });
  function folders() {
    const temp = makeTempDir();
    temps.push(temp);
    return { data: path.join(temp.dir, 'data'), keys: path.join(temp.dir, 'keys') };
  }

  it.each([
    [['--scale', 'abc'], '--scale must be a number (got "abc").'],
    [['--scale', '0'], '--scale must be from 0.01 to 10 (got "0").'],
    [['--scale', '11'], '--scale must be from 0.01 to 10 (got "11").'],
    [['--seed', '1.5'], '--seed must be a whole number from 0 to 4294967295 (got "1.5").'],
    [['--seed', ''], '--seed must be a number (got "").'],
  ])('refuses %j with exit code 2 and a line naming the flag', async (flags, message) => {
    const { data, keys } = folders();
    const result = await cli(['demo', ...flags, '--data-dir', data], keys);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`homeward demo: ${message}`);
  });

  it('fills an empty data folder, prints each demo account once, and refuses a second run with exit code 1', async () => {
    const { data, keys } = folders();
    const first = await cli(['demo', '--scale', '0.01', '--seed', '3', '--data-dir', data], keys);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toMatch(/Done in [\d.]+ s: 10 requests, 5 cases, 2 outcomes, 22 incidents, 3 sources\./);
    const accounts = first.out.slice(1).map((line) => line.trim().split(/\s+/));
    expect(accounts.map(([name, role]) => `${name ?? ''} ${role ?? ''}`)).toEqual([
      'demo-admin admin',
      'demo-coordinator coordinator',
      'demo-caseworker caseworker',
      'demo-lawyer lawyer',
      'demo-intake intake',
      'demo-analyst analyst',
    ]);
    for (const [, , password] of accounts) expect(password).toMatch(/^[\w-]{20}$/);
    const second = await cli(['demo', '--scale', '0.01', '--data-dir', data], keys);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/^homeward demo: This installation holds the demo dataset already \(.*"seed":3/);
  }, 60_000);

  it('makes the same dataset from the same seed (plain columns compared, in time order)', async () => {
    const end = new Date('2026-11-20T12:00:00.000Z');
    const shapes: unknown[] = [];
    for (let run = 0; run < 2; run += 1) {
      const database = await createTestDatabase('sqlite');
      try {
        await fillDemo(database.handle.db, new Keyring(newMasterKey()), { seed: 11, scale: 0.02, end });
        shapes.push(
          await database.handle.db
            .selectFrom('cases')
            .select(['case_type', 'stage', 'outcome', 'region', 'group_size', 'opened_at'])
            .orderBy('opened_at')
            .execute(),
        );
      } finally {
        await database.cleanup();
      }
    }
    expect(shapes[0]).toHaveLength(5);
    expect(shapes[1]).toEqual(shapes[0]);
  }, 60_000);
});
