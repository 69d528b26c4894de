import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

interface Request {
  handle: string;
  contact: string;
  region: string;
  urgency: 'low' | 'normal' | 'high' | 'critical';
  text: string;
}

/**
 * From a request to an assigned case in the fewest steps, as a coordinator
 * does it; the lawyer given the case finds it and its first task; and the
 * queue's bulk change, as a volunteer does it.
 */
describe('from a request to an assigned case, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  let lawyer: E2eAccount;
  let outsider: E2eAccount;
  let volunteer: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-mira');
    lawyer = await e2e.addUser('lawyer', 'lawyer-pavel');
    outsider = await e2e.addUser('caseworker', 'caseworker-ivan');
    volunteer = await e2e.addUser('intake', 'volunteer-lena');
  });
  afterAll(() => e2e.close());

  /** A request sent through the public form with JavaScript off, as a requester sends it. */
  async function submitRequest(request: Request): Promise<void> {
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    await page.locator('#f-handle').fill(request.handle);
    await page.locator('#f-contact').fill(request.contact);
    await page.locator('#f-requesterRole').selectOption('spouse');
    await page.locator('#f-region').selectOption(request.region);
    await page.locator('#f-urgency').selectOption(request.urgency);
    await page.locator('#f-text').fill(request.text);
    await page.locator('#f-consentDocumentation').check();
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    await page.close();
  }

  /** Opens the request whose preview holds `words` from the queue. */
  async function openFromQueue(page: Page, words: string): Promise<void> {
    await page.goto(`${e2e.server.url}/triage`);
    await page.getByTestId('triage-row-link').filter({ hasText: words }).click();
    await page.getByTestId('triage-text').waitFor();
  }

  /** The cases a coordinator lists, counted through the API. */
  async function caseCount(page: Page): Promise<number> {
    return page.evaluate(async () => {
      const response = await fetch('/api/cases?limit=100');
      return ((await response.json()) as { cases: unknown[] }).cases.length;
    });
  }

  it('a coordinator turns a new request into a case for a lawyer, with a first task, in three clicks; the lawyer finds it all', async () => {
    await submitRequest({
      handle: 'Чайка',
      contact: 'signal: gull-77',
      region: 'RU-BU',
      urgency: 'high',
      text: 'Мужа держат в части после окончания контракта, рапорт не принимают',
    });
    const mira = await e2e.newPage({ locale: 'en-US', account: coordinator });
    await openFromQueue(mira, 'Мужа держат в части');

    // Every click after the request is open is counted.
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks += 1;
      await target.click();
    };
    await click(mira.getByTestId('triage-open-case'));
    // The case form from the request: the lawyer chosen on the same form; the rest is carried over or proposed.
    await click(mira.locator('label', { hasText: 'lawyer-pavel' }));
    await expect.poll(() => mira.getByTestId('case-new-title').inputValue()).toContain('Мужа держат');
    await click(mira.getByTestId('case-new-submit'));
    await mira.getByTestId('case-number').waitFor();
    expect(clicks).toBeLessThanOrEqual(3);

    const number = (await mira.getByTestId('case-number').textContent()) ?? '';
    const caseUrl = mira.url();
    // Region and urgency carried over, the lawyer assigned, the first task theirs.
    expect(await mira.getByTestId('case-urgency').getAttribute('data-urgency')).toBe('high');
    expect(await mira.getByTestId('case-region').textContent()).toBe('Republic of Buryatia');
    await expect.poll(() => mira.getByTestId('case-assignees').textContent()).toContain('lawyer-pavel');
    const task = mira.getByTestId('task-row');
    await expect.poll(() => task.count()).toBe(1);
    expect(await task.textContent()).toContain('Contact the requester and confirm the facts');
    expect(await task.getByTestId('task-assignee').textContent()).toBe('lawyer-pavel');
    await mira.close();

    // The lawyer: the bell, the home page, My work, and the request's contact on the case page.
    const pavel = await e2e.newPage({ locale: 'ru-RU', account: lawyer });
    await pavel.goto(e2e.server.url);
    await expect.poll(() => pavel.getByTestId('bell-count').textContent()).toBe('2');
    await expect.poll(() => pavel.getByTestId('my-cases').textContent()).toContain(number);
    await expect
      .poll(() => pavel.getByTestId('tasks-upcoming').textContent())
      .toContain(`${number} · Contact the requester and confirm the facts`);
    await pavel.getByTestId('bell').click();
    await expect
      .poll(() => pavel.getByTestId('notification-list').textContent())
      .toContain(`Вам назначено дело ${number}`);
    await pavel.goto(`${e2e.server.url}/my-work`);
    const row = pavel.getByTestId('mywork-task-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Contact the requester and confirm the facts');
    expect(await row.textContent()).toContain(number);
    await pavel.goto(caseUrl);
    await expect.poll(() => pavel.getByTestId('request-contact').textContent()).toBe('signal: gull-77');
    expect(await pavel.getByTestId('request-handle').textContent()).toBe('Чайка');
    await pavel.close();

    // A caseworker without a grant gets neither the case nor the contact.
    const ivan = await e2e.newPage({ locale: 'ru-RU', account: outsider });
    await ivan.goto(caseUrl);
    await ivan.getByTestId('case-error').waitFor();
    expect(await ivan.locator('body').textContent()).not.toContain('gull');
    expect(await ivan.getByTestId('case-number').count()).toBe(0);
    await ivan.close();
  });

  it('opening a case from the same request in a second tab says it was triaged already, and opens no second case', async () => {
    await submitRequest({
      handle: 'Сова',
      contact: 'signal: owl-12',
      region: 'RU-MOW',
      urgency: 'normal',
      text: 'Сына не отпускают после ранения, комиссию не назначают',
    });
    const mira = await e2e.newPage({ locale: 'ru-RU', account: coordinator });
    await openFromQueue(mira, 'Сына не отпускают');
    await mira.getByTestId('triage-open-case').click();
    await mira.getByTestId('case-new-submit').waitFor();
    const formUrl = mira.url();
    const second = await mira.context().newPage();
    await second.goto(formUrl);
    await expect.poll(() => second.getByTestId('case-new-title').inputValue()).toContain('Сына не отпускают');
    await expect.poll(() => mira.getByTestId('case-new-title').inputValue()).toContain('Сына не отпускают');
    const before = await caseCount(mira);

    await mira.getByTestId('case-new-submit').click();
    await mira.getByTestId('case-number').waitFor();
    await second.getByTestId('case-new-submit').click();
    await expect.poll(() => second.getByTestId('case-new-conflict').textContent()).toContain('второе дело не открыто');
    expect(await second.getByTestId('case-number').count()).toBe(0);
    expect(await caseCount(mira)).toBe(before + 1);
    await second.close();
    await mira.close();
  });

  it('a volunteer checks two requests, sets their urgency at once, and sees it in the list', async () => {
    const texts = ['Брата держат в комендатуре без связи', 'Группу из двенадцати человек не отпускают домой'];
    for (const [index, text] of texts.entries()) {
      await submitRequest({
        handle: `Заявитель ${String(index)}`,
        contact: 'signal: x',
        region: 'RU-SVE',
        urgency: 'low',
        text,
      });
    }
    const lena = await e2e.newPage({ locale: 'en-US', account: volunteer });
    await lena.goto(`${e2e.server.url}/triage?urgency=low`);
    for (const text of texts) {
      // The checkbox is named by the request's words, as a screen reader reads it.
      await lena.getByLabel(new RegExp(`^Select the request “${text}”`)).check();
    }
    await expect.poll(() => lena.getByTestId('triage-bulk').locator('h3').textContent()).toBe('Selected requests: 2');
    await lena.getByTestId('triage-bulk-urgency').selectOption('critical');
    await lena.getByTestId('triage-bulk-urgency-apply').click();
    await expect.poll(() => lena.getByTestId('triage-bulk-result').textContent()).toBe('Requests updated: 2.');
    // Filtered by low urgency, they have left the list; among the critical ones they show.
    await expect.poll(() => lena.getByTestId('triage-row').filter({ hasText: texts[0] }).count()).toBe(0);
    await lena.getByTestId('triage-filter-urgency').selectOption('critical');
    await lena.waitForURL(/urgency=critical/);
    for (const text of texts) {
      const row = lena.getByTestId('triage-row').filter({ hasText: text });
      await expect.poll(() => row.locator('[data-urgency]').getAttribute('data-urgency')).toBe('critical');
      expect(await row.textContent()).toContain('Critical');
    }
    await lena.close();

    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
