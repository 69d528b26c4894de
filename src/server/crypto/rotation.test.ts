import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildUser } from '../../../test/accounts.js';
import { TEST_DIALECTS, createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { AppError } from '../http/errors.js';
import { createApiToken } from '../modules/api-tokens/api-tokens.service.js';
import { Keyring, type KeyOwner } from './keyring.js';
import { newMasterKey, readKeyFile, type MasterKey } from './master-key.js';
import { openKeyring } from './open-keyring.js';
import { countNotUnder, readRecordedMasterKeyId, recordMasterKeyId, rotateMasterKey } from './rotation.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(repoRoot, 'src/server/cli/bin.ts');

const owner = (): KeyOwner => ({ type: 'intake', id: crypto.randomUUID() });
const ref = (o: KeyOwner) => ({ table: 'intake_requests', rowId: o.id, field: 'text' });

/** `homeward keys rotate` in its own process, as an operator runs it beside a serving Homeward. */
function rotateInChild(database: TestDatabase, keysDir: string): Promise<{ code: number | null; out: string }> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOMEWARD_DATA_DIR: database.dataDir,
    HOMEWARD_KEYS_DIR: keysDir,
  };
  if (database.handle.schema !== undefined && TEST_DATABASE_URL !== undefined) {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${database.handle.schema}`);
    env.DATABASE_URL = url.toString();
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, 'keys', 'rotate'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.each(TEST_DIALECTS)('master key rotation on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const database = async () => {
    const made = await createTestDatabase(dialect);
    cleanups.push(() => made.cleanup());
    return made;
  };

  /** Every stored data key opens with `only` as the sole master key, and so does every value sealed under it. */
  async function opensWithOnly(db: TestDatabase, only: MasterKey, sealed: Map<KeyOwner, Buffer>): Promise<void> {
    const fresh = new Keyring(only);
    for (const [o, value] of sealed) expect(await fresh.openText(db.handle.db, ref(o), value)).toBe(o.id);
  }

  it('a process that does not hold the new key refuses to wrap under the old one; re-reading the key, it wraps under the new', async () => {
    const db = await database();
    const old = newMasterKey();
    const next = newMasterKey();
    await recordMasterKeyId(db.handle.db, old.id);
    const server = new Keyring(old);
    const sealed = new Map<KeyOwner, Buffer>();
    for (let i = 0; i < 5; i++) {
      const o = owner();
      sealed.set(o, await server.seal(db.handle.db, o, ref(o), o.id));
    }

    const result = await rotateMasterKey(db.handle.db, new Keyring(old), next);
    expect(result).toEqual({ oldId: old.id, rewrapped: 5 });
    expect(await readRecordedMasterKeyId(db.handle.db)).toBe(next.id);

    const late = owner();
    const refused = await server.seal(db.handle.db, late, ref(late), 'x').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    const stored = await db.handle.db.selectFrom('data_keys').select('id').where('owner_id', '=', late.id).execute();
    expect(stored).toEqual([]);

    const reloading = new Keyring(old, [], undefined, () => next);
    const o = owner();
    sealed.set(o, await reloading.seal(db.handle.db, o, ref(o), o.id));
    expect(await countNotUnder(db.handle.db, next.id)).toBe(0);
    await opensWithOnly(db, next, sealed);

    const audit = await db.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'keys.rotate').execute();
    expect(audit).toMatchObject([{ actor_id: null, object_type: 'master_key', object_id: next.id }]);
  });

  // PostgreSQL only: on SQLite the writer lock taken at BEGIN IMMEDIATE already serializes the two.
  if (dialect === 'postgres')
    it('waits for a transaction that is wrapping under the old key, and re-wraps that key too', async () => {
      const db = await database();
      const old = newMasterKey();
      const next = newMasterKey();
      await recordMasterKeyId(db.handle.db, old.id);
      const server = new Keyring(old);
      const o = owner();
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let wrapped = (): void => undefined;
      const inside = new Promise<void>((resolve) => (wrapped = resolve));
      let value: Buffer | undefined;
      const request = db.handle.db.transaction().execute(async (trx) => {
        value = await server.seal(trx, o, ref(o), o.id);
        wrapped();
        await gate;
      });
      await inside;
      let rotated = false;
      const rotation = rotateMasterKey(db.handle.db, new Keyring(old), next).then((r) => {
        rotated = true;
        return r;
      });
      try {
        // The rotation cannot record the new key while the request holds the row it read.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(rotated).toBe(false);
      } finally {
        release();
        await request;
      }
      expect(await rotation).toEqual({ oldId: old.id, rewrapped: 1 });
      expect(await countNotUnder(db.handle.db, next.id)).toBe(0);
      await opensWithOnly(db, next, new Map([[o, value ?? Buffer.alloc(0)]]));
    });

  it('homeward keys rotate beside a serving app taking requests: every data key ends under the new key', async () => {
    const db = await database();
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const keysDir = path.join(temp.dir, 'keys');
    const config = loadConfig({ HOMEWARD_DATA_DIR: db.dataDir, HOMEWARD_KEYS_DIR: keysDir });
    const { keyring } = await openKeyring(config, {}, db.handle.db);
    const oldId = keyring.masterKeyId;
    const app = await buildApp({ database: db.handle, keyring, logger: pino({ level: 'silent' }) });
    cleanups.push(() => app.close());
    const admin = await buildUser(db.handle.db, keyring, 'admin', () => new Date());
    // A token takes 100 requests in 10 minutes: a new one for every batch keeps the throttle out of this test.
    const newToken = async () => (await createApiToken(db.handle.db, admin.user.id, 'bot', () => new Date())).token;
    // Enough data keys that re-wrapping takes a while, so requests arrive during it.
    for (let i = 0; i < 300; i++) await keyring.dataKey(db.handle.db, owner());

    let n = 0;
    const send = async (token: string) => {
      n += 1;
      const response = await app.inject({
        method: 'POST',
        url: '/api/intake',
        headers: { authorization: `Bearer ${token}` },
        payload: { channel: 'chat_bot', requesterRole: 'self', groupSize: 1, text: `request ${n}` },
      });
      return response.statusCode;
    };
    const statuses: number[] = [];
    const state = { rotating: true };
    const rotation = rotateInChild(db, keysDir).finally(() => (state.rotating = false));
    while (state.rotating) {
      const token = await newToken();
      statuses.push(...(await Promise.all(Array.from({ length: 4 }, () => send(token)))));
    }
    const result = await rotation;
    expect(result.out).toMatch(/No data key is left under the old key \(checked\)/);
    expect(result.code).toBe(0);
    statuses.push(await send(await newToken()));
    expect(statuses.length).toBeGreaterThan(4);
    expect(new Set(statuses)).toEqual(new Set([201]));

    const next = readKeyFile(path.join(keysDir, 'master.key'));
    expect(next.id).not.toBe(oldId);
    const keys = await db.handle.db.selectFrom('data_keys').select('master_key_id').execute();
    expect(new Set(keys.map((k) => k.master_key_id))).toEqual(new Set([next.id]));
    const fresh = new Keyring(next);
    const requests = await db.handle.db.selectFrom('intake_requests').select(['id', 'text_sealed']).execute();
    expect(requests).toHaveLength(statuses.length);
    for (const row of requests) {
      const text = await fresh.openText(
        db.handle.db,
        { table: 'intake_requests', rowId: row.id, field: 'text' },
        Buffer.from(row.text_sealed),
      );
      expect(text).toMatch(/^request \d+$/);
    }
  }, 60_000);
});
