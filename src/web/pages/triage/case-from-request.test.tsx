// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { apiError, json, screenPerTest, sessionState, stubApi } from '../../testing/harness.js';
import { CASE_ID, ID_A, LAWYER, VOCABULARIES, detail, summary, until } from './fixtures.js';

const screen = screenPerTest();

describe('a case from a request', () => {
  const fromRequest = detail({
    ...summary(ID_A, { groupSize: 3, urgency: 'high' }),
    serviceCategory: 'mobilized',
    text: 'My son was taken to the enlistment office on Monday and nobody tells us where he is now, please help us find him',
  });

  function stubCaseForm(created: () => Response = () => json({ id: CASE_ID, number: '2026-0007' }, 201)) {
    return stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      [`GET /api/intake/${ID_A}`]: () => json(fromRequest),
      'GET /api/cases/assignable': () => json({ users: [{ id: LAWYER, username: 'petrov', role: 'lawyer' }] }),
      'POST /api/cases': created,
    });
  }

  async function submit(seen: ReturnType<typeof stubApi>): Promise<Record<string, unknown>> {
    await screen.click('case-new-submit');
    await until(() => seen.some((r) => r.method === 'POST'));
    return seen.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
  }

  it('is prefilled from the request: short title, carried-over codes and urgency, people to give it to, a first task', async () => {
    const seen = stubCaseForm();
    await screen.render(`/cases/new?intake=${ID_A}`);
    const title = (await screen.find('case-new-title')) as HTMLInputElement;
    expect(title.value.startsWith('Relative, Moscow: My son was taken')).toBe(true);
    expect(Array.from(title.value).length).toBeLessThanOrEqual(80);
    expect(title.value.endsWith('…')).toBe(true);
    await screen.find('case-new-assignee');
    expect((screen.byTestId('case-new-region') as HTMLSelectElement).value).toBe('RU-MOW');
    expect((screen.byTestId('case-new-service-category') as HTMLSelectElement).value).toBe('mobilized');
    expect((screen.byTestId('case-new-urgency') as HTMLSelectElement).value).toBe('high');
    expect((screen.byTestId('case-new-group-size') as HTMLInputElement).value).toBe('3');
    await screen.click('case-new-assignee');
    const due = ((await screen.find('case-new-first-task-due')) as HTMLInputElement).value;
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await screen.type('case-new-first-task-title', 'Call Marina back');
    expect(await submit(seen)).toMatchObject({
      type: 'family_petition',
      region: 'RU-MOW',
      serviceCategory: 'mobilized',
      urgency: 'high',
      groupSize: 3,
      intakeId: ID_A,
      assigneeIds: [LAWYER],
      firstTask: { title: 'Call Marina back', dueDate: due },
    });
  });

  it('sends no first task once it is taken off the form, or while no one is given the case', async () => {
    const seen = stubCaseForm();
    await screen.render(`/cases/new?intake=${ID_A}`);
    await screen.find('case-new-assignee');
    // Proposed for the first person the case is given to: none chosen, none proposed.
    expect(screen.byTestId('case-new-first-task')).toBeNull();
    await screen.click('case-new-assignee');
    await screen.click('case-new-first-task-on');
    expect(screen.byTestId('case-new-first-task-title')).toBeNull();
    const body = await submit(seen);
    expect(body).not.toHaveProperty('firstTask');
    expect(body).toMatchObject({ intakeId: ID_A, urgency: 'high', assigneeIds: [LAWYER] });
  });

  it('sends no first task when no one was ever chosen', async () => {
    const seen = stubCaseForm();
    await screen.render(`/cases/new?intake=${ID_A}`);
    await screen.find('case-new-assignee');
    expect(await submit(seen)).not.toHaveProperty('firstTask');
  });

  it('drops the proposed task when the one person chosen is unchosen again', async () => {
    const seen = stubCaseForm();
    await screen.render(`/cases/new?intake=${ID_A}`);
    await screen.click('case-new-assignee');
    await screen.find('case-new-first-task-title');
    await screen.click('case-new-assignee');
    expect(screen.byTestId('case-new-first-task')).toBeNull();
    const body = await submit(seen);
    expect(body).not.toHaveProperty('firstTask');
    expect(body).toMatchObject({ assigneeIds: [] });
  });

  it('says so when someone else triaged the request meanwhile, and links to it', async () => {
    const seen = stubCaseForm(() => apiError(409, 'CONFLICT'));
    await screen.render(`/cases/new?intake=${ID_A}`);
    await screen.find('case-new-assignee');
    await submit(seen);
    const conflict = await screen.find('case-new-conflict');
    expect(conflict.textContent).toContain('no second case was opened');
    expect(conflict.querySelector('a')?.getAttribute('href')).toBe(`/triage/${ID_A}`);
    expect(screen.byTestId('form-error')).toBeNull();
  });
});
