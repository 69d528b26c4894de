import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * An administrator reads a case only through break-glass: closed at first,
 * opened by the case's number with a reason code and a note, then the case
 * page shows it; the grant's list links to it.
 */
describe('break-glass from the web app, in Chromium', () => {
  let e2e: E2eContext;
  let admin: E2eAccount;
  let coordinator: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    admin = await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-bg');
  });
  afterAll(() => e2e.close());

  it('opens a case by number through break-glass, and the administrator sees it', async () => {
    const kim = await e2e.newPage({ account: coordinator });
    const created = await kim.evaluate(async () => {
      const response = await fetch('/api/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-homeward-request': '1' },
        body: JSON.stringify({ type: 'contract_termination', title: 'Синицын: срочное заседание' }),
      });
      return (await response.json()) as { id: string; number: string };
    });
    await kim.close();
    expect(created.number).toMatch(/^\d{4}-\d{4}$/);

    const page = await e2e.newPage({ locale: 'ru-RU', account: admin });
    await page.goto(`${e2e.server.url}/cases/${created.id}`);
    await page.getByTestId('break-glass-needed').waitFor();

    await page.goto(`${e2e.server.url}/break-glass`);
    await page.getByTestId('bg-case').fill(created.number);
    await page.getByTestId('bg-reason').selectOption('legal_emergency');
    await page.getByTestId('bg-note').fill('Заседание завтра, юрист в пути');
    await page.getByTestId('bg-minutes').fill('15');
    await page.getByTestId('bg-submit').click();
    await page.getByTestId('grant-opened').waitFor();
    expect(await page.getByTestId('grant-opened').textContent()).toContain(created.number);
    const listed = page.getByTestId('grant-case').first();
    await expect.poll(() => listed.textContent()).toBe(created.number);
    expect(await page.getByTestId('grant-note').first().textContent()).toBe('Заседание завтра, юрист в пути');

    await listed.click();
    await page.waitForURL(new RegExp(`/cases/${created.id}$`));
    await expect.poll(() => page.getByTestId('case-number').textContent()).toBe(created.number);
    expect(await page.locator('h1').first().textContent()).toContain('Синицын: срочное заседание');
    expect(await page.getByTestId('forbidden').count()).toBe(0);
    // Break-glass grants reading only: no form is offered that the server would refuse.
    expect(await page.getByTestId('case-read-only').textContent()).toContain('экстренному доступу');
    for (const form of ['case-stage-select', 'case-outcome-select', 'note-body', 'task-title']) {
      expect(await page.getByTestId(form).count(), form).toBe(0);
    }
    await page.close();
    expect(e2e.requests.every((url) => url.startsWith(e2e.server.url))).toBe(true);
  });
});
