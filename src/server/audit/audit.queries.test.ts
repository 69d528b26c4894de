import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEntries, steppingClock } from '../../../test/audit.js';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import type { AuditEntry } from './audit.js';
import { listAuditEntries, type AuditFilters } from './audit.queries.js';

/**
 * Ten entries, one a minute from 10:00: seq 1 at 10:00, seq 10 at 10:09. Some
 * actions are not in the shared list on purpose: they test the prefix filter's edges.
 */
const ENTRIES = [
  { actorId: 'u-anna', action: 'session.login', objectType: 'session', objectId: 's-1' },
  { actorId: 'u-anna', action: 'case.read', objectType: 'case', objectId: 'c-1' },
  { actorId: 'u-boris', action: 'session.login', objectType: 'session', objectId: 's-2', outcome: 'failure' },
  { actorId: 'u-boris', action: 'session.login', objectType: 'session', objectId: 's-3' },
  { actorId: 'u-boris', action: 'case.read', objectType: 'case', objectId: 'c-1', outcome: 'denied' },
  { actorId: 'u-anna', action: 'sessions.revoke_all', objectType: 'user', objectId: 'u-boris' },
  { actorId: 'u-gone', action: 'session_x.login', objectType: null, objectId: null },
  { actorId: null, action: 'intake.submit', objectType: 'intake', objectId: 'i-1' },
  { actorId: 'u-anna', action: 'session.logout', objectType: 'session', objectId: 's-1' },
  { actorId: 'u-anna', action: 'case.update', objectType: 'case', objectId: 'c-1' },
] as (Omit<Partial<AuditEntry>, 'action'> & { action: string })[] as Partial<AuditEntry>[];

describe.each(TEST_DIALECTS)('listing audit entries on %s', (dialect) => {
  let database: TestDatabase;
  const db = () => database.handle.db;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const now = '2026-12-01T09:00:00.000Z';
    await db()
      .insertInto('users')
      .values(
        ['anna', 'boris'].map((name) => ({
          id: `u-${name}`,
          username: name === 'anna' ? 'Anna' : 'Boris',
          username_key: name,
          role: 'caseworker' as const,
          password_hash: 'not-a-real-hash',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await appendEntries(db(), ENTRIES.length, {
      clock: steppingClock('2026-12-01T10:00:00.000Z', 60_000),
      entry: (i) => ENTRIES[i] ?? {},
    });
  });
  afterAll(() => database.cleanup());

  const seqs = async (filters: AuditFilters, limit = 200) =>
    (await listAuditEntries(db(), filters, { limit })).entries.map((e) => e.seq);

  it('lists newest first, with the username joined in and the stored fields as they are', async () => {
    const { entries, nextBefore } = await listAuditEntries(db(), {}, { limit: 200 });
    expect(entries.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(nextBefore).toBeNull();
    expect(entries[0]).toEqual({
      seq: 10,
      at: '2026-12-01T10:09:00.000Z',
      actorId: 'u-anna',
      actorUsername: 'Anna',
      action: 'case.update',
      objectType: 'case',
      objectId: 'c-1',
      // No case c-1 exists: nothing to name it by.
      objectLabel: null,
      outcome: 'success',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(entries.find((e) => e.seq === 8)).toMatchObject({ actorId: null, actorUsername: null });
    // An actor whose account no longer exists keeps its id; there is no name to show.
    expect(entries.find((e) => e.seq === 7)).toMatchObject({ actorId: 'u-gone', actorUsername: null });
  });

  it('pages backwards with nextBefore until the oldest entry', async () => {
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listAuditEntries(db(), {}, { before, limit: 4 });
      pages.push(page.entries.map((e) => e.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(pages).toEqual([
      [10, 9, 8, 7],
      [6, 5, 4, 3],
      [2, 1],
    ]);
  });

  it('ends on a full last page with nextBefore null', async () => {
    expect(await listAuditEntries(db(), {}, { before: 6, limit: 5 })).toMatchObject({ nextBefore: null });
  });

  it('filters by an exact action', async () => {
    expect(await seqs({ action: 'session.login' })).toEqual([4, 3, 1]);
  });

  it('filters by an action prefix ending in a dot, without matching look-alikes', async () => {
    expect(await seqs({ action: 'session.' })).toEqual([9, 4, 3, 1]);
  });

  it('filters by actor, object and outcome, combined', async () => {
    expect(await seqs({ actorId: 'u-boris' })).toEqual([5, 4, 3]);
    expect(await seqs({ objectType: 'case', objectId: 'c-1' })).toEqual([10, 5, 2]);
    expect(await seqs({ outcome: 'denied' })).toEqual([5]);
    expect(await seqs({ actorId: 'u-boris', action: 'session.', outcome: 'success' })).toEqual([4]);
  });

  it('filters by time, from inclusive to exclusive, whatever the ISO form of the bounds', async () => {
    expect(await seqs({ from: '2026-12-01T10:02:00.000Z', to: '2026-12-01T10:05:00.000Z' })).toEqual([5, 4, 3]);
    expect(await seqs({ from: '2026-12-01T10:02:00Z', to: '2026-12-01T12:05:00+02:00' })).toEqual([5, 4, 3]);
  });

  it('pages within a filter', async () => {
    const first = await listAuditEntries(db(), { actorId: 'u-anna' }, { limit: 2 });
    expect(first.entries.map((e) => e.seq)).toEqual([10, 9]);
    const second = await listAuditEntries(db(), { actorId: 'u-anna' }, { before: first.nextBefore ?? 0, limit: 2 });
    expect(second.entries.map((e) => e.seq)).toEqual([6, 2]);
    expect(second.nextBefore).toBe(2);
  });

  it.each([0, 201, 1.5])('refuses a page limit of %s', async (limit) => {
    await expect(listAuditEntries(db(), {}, { limit })).rejects.toThrow('limit must be a whole number from 1 to 200');
  });

  it('refuses a time bound that is not a time', async () => {
    await expect(listAuditEntries(db(), { from: 'yesterday' }, { limit: 10 })).rejects.toThrow(
      'from is not an ISO 8601 time',
    );
  });
});
