import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { markerHits, pgDump, sqliteFiles } from '../../../test/markers.js';
import { buildSeeder, type Seeder } from '../../../test/seed.js';
import type { Snapshot } from '../../shared/statistics.schema.js';
import { DEMO_INCOMPLETE_SETTING, DEMO_SETTING, DemoRefusal, fillDemo, type DemoResult } from './fill.js';
import { demoCounts, demoPlan } from './plan.js';
import { SEARCH_INDEX_VERSION, indexVersion } from '../search/reindex.js';

const END = new Date('2026-11-20T12:00:00.000Z');
const count = async (t: TestApp, table: 'intake_requests' | 'cases' | 'incidents' | 'sources' | 'people') =>
  Number(
    (
      await t.database.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(TEST_DIALECTS)('homeward demo on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let result: DemoResult;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    result = await fillDemo(t.database.handle.db, t.keyring, { seed: 7, scale: 0.05, end: END });
    seed = await buildSeeder(t, clock);
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
  });

  it('writes the documented counts at --scale 0.05, exactly', async () => {
    const documented = { requests: 28, cases: 9, outcomes: 5, incidents: 22, sources: 3 };
    expect(result.counts).toMatchObject({ ...documented, menHomeBuryatia: 8, menHomeElsewhere: 15 });
    expect(demoCounts(demoPlan(0.05))).toEqual(result.counts);
    const db = t.database.handle.db;
    expect(await count(t, 'intake_requests')).toBe(documented.requests);
    expect(await count(t, 'cases')).toBe(documented.cases);
    expect(await count(t, 'incidents')).toBe(documented.incidents);
    expect(await count(t, 'sources')).toBe(documented.sources);
    const statuses = await db.selectFrom('intake_requests').select(['status']).execute();
    const byStatus = Object.fromEntries(
      ['opened', 'attached', 'declined', 'in_triage', 'new'].map((s) => [
        s,
        statuses.filter((r) => r.status === s).length,
      ]),
    );
    expect(byStatus).toEqual({ opened: 9, attached: 12, declined: 3, in_triage: 1, new: 3 });
    const cases = await db.selectFrom('cases').select(['outcome', 'region', 'group_size']).execute();
    const home = cases.filter((c) => c.outcome !== null && !c.outcome.startsWith('court'));
    expect(cases.filter((c) => c.outcome !== null)).toHaveLength(documented.outcomes);
    expect(home.filter((c) => c.region === 'RU-BU').reduce((sum, c) => sum + c.group_size, 0)).toBe(8);
    expect(home.filter((c) => c.region !== 'RU-BU').reduce((sum, c) => sum + c.group_size, 0)).toBe(15);
    const marker = await db.selectFrom('settings').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
    expect(JSON.parse(marker?.value ?? '{}')).toEqual({ seed: 7, scale: 0.05, end: END.toISOString() });
    // Indexed by this version: the first `serve` does not index it all again.
    expect(await indexVersion(db)).toBe(SEARCH_INDEX_VERSION);
  });

  it('prints passwords the demo accounts sign in with, each to set up its authenticator app first', async () => {
    for (const account of result.accounts) {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-homeward-request': '1' },
        payload: { username: account.username, password: account.password },
      });
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json()).toMatchObject({
        user: { username: account.username, role: account.role },
        enrolmentRequired: true,
      });
    }
  });

  it('says so in GET /api/health, for the banner of the web app', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', demo: true });
  });

  it('marks every case as demo, and a coordinator finds a demo person by name through the search', async () => {
    const list = await seed.coordinatorCall({ method: 'GET', url: '/api/cases?limit=100' });
    expect(list.statusCode, list.body).toBe(200);
    const titles = list.json<{ cases: { title: string }[] }>().cases.map((c) => c.title);
    expect(titles).toHaveLength(9);
    for (const title of titles) expect(title).toMatch(/^\[демо\] /);
    const person = await t.database.handle.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    const read = await seed.coordinatorCall({ method: 'GET', url: `/api/people/${person.id}` });
    expect(read.statusCode, read.body).toBe(200);
    const family = read.json<{ nameCyrillic: { family: string } }>().nameCyrillic.family;
    const found = await seed.coordinatorCall({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent(family)}&types=person&limit=100`,
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<{ results: { id: string }[] }>().results.map((r) => r.id)).toContain(person.id);
  });

  it('leaves no demo name, title or contact readable in the database files', async () => {
    const db = t.database.handle.db;
    const markers = new Set<string>();
    for (const { id } of await db.selectFrom('people').select('id').execute()) {
      const read = await seed.coordinatorCall({ method: 'GET', url: `/api/people/${id}` });
      const person = read.json<{
        nameCyrillic: { family: string; given: string; patronymic: string };
        nameLatin: { family: string };
      }>();
      markers.add(`${person.nameCyrillic.family} ${person.nameCyrillic.given}`);
      markers.add(person.nameCyrillic.patronymic);
      markers.add(person.nameLatin.family);
    }
    expect(markers.size).toBeGreaterThan(10);
    markers.add('Группа из Бурятии удерживается в Перевальске');
    markers.add('Демо-вестник');
    markers.add('example.org/demo/perevalsk');
    const files =
      dialect === 'sqlite'
        ? sqliteFiles(t.database.dataDir)
        : [{ name: 'pg_dump', bytes: pgDump(TEST_DATABASE_URL ?? '', t.database.handle.schema ?? '') }];
    expect(markerHits(files, [...markers])).toEqual([]);
  });

  it('publishes one snapshot as demo-admin (audited), and /stats.json shows its figures suppressed at k = 5', async () => {
    const db = t.database.handle.db;
    const snapshots = await db.selectFrom('statistics_snapshots').select(['id', 'published_by', 'k']).execute();
    expect(snapshots).toHaveLength(1);
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'demo-admin')
      .executeTakeFirstOrThrow();
    expect(snapshots[0]).toMatchObject({ published_by: admin.id, k: 5 });
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'object_id'])
      .where('action', 'in', ['statistics.settings', 'statistics.publish'])
      .orderBy('seq')
      .execute();
    expect(audited).toEqual([
      { action: 'statistics.settings', actor_id: admin.id, object_id: null },
      { action: 'statistics.publish', actor_id: admin.id, object_id: snapshots[0]?.id },
    ]);
    const json = await t.app.inject({ method: 'GET', url: '/stats.json' });
    expect(json.statusCode).toBe(200);
    const snapshot = json.json<{ snapshot: Snapshot }>().snapshot;
    expect(snapshot.asOf).toBe(END.toISOString().slice(0, 10));
    const published = snapshot.figures.filter((f) => f.status === 'published');
    expect(published.map((f) => f.figure)).toContain('requests_by_region');
    // Suppression applied: every number a multiple of k, every small cell suppressed, and some shown.
    const counts = published.flatMap((f) => [f.total, ...f.cells]);
    for (const c of counts) {
      if (c.count === null) expect(c.suppressed).not.toBeNull();
      else expect(c.count % 5).toBe(0);
    }
    expect(counts.filter((c) => c.count !== null && c.count > 0).length).toBeGreaterThan(3);
    expect(counts.some((c) => c.suppressed === 'fewer_than_k')).toBe(true);
    // The documentation incidents: some act types are shown as counts, not only as "fewer than k".
    const acts = published.find((f) => f.figure === 'acts_by_type');
    expect(acts?.cells.filter((c) => c.count !== null && c.count >= 5).length).toBeGreaterThan(0);
    // The requests counted are those that consented (about 4 in 5): fewer than all 28, rounded to 5.
    const byRegion = published.find((f) => f.figure === 'requests_by_region');
    expect(byRegion?.total.count).toBeLessThanOrEqual(28);
    const page = await t.app.inject({ method: 'GET', url: '/stats?lang=en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
  });

  it('refuses a second run: the installation holds the demo already', async () => {
    const again = fillDemo(t.database.handle.db, t.keyring, { seed: 7, scale: 0.05, end: END });
    await expect(again).rejects.toThrow(DemoRefusal);
    await expect(again).rejects.toThrow(/holds the demo dataset already/);
    expect(await count(t, 'cases')).toBe(9);
  });
});

describe.each(TEST_DIALECTS)('homeward demo beside real records on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('refuses an installation with only an account, then with a real case, naming what is there, and writes nothing', async () => {
    const db = t.database.handle.db;
    const seed = await buildSeeder(t, clock);
    const settingsBefore = await db.selectFrom('settings').selectAll().orderBy('key').execute();
    const peopleBefore = await count(t, 'people');
    await expect(fillDemo(db, t.keyring, { seed: 1, scale: 0.01, end: END })).rejects.toThrow(
      /^This installation is not empty \(0 cases, 0 requests, 0 people, 0 incidents, 0 sources, \d+ accounts\): the demo fills only an empty one.*--data-dir/,
    );
    await seed.case({ title: 'A real case' });
    const refused = fillDemo(db, t.keyring, { seed: 1, scale: 0.01, end: END });
    await expect(refused).rejects.toThrow(DemoRefusal);
    await expect(refused).rejects.toThrow(/\(1 cases, 0 requests, 0 people, 0 incidents, 0 sources, \d+ accounts\)/);
    expect(await count(t, 'cases')).toBe(1);
    expect(await count(t, 'people')).toBe(peopleBefore);
    expect(await db.selectFrom('users').select('id').where('username', 'like', 'demo-%').execute()).toEqual([]);
    expect(await db.selectFrom('statistics_snapshots').select('id').execute()).toEqual([]);
    const settingsAfter = await db.selectFrom('settings').selectAll().orderBy('key').execute();
    expect(settingsAfter).toEqual(settingsBefore);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ demo: false });
  });
});

describe.each(TEST_DIALECTS)('homeward demo that stops part way on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('leaves no demo marker and no publication, says the installation holds part of a demo, and a rerun refuses it', async () => {
    const db = t.database.handle.db;
    let lines = 0;
    // The fill fails after its accounts and some storylines are written (the third progress line throws).
    const failing = fillDemo(db, t.keyring, {
      seed: 1,
      scale: 0.01,
      end: END,
      progress: (line) => {
        if (line.includes('%') && (lines += 1) === 3) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow(DemoRefusal);
    await expect(failing).rejects.toThrow(
      /^The demo stopped part way \(disk full\): this installation now holds part of the demo dataset, marked as incomplete/,
    );
    expect(await count(t, 'intake_requests')).toBeGreaterThan(0);
    const markers = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'demo%').execute();
    expect(markers).toEqual([
      { key: DEMO_INCOMPLETE_SETTING, value: JSON.stringify({ seed: 1, scale: 0.01, end: END.toISOString() }) },
    ]);
    expect(await db.selectFrom('statistics_snapshots').select('id').execute()).toEqual([]);
    // The invented records are there, so the banner says so.
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ demo: true });
    const again = fillDemo(db, t.keyring, { seed: 1, scale: 0.01, end: END });
    await expect(again).rejects.toThrow(/^A demo run on this installation stopped part way \(\{"seed":1,/);
    expect(await db.selectFrom('settings').select('key').where('key', '=', DEMO_SETTING).execute()).toEqual([]);
  }, 120_000);
});
