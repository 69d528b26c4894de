import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { DecryptionError } from './aead.js';
import { DataKeyMissingError, Keyring, type KeyOwner } from './keyring.js';
import { newMasterKey } from './master-key.js';

const caseA: KeyOwner = { type: 'case', id: '11111111-1111-4111-8111-111111111111' };
const caseB: KeyOwner = { type: 'case', id: '22222222-2222-4222-8222-222222222222' };
const note = (rowId: string, field = 'body') => ({ table: 'notes', rowId, field });

function flip(buffer: Buffer, at: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe.each(TEST_DIALECTS)('envelope encryption on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.cleanup());
  const db = () => database.handle.db;

  it('seals and opens a field, with one data key per owner', async () => {
    const keyring = new Keyring(newMasterKey());
    const sealed = await keyring.seal(db(), caseA, note('n1'), 'Иванов был задержан в Брянке');
    expect(await keyring.openText(db(), note('n1'), sealed)).toBe('Иванов был задержан в Брянке');
    await keyring.seal(db(), caseB, note('n2'), 'x');
    const keys = await db().selectFrom('data_keys').select(['owner_id']).where('owner_type', '=', 'case').execute();
    expect(keys.map((k) => k.owner_id).sort()).toEqual([caseA.id, caseB.id]);
    expect(sealed.includes(Buffer.from('Брянке'))).toBe(false);
  });

  it('refuses a ciphertext with any one byte changed', async () => {
    const keyring = new Keyring(newMasterKey());
    const sealed = await keyring.seal(db(), { type: 'case', id: 'flip-case' }, note('n3'), 'marker text');
    for (let at = 0; at < sealed.length; at++) {
      await expect(keyring.open(db(), note('n3'), flip(sealed, at)), `byte ${String(at)}`).rejects.toThrow(Error);
    }
  });

  it('refuses a ciphertext moved to another row or another field', async () => {
    const keyring = new Keyring(newMasterKey());
    const sealed = await keyring.seal(db(), { type: 'intake', id: 'moved' }, note('row-1'), 'secret');
    await expect(keyring.open(db(), note('row-2'), sealed)).rejects.toThrow(DecryptionError);
    await expect(keyring.open(db(), note('row-1', 'title'), sealed)).rejects.toThrow(DecryptionError);
    await expect(keyring.open(db(), { table: 'people', rowId: 'row-1', field: 'body' }, sealed)).rejects.toThrow(
      DecryptionError,
    );
  });

  it('refuses a wrapped data key with any one byte changed', async () => {
    const master = newMasterKey();
    const owner: KeyOwner = { type: 'case', id: 'wrapped-flip' };
    const sealed = await new Keyring(master).seal(db(), owner, note('w1'), 'x');
    const row = await db()
      .selectFrom('data_keys')
      .selectAll()
      .where('owner_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    const wrapped = Buffer.from(row.wrapped);
    for (const at of [0, 5, 12, 20, wrapped.length - 1]) {
      await db()
        .updateTable('data_keys')
        .set({ wrapped: flip(wrapped, at) })
        .where('id', '=', row.id)
        .execute();
      // A fresh keyring has no cached key: it must unwrap, and refuse.
      await expect(new Keyring(master).open(db(), note('w1'), sealed), `byte ${String(at)}`).rejects.toThrow(
        DecryptionError,
      );
    }
    await db().updateTable('data_keys').set({ wrapped }).where('id', '=', row.id).execute();
    expect(await new Keyring(master).openText(db(), note('w1'), sealed)).toBe('x');
  });

  it('cannot open anything of an owner whose data key was destroyed', async () => {
    const keyring = new Keyring(newMasterKey());
    const owner: KeyOwner = { type: 'case', id: 'purged' };
    const sealed = await keyring.seal(db(), owner, note('p1'), 'gone');
    expect(await keyring.destroy(db(), owner)).toBe(true);
    await expect(keyring.open(db(), note('p1'), sealed)).rejects.toThrow(DataKeyMissingError);
  });

  it('after rotation and destruction of the old master key, everything still opens', async () => {
    const fresh = await createTestDatabase(dialect);
    try {
      const oldKey = newMasterKey();
      const before = new Keyring(oldKey);
      const values = await Promise.all(
        ['a', 'b', 'c'].map(async (id) => ({
          id,
          sealed: await before.seal(fresh.handle.db, { type: 'case', id }, note(id), `text ${id}`),
        })),
      );
      const newKey = newMasterKey();
      const rotating = new Keyring(oldKey);
      rotating.useMasterKey(newKey);
      expect(await rotating.rewrapAll(fresh.handle.db)).toBe(3);
      expect(await rotating.rewrapAll(fresh.handle.db)).toBe(0);

      // The old key is destroyed: only the new one is loaded.
      const after = new Keyring(newKey);
      for (const value of values) {
        expect(await after.openText(fresh.handle.db, note(value.id), value.sealed)).toBe(`text ${value.id}`);
      }
      await expect(
        new Keyring(oldKey).open(fresh.handle.db, note('a'), values[0]?.sealed ?? Buffer.alloc(0)),
      ).rejects.toThrow(DecryptionError);
    } finally {
      await fresh.cleanup();
    }
  });
});
