import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp, followReceipt, openForm, postForm } from '../../../../test/intake.js';
import { LIMITS } from './intake.schema.js';

const GOOD = {
  lang: 'ru',
  handle: 'Сокол',
  contact: 'signal: falcon-77',
  requesterRole: 'spouse',
  groupSize: '12',
  region: 'RU-SVE',
  serviceCategory: 'contract',
  force: 'defence_ministry',
  locationType: 'unit',
  urgency: 'high',
  text: 'Маркер-ТЕКСТ-qzx: рапорт о расторжении контракта не принимают',
  consentDocumentation: '1',
};

describe.each(TEST_DIALECTS)('the public intake form on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let address = 0;
  /** A fresh address per test, so the throttle of one test does not reach another. */
  const nextAddress = () => `198.51.100.${String((address += 1))}`;
  const count = async (table: 'intake_requests' | 'intake_messages') =>
    (await t.database.handle.db.selectFrom(table).select('id').execute()).length;

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
  });
  afterAll(() => t.cleanup());

  it.each(['ru', 'en'])('renders in %s with no script, no inline style, and only its own stylesheet', async (lang) => {
    const page = await t.app.inject({ method: 'GET', url: `/intake?lang=${lang}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`<html lang="${lang}">`);
    expect(page.body).toContain(lang === 'ru' ? 'Обратиться за помощью' : 'Ask for help');
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toMatch(/\sstyle=/i);
    expect(page.body).not.toMatch(/<style/i);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page.body).toContain('href="/public/intake.css"');
    expect(page.body).toContain('<optgroup');
    const css = await t.app.inject({ method: 'GET', url: '/public/intake.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.hp');
  });

  it('refuses a post without the form token or cookie with a 403 page, and stores nothing', async () => {
    const before = await count('intake_requests');
    const bare = await postForm(t.app, '/intake', GOOD, { address: nextAddress() });
    expect(bare.statusCode).toBe(403);
    expect(bare.body).toContain('data-testid="intake-forbidden"');
    const { cookie } = await openForm(t.app);
    const forged = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: 'x'.repeat(43) },
      { cookie, address: nextAddress() },
    );
    expect(forged.statusCode).toBe(403);
    const other = await openForm(t.app);
    const swapped = await postForm(t.app, '/intake', { ...GOOD, csrf: other.csrf }, { cookie, address: nextAddress() });
    expect(swapped.statusCode).toBe(403);
    expect(await count('intake_requests')).toBe(before);
  });

  it('is described in the OpenAPI document as pages: form bodies with their limits, HTML answers, a 303', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    const post = document.paths['/intake']?.post as {
      'x-access': string;
      requestBody: { content: Record<string, { schema: { properties: Record<string, { maxLength?: number }> } }> };
      responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
    };
    expect(post['x-access']).toBe('public');
    const form = post.requestBody.content['application/x-www-form-urlencoded']?.schema.properties;
    expect(form?.text?.maxLength).toBe(LIMITS.text);
    expect(form?.handle?.maxLength).toBe(LIMITS.handle);
    expect(post.responses['303']?.headers).toBeDefined();
    expect(Object.keys(post.responses['403']?.content ?? {})).toContain('text/html');
    for (const [url, type] of [
      ['/intake', 'text/html'],
      ['/intake/received', 'text/html'],
      ['/intake/follow-up', 'text/html'],
      ['/public/intake.css', 'text/css'],
    ] as const) {
      const get = document.paths[url]?.get as { responses: Record<string, { content?: Record<string, unknown> }> };
      expect(Object.keys(get.responses['200']?.content ?? {}), url).toEqual([type]);
    }
  });

  it('sets maxlength on every text input and textarea to the limit the server enforces', async () => {
    const form = await openForm(t.app);
    const maxlength = (id: string) => new RegExp(`id="${id}"[^>]*maxlength="(\\d+)"`).exec(form.page.body)?.[1];
    expect(maxlength('f-handle')).toBe(String(LIMITS.handle));
    expect(maxlength('f-contact')).toBe(String(LIMITS.contact));
    expect(maxlength('f-text')).toBe(String(LIMITS.text));
    const followUp = await openForm(t.app, '/intake/follow-up');
    expect(new RegExp(`id="f-message"[^>]*maxlength="${String(LIMITS.message)}"`).test(followUp.page.body)).toBe(true);
  });

  it('answers a bot that filled the honeypot like a received request, and stores nothing', async () => {
    const before = await count('intake_requests');
    const { cookie, csrf, submission } = await openForm(t.app);
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, submission, website: 'http://spam' },
      { cookie, address: nextAddress() },
    );
    const { page, code } = await followReceipt(t.app, cookie, response);
    expect(page.body).toContain('data-testid="intake-received-again"');
    expect(code).toBeUndefined();
    expect(await count('intake_requests')).toBe(before);
  });

  it.each([
    ['ru', 'не больше 10\u00a0000 знаков. Сократите на 12 знаков'],
    ['en', 'at most 10,000 characters. Shorten it by 12 characters'],
  ])('keeps an over-long story in the form and says in %s how much to cut', async (lang, says) => {
    const before = await count('intake_requests');
    const { cookie, csrf, submission } = await openForm(t.app, `/intake?lang=${lang}`);
    const text = `начало ${'a'.repeat(LIMITS.text + 12 - 7)}`;
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, lang, csrf, submission, text, handle: 'Ёж <b>' },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('data-field-error="text"');
    expect(response.body).toContain(says);
    expect(response.body).toMatch(new RegExp(`maxlength="${String(LIMITS.text)}" required>\\n?${text}</textarea>`));
    expect(response.body).toContain('value="Ёж &lt;b&gt;"');
    expect(response.body).toMatch(/<option value="RU-SVE"\s+selected>/);
    // The same form again: sending it shortened makes the request.
    expect(response.body).toContain(`name="submission" value="${submission}"`);
    expect(await count('intake_requests')).toBe(before);
    const fixed = await postForm(
      t.app,
      '/intake',
      { ...GOOD, lang, csrf, submission, text: text.slice(0, LIMITS.text) },
      { cookie, address: nextAddress() },
    );
    expect(fixed.statusCode).toBe(303);
    expect(await count('intake_requests')).toBe(before + 1);
  });

  it('counts a line break as one character, as maxlength does, though browsers send it as CR LF', async () => {
    const { cookie, csrf, submission } = await openForm(t.app);
    const text = 'стро\n'.repeat(LIMITS.text / 'стро\n'.length);
    expect(text.length).toBe(LIMITS.text);
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, submission, text: text.replace(/\n/g, '\r\n') },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(303);
  });

  it('names a missing requester role and an unknown region', async () => {
    const { cookie, csrf, submission } = await openForm(t.app, '/intake?lang=en');
    const missing = await postForm(
      t.app,
      '/intake',
      { ...GOOD, lang: 'en', csrf, submission, requesterRole: '' },
      { cookie, address: nextAddress() },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('data-field-error="requesterRole"');
    expect(missing.body).toContain('This field is required.');
    const unknown = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, submission, region: 'XX-NOPE' },
      { cookie, address: nextAddress() },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('data-field-error="region"');
  });

  it('answers a body over 64 KiB and a wrong media type with pages to a browser, and the catalogue to others', async () => {
    const { cookie, csrf, submission } = await openForm(t.app);
    const huge = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, submission, text: 'ж'.repeat(40_000) },
      { cookie, address: nextAddress() },
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    expect(huge.body).toContain('data-testid="intake-too-large"');
    const plain = await t.app.inject({
      method: 'POST',
      url: '/intake?lang=en',
      headers: { 'content-type': 'text/plain', accept: 'text/html' },
      payload: 'x',
    });
    expect(plain.statusCode).toBe(415);
    expect(plain.headers['content-type']).toContain('text/html');
    expect(plain.body).toContain('<html lang="en">');
    const json = await t.app.inject({ method: 'POST', url: '/intake', payload: { text: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('stores a good post sealed, answers 303 to the receipt page, and shows the code there once', async () => {
    const { cookie, csrf, submission } = await openForm(t.app);
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, submission },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/intake/received?lang=ru');
    const first = await followReceipt(t.app, cookie, response);
    const code = first.code ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // Neither the redirect nor its cookie carries the code readably.
    expect(JSON.stringify(response.headers)).not.toContain(code);
    expect(JSON.stringify(response.headers)).not.toContain(code.replace(/-/g, ''));
    const reload = await t.app.inject({
      method: 'GET',
      url: '/intake/received?lang=ru',
      headers: { accept: 'text/html', cookie: first.cookie },
    });
    expect(reload.body).not.toContain(code);
    expect(reload.body).toContain('data-testid="intake-received-again"');

    const rows = await t.database.handle.db.selectFrom('intake_requests').selectAll().execute();
    const row = rows.at(-1);
    expect(row).toMatchObject({
      channel: 'web_form',
      requester_role: 'spouse',
      group_size: 12,
      urgency: 'high',
      status: 'new',
    });
    expect(row?.consent_documentation).toBe(1);
    expect(row?.consent_statistics).toBe(0);
    expect(row?.receipt_hash).not.toContain(code);
    expect(row?.submission_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.submission_hash).not.toContain(submission);
    for (const sealed of [row?.text_sealed, row?.handle_sealed, row?.contact_sealed]) {
      const bytes = Buffer.from(sealed ?? Buffer.alloc(0));
      expect(bytes.length).toBeGreaterThan(16);
      expect(bytes.includes(Buffer.from('Маркер-ТЕКСТ-qzx'))).toBe(false);
      expect(bytes.includes(Buffer.from('falcon-77'))).toBe(false);
      expect(bytes.includes(Buffer.from('Сокол'))).toBe(false);
    }
    if (dialect === 'sqlite') {
      for (const file of fs.readdirSync(t.database.dataDir)) {
        const raw = fs.readFileSync(path.join(t.database.dataDir, file));
        expect(raw.includes(Buffer.from('Маркер-ТЕКСТ-qzx')), file).toBe(false);
        expect(raw.includes(Buffer.from(code)), file).toBe(false);
      }
    }
    const audit = await t.database.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'intake.create')
      .execute();
    expect(audit.at(-1)).toMatchObject({ actor_id: null, object_type: 'intake', object_id: row?.id });
  });

  it('shows no code from an expired, altered or another visitor’s receipt cookie', async () => {
    const { cookie, csrf, submission } = await openForm(t.app);
    const posted = await postForm(t.app, '/intake', { ...GOOD, csrf, submission }, { cookie, address: nextAddress() });
    const flash = posted.cookies.find((c) => c.name.endsWith('homeward_receipt'));
    expect(flash?.httpOnly).toBe(true);
    expect(flash?.sameSite).toBe('Strict');
    const other = await openForm(t.app);
    const stolen = await followReceipt(t.app, other.cookie, posted);
    expect(stolen.code).toBeUndefined();
    clock.advance(11 * 60 * 1000);
    const late = await followReceipt(t.app, cookie, posted);
    expect(late.code).toBeUndefined();
  });

  it('makes one request of a form posted again, however often and however many at once', async () => {
    const before = await count('intake_requests');
    const { cookie, csrf, submission } = await openForm(t.app);
    const address = nextAddress();
    const fields = { ...GOOD, csrf, submission };
    const first = await postForm(t.app, '/intake', fields, { cookie, address });
    const again = await postForm(t.app, '/intake', fields, { cookie, address });
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(again.cookies.find((c) => c.name.endsWith('homeward_receipt'))).toBeUndefined();
    expect(await count('intake_requests')).toBe(before + 1);

    const other = await openForm(t.app);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        postForm(
          t.app,
          '/intake',
          { ...GOOD, csrf: other.csrf, submission: other.submission },
          {
            cookie: other.cookie,
            address,
          },
        ),
      ),
    );
    expect(burst.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 303));
    const flashes = burst.filter((r) => r.cookies.some((c) => c.name.endsWith('homeward_receipt')));
    expect(flashes).toHaveLength(1);
    expect(await count('intake_requests')).toBe(before + 2);
    // Another visitor sending the same key (seen in a page) makes their own request: the key is bound to the cookie.
    const third = await openForm(t.app);
    const reused = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: third.csrf, submission: other.submission },
      {
        cookie: third.cookie,
        address,
      },
    );
    expect(reused.statusCode).toBe(303);
    expect(await count('intake_requests')).toBe(before + 3);
  });

  it('adds a follow-up with the receipt code, and a wrong code reveals nothing', async () => {
    const form = await openForm(t.app);
    const created = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: form.csrf, submission: form.submission },
      { cookie: form.cookie, address: nextAddress() },
    );
    const code = (await followReceipt(t.app, form.cookie, created)).code ?? '';
    const before = await count('intake_messages');
    const { cookie, csrf } = await openForm(t.app, '/intake/follow-up');
    const added = await postForm(
      t.app,
      '/intake/follow-up',
      { lang: 'ru', csrf, receiptCode: code.toLowerCase().replace(/-/g, ' '), message: 'Нас перевели в другую часть' },
      { cookie, address: nextAddress() },
    );
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('data-testid="follow-up-done"');
    expect(await count('intake_messages')).toBe(before + 1);

    const wrong = await postForm(
      t.app,
      '/intake/follow-up',
      { lang: 'ru', csrf, receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', message: 'тест' },
      { cookie, address: nextAddress() },
    );
    const garbage = await postForm(
      t.app,
      '/intake/follow-up',
      { lang: 'ru', csrf, receiptCode: 'nonsense', message: 'тест' },
      { cookie, address: nextAddress() },
    );
    for (const response of [wrong, garbage]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('data-testid="follow-up-not-found"');
    }
    expect(wrong.body.replace(/value="[^"]*"/g, '')).toBe(garbage.body.replace(/value="[^"]*"/g, ''));
    expect(await count('intake_messages')).toBe(before + 1);
  });

  it('keeps an over-long follow-up in the form and says how much to cut', async () => {
    const { cookie, csrf } = await openForm(t.app, '/intake/follow-up?lang=en');
    const message = 'm'.repeat(LIMITS.message + 3);
    const response = await postForm(
      t.app,
      '/intake/follow-up',
      { lang: 'en', csrf, receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', message },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Shorten it by 3 characters');
    // One line break right after the start tag is not part of the value (HTML parsing rules).
    expect(response.body).toMatch(new RegExp(`maxlength="${String(LIMITS.message)}">\\n?${message}</textarea>`));
  });
});
