import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

describe('the web app in Chromium', () => {
  let e2e: E2eContext;
  let admin: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    admin = await e2e.setUpAdmin();
  });
  afterAll(() => e2e.close());

  it('shows the server health, switches language both ways, and keeps the choice', async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: admin });
    await page.goto(e2e.server.url);
    // The language follows the browser until the user chooses (a new context has no saved choice).

    await expect.poll(() => page.getByTestId('health-status').getAttribute('data-status')).toBe('ok');
    expect(await page.getByTestId('health-database').getAttribute('data-database')).toBe('sqlite');
    expect(await page.getByTestId('health-version').textContent()).toContain('0.1.0');
    expect(await page.locator('h1').textContent()).toBe('Home');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByTestId('lang-switch').selectOption('ru');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Главная');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.getByTestId('health-status').textContent()).toBe('Работает');

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Главная');

    await page.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Home');
    await page.close();
  });

  it('starts in Russian for a Russian browser', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: admin });
    await page.goto(e2e.server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Главная');
    await page.close();
  });

  it('shows the not-found page for an unknown client route after a full load', async () => {
    const page = await e2e.newPage({ account: admin });
    const response = await page.goto(`${e2e.server.url}/no/such/page`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByTestId('not-found').isVisible()).toBe(true);
    await page.close();
  });

  it('loaded nothing from any other host and broke no CSP rule', () => {
    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.length).toBeGreaterThan(0);
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
