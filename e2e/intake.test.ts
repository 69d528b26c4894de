import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eContext } from './harness.js';

describe('the public intake form with JavaScript off', () => {
  let e2e: E2eContext;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e.close());

  it('takes a request in Russian, shows the receipt code, and takes a follow-up with it', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    expect(await page.locator('h1').textContent()).toBe('Обратиться за помощью');
    await page.locator('#f-handle').fill('Сокол');
    await page.locator('#f-contact').fill('signal: falcon');
    await page.locator('#f-requesterRole').selectOption('spouse');
    await page.locator('#f-region').selectOption('RU-SVE');
    await page.locator('#f-text').fill('Мужу не дают уволиться по окончании контракта');
    await page.locator('#f-consentDocumentation').check();
    await page.getByTestId('intake-submit').click();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    await page.goto(`${e2e.server.url}/intake/follow-up`);
    await page.locator('#f-receiptCode').fill(code);
    await page.locator('#f-message').fill('Его перевели в другую часть');
    await page.getByTestId('follow-up-submit').click();
    await page.getByTestId('follow-up-done').waitFor();

    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors).toEqual([]);
    await page.close();
  });
});
