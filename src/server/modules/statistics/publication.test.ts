import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedFigure, Snapshot } from '../../../shared/statistics.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { insertCase, insertRequest } from '../../../../test/statistics.js';

/*
 * Publications: 12 web-form requests from Buryatia, 9 of them consenting, and 3 phone requests, none
 * consenting. With k = 5 the public channel figure counts 9 (shown as 5) and never the phone requests.
 */

const figureOf = (snapshot: Snapshot, name: string): PublishedFigure => {
  const found = snapshot.figures.find((f) => f.figure === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
};
const cell = (figure: PublishedFigure, value: string | null) => figure.cells.find((c) => c.value === value);

describe.each(TEST_DIALECTS)('statistics publications on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let admin: Seeder['coordinatorCall'];
  let adminName: string;
  let anonymous: Seeder['coordinatorCall'];

  const addRequests = async (count: number, channel: string, consent: boolean) => {
    for (let i = 0; i < count; i += 1) {
      await insertRequest(t.database.handle.db, {
        at: '2026-11-02T10:00:00.000Z',
        channel,
        region: 'RU-BU',
        role: 'self',
        consent,
      });
    }
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    const adminUser = await seed.user('admin');
    admin = adminUser.call;
    adminName = adminUser.account.user.username;
    anonymous = (options) => t.app.inject(options);
    await addRequests(9, 'web_form', true);
    await addRequests(3, 'web_form', false);
    await addRequests(3, 'phone', false);
    // A case from no request has given no consent: never public.
    await insertCase(t.database.handle.db, seed.coordinator.user.id, {
      type: 'contract_termination',
      stage: 'closed',
      outcome: 'dismissed',
      region: 'RU-BU',
      groupSize: 40,
      openedAt: '2026-10-01T10:00:00.000Z',
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('shows an empty page and null JSON before anything is published, and refuses to publish nothing', async () => {
    const page = await anonymous({ method: 'GET', url: '/stats?lang=en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="stats-none"');
    expect((await anonymous({ method: 'GET', url: '/stats.json' })).json()).toEqual({ snapshot: null });
    const refused = await admin({ method: 'POST', url: '/api/statistics/snapshots' });
    expect(refused.statusCode).toBe(400);
    expect(await t.database.handle.db.selectFrom('statistics_snapshots').selectAll().execute()).toEqual([]);
  });

  it('previews and publishes the chosen figures from consenting records only, suppressed and rounded', async () => {
    const settings = { k: 5, figures: ['requests_by_channel', 'people_home_by_region', 'requests_by_region'] };
    const saved = await admin({ method: 'PUT', url: '/api/statistics/publication', payload: settings });
    expect(saved.statusCode, saved.body).toBe(200);
    // Kept in the fixed order of the figures.
    expect(saved.json()).toEqual({
      k: 5,
      figures: ['requests_by_channel', 'requests_by_region', 'people_home_by_region'],
    });
    const preview = (await admin({ method: 'GET', url: '/api/statistics/publication/preview' })).json<Snapshot>();
    expect(preview.id).toBeNull();
    const byChannel = figureOf(preview, 'requests_by_channel');
    // 9 consenting web-form requests: rounded down to 5; every other channel, phone too, below 5.
    expect(cell(byChannel, 'web_form')?.count ?? 'hidden').toBe('hidden');
    expect(byChannel.total).toEqual({ count: 5, suppressed: null });
    expect(cell(byChannel, 'phone')).toMatchObject({ count: null, suppressed: 'fewer_than_k', label: { en: 'Phone' } });
    // The 40 men of a case with no consent are not counted.
    expect(figureOf(preview, 'people_home_by_region').total).toEqual({ count: null, suppressed: 'fewer_than_k' });
    const published = await admin({ method: 'POST', url: '/api/statistics/snapshots' });
    expect(published.statusCode, published.body).toBe(201);
    const snapshot = published.json<Snapshot>();
    expect(snapshot.figures).toEqual(preview.figures);
    expect(snapshot.id).not.toBeNull();
  });

  it('keeps each snapshot as published while later ones follow, and the public page shows the latest', async () => {
    const first = (await admin({ method: 'GET', url: '/api/statistics/snapshots' })).json<{
      snapshots: { id: string }[];
    }>().snapshots[0];
    const before = (await admin({ method: 'GET', url: `/api/statistics/snapshots/${first?.id}` })).body;
    await addRequests(20, 'web_form', true);
    await admin({
      method: 'PUT',
      url: '/api/statistics/publication',
      payload: { k: 5, figures: ['requests_by_channel'] },
    });
    const second = (await admin({ method: 'POST', url: '/api/statistics/snapshots' })).json<Snapshot>();
    expect(figureOf(second, 'requests_by_channel').total).toEqual({ count: 25, suppressed: null });
    expect((await admin({ method: 'GET', url: `/api/statistics/snapshots/${first?.id}` })).body).toBe(before);
    const list = (await admin({ method: 'GET', url: '/api/statistics/snapshots' })).json<{
      snapshots: { id: string; publishedBy: string }[];
    }>();
    expect(list.snapshots.map((s) => s.id)).toEqual([second.id, first?.id]);
    // Who published, by name: never an id where a person reads.
    expect(list.snapshots.map((s) => s.publishedBy)).toEqual([adminName, adminName]);
    const json = (await anonymous({ method: 'GET', url: '/stats.json' })).json<{ snapshot: Snapshot }>();
    expect(json.snapshot).toEqual(second);
  });

  it('renders the page in Russian and English with an SVG chart and a table per figure, no script or inline style', async () => {
    const en = await anonymous({ method: 'GET', url: '/stats', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-security-policy']).not.toContain('unsafe');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Requests for help by channel');
    expect(en.body).toMatch(/<svg\s+class="chart"\s+role="img"/);
    expect(en.body).toContain('<table>');
    expect(en.body).toContain('fewer than 5');
    expect(en.body).toContain('data-testid="stats-as-of"');
    for (const forbidden of ['<script', 'style=', 'http://', 'https://']) expect(en.body).not.toContain(forbidden);
    const ru = await anonymous({ method: 'GET', url: '/stats?lang=ru' });
    expect(ru.body).toContain('<html lang="ru">');
    expect(ru.body).toContain('Обращения за помощью по каналам');
    expect(ru.body).toContain('меньше 5');
    const css = await anonymous({ method: 'GET', url: '/public/stats.css' });
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('publishes two snapshots at once one after the other, each suppressed against the one before', async () => {
    const answers = await Promise.all([
      admin({ method: 'POST', url: '/api/statistics/snapshots' }),
      admin({ method: 'POST', url: '/api/statistics/snapshots' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    const rows = await t.database.handle.db.selectFrom('statistics_snapshots').select('id').execute();
    expect(rows).toHaveLength(4);
    // The later of the two was suppressed against the earlier: consecutive places, the same figures.
    const [a, b] = answers.map((answer) => answer.json<Snapshot>());
    expect(a?.figures).toEqual(b?.figures);
  });

  it('refuses a k outside 2..100 and an unknown figure, writing nothing', async () => {
    for (const payload of [
      { k: 1, figures: [] },
      { k: 101, figures: [] },
      { k: 5, figures: ['names'] },
    ]) {
      const answer = await admin({ method: 'PUT', url: '/api/statistics/publication', payload });
      expect(answer.statusCode).toBe(400);
    }
    expect((await admin({ method: 'GET', url: '/api/statistics/publication' })).json()).toEqual({
      k: 5,
      figures: ['requests_by_channel'],
    });
  });
});
