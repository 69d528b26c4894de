import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DataKeysTable } from '../db/schema.js';
import { DecryptionError, KEY_BYTES, open, randomKey, seal } from './aead.js';
import type { MasterKey } from './master-key.js';
import { lockRecordedMasterKeyId, masterKeyRotatedError } from './rotation.js';

/** Whose records a data key seals. */
export interface KeyOwner {
  type: DataKeysTable['owner_type'];
  id: string;
}

/** Where a sealed value lives: the ciphertext is bound to it and opens nowhere else. */
export interface FieldRef {
  table: string;
  rowId: string;
  field: string;
}

/** A data key was destroyed (the case was purged), or never existed. */
export class DataKeyMissingError extends Error {
  constructor() {
    super('The data key of this record is gone: the record was purged.');
    this.name = 'DataKeyMissingError';
  }
}

const FIELD_FORMAT = 1;
const HEADER_BYTES = 1 + 16;
/** Ids per statement when prefetching keys: far below either database's parameter limit. */
const PREFETCH_CHUNK = 500;

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function wrapAad(dataKeyId: string, owner: KeyOwner): Buffer {
  return Buffer.from(`homeward/data-key/1\0${dataKeyId}\0${owner.type}\0${owner.id}`, 'utf8');
}

function fieldAad(header: Buffer, ref: FieldRef): Buffer {
  return Buffer.concat([header, Buffer.from(`\0${ref.table}\0${ref.rowId}\0${ref.field}`, 'utf8')]);
}

/**
 * Envelope encryption for the domain modules. Each case (and each intake
 * request before it becomes one) has its own random data key, wrapped by the
 * master key and stored in `data_keys`. Fields are sealed with AES-256-GCM
 * under the owner's data key, behind a versioned header (format, data key
 * id), and bound to their table, row and field. Unwrapped data keys are kept
 * in memory while the process runs (see docs/SECURITY.md).
 */
export class Keyring {
  private readonly masters = new Map<string, MasterKey>();
  private current: MasterKey;
  private readonly cache = new Map<string, Buffer>();
  /**
   * Data keys by id (and owners' keys by `owner:` + type + id) already read
   * in one transaction: a unit of work reads each key row once, however many
   * fields it opens. Keyed by the transaction, so the cache ends with it, and
   * a key made in a transaction that rolls back is forgotten with it.
   */
  private readonly scoped = new WeakMap<Kysely<Database>, Map<string, Promise<{ id: string; key: Buffer }>>>();

  /**
   * `reload` (optional) returns the master key now configured, so that a
   * running server picks up a key rotated by `homeward keys rotate` before it
   * wraps a new data key, and can unwrap keys re-wrapped under it.
   */
  constructor(
    current: MasterKey,
    others: MasterKey[] = [],
    private readonly clock: () => Date = () => new Date(),
    private readonly reload?: () => MasterKey | undefined,
  ) {
    this.current = current;
    for (const key of [current, ...others]) this.masters.set(key.id, key);
  }

  get masterKeyId(): string {
    return this.current.id;
  }

  private refresh(): void {
    const configured = this.reload?.();
    if (configured !== undefined && configured.id !== this.current.id) this.useMasterKey(configured);
  }

  /** Makes `key` the one that wraps new data keys; the old one still unwraps until rotation ends. */
  useMasterKey(key: MasterKey): void {
    this.masters.set(key.id, key);
    this.current = key;
  }

  private scopeOf(db: Kysely<Database>) {
    if (!db.isTransaction) return undefined;
    let scope = this.scoped.get(db);
    if (scope === undefined) {
      scope = new Map();
      this.scoped.set(db, scope);
    }
    return scope;
  }

  /** `load` once per transaction and name; a failed load is not remembered. */
  private once(
    db: Kysely<Database>,
    name: string,
    load: () => Promise<{ id: string; key: Buffer }>,
  ): Promise<{ id: string; key: Buffer }> {
    const scope = this.scopeOf(db);
    if (scope === undefined) return load();
    const known = scope.get(name);
    if (known !== undefined) return known;
    const loading = load();
    scope.set(name, loading);
    loading.catch(() => scope.delete(name));
    return loading;
  }

