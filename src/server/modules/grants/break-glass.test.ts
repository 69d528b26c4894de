import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { createTestDatabase, TEST_DIALECTS } from '../../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../../test/environment.js';
import { filesBelow, markerHits, pgDump } from '../../../../test/markers.js';
import type { DialectName } from '../../db/dialect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { migrations } from '../../db/migrations/index.js';

type Call = ReturnType<typeof as>;

const NOTE_MARKER = 'Маркер-Заметки-bgq7';
const OLD_REASON_MARKER = 'Старая-Причина-Шишкин-kx3';

/** What an attacker with the database's files (SQLite file and WAL) or a dump of it reads. */
function rawSources(dialect: DialectName, t: { dataDir: string; schema: string | undefined }) {
  if (dialect === 'postgres') return [{ name: 'pg_dump', bytes: pgDump(TEST_DATABASE_URL ?? '', t.schema ?? '') }];
  return filesBelow(t.dataDir)
    .filter((file) => file.includes('homeward.sqlite'))
    .map((file) => ({ name: path.basename(file), bytes: fs.readFileSync(file) }));
}

async function columnsOf(t: TestApp | Awaited<ReturnType<typeof createTestDatabase>>, table: string) {
  const database = 'database' in t ? t.database : t;
  const db = database.handle.db;
  if (database.handle.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = ${database.handle.schema ?? 'public'} and table_name = ${table}`.execute(db);
  return rows.rows.map((r) => r.column_name);
}

describe.each(TEST_DIALECTS)('break-glass on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let admin: Call;
  let coordinator: Call;
  let caseA: { id: string; number: string };
  let caseB: { id: string; number: string };

  const openCase = async () => {
    const created = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: 'Break-glass test case' },
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string; number: string }>();
  };
  const rows = () => t.database.handle.db.selectFrom('break_glass').selectAll().execute();
  const audits = () => t.database.handle.db.selectFrom('audit_log').select('seq').execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const db = t.database.handle.db;
    admin = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'admin', clock), clock));
    coordinator = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'coordinator', clock), clock));
    caseA = await openCase();
    caseB = await openCase();
  });
  afterAll(() => t.cleanup());

  it('opens a case by its number with a reason code and a sealed note, and then the case reads', async () => {
    expect((await admin({ method: 'GET', url: `/api/cases/${caseA.id}` })).statusCode).toBe(404);
    const opened = await admin({
      method: 'POST',
      url: '/api/break-glass',
      payload: { case: caseA.number, reason: 'caseworker_unreachable', note: NOTE_MARKER, minutes: 30 },
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ caseId: caseA.id, caseNumber: caseA.number });
    expect((await admin({ method: 'GET', url: `/api/cases/${caseA.id}` })).statusCode).toBe(200);

    const byId = await admin({
      method: 'POST',
      url: '/api/break-glass',
      payload: { case: caseB.id, reason: 'audit_review', minutes: 5 },
    });
    expect(byId.statusCode).toBe(201);
    expect(byId.json()).toMatchObject({ caseId: caseB.id, caseNumber: caseB.number });

    const stored = (await rows()).find((r) => r.case_id === caseA.id);
    expect(stored?.reason_code).toBe('caseworker_unreachable');
    expect(Buffer.from(stored?.note_sealed ?? Buffer.alloc(0)).includes(Buffer.from(NOTE_MARKER))).toBe(false);

    for (const call of [admin, coordinator]) {
      const list = await call({ method: 'GET', url: '/api/break-glass' });
      expect(list.statusCode).toBe(200);
      const grants = list.json<{ grants: Record<string, unknown>[] }>().grants;
      expect(grants.find((g) => g.caseId === caseA.id)).toMatchObject({
        caseNumber: caseA.number,
        reason: 'caseworker_unreachable',
        note: NOTE_MARKER,
        active: true,
      });
      expect(grants.find((g) => g.caseId === caseB.id)).toMatchObject({ reason: 'audit_review', note: null });
    }
  });

  it('keeps the note off the disk: not in the SQLite file or its WAL, nor in a dump', async () => {
    expect((await rows()).length).toBeGreaterThan(0);
    expect(
      markerHits(rawSources(dialect, { dataDir: t.database.dataDir, schema: t.database.handle.schema }), [NOTE_MARKER]),
    ).toEqual([]);
    expect(await columnsOf(t, 'break_glass')).not.toContain('reason');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const beforeRows = (await rows()).length;
    const beforeAudit = (await audits()).length;
    for (const [payload, field, status] of [
      [{ case: caseA.number, reason: 'because', minutes: 30 }, 'reason', 400],
      [{ case: caseA.number, reason: 'Шишкин lost his lawyer', minutes: 30 }, 'reason', 400],
      [{ case: 'Шишкин', reason: 'legal_emergency', minutes: 30 }, 'case', 400],
      [{ case: caseA.number, reason: 'other', minutes: 30 }, 'note', 400],
      [{ case: caseA.number, reason: 'other', note: 'short', minutes: 30 }, 'note', 400],
      [{ case: caseA.number, reason: 'legal_emergency', note: 'x'.repeat(501), minutes: 30 }, 'note', 400],
      [{ case: caseA.number, reason: 'legal_emergency', minutes: 1 }, 'minutes', 400],
      [{ case: '1999-9999', reason: 'legal_emergency', minutes: 30 }, 'case', 404],
      [{ case: crypto.randomUUID(), reason: 'legal_emergency', minutes: 30 }, 'case', 404],
    ] as const) {
      const response = await admin({ method: 'POST', url: '/api/break-glass', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      const error = response.json<{ error: { code: string; fields?: { path: string; reason: string }[] } }>().error;
      expect(error.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'NOT_FOUND');
      expect(error.fields?.map((f) => f.path)).toContain(field);
      // An unknown case is named with a reason the web app words in both languages.
      if (status === 404)
        expect(error.fields).toEqual([expect.objectContaining({ path: 'case', reason: 'not_found' })]);
    }
    expect((await rows()).length).toBe(beforeRows);
    expect((await audits()).length).toBe(beforeAudit);
    const other = await admin({
      method: 'POST',
      url: '/api/break-glass',
      payload: { case: caseB.number, reason: 'other', note: 'Court order arrived by fax', minutes: 10 },
    });
    expect(other.statusCode).toBe(201);
  });

  it('ends a grant, after which the case no longer reads', async () => {
    const list = (await admin({ method: 'GET', url: '/api/break-glass' })).json<{
      grants: { id: string; caseId: string; active: boolean }[];
    }>();
    const active = list.grants.filter((g) => g.caseId === caseA.id && g.active);
    for (const grant of active) {
      expect((await admin({ method: 'DELETE', url: `/api/break-glass/${grant.id}` })).statusCode).toBe(204);
    }
    expect((await admin({ method: 'GET', url: `/api/cases/${caseA.id}` })).statusCode).toBe(404);
  });
});

describe.each(TEST_DIALECTS)('the break-glass reason migration on %s', (dialect) => {
  it('erases the old free-text reasons: old grants read as "other" and the text is off the disk', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    try {
      const db = database.handle.db;
      const names = Object.keys(migrations).sort();
      const before = names[names.indexOf('2026-12-01T0400_break_glass_reason') - 1] ?? '';
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
        ...(database.handle.schema === undefined ? {} : { migrationTableSchema: database.handle.schema }),
      });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const at = '2026-11-30T10:00:00.000Z';
      await sql`insert into users (id, username, username_key, role, password_hash, created_at, updated_at)
        values ('00000000-0000-4000-8000-000000000001', 'old', 'old', 'admin', 'x', ${at}, ${at})`.execute(db);
      await sql`insert into break_glass (id, user_id, case_id, reason, created_at, expires_at)
        values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',
          '00000000-0000-4000-8000-000000000003', ${OLD_REASON_MARKER}, ${at}, ${at})`.execute(db);
      expect(
        markerHits(rawSources(dialect, { dataDir: database.dataDir, schema: database.handle.schema }), [
          OLD_REASON_MARKER,
        ]).length,
      ).toBeGreaterThan(0);

      await migrateToLatest(db, database.handle.schema);
      expect(await columnsOf(database, 'break_glass')).not.toContain('reason');
      expect(await db.selectFrom('break_glass').select(['reason_code', 'note_sealed']).execute()).toEqual([
        { reason_code: 'other', note_sealed: null },
      ]);
      if (dialect === 'sqlite') {
        expect(
          markerHits(rawSources(dialect, { dataDir: database.dataDir, schema: undefined }), [OLD_REASON_MARKER]),
        ).toEqual([]);
      } else {
        // A dump shows what the live tables hold; dead row versions are the vacuum's (docs/SECURITY.md).
        expect(
          markerHits(rawSources(dialect, { dataDir: database.dataDir, schema: database.handle.schema }), [
            OLD_REASON_MARKER,
          ]),
        ).toEqual([]);
      }
    } finally {
      await database.cleanup();
    }
  });
});
