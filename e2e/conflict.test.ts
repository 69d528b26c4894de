import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * Two people on one case, each in their own browser context: one moves the
 * stage, the other then moves it from the page that still shows the old stage.
 * The server refuses the stale move (CONFLICT, the `from` stage no longer
 * holds) and the page says so in its own words, then shows the case as it is.
 */
describe('a stage move from a stale page, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  let lawyer: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-ada');
    lawyer = await e2e.addUser('lawyer', 'lawyer-ben');
  });
  afterAll(() => e2e.close());

  /**
   * Moves the case to the `nth` stage its page offers (1 is the first); that
   * stage's code. The stale page picks another stage than the move it missed,
   * one the graph also allows from the new stage: without `from` the server
   * would take it, undoing a move its user never saw.
   */
  async function moveToOffered(page: Page, nth: number): Promise<string> {
    // The move form opens on demand, and stays open after a conflict.
    if ((await page.getByTestId('case-stage-select').count()) === 0) await page.getByTestId('case-stage-open').click();
    const select = page.getByTestId('case-stage-select');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(nth);
    const next = (await select.locator('option').nth(nth).getAttribute('value')) ?? '';
    await select.selectOption(next);
    await page.getByTestId('case-stage-submit').click();
    return next;
  }

  it('says the case was moved by someone else, in Russian and in English, and shows its current stage', async () => {
    const ada = await e2e.newPage({ locale: 'en-US', account: coordinator });
    const api = { headers: { 'x-homeward-request': '1' } };
    const opened = await ada.request.post(`${e2e.server.url}/api/cases`, {
      ...api,
      data: { type: 'contract_termination', title: 'Two people, one case' },
    });
    expect(opened.status()).toBe(201);
    const { id: caseId } = (await opened.json()) as { id: string };
    const assignable = (await (await ada.request.get(`${e2e.server.url}/api/cases/${caseId}/assignable`)).json()) as {
      users: { id: string; username: string }[];
    };
    const ben = assignable.users.find((u) => u.username === 'lawyer-ben');
    const granted = await ada.request.put(`${e2e.server.url}/api/cases/${caseId}/grants/${ben?.id ?? ''}`, api);
    expect(granted.status()).toBe(204);

    const caseUrl = `${e2e.server.url}/cases/${caseId}`;
    const lev = await e2e.newPage({ locale: 'ru-RU', account: lawyer });
    await ada.goto(caseUrl);
    await lev.goto(caseUrl);
    const start = await ada.getByTestId('case-stage').getAttribute('data-stage');
    await expect.poll(() => lev.getByTestId('case-stage').getAttribute('data-stage')).toBe(start);

    // 1. The coordinator moves it; the lawyer's page still shows the first stage and offers its moves.
    const first = await moveToOffered(ada, 1);
    await expect.poll(() => ada.getByTestId('case-stage').getAttribute('data-stage')).toBe(first);
    expect(await lev.getByTestId('case-stage').getAttribute('data-stage')).toBe(start);
    expect(await moveToOffered(lev, 2)).not.toBe(first);
    // Bounded, so a move that went through fails here by name rather than at the test's timeout.
    await lev.getByTestId('form-error').waitFor({ timeout: 10_000 });
    expect(await lev.getByTestId('stage-conflict').textContent()).toContain('его перевёл на другой этап кто-то другой');
    expect(await lev.getByTestId('form-error').getAttribute('data-code')).toBe('CONFLICT');
    // Reloaded: the page shows the stage the coordinator moved it to.
    await expect.poll(() => lev.getByTestId('case-stage').getAttribute('data-stage')).toBe(first);

    // 2. Now the lawyer moves it on, and the coordinator's page is the stale one.
    const second = await moveToOffered(lev, 1);
    await expect.poll(() => lev.getByTestId('case-stage').getAttribute('data-stage')).toBe(second);
    expect(await lev.getByTestId('stage-conflict').count()).toBe(0);
    expect(await moveToOffered(ada, 2)).not.toBe(second);
    await ada.getByTestId('form-error').waitFor({ timeout: 10_000 });
    expect(await ada.getByTestId('stage-conflict').textContent()).toContain(
      'Someone else moved this case in the meantime',
    );
    await expect.poll(() => ada.getByTestId('case-stage').getAttribute('data-stage')).toBe(second);

    // The refused moves left the case where the last accepted move put it, with one stage event each.
    const timeline = (await (await ada.request.get(`${e2e.server.url}/api/cases/${caseId}/timeline`)).json()) as {
      events: { kind: string; stageFrom: string | null; stageTo: string | null }[];
    };
    const moves = timeline.events.filter((e) => e.kind === 'stage').map((e) => [e.stageFrom, e.stageTo]);
    expect(moves).toEqual([
      [first, second],
      [start, first],
    ]);
    await ada.close();
    await lev.close();
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
