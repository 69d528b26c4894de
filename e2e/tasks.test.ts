import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2eAccount, type E2eContext } from './harness.js';

/** A task reaches its owner: given on the case page by a coordinator, found by the lawyer in My work. */
describe('a task given to a lawyer, in Chromium', () => {
  let e2e: E2eContext;
  let coordinator: E2eAccount;
  let lawyer: E2eAccount;
  beforeAll(async () => {
    e2e = await startE2e();
    await e2e.setUpAdmin();
    coordinator = await e2e.addUser('coordinator', 'coord-ada');
    lawyer = await e2e.addUser('lawyer', 'lawyer-ilya');
  });
  afterAll(() => e2e.close());

  it('is created by the coordinator for the lawyer, who sees it in My work, marks it done, and is named as the one who did', async () => {
    // The coordinator opens a case, grants it to the lawyer, and gives the lawyer a task due on a day.
    const ada = await e2e.newPage({ locale: 'en-US', account: coordinator });
    await ada.goto(`${e2e.server.url}/cases/new`);
    await expect.poll(() => ada.getByTestId('case-new-type').locator('option').count()).toBeGreaterThan(1);
    await ada.getByTestId('case-new-type').selectOption('contract_termination');
    await ada.getByTestId('case-new-title').fill('Discharge refused after the contract ended');
    await ada.getByTestId('case-new-submit').click();
    await ada.getByTestId('case-number').waitFor();
    const caseUrl = ada.url();
    const number = (await ada.getByTestId('case-number').textContent()) ?? '';
    await expect.poll(() => ada.getByTestId('case-assign-user').locator('option').count()).toBeGreaterThan(1);
    const lawyerOption = ada.getByTestId('case-assign-user').locator('option', { hasText: 'lawyer-ilya' });
    await ada.getByTestId('case-assign-user').selectOption((await lawyerOption.getAttribute('value')) ?? '');
    await ada.getByTestId('case-assign-submit').click();
    // The task picker offers those the case is granted to, the coordinator first.
    const picker = ada.getByTestId('task-assignee-select');
    await expect.poll(() => picker.locator('option', { hasText: 'lawyer-ilya' }).count()).toBe(1);
    expect(await picker.locator('option').first().textContent()).toBe('Me (coord-ada)');
    await ada.getByTestId('task-title').fill('Appeal the refusal');
    await ada.getByTestId('task-due').fill('2027-01-15');
    await picker.selectOption({ label: 'lawyer-ilya' });
    await ada.getByTestId('task-submit').click();
    await expect.poll(() => ada.getByTestId('task-assignee').textContent()).toBe('lawyer-ilya');
    expect(await ada.getByTestId('task-due-date').textContent()).toBe('due Jan 15, 2027');
    await ada.close();

    // The lawyer finds it in My work, in Russian, with the case and its next deadline.
    const ilya = await e2e.newPage({ locale: 'ru-RU', account: lawyer });
    await ilya.goto(`${e2e.server.url}/my-work`);
    const row = ilya.getByTestId('mywork-task-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Appeal the refusal');
    expect(await row.textContent()).toContain(number);
    expect(await row.textContent()).toContain('срок 15 янв. 2027');
    await expect.poll(() => ilya.getByTestId('mywork-case-row').textContent()).toContain('ближайший срок 15 янв. 2027');
    expect(await ilya.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}|contract_termination|intake\b/);

    // Done on the case page: it says who did it, and My work has nothing left.
    await ilya.goto(caseUrl);
    // The box follows the server: it is ticked once the task is done there.
    await ilya.getByTestId('task-row').locator('input[type="checkbox"]').click();
    await expect.poll(() => ilya.getByTestId('task-done-by').textContent()).toContain('Выполнил(а) lawyer-ilya');
    await ilya.goto(`${e2e.server.url}/my-work`);
    await expect.poll(() => ilya.getByTestId('mywork-tasks').textContent()).toContain('Открытых задач нет.');
    await ilya.close();
  });
});
