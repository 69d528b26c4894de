import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/** Issue 9: "typing 2026-0001 in the header opens that case; searching Dorz finds the note, saying where". */
describe('the header search box, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-sasha');
  });
  afterAll(() => e2e.close());

  it('goes to a case by its number, and finds a note by a prefix in another script, saying it matched in a note', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: coordinator });
    await page.goto(`${e2e.server.url}/cases`);
    // The case and its note, made as the web app makes them (same origin, the session's cookie).
    const made = await page.evaluate(async () => {
      const send = (path: string, body: object) =>
        fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-homeward-request': '1' },
          body: JSON.stringify(body),
        }).then((response) => response.json() as Promise<{ id: string; number?: string }>);
      const opened = await send('/api/cases', { type: 'criminal_defence', title: 'Незаконное удержание' });
      await send(`/api/cases/${opened.id}/notes`, { body: 'Доржиев сообщил, что его удерживали три дня' });
      return opened;
    });
    expect(made.number).toBe('2026-0001');

    await page.getByTestId('global-search').fill('2026-0001');
    await page.getByTestId('global-search').press('Enter');
    // The box goes to the case's number; the case page resolves it (GET /api/cases/by-number/:number).
    await page.waitForURL(/\/cases\/2026-0001$/);

    await page.getByTestId('global-search').fill('Dorz');
    await page.getByTestId('global-search-submit').click();
    await page.waitForURL(/\/search\?q=Dorz$/);
    const result = page.getByTestId('search-result').first();
    await result.waitFor();
    expect(await result.locator('td').allTextContents()).toEqual([
      '2026-0001',
      'Заметка',
      'Доржиев сообщил, что его удерживали три дня',
      'заметка',
    ]);
    await result.locator('a').click();
    await page.waitForURL(new RegExp(`/cases/${made.id}$`));
  });
});
