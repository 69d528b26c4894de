import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * Issue 9: "a merge keeps the chosen fields, the aliases are searchable, and
 * both ids are in the audit log", through the pages a coordinator and an
 * administrator use, and the refusals a coordinator meets.
 */
describe('merging two records of one person, in Chromium', () => {
  let e2e: E2eContext;
  let admin: E2eAccount;
  let olga: E2eAccount;
  let pavel: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    admin = await e2e.setUpAdmin();
    olga = await e2e.addUser('coordinator', 'coord-olga');
    pavel = await e2e.addUser('coordinator', 'coord-pavel');
  });
  afterAll(() => e2e.close());

  /** A case holding two records of Bair Dorzhiev, added as the web app adds people (same origin, the session). */
  async function twoRecords(page: Page): Promise<{ kept: string; away: string }> {
    await page.goto(`${e2e.server.url}/cases`);
    return page.evaluate(async () => {
      const send = async (path: string, body: object) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-homeward-request': '1' },
          body: JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${path}: ${String(response.status)} ${await response.text()}`);
        return response.json() as Promise<{ id: string; personId: string }>;
      };
      const opened = await send('/api/cases', { type: 'detention_missing', title: 'Удержание в части' });
      const add = (person: object) =>
        send(`/api/cases/${opened.id}/people`, { role: 'serviceman', isSpokesperson: false, person });
      const kept = await add({
        nameCyrillic: { family: 'Доржиев', given: 'Баир' },
        nameLatin: { family: 'Dorzhiev', given: 'Bair' },
        region: 'RU-BU',
        contacts: [{ kind: 'phone', value: '+7 900 000-0001' }],
      });
      const away = await add({
        nameCyrillic: { family: 'Доржеев', given: 'Баир', patronymic: 'Цыренович' },
        nameLatin: { family: 'Dorjeev', given: 'Bair' },
        birth: { date: '1994-03-12', precision: 'day' },
        region: 'RU-ZAB',
        force: 'national_guard',
      });
      return { kept: kept.personId, away: away.personId };
    });
  }

  it('finds the pair, merges the fields chosen from each side, finds the former name, and logs both records', async () => {
    const page = await e2e.newPage({ locale: 'en-US', account: olga });
    const { kept, away } = await twoRecords(page);

    // The duplicates page, from the menu, offers the pair; its merge page puts the records side by side.
    await page.getByTestId('nav-duplicates').click();
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Доржеев' });
    await pair.getByTestId('duplicate-compare').click();
    await page.waitForURL(/\/people\/merge\?/);
    if (new URL(page.url()).searchParams.get('into') !== kept) {
      await page.getByTestId('merge-swap').click();
      await page.waitForURL(new RegExp(`into=${kept}`));
    }
    const region = page.getByTestId('merge-field-region');
    await expect.poll(() => region.textContent()).toContain('Republic of Buryatia');
    expect(await page.getByTestId('merge-field-birth').textContent()).not.toContain('1994-03-12');

    // From the other record: the full Cyrillic name, the birth date and the force; the rest from the kept one.
    await page.getByTestId('merge-nameCyrillic-merged').check();
    await page.getByTestId('merge-birth-merged').check();
    await page.getByTestId('merge-force-merged').check();
    await page.getByTestId('merge-submit').click();
    await page.waitForURL(new RegExp(`/people/${kept}$`));

    expect(await page.getByTestId('person-page-name').textContent()).toBe('Доржеев Баир Цыренович');
    expect(await page.getByTestId('person-region').textContent()).toBe('Republic of Buryatia');
    const birth = (await page.getByTestId('person-birth').textContent()) ?? '';
    expect(birth).toContain('1994');
    expect(birth).not.toContain('1994-03-12');
    expect(await page.locator('.details').textContent()).toContain('National Guard');
    expect(await page.getByTestId('person-contact').allTextContents()).toEqual([
      expect.stringContaining('+7 900 000-0001'),
    ]);
    expect(await page.getByTestId('person-alias').allTextContents()).toEqual(['Доржиев Баир', 'Dorjeev Bair']);

    // The merged-away Latin spelling, typed in the header, finds the kept person, saying it was a former name.
    await page.getByTestId('global-search').fill('Dorjeev');
    await page.getByTestId('global-search').press('Enter');
    await page.waitForURL(/\/search\?q=Dorjeev$/);
    const hit = page.locator('[data-testid="search-result"][data-type="person"]');
    await hit.first().waitFor();
    expect(await hit.count()).toBe(1);
    expect(await hit.getByTestId('search-matched-in').textContent()).toContain('former name');
    await hit.locator('a').click();
    await page.waitForURL(new RegExp(`/people/${kept}$`));
    await page.close();

    // The administrator's audit log holds the merge under each of the two records.
    const log = await e2e.newPage({ locale: 'en-US', account: admin });
    for (const objectId of [away, kept]) {
      await log.goto(`${e2e.server.url}/admin/audit?action=person.merge&objectId=${objectId}`);
      const rows = log.getByTestId('audit-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      const text = (await rows.first().textContent()) ?? '';
      expect(text).toContain('People merged');
      expect(text).toContain('Person');
      expect(text).toContain('coord-olga');
    }
    await log.close();
  });

  it('refuses a person merged into themselves, and tells the slower of two coordinators that the other merged first', async () => {
    const page = await e2e.newPage({ locale: 'ru-RU', account: olga });
    const { kept, away } = await twoRecords(page);

    await page.goto(`${e2e.server.url}/people/merge?from=${kept}&into=${kept}`);
    expect(await page.getByTestId('merge-itself').textContent()).toContain(
      'Это одна и та же запись: человека нельзя объединить с самим собой.',
    );
    expect(await page.getByTestId('merge-submit').count()).toBe(0);

    // Both coordinators open the same merge; Olga confirms first, Pavel after her.
    const other = await e2e.newPage({ locale: 'ru-RU', account: pavel });
    const url = `${e2e.server.url}/people/merge?from=${away}&into=${kept}`;
    for (const each of [page, other]) {
      await each.goto(url);
      await each.getByTestId('merge-submit').waitFor();
    }
    await page.getByTestId('merge-submit').click();
    await page.waitForURL(new RegExp(`/people/${kept}$`));
    await other.getByTestId('merge-birth-merged').check();
    await other.getByTestId('merge-submit').click();
    const error = other.getByTestId('merge-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('CONFLICT');
    expect(await error.textContent()).toContain('Кто-то только что объединил одну из этих записей.');
    // Olga's merge stands: Pavel's choice of the birth date did not land.
    await other.reload();
    expect(await other.getByTestId('merge-already').textContent()).toContain('уже объединена');
    await other.goto(`${e2e.server.url}/people/${kept}`);
    expect(await other.getByTestId('person-birth').textContent()).toBe('не указано');
    await other.close();
    await page.close();
  });
});
