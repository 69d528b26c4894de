import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/**
 * The casework path of the issue, through the pages as people use them: a
 * requester with JavaScript off, then an intake volunteer, a coordinator and a
 * lawyer, each in their own browser session.
 */
describe('from the public form to an outcome, in Chromium', () => {
  let e2e: E2eContext;
  let volunteer: E2eAccount;
  let coordinator: E2eAccount;
  let lawyer: E2eAccount;
  let outsider: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    volunteer = await e2e.addUser('intake', 'volunteer-vera');
    coordinator = await e2e.addUser('coordinator', 'coord-kim');
    lawyer = await e2e.addUser('lawyer', 'lawyer-lev');
    outsider = await e2e.addUser('caseworker', 'caseworker-cid');
  });
  afterAll(() => e2e.close());

  it('takes a request, triages it, opens a case, and the lawyer carries it to an outcome and finds it again', async () => {
    // 1. The requester, JavaScript off.
    const requester = await e2e.newPage({ locale: 'ru-RU', javaScriptEnabled: false });
    await requester.goto(`${e2e.server.url}/intake`);
    await requester.locator('#f-handle').fill('Ласточка');
    await requester.locator('#f-contact').fill('signal: swallow-2026');
    await requester.locator('#f-requesterRole').selectOption('spouse');
    await requester.locator('#f-text').fill('Мужу отказывают в увольнении после окончания контракта');
    await requester.locator('#f-consentDocumentation').check();
    await requester.getByTestId('intake-submit').click();
    const code = (await requester.getByTestId('receipt-code').textContent()) ?? '';
    await requester.goto(`${e2e.server.url}/intake/follow-up`);
    await requester.locator('#f-receiptCode').fill(code);
    await requester.locator('#f-message').fill('Рапорт вернули без ответа');
    await requester.getByTestId('follow-up-submit').click();
    await requester.getByTestId('follow-up-done').waitFor();
    await requester.close();

    // 2. The intake volunteer takes it into triage and marks it urgent.
    const vera = await e2e.newPage({ locale: 'ru-RU', account: volunteer });
    await vera.goto(`${e2e.server.url}/triage`);
    await vera.getByTestId('triage-row').first().locator('a').first().click();
    await expect.poll(() => vera.getByTestId('triage-text').textContent()).toContain('отказывают в увольнении');
    expect(await vera.getByTestId('triage-message').first().textContent()).toContain('Рапорт вернули');
    await vera.getByTestId('triage-urgency').selectOption('high');
    await vera.getByTestId('triage-take').check();
    await vera.getByTestId('triage-save').click();
    await vera.getByTestId('triage-notice').waitFor();
    const intakeUrl = vera.url();
    await vera.close();

    // 3. The coordinator opens a case from it and assigns the lawyer.
    const kim = await e2e.newPage({ locale: 'en-US', account: coordinator });
    await kim.goto(intakeUrl);
    await kim.getByTestId('triage-open-case').click();
    await kim.waitForURL(/\/cases\/new\?intake=/);
    await expect.poll(() => kim.getByTestId('case-new-type').locator('option').count()).toBeGreaterThan(1);
    // Prefilled from the request.
    await expect.poll(() => kim.getByTestId('case-new-title').inputValue()).toContain('Мужу отказывают');
    await kim.getByTestId('case-new-type').selectOption('contract_termination');
    await kim.getByTestId('case-new-title').fill('Contract ended, discharge refused');
    await kim.getByTestId('case-new-submit').click();
    await kim.getByTestId('case-number').waitFor();
    const caseNumber = (await kim.getByTestId('case-number').textContent()) ?? '';
    const caseUrl = kim.url();
    const caseId = caseUrl.split('/').pop() ?? '';
    await expect.poll(() => kim.getByTestId('case-assign-user').locator('option').count()).toBeGreaterThan(1);
    const lawyerOption = kim.getByTestId('case-assign-user').locator('option', { hasText: 'lawyer-lev' });
    await kim.getByTestId('case-assign-user').selectOption((await lawyerOption.getAttribute('value')) ?? '');
    await kim.getByTestId('case-assign-submit').click();
    await expect.poll(() => kim.locator('body').textContent()).toContain('lawyer-lev');
    await kim.close();

    // 4. The lawyer adds a note and a task, moves the stage, records an outcome.
    const lev = await e2e.newPage({ locale: 'ru-RU', account: lawyer });
    await lev.goto(caseUrl);
    await lev.getByTestId('case-number').waitFor();
    // The assignment shows on the timeline, in words.
    await expect.poll(() => lev.locator('[data-testid="timeline-item"][data-kind="grant"]').count()).toBe(1);
    await expect
      .poll(() => lev.locator('[data-testid="timeline-item"][data-kind="grant"]').textContent())
      .toContain('coord-kim назначил(а) юриста lawyer-lev');
    // The request the case came from, with the requester's name and contact.
    await expect.poll(() => lev.getByTestId('request-contact').textContent()).toBe('signal: swallow-2026');
    await expect.poll(() => lev.getByTestId('request-handle').textContent()).toBe('Ласточка');
    await lev.getByTestId('note-open').click();
    await lev.getByTestId('note-body').fill('Солдаты из его роты вернулись домой после решения суда');
    await lev.getByTestId('note-submit').click();
    await expect.poll(() => lev.locator('[data-testid="timeline-item"][data-kind="note"]').count()).toBe(1);
    await lev.getByTestId('task-title').fill('Подать апелляцию');
    await lev.getByTestId('task-due').fill('2026-12-25');
    await lev.getByTestId('task-submit').click();
    await expect.poll(() => lev.getByTestId('task-row').count()).toBe(1);
    await lev.getByTestId('person-name-cyrillic').fill('Журавлёв Пётр');
    await lev.getByTestId('person-name-latin').fill('Zhuravlyov Pyotr');
    await expect.poll(() => lev.getByTestId('person-role').locator('option').count()).toBeGreaterThan(1);
    await lev.getByTestId('person-role').selectOption('serviceman');
    await lev.getByTestId('person-add-submit').click();
    await expect.poll(() => lev.getByTestId('case-person').textContent()).toContain('Журавлёв');
    // No outcome before the case reaches a stage that allows one.
    expect(await lev.getByTestId('case-outcome-open').count()).toBe(0);
    await lev.getByTestId('case-stage-open').click();
    await lev.getByTestId('case-stage-select').selectOption('resolved');
    await lev.getByTestId('case-stage-submit').click();
    await expect.poll(() => lev.getByTestId('case-stage').getAttribute('data-stage')).toBe('resolved');
    await lev.getByTestId('case-outcome-open').click();
    await lev.getByTestId('case-outcome-select').selectOption('returned_home_not_dismissed');
    await lev.getByTestId('case-outcome-submit').click();
    await expect.poll(() => lev.locator('[data-testid="timeline-item"][data-kind="outcome"]').count()).toBe(1);

    // 5. …and finds the case by a word of the note in another inflection.
    await lev.goto(`${e2e.server.url}/cases`);
    await lev.getByTestId('cases-search').fill('солдат');
    await lev.getByTestId('cases-search-submit').click();
    await expect.poll(() => lev.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).count()).toBe(1);
    // The case's number in the address opens it too.
    await lev.goto(`${e2e.server.url}/cases/${caseNumber}`);
    await expect.poll(() => lev.getByTestId('request-contact').textContent()).toBe('signal: swallow-2026');
    await lev.close();

    // A caseworker without a grant gets neither the case nor the contact.
    const cid = await e2e.newPage({ locale: 'ru-RU', account: outsider });
    for (const address of [caseUrl, `${e2e.server.url}/cases/${caseNumber}`]) {
      await cid.goto(address);
      await cid.getByTestId('case-error').waitFor();
      expect(await cid.locator('body').textContent()).not.toContain('swallow');
      expect(await cid.getByTestId('case-number').count()).toBe(0);
    }
    await cid.close();

    const origin = new URL(e2e.server.url).origin;
    expect(e2e.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(e2e.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
