import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEntries, cutLogTail, readLog, resetAuditLog, steppingClock } from '../../../test/audit.js';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import type { AuditAction } from '../../shared/audit-actions.js';
import { AUDIT_GENESIS_HASH, AuditEntryError, appendAudit, auditEntryHash, type AuditEntry } from './audit.js';
import { readSnapshot, verifyAuditLog } from './verify.js';

const entry: AuditEntry = {
  actorId: 'u-1',
  action: 'session.login',
  objectType: 'session',
  objectId: 's-1',
  outcome: 'success',
};

describe.each(TEST_DIALECTS)('audit log on %s', (dialect) => {
  let database: TestDatabase;
  const db = () => database.handle.db;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.cleanup());
  beforeEach(() => resetAuditLog(db()));

  const head = () => db().selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();

  describe('appending', () => {
    it('chains each entry to the one before from the genesis hash, and moves the head', async () => {
      const clock = steppingClock('2026-12-01T10:00:00.000Z');
      await appendEntries(db(), 3, { clock });
      const rows = await readLog(db());
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(rows.map((r) => r.at)).toEqual([
        '2026-12-01T10:00:00.000Z',
        '2026-12-01T10:00:01.000Z',
        '2026-12-01T10:00:02.000Z',
      ]);
      expect(rows.map((r) => r.prev_hash)).toEqual([AUDIT_GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
      for (const row of rows) expect(row.hash).toBe(auditEntryHash(row));
      expect(await head()).toEqual({ seq: 3, hash: rows[2]?.hash });
      expect(await verifyAuditLog(db())).toEqual({ ok: true, count: 3, headSeq: 3, headHash: rows[2]?.hash });
    });

    it('stores exactly the entry given, nulls included', async () => {
      await db()
        .transaction()
        .execute((trx) =>
          appendAudit(trx, {
            actorId: null,
            action: 'intake.create',
            objectType: null,
            objectId: null,
            outcome: 'denied',
          }),
        );
      expect(await readLog(db())).toMatchObject([
        { seq: 1, actor_id: null, action: 'intake.create', object_type: null, object_id: null, outcome: 'denied' },
      ]);
    });

    it('leaves no entry and no head change when the transaction rolls back', async () => {
      await appendEntries(db(), 2);
      const before = await head();
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            await appendAudit(trx, entry);
            throw new Error('the recorded action failed');
          }),
      ).rejects.toThrow('the recorded action failed');
      expect(await readLog(db())).toHaveLength(2);
      expect(await head()).toEqual(before);
      await appendEntries(db(), 1);
      expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 3 });
    });

    it('refuses to append outside a transaction', async () => {
      await expect(appendAudit(db(), entry)).rejects.toThrow('inside the transaction');
      expect(await readLog(db())).toEqual([]);
    });

    it.each<[string, Partial<AuditEntry>]>([
      ['a name as the object id', { objectId: 'Ivan Petrov' }],
      ['an email address as the object id', { objectId: 'ivan@example.org' }],
      // Not in the shared list either: the pattern still guards an action built at run time.
      ['free text as the action', { action: 'read the case of Ivan' as AuditAction }],
      ['an upper-case action', { action: 'Session.Login' as AuditAction }],
      ['a one-letter action', { action: 's' as AuditAction }],
      ['an object type with digits', { objectType: 'case2' as AuditEntry['objectType'] }],
      ['an actor id with spaces', { actorId: 'Ivan Petrov' }],
      ['an unknown outcome', { outcome: 'maybe' as AuditEntry['outcome'] }],
    ])('refuses %s, without repeating the value in the error', async (_label, change) => {
      const bad = { ...entry, ...change };
      const attempt = db()
        .transaction()
        .execute((trx) => appendAudit(trx, bad));
      await expect(attempt).rejects.toThrow(AuditEntryError);
      await expect(attempt).rejects.not.toThrow(/Ivan|example/);
      expect(await readLog(db())).toEqual([]);
    });

    it('gives 20 concurrent transactions seq 1 to 20 on one valid chain', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db()
            .transaction()
            .execute((trx) => appendAudit(trx, { ...entry, objectId: `s-${i}` })),
        ),
      );
      const rows = await readLog(db());
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.object_id)).size).toBe(20);
      expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 20, headSeq: 20 });
    });
  });

  describe('verifying', () => {
    it('accepts an empty log, whose head is the genesis hash', async () => {
      expect(await verifyAuditLog(db())).toEqual({ ok: true, count: 0, headSeq: 0, headHash: AUDIT_GENESIS_HASH });
    });

    it('counts an empty log as wiped once the installation has an account, whose creation is always audited', async () => {
      const at = '2026-12-01T10:00:00.000Z';
      await db()
        .insertInto('users')
        .values({
          id: 'u-wiped',
          username: 'wiped',
          username_key: 'wiped',
          role: 'admin',
          password_hash: 'x',
          totp_secret: null,
          totp_confirmed_at: null,
          totp_last_step: null,
          disabled_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      try {
        expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 1, reason: 'empty' });
        await appendEntries(db(), 1);
        expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 1 });
      } finally {
        await db().deleteFrom('users').where('id', '=', 'u-wiped').execute();
      }
    });

    it('names an edited entry as altered', async () => {
      await appendEntries(db(), 5);
      await db().updateTable('audit_log').set({ action: 'case.update' }).where('seq', '=', 3).execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 3, reason: 'altered' });
    });

    it('names a removed middle entry as a gap', async () => {
      await appendEntries(db(), 5);
      await db().deleteFrom('audit_log').where('seq', '=', 3).execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 3, reason: 'gap' });
    });

    it('names a removed first entry as a gap at 1', async () => {
      await appendEntries(db(), 3);
      await db().deleteFrom('audit_log').where('seq', '=', 1).execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 1, reason: 'gap' });
    });

    it('names two swapped entries as a broken link at the first of them', async () => {
      await appendEntries(db(), 5);
      const rows = await readLog(db());
      const [second, third] = [rows[1], rows[2]];
      if (second === undefined || third === undefined) throw new Error('expected five entries');
      const contents = ({ seq: _seq, ...rest }: typeof second) => rest;
      await db().updateTable('audit_log').set(contents(third)).where('seq', '=', 2).execute();
      await db().updateTable('audit_log').set(contents(second)).where('seq', '=', 3).execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 2, reason: 'broken_link' });
    });

    it('names an entry re-hashed after an edit by the broken link after it', async () => {
      await appendEntries(db(), 5);
      const row = (await readLog(db()))[2];
      if (row === undefined) throw new Error('expected five entries');
      const edited = { ...row, action: 'case.update' };
      await db()
        .updateTable('audit_log')
        .set({ action: edited.action, hash: auditEntryHash(edited) })
        .where('seq', '=', 3)
        .execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 4, reason: 'broken_link' });
    });

    it('names a first entry that does not start from the genesis hash', async () => {
      await appendEntries(db(), 2);
      await db()
        .updateTable('audit_log')
        .set({ prev_hash: 'f'.repeat(64) })
        .where('seq', '=', 1)
        .execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 1, reason: 'broken_link' });
    });

    it('names a cut-off tail, with the head left behind, as a head mismatch at the first missing entry', async () => {
      await appendEntries(db(), 5);
      await cutLogTail(db(), 4, false);
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 4, reason: 'head_mismatch' });
    });

    it('cannot see a cut-off tail when the head was moved to match (a checkpoint can)', async () => {
      await appendEntries(db(), 5);
      await cutLogTail(db(), 4, true);
      expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 3, headSeq: 3 });
    });

    it('names an edited head hash as a head mismatch at the last entry', async () => {
      await appendEntries(db(), 3);
      await db()
        .updateTable('audit_head')
        .set({ hash: 'a'.repeat(64) })
        .execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 3, reason: 'head_mismatch' });
    });

    it('names entries beyond a head moved back as a head mismatch', async () => {
      const rows = await appendEntries(db(), 4);
      await db()
        .updateTable('audit_head')
        .set({ seq: 2, hash: rows[1]?.hash ?? '' })
        .execute();
      expect(await verifyAuditLog(db())).toEqual({ ok: false, firstBadSeq: 3, reason: 'head_mismatch' });
    });

    it('reads the log page by page, across page boundaries', async () => {
      await appendEntries(db(), 7);
      expect(await verifyAuditLog(db(), 2)).toMatchObject({ ok: true, count: 7 });
      expect(await verifyAuditLog(db(), 7)).toMatchObject({ ok: true, count: 7 });
      await db().deleteFrom('audit_log').where('seq', '=', 5).execute();
      expect(await verifyAuditLog(db(), 2)).toEqual({ ok: false, firstBadSeq: 5, reason: 'gap' });
    });
  });

  if (dialect === 'postgres') {
    it('reads one snapshot: entries appended while it reads are not taken for damage', async () => {
      await appendEntries(db(), 3);
      const result = await readSnapshot(db(), async (trx) => {
        await trx.selectFrom('audit_head').select('seq').execute();
        await appendEntries(db(), 2);
        return verifyAuditLog(trx);
      });
      expect(result).toMatchObject({ ok: true, count: 3 });
      expect(await verifyAuditLog(db())).toMatchObject({ ok: true, count: 5 });
    });
  }
});
