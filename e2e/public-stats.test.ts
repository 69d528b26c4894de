import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../src/shared/statistics.schema.js';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * The publication of statistics in Chromium: an administrator chooses figures
 * and k, previews and publishes on /admin/publication; /stats, with
 * JavaScript off, shows the latest snapshot in Russian and English as SVG
 * charts with tables, asks for nothing but its own origin, and agrees with
 * /stats.json. Requests arrive through the intake API with consent to be
 * counted: 6 from Buryatia and 2 from Moscow, so Moscow's cell is below k = 5.
 */
describe('public statistics and their publication', () => {
  let e2e: E2eContext;
  let admin: E2eAccount;
  let coordinator: E2eAccount;
  let adminPage: Page;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2e();
    admin = await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'e2e-coordinator');
    adminPage = await e2e.newPage({ account: admin });
    const created = await adminPage.context().request.post(`${e2e.server.url}/api/api-tokens`, {
      headers: { 'x-homeward-request': '1' },
      data: { label: 'Statistics bot' },
    });
    expect(created.status()).toBe(201);
    token = ((await created.json()) as { token: string }).token;
  }, 60_000);
  afterAll(async () => {
    await e2e.close();
  });

  const addRequests = async (count: number, region: string) => {
    for (let i = 0; i < count; i += 1) {
      const answer = await fetch(`${e2e.server.url}/api/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          channel: 'chat_bot',
          handle: 'Вымышленный заявитель',
          requesterRole: 'self',
          groupSize: 1,
          region,
          text: 'Прошу помочь с возвращением домой (вымышленное обращение)',
          consentDocumentation: true,
          consentStatistics: true,
        }),
      });
      expect(answer.status, await answer.clone().text()).toBe(201);
    }
  };

  const publicJson = async () =>
    ((await (await fetch(`${e2e.server.url}/stats.json`)).json()) as { snapshot: Snapshot | null }).snapshot;

  /** /stats with JavaScript off, in `lang`: the page, its HTML as served, and every URL it asked for. */
  const openStats = async (lang: 'ru' | 'en') => {
    const page = await e2e.newPage({ javaScriptEnabled: false });
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    const response = await page.goto(`${e2e.server.url}/stats?lang=${lang}`);
    const body = (await response?.text()) ?? '';
    await page.waitForLoadState('load');
    const origin = new URL(e2e.server.url).origin;
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(new URL(url).origin, url).toBe(origin);
    expect(body).not.toMatch(/<script/i);
    return { page, body };
  };

  it('says nothing is published before the first publication, in both languages', async () => {
    expect(await publicJson()).toBeNull();
    for (const [lang, words] of [
      ['en', 'No statistics have been published yet.'],
      ['ru', 'Статистика пока не опубликована.'],
    ] as const) {
      const { page } = await openStats(lang);
      expect(await page.getByTestId('stats-none').textContent()).toContain(words);
      expect(await page.locator('svg').count()).toBe(0);
      await page.context().close();
    }
  });

  it('refuses a coordinator the publication page and shows no entry for it', async () => {
    const page = await e2e.newPage({ account: coordinator });
    expect(await page.getByTestId('nav-publication').count()).toBe(0);
    await page.goto(`${e2e.server.url}/admin/publication`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('publication-figure').count()).toBe(0);
    await page.context().close();
  });

  it('lets the administrator choose figures and k, refusing k out of range, then preview and publish', async () => {
    await addRequests(6, 'RU-BU');
    await addRequests(2, 'RU-MOW');
    await adminPage.getByTestId('nav-publication').click();
    await adminPage.locator('[data-figure="requests_by_region"]').check();
    await adminPage.locator('[data-figure="requests_by_channel"]').check();
    for (const [k, words] of [
      ['1', 'Too small: at least 2.'],
      ['101', 'Too large: at most 100.'],
    ] as const) {
      await adminPage.getByTestId('publication-k').fill(k);
      await adminPage.getByTestId('publication-save').click();
      await adminPage.getByTestId('publication-error').waitFor();
      expect(await adminPage.locator('#publication-k-error').textContent()).toBe(words);
    }
    // Nothing was saved by the refusals.
    const stored = await adminPage.context().request.get(`${e2e.server.url}/api/statistics/publication`);
    expect(await stored.json()).toEqual({ k: 5, figures: [] });

    await adminPage.getByTestId('publication-k').fill('5');
    await adminPage.getByTestId('publication-save').click();
    await adminPage.getByTestId('publication-notice').waitFor();
    await adminPage.getByTestId('publication-preview-button').click();
    const preview = adminPage.getByTestId('preview-requests_by_region');
    await preview.waitFor();
    expect(await preview.locator('h3').textContent()).toBe('Requests for help by region');
    expect(await preview.textContent()).toContain('fewer than 5');
    expect(await adminPage.getByTestId('snapshots-empty').count()).toBe(1);

    await adminPage.getByTestId('publication-publish').click();
    await adminPage.getByTestId('confirm-yes').click();
    await adminPage.getByTestId('snapshot-row').waitFor();
    expect(await adminPage.getByTestId('snapshot-by').allTextContents()).toEqual([admin.username]);
    expect(await adminPage.getByTestId('publication-preview').count()).toBe(0);
  });

  it('shows the published figures on /stats with JavaScript off, in Russian and English, as /stats.json has them', async () => {
    const snapshot = await publicJson();
    expect(snapshot?.figures.map((f) => f.figure)).toEqual(['requests_by_channel', 'requests_by_region']);
    for (const [lang, fewer, asOf, title] of [
      ['en', 'fewer than 5', 'Figures as of', 'Requests for help by region'],
      ['ru', 'меньше 5', 'Данные на', 'Обращения за помощью по регионам'],
    ] as const) {
      const { page } = await openStats(lang);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.getByTestId('stats-as-of').textContent()).toContain(asOf);
      const section = page.getByTestId('figure-requests_by_region');
      expect(await section.locator('h2').textContent()).toBe(title);
      expect(await section.locator('svg.chart rect').count()).toBeGreaterThan(0);
      expect(await section.textContent()).toContain(fewer);
      // Every figure's table holds the JSON's counts, cell by cell, and its total.
      for (const figure of snapshot?.figures ?? []) {
        const cells = await page.locator(`[data-testid="figure-${figure.figure}"] table td`).allTextContents();
        const words = [...figure.cells, figure.total].map((cell) => {
          if (cell.count !== null) return cell.count.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
          return cell.suppressed === 'fewer_than_k' ? fewer : lang === 'ru' ? 'скрыто' : 'hidden';
        });
        expect(cells.map((c) => c.trim())).toEqual(words);
      }
      const moscow = snapshot?.figures
        .find((f) => f.figure === 'requests_by_region')
        ?.cells.find((c) => c.value === 'RU-MOW');
      expect(moscow).toMatchObject({ count: null, suppressed: 'fewer_than_k' });
      // The language link leads to the other language's page.
      expect(await page.locator('a.lang').getAttribute('href')).toBe(`/stats?lang=${lang === 'ru' ? 'en' : 'ru'}`);
      await page.context().close();
    }
  });

  it('keeps an older snapshot as it was published after new records and a second publication', async () => {
    const first = await publicJson();
    if (first?.id === null || first === null) throw new Error('no first snapshot');
    await addRequests(10, 'RU-BU');
    await adminPage.reload();
    await adminPage.getByTestId('publication-preview-button').click();
    await adminPage.getByTestId('publication-preview').waitFor();
    await adminPage.getByTestId('publication-publish').click();
    await adminPage.getByTestId('confirm-yes').click();
    await expect.poll(() => adminPage.getByTestId('snapshot-row').count()).toBe(2);

    const second = await publicJson();
    expect(second?.id).not.toBe(first.id);
    // 8 then 18 counted requests, rounded down to a multiple of k; Buryatia's cell hidden beside Moscow's small one.
    const region = (snapshot: Snapshot | null) => snapshot?.figures.find((f) => f.figure === 'requests_by_region');
    expect(region(first)?.total).toEqual({ count: 5, suppressed: null });
    expect(region(second)?.total).toEqual({ count: 15, suppressed: null });
    expect(region(second)?.cells.find((c) => c.value === 'RU-BU')).toMatchObject({ count: null, suppressed: 'hidden' });
    const old = await adminPage.context().request.get(`${e2e.server.url}/api/statistics/snapshots/${first.id}`);
    expect(await old.json()).toEqual(first);

    const { page } = await openStats('en');
    const total = page.getByTestId('figure-requests_by_region').locator('tfoot td');
    expect(await total.textContent()).toBe('15');
    await page.context().close();
  });
});
