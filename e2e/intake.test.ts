import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

const LIMIT = 10_000;

describe('the public intake form with JavaScript off', () => {
  let e2e: E2eContext;
  let volunteer: E2eAccount;
  let volunteerCookie = '';

  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    volunteer = await e2e.addUser('intake', 'e2e-intake');
    const code = volunteer.recoveryCodes.shift() ?? '';
    const login = await fetch(`${e2e.server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-homeward-request': '1' },
      body: JSON.stringify({ username: volunteer.username, password: volunteer.password, code }),
    });
    expect(login.status).toBe(200);
    volunteerCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  afterAll(() => e2e.close());

  /** The open requests as the intake volunteer's queue lists them. */
  async function queued(): Promise<number> {
    const response = await fetch(`${e2e.server.url}/api/intake`, { headers: { cookie: volunteerCookie } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { requests: unknown[] }).requests.length;
  }

  it('takes a request in Russian, shows the receipt code once, and takes a follow-up with it', async () => {
    const before = await queued();
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    expect(await page.locator('h1').textContent()).toBe('Обратиться за помощью');
    await page.locator('#f-handle').fill('Сокол');
    await page.locator('#f-contact').fill('signal: falcon');
    await page.locator('#f-requesterRole').selectOption('spouse');
    await page.locator('#f-region').selectOption('RU-SVE');
    await page.locator('#f-text').fill('Мужу не дают уволиться по окончании контракта');
    await page.locator('#f-consentDocumentation').check();
    // What the form would send again if its post were repeated.
    const sent = {
      csrf: await page.locator('input[name="csrf"]').inputValue(),
      submission: await page.locator('input[name="submission"]').inputValue(),
      lang: 'ru',
      requesterRole: 'spouse',
      text: 'Мужу не дают уволиться по окончании контракта',
    };
    await page.getByTestId('intake-submit').click();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(new URL(page.url()).pathname).toBe('/intake/received');
    expect(page.url()).not.toContain(code);
    expect(await queued()).toBe(before + 1);

    // Reloading the receipt page asks for the page again, not the post: nothing new, and the code is not shown again.
    await page.reload();
    await page.getByTestId('intake-received-again').waitFor();
    expect(await page.content()).not.toContain(code);
    expect(await queued()).toBe(before + 1);

    // The same post sent again (a resubmission with the browser's cookies) is received, not stored twice.
    const again = await page.context().request.post(`${e2e.server.url}/intake?lang=ru`, {
      form: sent,
      headers: { accept: 'text/html' },
    });
    expect(again.url()).toContain('/intake/received');
    expect(await again.text()).toContain('data-testid="intake-received-again"');
    expect(await queued()).toBe(before + 1);

    // Back goes to the form as a new page; history holds no post to send again.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/intake');
    expect(await queued()).toBe(before + 1);

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

  it.each([
    ['ru', 'ru-RU', 'Сына не отпускают из части после ранения'],
    ['en', 'en-US', 'My son is kept in his unit after being wounded'],
  ])('in %s, Back and Send again make no second request, and another story is taken', async (lang, locale, story) => {
    const before = await queued();
    const page = await e2e.newPage({ locale, javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake?lang=${lang}`);
    await page.locator('#f-handle').fill('Сокол');
    await page.locator('#f-contact').fill('signal: falcon');
    await page.locator('#f-requesterRole').selectOption('parent');
    await page.locator('#f-text').fill(story);
    const firstKey = await page.locator('input[name="submission"]').inputValue();
    await page.getByTestId('intake-submit').click();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await queued()).toBe(before + 1);

    // Back fetches the form again (no-store) with a new submission key; what Chromium does not refill, the person retypes.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/intake');
    expect(await page.locator('input[name="submission"]').inputValue()).not.toBe(firstKey);
    for (const [field, value] of [
      ['#f-handle', 'Сокол'],
      ['#f-contact', 'signal: falcon'],
      ['#f-text', story],
    ] as const) {
      if ((await page.locator(field).inputValue()) !== value) await page.locator(field).fill(value);
    }
    await page.locator('#f-requesterRole').selectOption('parent');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/intake\/received/);
    expect(await page.getByTestId('receipt-code').count()).toBe(0);
    expect(await page.getByTestId('intake-received-again').count()).toBe(1);
    expect(await page.content()).not.toContain(code);
    expect(await queued()).toBe(before + 1);

    // A different story from the same visitor is a genuine second request.
    await page.goto(`${e2e.server.url}/intake?lang=${lang}`);
    await page.locator('#f-requesterRole').selectOption('parent');
    await page.locator('#f-text').fill(`${story} (2)`);
    await page.getByTestId('intake-submit').click();
    const second = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(second).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(second).not.toBe(code);
    expect(await queued()).toBe(before + 2);
    expect(e2e.consoleErrors).toEqual([]);
    await page.close();
  });

  it('stops typing at the limit, and keeps an over-long story when one is sent, saying how much to cut', async () => {
    const before = await queued();
    const page = await e2e.newPage({ locale: 'en-US', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake?lang=en`);
    const text = page.locator('#f-text');
    expect(await text.getAttribute('maxlength')).toBe(String(LIMIT));
    await page.locator('#f-requesterRole').selectOption('parent');
    await text.fill('x'.repeat(LIMIT + 40));
    expect((await text.inputValue()).length).toBe(LIMIT);

    // A client that ignores maxlength (or an older form): the server refuses and the page keeps every character.
    const story = `Start of my story. ${'y'.repeat(LIMIT)}`;
    await page.route('**/intake?lang=en', async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('text', story);
      await route.continue({ postData: body.toString() });
    });
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('intake-errors').waitFor();
    const error = (await page.locator('[data-field-error="text"]').textContent()) ?? '';
    expect(error).toContain(`Shorten it by ${String(story.length - LIMIT)} characters`);
    expect(await text.inputValue()).toBe(story);
    expect(await queued()).toBe(before);

    // Shortened in the browser, the same form goes through.
    await page.unroute('**/intake?lang=en');
    await text.fill(story.slice(0, LIMIT));
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('receipt-code').waitFor();
    expect(await queued()).toBe(before + 1);
    // Chromium logs the refused post's 400; nothing else may appear (a CSP violation would).
    expect(e2e.consoleErrors.filter((m) => !m.includes('status of 400'))).toEqual([]);
    await page.close();
  });

  it('says in Russian how much to cut', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/intake`);
    await page.locator('#f-requesterRole').selectOption('parent');
    await page.locator('#f-text').fill('начало');
    await page.route('**/intake?lang=ru', async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('text', 'я'.repeat(LIMIT + 3));
      await route.continue({ postData: body.toString() });
    });
    await page.getByTestId('intake-submit').click();
    const error = (await page.locator('[data-field-error="text"]').textContent()) ?? '';
    expect(error).toContain('Сократите на 3 знака');
    expect((await page.locator('#f-text').inputValue()).length).toBe(LIMIT + 3);
    await page.close();
  });
});
