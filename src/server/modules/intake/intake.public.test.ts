import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp, openForm, postForm } from '../../../../test/intake.js';

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

  it('thanks a bot that filled the honeypot and stores nothing', async () => {
    const before = await count('intake_requests');
    const { cookie, csrf } = await openForm(t.app);
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, website: 'http://spam' },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('data-testid="intake-thanks"');
    expect(response.body).not.toContain('receipt-code');
    expect(await count('intake_requests')).toBe(before);
  });

  it('answers oversize text with a 400 page naming the field and keeping what was typed', async () => {
    const before = await count('intake_requests');
    const { cookie, csrf } = await openForm(t.app);
    const text = `начало ${'a'.repeat(10_001)}`;
    const response = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, text, handle: 'Ёж <b>' },
      { cookie, address: nextAddress() },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('data-field-error="text"');
    expect(response.body).toContain('не больше 10');
    expect(response.body).toContain(text);
    expect(response.body).toContain('value="Ёж &lt;b&gt;"');
    expect(response.body).toMatch(/<option value="RU-SVE"\s+selected>/);
    expect(await count('intake_requests')).toBe(before);
  });

  it('names a missing requester role and an unknown region', async () => {
    const { cookie, csrf } = await openForm(t.app, '/intake?lang=en');
    const missing = await postForm(
      t.app,
      '/intake',
      { ...GOOD, lang: 'en', csrf, requesterRole: '' },
      { cookie, address: nextAddress() },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('data-field-error="requesterRole"');
    expect(missing.body).toContain('This field is required.');
    const unknown = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, region: 'XX-NOPE' },
      { cookie, address: nextAddress() },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('data-field-error="region"');
  });

  it('answers a body over 64 KiB and a wrong media type with pages, not JSON or 5xx', async () => {
    const { cookie, csrf } = await openForm(t.app);
    const huge = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf, text: 'ж'.repeat(40_000) },
      { cookie, address: nextAddress() },
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    const plain = await t.app.inject({
      method: 'POST',
      url: '/intake',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect([400, 403, 415]).toContain(plain.statusCode);
    expect(plain.headers['content-type']).toContain('text/html');
  });

  it('stores a good post sealed, and shows the receipt code once', async () => {
    const { cookie, csrf } = await openForm(t.app);
    const response = await postForm(t.app, '/intake', { ...GOOD, csrf }, { cookie, address: nextAddress() });
    expect(response.statusCode).toBe(200);
    const code = /data-testid="receipt-code">([^<]+)</.exec(response.body)?.[1] ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
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

  it('adds a follow-up with the receipt code, and a wrong code reveals nothing', async () => {
    const form = await openForm(t.app);
    const created = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: form.csrf },
      { cookie: form.cookie, address: nextAddress() },
    );
    const code = /data-testid="receipt-code">([^<]+)</.exec(created.body)?.[1] ?? '';
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

  it('throttles submissions and follow-ups per address with a localized 429 page', async () => {
    const here = nextAddress();
    const { cookie, csrf } = await openForm(t.app);
    for (let i = 0; i < 5; i += 1) {
      expect((await postForm(t.app, '/intake', { ...GOOD, csrf }, { cookie, address: here })).statusCode).toBe(200);
    }
    const before = await count('intake_requests');
    const limited = await postForm(t.app, '/intake', { ...GOOD, csrf }, { cookie, address: here });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Слишком много обращений');
    expect(await count('intake_requests')).toBe(before);
    expect((await postForm(t.app, '/intake', { ...GOOD, csrf }, { cookie, address: nextAddress() })).statusCode).toBe(
      200,
    );

    const guesser = nextAddress();
    const guess = { lang: 'en', csrf, receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', message: 'hello' };
    for (let i = 0; i < 5; i += 1) {
      expect((await postForm(t.app, '/intake/follow-up', guess, { cookie, address: guesser })).statusCode).toBe(404);
    }
    const blocked = await postForm(t.app, '/intake/follow-up', guess, { cookie, address: guesser });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Too many submissions');

    clock.advance(10 * 60 * 1000 + 1000);
    expect((await postForm(t.app, '/intake', { ...GOOD, csrf }, { cookie, address: here })).statusCode).toBe(200);
  });
});
