import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/** A coordinator gives a lawyer a case; the lawyer's bell and home page show it. */
describe('notifications and the home page, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  let lawyer: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-nina');
    lawyer = await e2e.addUser('lawyer', 'lawyer-oleg');
  });
  afterAll(() => e2e.close());

  it('after a coordinator assigns a case to a lawyer, the lawyer’s bell and home page show it', async () => {
    const nina = await e2e.newPage({ locale: 'en-US', account: coordinator });
    await nina.goto(e2e.server.url);
    const number = await nina.evaluate(async (username) => {
      const headers = { 'content-type': 'application/json', 'x-homeward-request': '1' };
      const { users } = (await (await fetch('/api/cases/assignable')).json()) as {
        users: { id: string; username: string }[];
      };
      const lawyerId = users.find((u) => u.username === username)?.id ?? '';
      const created = await fetch('/api/cases', {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'contract_termination', title: 'Отказ в увольнении', assigneeIds: [lawyerId] }),
      });
      return ((await created.json()) as { number: string }).number;
    }, lawyer.username);
    expect(number).toMatch(/^\d{4}-\d{4}$/);
    await nina.close();

    const oleg = await e2e.newPage({ locale: 'ru-RU', account: lawyer });
    await oleg.goto(e2e.server.url);
    await expect.poll(() => oleg.getByTestId('bell-count').textContent()).toBe('1');
    await expect.poll(() => oleg.getByTestId('my-cases').textContent()).toContain(`${number} · Отказ в увольнении`);
    await oleg.getByTestId('bell').click();
    const item = oleg.getByTestId('notification').first();
    await expect.poll(() => item.textContent()).toContain(`Вам назначено дело ${number}: Отказ в увольнении`);
    await item.locator('a').click();
    await oleg.waitForURL(/\/cases\//);
    await expect.poll(() => oleg.getByTestId('bell-count').count()).toBe(0);
    await oleg.close();
  });
});
