import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * The staff statistics dashboard in Chromium (SQLite: the e2e harness runs one
 * database; the figures' counting is checked on both in the server's tests).
 */
describe('the statistics dashboard in Chromium', () => {
  let e2e: E2eContext;
  let analyst: E2eAccount;
  let caseworker: E2eAccount;

  /** A request through the public form, as a requester sends it. */
  const request = async (region: string, handle: string): Promise<void> => {
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    await page.locator('#f-handle').fill(handle);
    await page.locator('#f-contact').fill(`signal: ${handle}`);
    await page.locator('#f-requesterRole').selectOption('spouse');
    await page.locator('#f-region').selectOption(region);
    await page.locator('#f-text').fill('Мужа не отпускают домой после ранения.');
    await page.locator('#f-consentDocumentation').check();
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    await page.context().close();
  };

  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    analyst = await e2e.addUser('analyst', 'stats-analyst');
    caseworker = await e2e.addUser('caseworker', 'stats-caseworker');
    await request('RU-BU', 'жена-1');
    await request('RU-BU', 'жена-2');
    await request('RU-MOW', 'жена-3');
  });
  afterAll(() => e2e.close());

  it('lands an analyst on the dashboard, filters by region, and downloads the CSV it shows', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: analyst });
    await page.goto(e2e.server.url);
    await page.waitForURL(/\/statistics$/);
    const table = page.getByTestId('table-requests_by_region');
    await expect.poll(() => table.locator('tbody tr').allTextContents()).toContain('Республика Бурятия2');
    expect(await table.locator('tbody tr').allTextContents()).toContain('Москва1');
    expect(await page.getByTestId('total-requests_by_requester_role').textContent()).toBe('3');
    expect(await page.getByTestId('chart-requests_by_region').isVisible()).toBe(true);

    await page.getByTestId('stats-region').selectOption('RU-BU');
    await page.getByTestId('stats-apply').click();
    await page.waitForURL(/region=RU-BU/);
    await expect.poll(() => page.getByTestId('total-requests_by_requester_role').textContent()).toBe('2');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-requests_by_region').click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    // The rows the table shows for the filtered view: Buryatia's two, and the total.
    const rows = csv.trim().split(/\r?\n/).slice(1);
    expect(rows).toEqual(['requests_by_region,region,RU-BU,2', 'requests_by_region,region,(total),2']);
    await page.close();
  });

  it('fits a 360 px screen, heads each table with its dimension, and names each download after its figure', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: analyst });
    // Drawn wide first, then the window narrows (a phone turned, a window resized): the charts must shrink with it.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${e2e.server.url}/statistics`);
    await expect.poll(() => page.getByTestId('total-requests_by_region').textContent()).toBe('3');
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    const table = page.getByTestId('table-requests_by_region');
    expect(await table.locator('thead th').first().textContent()).toBe('Регион');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-cases_by_type').click(),
    ]);
    expect(download.suggestedFilename()).toBe('cases_by_type.csv');
    await page.close();
  });

  it('gives a caseworker no nav entry and the refusal page at /statistics', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: caseworker });
    await page.goto(e2e.server.url);
    await page.getByTestId('nav-home').first().waitFor({ state: 'attached' });
    expect(await page.getByTestId('nav-statistics').count()).toBe(0);
    await page.goto(`${e2e.server.url}/statistics`);
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  });

  it('loaded nothing from any other host and broke no CSP rule', () => {
    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.length).toBeGreaterThan(0);
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
