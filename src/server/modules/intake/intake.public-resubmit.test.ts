import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp, followReceipt, openForm, postForm, renderFormAgain } from '../../../../test/intake.js';

const GOOD = {
  lang: 'ru',
  handle: 'Сокол',
  contact: 'signal: falcon-77',
  requesterRole: 'spouse',
  text: 'Мужу не дают уволиться по окончании контракта',
};

/** Another one-time key, as another rendering of the form would carry. */
const key = () => crypto.randomBytes(32).toString('base64url');

/**
 * The same story sent again by the same visitor through a new rendering of
 * the form (Back, then Send, with JavaScript off: a new submission key, the
 * fields refilled by the browser) makes no second request.
 */
describe.each(TEST_DIALECTS)('the public form resubmitted from a new rendering on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let address = 0;
  /** A fresh address per test, so the throttle of one test does not reach another. */
  const nextAddress = () => `198.51.100.${String((address += 1))}`;
  const rows = () =>
    t.database.handle.db.selectFrom('intake_requests').select(['id', 'submission_hash', 'content_hash']).execute();

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
  });
  afterAll(() => t.cleanup());

  it('answers the same story again with a new submission key as received, showing no code and storing nothing', async () => {
    const at = nextAddress();
    const first = await openForm(t.app);
    const posted = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: first.csrf, submission: first.submission },
      {
        cookie: first.cookie,
        address: at,
      },
    );
    const receipt = await followReceipt(t.app, first.cookie, posted);
    expect(receipt.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const before = await rows();

    // Back: the form is fetched again, with a new key; the browser refills what was typed.
    const again = await renderFormAgain(t.app, receipt.cookie, at);
    expect(again.submission).not.toBe(first.submission);
    const resent = await postForm(
      t.app,
      '/intake',
      { ...GOOD, csrf: again.csrf, submission: again.submission },
      {
        cookie: receipt.cookie,
        address: at,
      },
    );
    const shown = await followReceipt(t.app, receipt.cookie, resent);
    expect(shown.code).toBeUndefined();
    expect(shown.page.body).toContain('data-testid="intake-received-again"');
    expect(shown.page.body).not.toContain(receipt.code);

    // Spacing, case and line endings do not make it another story.
    const third = await renderFormAgain(t.app, receipt.cookie, at);
    const respaced = {
      ...GOOD,
      text: `  ${GOOD.text.toUpperCase().replace(/ /g, ' \r\n ')} `,
      contact: 'SIGNAL:  falcon-77',
    };
    const spaced = await postForm(
      t.app,
      '/intake',
      { ...respaced, csrf: third.csrf, submission: third.submission },
      {
        cookie: receipt.cookie,
        address: at,
      },
    );
    expect((await followReceipt(t.app, receipt.cookie, spaced)).code).toBeUndefined();
    expect(await rows()).toHaveLength(before.length);

    // What is kept is keyed: neither the text nor an unkeyed hash of it.
    const row = before.find((r) => r.content_hash !== null);
    expect(row?.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.content_hash).not.toBe(row?.submission_hash);
    const unkeyed = crypto.createHash('sha256').update(GOOD.text).digest('hex');
    expect(before.map((r) => r.content_hash)).not.toContain(unkeyed);
  });

  it('makes one request of 20 posts at once with different submission keys and the same story', async () => {
    const at = nextAddress();
    const visitor = await openForm(t.app);
    const before = (await rows()).length;
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        postForm(
          t.app,
          '/intake',
          { ...GOOD, text: 'Двадцать раз одно и то же', csrf: visitor.csrf, submission: key() },
          { cookie: visitor.cookie, address: at },
        ),
      ),
    );
    expect(burst.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 303));
    const flashes = burst.filter((r) => r.cookies.some((c) => c.name.endsWith('homeward_receipt')));
    expect(flashes).toHaveLength(1);
    expect(await rows()).toHaveLength(before + 1);
  });

  it('takes a different story from the same visitor, and the same story from another visitor', async () => {
    const at = nextAddress();
    const visitor = await openForm(t.app);
    const send = (fields: Record<string, string>, form: { cookie: string; csrf: string }) =>
      postForm(
        t.app,
        '/intake',
        { ...fields, csrf: form.csrf, submission: key() },
        { cookie: form.cookie, address: at },
      );
    const before = (await rows()).length;
    const story = { ...GOOD, text: 'Первая история' };
    const codeOf = async (form: { cookie: string }, posted: Awaited<ReturnType<typeof send>>) =>
      (await followReceipt(t.app, form.cookie, posted)).code;

    expect(await codeOf(visitor, await send(story, visitor))).toBeDefined();
    expect(await codeOf(visitor, await send({ ...story, text: 'Вторая история' }, visitor))).toBeDefined();
    expect(await codeOf(visitor, await send({ ...story, handle: 'Ястреб' }, visitor))).toBeDefined();
    expect(await codeOf(visitor, await send({ ...story, contact: 'signal: hawk-12' }, visitor))).toBeDefined();
    expect(await rows()).toHaveLength(before + 4);

    const other = await openForm(t.app);
    expect(await codeOf(other, await send(story, other))).toBeDefined();
    expect(await rows()).toHaveLength(before + 5);
  });
});