  /** The owner's data key, made (and stored wrapped) on first use. */
  dataKey(db: Kysely<Database>, owner: KeyOwner): Promise<{ id: string; key: Buffer }> {
    return this.once(db, `owner:${owner.type}:${owner.id}`, async () => {
      const found = await this.makeDataKey(db, owner);
      // Opening what was just sealed needs no second read of the same row.
      this.scopeOf(db)?.set(found.id, Promise.resolve(found));
      return found;
    });
  }

  private async makeDataKey(db: Kysely<Database>, owner: KeyOwner): Promise<{ id: string; key: Buffer }> {
    const row = await db
      .selectFrom('data_keys')
      .selectAll()
      .where('owner_type', '=', owner.type)
      .where('owner_id', '=', owner.id)
      .executeTakeFirst();
    if (row !== undefined) return { id: row.id, key: this.unwrap(row) };
    const id = crypto.randomUUID();
    const key = randomKey();
    const insert = async (trx: Kysely<Database>): Promise<void> => {
      const master = await this.masterForNewKey(trx);
      await trx
        .insertInto('data_keys')
        .values({
          id,
          owner_type: owner.type,
          owner_id: owner.id,
          master_key_id: master.id,
          wrapped: seal(master.key, key, wrapAad(id, owner)),
          created_at: this.clock().toISOString(),
        })
        .onConflict((oc) => oc.columns(['owner_type', 'owner_id']).doNothing())
        .execute();
    };
    await (db.isTransaction ? insert(db) : db.transaction().execute(insert));
    // Another writer may have made the owner's key first: use whichever is stored.
    const stored = await db
      .selectFrom('data_keys')
      .selectAll()
      .where('owner_type', '=', owner.type)
      .where('owner_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    return { id: stored.id, key: this.unwrap(stored) };
  }

  /**
   * The master key a new data key is wrapped under: the one a rotation
   * recorded as current, read (and locked) in the transaction of the insert so
   * that a rotation cannot slip in between (rotation.ts); the key file is
   * re-read when a rotation replaced it.
   */
  private async masterForNewKey(trx: Kysely<Database>): Promise<MasterKey> {
    const recorded = await lockRecordedMasterKeyId(trx);
    this.refresh();
    if (recorded === undefined || recorded === this.current.id) return this.current;
    const master = this.masters.get(recorded);
    if (master === undefined) throw masterKeyRotatedError(recorded);
    this.useMasterKey(master);
    return master;
  }

  private unwrap(row: Pick<DataKeysTable, 'id' | 'owner_type' | 'owner_id' | 'master_key_id' | 'wrapped'>): Buffer {
    const cached = this.cache.get(row.id);
    if (cached !== undefined) return cached;
    if (!this.masters.has(row.master_key_id)) this.refresh();
    const master = this.masters.get(row.master_key_id);
    if (master === undefined) {
      throw new DecryptionError(`Data key ${row.id} (wrapped by master key ${row.master_key_id}, which is not loaded)`);
    }
    const key = open(
      master.key,
      Buffer.from(row.wrapped),
      wrapAad(row.id, { type: row.owner_type, id: row.owner_id }),
      `Data key ${row.id}`,
    );
    if (key.length !== KEY_BYTES) throw new DecryptionError(`Data key ${row.id}`);
    this.cache.set(row.id, key);
    return key;
  }

  /**
   * The data key by id. The row is read once per transaction (and on every
   * call outside one), even when the unwrapped key is cached: a key destroyed
   * by a purge in another process must stop opening here at once, not at
   * this process's next restart.
   */
  private async dataKeyById(db: Kysely<Database>, id: string): Promise<Buffer> {
    const found = await this.once(db, id, async () => {
      const row = await db.selectFrom('data_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) {
        this.cache.delete(id);
        throw new DataKeyMissingError();
      }
      return { id, key: this.unwrap(row) };
    });
    return found.key;
  }

  /**
   * Reads, in a few statements, the data keys of many sealed values (a page
   * of a list, each row under its own case's key), so that opening them costs
   * no query per row. Only inside a transaction, whose cache keeps them.
   */
  async prefetch(db: Kysely<Database>, sealed: readonly (Buffer | Uint8Array | null)[]): Promise<void> {
    const scope = this.scopeOf(db);
    if (scope === undefined) return;
    const ids = new Set<string>();
    for (const value of sealed) {
      if (value === null || value.length < HEADER_BYTES || value[0] !== FIELD_FORMAT) continue;
      const id = uuidString(Buffer.from(value.subarray(1, HEADER_BYTES)));
      if (!scope.has(id)) ids.add(id);
    }
    const wanted = [...ids];
    for (let at = 0; at < wanted.length; at += PREFETCH_CHUNK) {
      const rows = await db
        .selectFrom('data_keys')
        .selectAll()
        .where('id', 'in', wanted.slice(at, at + PREFETCH_CHUNK))
        .execute();
      for (const row of rows) scope.set(row.id, Promise.resolve({ id: row.id, key: this.unwrap(row) }));
    }
  }

  /** The owner's data key if it exists, without making one (for reads). */
  async existingDataKey(db: Kysely<Database>, owner: KeyOwner): Promise<{ id: string; key: Buffer } | undefined> {
    const row = await db
      .selectFrom('data_keys')
      .selectAll()
      .where('owner_type', '=', owner.type)
      .where('owner_id', '=', owner.id)
      .executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, key: this.unwrap(row) };
  }

