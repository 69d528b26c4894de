import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveContents, storeOf } from '../../../test/backup.js';
import { TEST_DIALECTS, createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { markerHits, pgRelationFiles, sqliteFiles } from '../../../test/markers.js';
import { newMasterKey } from '../crypto/master-key.js';
import { createBackup } from './backup.js';

const MARKER = 'Deleted-before-backup-Marker-4417';

/**
 * A backup holds the live rows only: bytes of deleted rows that still sit in
 * the database's free space (here: deleted without secure_delete, as before
 * this version; on PostgreSQL a dead row before VACUUM) are not copied.
 */
describe.each(TEST_DIALECTS)('a backup copies no deleted bytes, on %s', (dialect) => {
  const masterKey = newMasterKey();
  const out = makeTempDir('homeward-snapshot-');
  let database: TestDatabase;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    if (dialect === 'sqlite') await sql`pragma secure_delete = OFF`.execute(db());
    for (let i = 0; i < 40; i++) {
      const value = i === 20 ? MARKER.repeat(8) : `filler-${String(i)}`.padEnd(200, '.');
      await db()
        .insertInto('settings')
        .values({ key: `k${String(i)}`, value, updated_at: '2026-12-01T00:00:00.000Z' })
        .execute();
    }
    await db().deleteFrom('settings').where('key', '=', 'k20').execute();
    if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db());
  });
  afterAll(async () => {
    await database.cleanup();
    out.remove();
  });

  it('still has the deleted bytes in the database files (so the check below can fail)', async () => {
    const files = dialect === 'sqlite' ? sqliteFiles(database.dataDir) : await pgRelationFiles(db());
    expect(markerHits(files, [MARKER]).length).toBeGreaterThan(0);
  });

  it('leaves them out of the backup, inside the decrypted archive too', async () => {
    const archive = path.join(out.dir, 'after-delete.hwbackup');
    await createBackup({ store: storeOf(database), masterKey, out: archive });
    const inside = await archiveContents(archive, masterKey);
    expect(inside.length).toBeGreaterThan(0);
    expect(markerHits(inside, [MARKER])).toEqual([]);
    expect(fs.readdirSync(database.dataDir).filter((name) => name.startsWith('.backup-'))).toEqual([]);
  });
});
