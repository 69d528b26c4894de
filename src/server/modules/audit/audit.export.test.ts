import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, signIn } from '../../../../test/accounts.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';
import { isAuditAction } from '../../../shared/audit-actions.js';
import type { AuditPage } from '../../../shared/audit.schema.js';
import { csvCell } from './audit.csv.js';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+7 900', "'+7 900"],
    ['-2.3', "'-2.3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['session.login', 'session.login'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe.each(TEST_DIALECTS)('the audit log download on %s', (dialect) => {
  let world: PeopleWorld;
  let caseId: string;
  let personId: string;
  let caseNumber: string;

  const admin = () => {
    const found = world.users.admin;
    if (found === undefined) throw new Error('admin');
    return found.call;
  };
  const rows = (body: string) =>
    body
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, { admin: 'admin', coordinator: 'coordinator' });
    caseId = await world.makeCase([]);
    caseNumber = (
      await world.database.handle.db
        .selectFrom('cases')
        .select('number')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).number;
    const coordinator = world.users.coordinator?.call;
    const added = await coordinator?.({
      method: 'POST',
      url: `/api/cases/${caseId}/people`,
      payload: { role: 'serviceman', isSpokesperson: false, person: { nameLatin: { family: 'Dorzhiev' } } },
    });
    personId = added?.json<{ personId: string }>().personId ?? '';
    await coordinator?.({ method: 'GET', url: `/api/people/${personId}` });
    // A username a spreadsheet would read as a formula.
    const formula = await buildUser(world.database.handle.db, world.keyring, 'caseworker', world.clock, {
      username: '-2.3',
    });
    await signIn(world.app, formula, world.clock);
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('downloads the entries the filters match as CSV, newest first, with case numbers, and records it', async () => {
    const response = await admin()({ method: 'GET', url: '/api/audit/export?action=person.' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
    const [header, ...lines] = rows(response.body);
    expect(header).toEqual([
      'seq',
      'at',
      'actor_id',
      'actor_username',
      'action',
      'object_type',
      'object_id',
      'object_label',
      'outcome',
      'hash',
    ]);
    expect(lines.map((line) => line[4])).toEqual(['person.read', 'person.link', 'person.create']);
    expect(lines[1]?.slice(5, 8)).toEqual(['case', caseId, caseNumber]);
    expect(lines[0]?.slice(5, 7)).toEqual(['person', personId]);
    const seqs = lines.map((line) => Number(line[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const recorded = await admin()({ method: 'GET', url: '/api/audit?action=audit.export' });
    expect(recorded.json<AuditPage>().entries).toHaveLength(1);
  });

  it('applies the same filters as the list, and neutralizes a formula in a cell', async () => {
    const list = await admin()({ method: 'GET', url: `/api/audit?objectType=session&limit=200` });
    const csv = await admin()({ method: 'GET', url: '/api/audit/export?objectType=session' });
    const entries = list.json<AuditPage>().entries;
    const lines = rows(csv.body).slice(1);
    expect(lines.map((line) => Number(line[0]))).toEqual(entries.map((entry) => entry.seq));
    expect(lines.map((line) => line[3])).toContain("'-2.3");
    expect(csv.body).not.toMatch(/(^|,)-2\.3/m);
  });

  it('answers a bad filter with the field named, as the list does', async () => {
    const response = await admin()({ method: 'GET', url: '/api/audit/export?from=yesterday' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([
      'query.from',
    ]);
  });

  it('refuses the download to a coordinator, recording only the refusal', async () => {
    const db = world.database.handle.db;
    const last = async () => (await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    const before = await last();
    const response = await world.users.coordinator?.call({ method: 'GET', url: '/api/audit/export' });
    expect(response?.statusCode).toBe(403);
    const added = await db.selectFrom('audit_log').select(['action', 'outcome']).where('seq', '>', before).execute();
    expect(added).toEqual([{ action: 'audit.read', outcome: 'denied' }]);
  });

  it('lists entries whose actions are all in the shared list, with case numbers and usernames as labels', async () => {
    const response = await admin()({ method: 'GET', url: '/api/audit?limit=200' });
    const entries = response.json<AuditPage>().entries;
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.filter((entry) => !isAuditAction(entry.action))).toEqual([]);
    const link = entries.find((entry) => entry.action === 'person.link');
    expect(link).toMatchObject({ objectType: 'case', objectLabel: caseNumber, objectOpen: false });
    const created = entries.find((entry) => entry.action === 'user.create' && entry.objectLabel === '-2.3');
    expect(created).toMatchObject({ objectType: 'user', objectOpen: true });
  });

  it('opens a case object to an administrator holding break-glass on it', async () => {
    const opened = await admin()({
      method: 'POST',
      url: '/api/break-glass',
      payload: { case: caseNumber, reason: 'legal_emergency', minutes: 30 },
    });
    expect(opened.statusCode).toBe(201);
    const response = await admin()({ method: 'GET', url: `/api/audit?objectId=${caseId}&action=person.link` });
    expect(response.json<AuditPage>().entries[0]).toMatchObject({ objectLabel: caseNumber, objectOpen: true });
  });
});
