import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eContext } from './harness.js';

const USERNAME = 'Sokol';
const PASSWORD = 'a long and private passphrase';

/** A TOTP code of the step after the current one: accepted (drift tolerance) and never a replay of the last. */
function nextCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

describe('first administrator in Chromium', () => {
  let e2e: E2eContext;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e.close());

  it('sets up the first admin with the setup token, enrols TOTP, signs out, signs in with a code and sees the audit', async () => {
    const token = e2e.server.setupToken;
    expect(token).toBeDefined();
    const page = await e2e.newPage({ locale: 'en-US' });
    await page.goto(e2e.server.url);
    await page.waitForURL(/\/setup$/);

    await page.getByTestId('setup-token').fill(token ?? '');
    await page.getByTestId('setup-username').fill(USERNAME);
    await page.getByTestId('setup-password').fill(PASSWORD);
    await page.getByTestId('setup-password-repeat').fill(PASSWORD);
    await page.getByTestId('setup-submit').click();

    await page.waitForURL(/\/enrol$/);
    await expect.poll(() => page.getByTestId('enrol-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = ((await page.getByTestId('enrol-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByTestId('enrol-code').fill(await generate({ secret }));
    await page.getByTestId('enrol-submit').click();

    const codes = page.getByTestId('recovery-codes').locator('li');
    await expect.poll(() => codes.count()).toBe(10);
    await page.getByTestId('recovery-saved').check();
    await page.getByTestId('enrol-continue').click();
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain(USERNAME);

    await page.getByTestId('signout').click();
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').fill(USERNAME);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-code').fill(await nextCode(secret));
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain(USERNAME);

    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/admin\/audit/);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(4);
    const rows = await page.getByTestId('audit-row').all();
    const actions = await Promise.all(rows.map((row) => row.getAttribute('data-action')));
    for (const action of ['setup.complete', 'totp.enrol', 'session.logout', 'session.login']) {
      expect(actions).toContain(action);
    }
    await page.close();
  });

  it('refuses a wrong code with the same message as a wrong password, in Russian too', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU' });
    await page.goto(`${e2e.server.url}/login`);
    await page.getByTestId('login-username').fill(USERNAME);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-code').fill('000000');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/[а-яА-Я]/);
    expect(page.url()).toMatch(/\/login/);
    await page.close();
  });

  it('loaded nothing from any other host and broke no CSP rule', () => {
    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
