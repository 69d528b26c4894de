import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp, followReceipt, openForm, postForm } from '../../../../test/intake.js';
import { FORM_POLICIES } from '../../../public/form-guard.js';

const GOOD = { lang: 'en', requesterRole: 'parent', text: 'Мой сын не может уволиться' };

/** Another one-time key, as another rendering of the form would carry. */
const key = () => crypto.randomBytes(32).toString('base64url');
/** Another story: the same one again from one visitor is no new request (intake.public-resubmit.test.ts). */
let stories = 0;
const story = () => `${GOOD.text}, письмо ${String((stories += 1))}`;

/**
 * The public form's throttles, with one address shared by everyone (as behind
 * an onion service): someone else's honeypot hits and wrong codes do not stop
 * a genuine requester, a correct code is always heard, and a burst at a limit
 * lets only the allowed number through.
 */
describe.each(TEST_DIALECTS)('the public form throttles on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let address = 0;
  const nextAddress = () => `192.0.2.${String((address += 1))}`;
  const requests = async () => (await t.database.handle.db.selectFrom('intake_requests').select('id').execute()).length;
  const messages = async () => (await t.database.handle.db.selectFrom('intake_messages').select('id').execute()).length;

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
  });
  afterAll(() => t.cleanup());

  /** A request made through the form by a new visitor; its receipt code. */
  async function madeRequest(at: string): Promise<string> {
    const form = await openForm(t.app);
    const posted = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: form.csrf, submission: form.submission },
      {
        cookie: form.cookie,
        address: at,
      },
    );
    const { code } = await followReceipt(t.app, form.cookie, posted);
    if (code === undefined) throw new Error('no receipt code');
    return code;
  }

  it('lets a genuine requester through after many honeypot hits from the same address', async () => {
    const shared = nextAddress();
    for (let i = 0; i < FORM_POLICIES.address.limit + 5; i += 1) {
      const bot = await openForm(t.app);
      const hit = await postForm(
        t.app,
        '/intake',
        { ...GOOD, csrf: bot.csrf, submission: key(), website: 'http://spam.example' },
        { cookie: bot.cookie, address: shared },
      );
      expect(hit.statusCode).toBe(303);
    }
    const before = await requests();
    await madeRequest(shared);
    expect(await requests()).toBe(before + 1);
  });

  it('limits requests per visitor, keeps the refused text, and lets another visitor at the address in', async () => {
    const shared = nextAddress();
    const visitor = await openForm(t.app);
    for (let i = 0; i < FORM_POLICIES.visitor.limit; i += 1) {
      const posted = await postForm(
        t.app,
        '/intake',
        { ...GOOD, csrf: visitor.csrf, submission: key(), text: story() },
        {
          cookie: visitor.cookie,
          address: shared,
        },
      );
      expect(posted.statusCode).toBe(303);
    }
    const before = await requests();
    const refused = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: visitor.csrf, submission: key(), text: 'Текст, который нельзя терять' },
      { cookie: visitor.cookie, address: shared },
    );
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('data-testid="intake-limited"');
    expect(refused.body).toContain('Текст, который нельзя терять</textarea>');
    expect(await requests()).toBe(before);
    await madeRequest(shared);
    expect(await requests()).toBe(before + 1);
    clock.advance(FORM_POLICIES.visitor.windowMinutes * 60 * 1000);
    const later = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: visitor.csrf, submission: key(), text: story() },
      {
        cookie: visitor.cookie,
        address: shared,
      },
    );
    expect(later.statusCode).toBe(303);
    expect(await requests()).toBe(before + 2);
  });

  it('lets exactly the allowed number of one visitor’s parallel requests through', async () => {
    const visitor = await openForm(t.app);
    const at = nextAddress();
    const before = await requests();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        postForm(
          t.app,
          '/intake',
          { ...GOOD, csrf: visitor.csrf, submission: key(), text: story() },
          {
            cookie: visitor.cookie,
            address: at,
          },
        ),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 303)).toHaveLength(FORM_POLICIES.visitor.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - FORM_POLICIES.visitor.limit);
    expect(await requests()).toBe(before + FORM_POLICIES.visitor.limit);
  });

  it('caps an address flooded by many visitors', async () => {
    clock.advance(FORM_POLICIES.address.windowMinutes * 60 * 1000);
    const shared = nextAddress();
    const before = await requests();
    const statuses: number[] = [];
    for (let i = 0; i <= FORM_POLICIES.address.limit; i += 1) {
      const form = await openForm(t.app);
      const posted = await postForm(
        t.app,
        '/intake',
        { ...GOOD, csrf: form.csrf, submission: form.submission },
        {
          cookie: form.cookie,
          address: shared,
        },
      );
      statuses.push(posted.statusCode);
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(FORM_POLICIES.address.limit);
    expect(statuses.at(-1)).toBe(429);
    expect(await requests()).toBe(before + FORM_POLICIES.address.limit);
  });

  it('refuses further wrong receipt codes from a guessing address, but always hears a correct one', async () => {
    const shared = nextAddress();
    const code = await madeRequest(nextAddress());
    const { cookie, csrf } = await openForm(t.app, '/intake/follow-up');
    const guess = { lang: 'en', csrf, receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE', message: 'guess' };
    for (let i = 0; i < FORM_POLICIES.wrongCodes.limit; i += 1) {
      expect((await postForm(t.app, '/intake/follow-up', guess, { cookie, address: shared })).statusCode).toBe(404);
    }
    const blocked = await postForm(t.app, '/intake/follow-up', guess, { cookie, address: shared });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('data-testid="follow-up-limited"');
    expect(blocked.body).toContain('A correct code is always accepted.');
    const before = await messages();
    const genuine = await postForm(
      t.app,
      '/intake/follow-up',
      { lang: 'ru', csrf, receiptCode: code, message: 'Нас перевели' },
      { cookie, address: shared },
    );
    expect(genuine.statusCode).toBe(200);
    expect(genuine.body).toContain('data-testid="follow-up-done"');
    expect(await messages()).toBe(before + 1);
  });

  it('gives each request its own share of follow-ups and keeps a refused message', async () => {
    const code = await madeRequest(nextAddress());
    const other = await madeRequest(nextAddress());
    const { cookie, csrf } = await openForm(t.app, '/intake/follow-up');
    const send = (receiptCode: string, message: string) =>
      postForm(
        t.app,
        '/intake/follow-up',
        { lang: 'en', csrf, receiptCode, message },
        { cookie, address: nextAddress() },
      );
    for (let i = 0; i < FORM_POLICIES.followUps.limit; i += 1)
      expect((await send(code, `m${String(i)}`)).statusCode).toBe(200);
    const refused = await send(code, 'Kept message');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toMatch(/>\n?Kept message<\/textarea>/);
    expect((await send(other, 'Another request')).statusCode).toBe(200);
  });
});
