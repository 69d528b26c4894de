import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * A coordinator records an incident of the reported pattern from a case's
 * page (a group of 15 National Guard servicemen held in the Perevalsk camp),
 * adds a media report as its source, and finds it on the case page; an edit
 * made from a version someone else has replaced is refused with the typing
 * kept. Nothing the page does fetches the report's address.
 */
describe('incidents in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  const api = { headers: { 'x-homeward-request': '1' } };
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-ina');
  });
  afterAll(() => e2e.close());

  async function openCase(page: Page): Promise<string> {
    const opened = await page.request.post(`${e2e.server.url}/api/cases`, {
      ...api,
      data: { type: 'contract_termination', title: 'Held after leave' },
    });
    expect(opened.status()).toBe(201);
    return ((await opened.json()) as { id: string }).id;
  }

  it('records an incident with a counted group and a media source, linked to the case, and shows it there', async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: coordinator });
    const caseId = await openCase(page);
    await page.goto(`${e2e.server.url}/cases/${caseId}`);
    await page.getByTestId('case-incident-new').click();
    await page.waitForURL(/\/incidents\/new\?case=/);

    await page.getByTestId('incident-form-title').fill('Held at Perevalsk');
    await page.getByTestId('incident-form-description').fill('Brought back from leave and held in the camp.');
    await page.getByTestId('incident-form-start-precision').selectOption('month');
    await page.getByTestId('incident-form-start-date').fill('2022-10');
    await page.getByTestId('incident-form-place').selectOption('perevalsk');
    await page.getByTestId('act-0-type').selectOption('detention_without_trial');
    await page.getByTestId('act-0-victim-0-count').fill('15');
    await page.getByTestId('act-0-victim-0-force').selectOption('national_guard');
    await page.getByTestId('incident-form-submit').click();

    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('incident-title').textContent()).toBe('Held at Perevalsk');
    expect(await page.getByTestId('incident-period').textContent()).toBe('October 2022');
    await expect.poll(() => page.getByTestId('incident-victim').textContent()).toMatch(/^Group of 15 · National Guard/);
    expect(await page.getByTestId('incident-case-link').count()).toBe(1);

    await page.getByTestId('source-open').click();
    await page.getByTestId('source-reliability').selectOption('usually_reliable');
    await page.getByTestId('source-outlet').fill('Verstka');
    await page.getByTestId('source-url').fill('https://verstka.example/camp-perevalsk');
    await page.getByTestId('source-title').fill('Servicemen held in a camp');
    await page.getByTestId('source-published').fill('2022-10-20');
    await page.getByTestId('source-language').selectOption('ru');
    await page.getByTestId('source-submit').click();
    const source = page.getByTestId('incident-source');
    await source.waitFor();
    expect(await source.textContent()).toContain('Verstka: Servicemen held in a camp');
    expect(await page.getByTestId('incident-source-reliability').textContent()).toBe('Reliability: Usually reliable');
    // The address is kept as text: no link, image or preview of it, and no request for it.
    expect(await page.locator('[href*="verstka.example"], [src*="verstka.example"]').count()).toBe(0);
    expect(e2e.requests.filter((url) => url.includes('verstka.example'))).toEqual([]);

    await page.getByTestId('incident-case-link').click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    const row = page.getByTestId('case-incident');
    await row.waitFor();
    expect(await row.textContent()).toContain('Held at Perevalsk');
    await page.getByTestId('lang-switch').selectOption('ru');
    await expect.poll(() => row.textContent()).toContain('октябрь 2022');
  });

  it("shows a case's sources on its page, and links an existing source to an incident from a search", async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: coordinator });
    const caseId = await openCase(page);
    const post = (url: string, data: Record<string, unknown>) =>
      page.request.post(`${e2e.server.url}${url}`, { ...api, data });
    const report = await post('/api/sources', {
      kind: 'media_report',
      reliability: 'fairly_reliable',
      outlet: 'Mediazona',
      title: 'Refusers held at the commandant office',
      publishedDate: '2023-03-05',
      caseIds: [caseId],
    });
    expect(report.status()).toBe(201);
    const sourceId = ((await report.json()) as { id: string }).id;
    const incident = await post('/api/incidents', {
      title: 'Held at the commandant office',
      start: { date: '2023-03', precision: 'month' },
      confidentiality: 'internal',
      acts: [{ actType: 'detention_without_trial', victims: [{ count: 3 }] }],
      caseIds: [caseId],
    });
    expect(incident.status(), await incident.text()).toBe(201);
    const incidentId = ((await incident.json()) as { id: string }).id;

    await page.goto(`${e2e.server.url}/cases/${caseId}`);
    const line = page.getByTestId('case-source');
    await line.waitFor();
    const text = (await line.textContent()) ?? '';
    expect(text).toContain('Mediazona: Refusers held at the commandant office');
    expect(text).toContain('Mar 5, 2023');
    expect(text).toContain('Reliability: Fairly reliable');
    expect(text).not.toContain(sourceId);
    expect(text).not.toMatch(/media_report|fairly_reliable/);

    await page.goto(`${e2e.server.url}/incidents/${incidentId}`);
    await page.getByTestId('source-search').fill('commandant');
    const option = page.getByTestId('source-pick-select').locator('option', { hasText: 'Mediazona' });
    await option.waitFor({ state: 'attached' });
    await page.getByTestId('source-pick-select').selectOption({ label: (await option.textContent()) ?? '' });
    await page.getByTestId('source-link').click();
    const linked = page.getByTestId('incident-source');
    await linked.waitFor();
    expect(await linked.textContent()).toContain('Mediazona: Refusers held at the commandant office');
    // Linked now: the picker no longer offers it.
    await expect
      .poll(() => page.getByTestId('source-pick-select').locator('option', { hasText: 'Mediazona' }).count())
      .toBe(0);
  });

  it('refuses an edit made from an older version, keeps the typing, and loads the other edit when asked', async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: coordinator });
    const made = await page.request.post(`${e2e.server.url}/api/incidents`, {
      ...api,
      data: { title: 'Threatened with prosecution', confidentiality: 'internal' },
    });
    expect(made.status()).toBe(201);
    const incident = (await made.json()) as { id: string; version: number };
    await page.goto(`${e2e.server.url}/incidents/${incident.id}/edit`);
    await page.getByTestId('incident-form-title').fill('My edit');

    // Someone else saves first.
    const theirs = await page.request.put(`${e2e.server.url}/api/incidents/${incident.id}`, {
      ...api,
      data: { title: 'Their edit', confidentiality: 'internal', version: incident.version },
    });
    expect(theirs.status()).toBe(200);

    await page.getByTestId('incident-form-submit').click();
    const conflict = page.getByTestId('incident-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.textContent()).toContain('Someone else saved this incident');
    expect(await page.getByTestId('incident-form-title').inputValue()).toBe('My edit');
    await page.getByTestId('incident-conflict-reload').click();
    await expect.poll(() => page.getByTestId('incident-form-title').inputValue()).toBe('Their edit');
    await page.getByTestId('incident-form-title').fill('My edit, again');
    await page.getByTestId('incident-form-submit').click();
    await page.waitForURL(new RegExp(`/incidents/${incident.id}$`));
    await expect.poll(() => page.getByTestId('incident-title').textContent()).toBe('My edit, again');
  });
});