  /** Seals one field's value under its owner's data key. */
  async seal(db: Kysely<Database>, owner: KeyOwner, ref: FieldRef, plaintext: string | Buffer): Promise<Buffer> {
    const dataKey = await this.dataKey(db, owner);
    const header = Buffer.concat([Buffer.from([FIELD_FORMAT]), uuidBytes(dataKey.id)]);
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    return Buffer.concat([header, seal(dataKey.key, bytes, fieldAad(header, ref))]);
  }

  /** Opens a sealed field; fails if it was altered, moved to another row or field, or its key destroyed. */
  async open(db: Kysely<Database>, ref: FieldRef, sealed: Buffer): Promise<Buffer> {
    const what = `The sealed ${ref.table}.${ref.field} of ${ref.rowId}`;
    if (sealed.length < HEADER_BYTES || sealed[0] !== FIELD_FORMAT) throw new DecryptionError(what);
    const header = sealed.subarray(0, HEADER_BYTES);
    const key = await this.dataKeyById(db, uuidString(header.subarray(1)));
    return open(key, sealed.subarray(HEADER_BYTES), fieldAad(header, ref), what);
  }

  async openText(db: Kysely<Database>, ref: FieldRef, sealed: Buffer): Promise<string> {
    return (await this.open(db, ref, sealed)).toString('utf8');
  }

  /** Destroys an owner's data key: everything sealed under it is unreadable from now on. */
  async destroy(db: Kysely<Database>, owner: KeyOwner): Promise<boolean> {
    const row = await db
      .deleteFrom('data_keys')
      .where('owner_type', '=', owner.type)
      .where('owner_id', '=', owner.id)
      .returning('id')
      .executeTakeFirst();
    if (row !== undefined) this.cache.delete(row.id);
    const scope = this.scopeOf(db);
    scope?.delete(`owner:${owner.type}:${owner.id}`);
    if (row !== undefined) scope?.delete(row.id);
    return row !== undefined;
  }

  /**
   * Re-wraps every data key not yet under the current master key, in batches;
   * returns how many it re-wrapped. Safe while the service runs: each row is
   * updated only if nobody changed it meanwhile.
   */
  async rewrapAll(db: Kysely<Database>, batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await db
        .selectFrom('data_keys')
        .selectAll()
        .where('master_key_id', '!=', this.current.id)
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return total;
      for (const row of rows) {
        const key = this.unwrap(row);
        const owner = { type: row.owner_type, id: row.owner_id };
        await db
          .updateTable('data_keys')
          .set({ master_key_id: this.current.id, wrapped: seal(this.current.key, key, wrapAad(row.id, owner)) })
          .where('id', '=', row.id)
          .where('master_key_id', '=', row.master_key_id)
          .execute();
        total += 1;
      }
    }
  }
}
