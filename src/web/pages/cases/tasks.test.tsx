// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { myWorkSchema, type CaseDetail, type CaseTask, type MyWork } from '../../../shared/cases.schema.js';
import { addDays } from '../../../shared/task-deadlines.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { json, noContent, screenPerTest, sessionState, stubApi, validationFailed } from '../../testing/harness.js';
import {
  CASE,
  CASE_VOCABULARIES,
  caseDetail,
  casePageRoutes as caseRoutes,
  nextStage,
  task as caseTask,
  until,
} from './case-fixtures.js';
import { localToday } from './ProposedTasks.js';

const screen = screenPerTest();

const ME = sessionState({ role: 'lawyer', username: 'lev' });
const COORDINATOR = sessionState({ role: 'coordinator', username: 'kim' });
const ANNA = '6f1c1d5e-0000-4000-8000-000000000002';
const ISO_DAY = /\d{4}-\d{2}-\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;
const STAGES = CASE_VOCABULARIES.stage ?? [];

/** A task of mine unless `overrides` says otherwise. */
const task = (overrides: Partial<CaseTask>) =>
  caseTask({ assigneeId: ME.user.id, assigneeUsername: 'lev', ...overrides });

/** The case granted to me and to anna, with `tasks`; it may move to the prosecutor's complaint. */
const detail = (stage: string, tasks: CaseTask[], updatedAt = '2026-11-21T10:00:00.000Z'): CaseDetail =>
  caseDetail({
    stage,
    tasks,
    updatedAt,
    allowedStages: [nextStage('prosecutor_complaint')],
    assignees: [
      { userId: ME.user.id, username: 'lev', role: 'lawyer' },
      { userId: ANNA, username: 'anna', role: 'caseworker' },
    ],
  });

const casePageRoutes = (current: () => CaseDetail, extra: Parameters<typeof caseRoutes>[2] = {}) =>
  caseRoutes(ME, current, extra);

/** Chooses a stage in the case page's move picker and moves the case there. */
async function moveTo(stage: string): Promise<void> {
  // The move form opens when asked for.
  await screen.click('case-stage-open');
  await screen.choose('case-stage-select', stage);
  await screen.click('case-stage-submit');
}

const section = () => document.getElementById('case-tasks-heading')?.closest('section') ?? null;

describe('tasks on the case page', () => {
  it.each([
    ['en', 'Overdue', 'Done by anna', 'Dec 20, 2026'],
    ['ru', 'Просрочено', 'Выполнил(а) anna', '20 дек. 2026'],
  ] as const)('shows whose each task is, by when, overdue, and who did it (%s)', async (language, late, by, day) => {
    await switchLanguage(language);
    const tasks = [
      task({ title: 'File the appeal', dueDate: '2026-11-30', overdue: true }),
      task({
        title: 'Ask for the order',
        assigneeId: ANNA,
        assigneeUsername: 'anna',
        doneAt: '2026-11-22T09:30:00.000Z',
        doneById: ANNA,
        doneByUsername: 'anna',
      }),
    ];
    casePageRoutes(() => detail('verification', tasks));
    await screen.render(`/cases/${CASE}`);
    await screen.find('task-row');
    const [open, done] = [...document.querySelectorAll<HTMLElement>('[data-testid="task-row"]')];
    expect(open?.querySelector('[data-testid="task-overdue"]')?.textContent).toBe(late);
    expect(open?.querySelector('[data-testid="task-assignee"]')?.textContent).toBe('lev');
    expect(done?.dataset.done).toBe('true');
    expect(done?.querySelector('[data-testid="task-assignee"]')?.textContent).toBe('anna');
    expect(done?.querySelector('[data-testid="task-done-by"]')?.textContent).toContain(by);
    expect(done?.querySelector('[data-testid="task-due-date"]')?.textContent).toContain(day);
    const text = section()?.textContent ?? '';
    expect(text).not.toMatch(ISO_DAY);
    expect(text).not.toMatch(UUID);
  });

  it('adds a task for me by default, and asks for the due date before sending it', async () => {
    let tasks: CaseTask[] = [];
    const seen = casePageRoutes(() => detail('verification', tasks), {
      [`POST /api/cases/${CASE}/tasks`]: (request) => {
        const body = request.body as { title: string; dueDate: string; assigneeId: string };
        tasks = [...tasks, task({ title: body.title, dueDate: body.dueDate, assigneeId: body.assigneeId })];
        return json({ id: crypto.randomUUID() }, 201);
      },
    });
    await screen.render(`/cases/${CASE}`);
    await screen.type('task-title', 'Write to the prosecutor');
    await screen.click('task-submit');
    await until(() => (section()?.textContent ?? '').includes('Fill in this field.'), 'the due date is asked for');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    const assignee = await screen.find('task-assignee-select');
    expect((assignee as HTMLSelectElement).value).toBe(ME.user.id);
    await screen.type('task-due', '2026-12-24');
    await screen.click('task-submit');
    await until(() => seen.some((r) => r.method === 'POST'), 'the task is sent');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      title: 'Write to the prosecutor',
      dueDate: '2026-12-24',
      assigneeId: ME.user.id,
    });
    await screen.find('task-row');
  });

  it.each([
    ['en', 'Choose one of the offered values.'],
    ['ru', 'Выберите одно из предложенных значений.'],
  ] as const)(
    'reassigns a task and moves its due day; a refused assignee is named at its field (%s)',
    async (language, refusal) => {
      await switchLanguage(language);
      const open = task({ title: 'File the appeal' });
      let refuse = true;
      const seen = casePageRoutes(() => detail('verification', [open]), {
        [`PATCH /api/cases/${CASE}/tasks/${open.id}`]: () =>
          refuse
            ? validationFailed([{ path: 'assigneeId', message: 'must be …', reason: 'invalid_value' }])
            : noContent(),
      });
      await screen.render(`/cases/${CASE}`);
      await screen.click('task-edit');
      await screen.type('task-edit-due', '2027-02-01');
      await screen.choose('task-edit-assignee', ANNA);
      await screen.click('task-edit-save');
      await until(() => (section()?.textContent ?? '').includes(refusal), 'the refusal is shown at the field');
      expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ dueDate: '2027-02-01', assigneeId: ANNA });
      refuse = false;
      await screen.click('task-edit-save');
      await until(() => screen.byTestId('task-edit-save') === null, 'the form closes once saved');
      expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(2);
    },
  );

  it.each([
    ['en', "Add task: «Check the prosecutor's answer»", 'An example period'],
    ['ru', 'Добавить задачу «Проверить ответ прокуратуры»', 'Срок указан для примера'],
  ] as const)(
    'after a move into a stage that proposes a task, offers it due by the law and adds it on confirmation (%s)',
    async (language, offer, example) => {
      await switchLanguage(language);
      let current = detail('verification', []);
      const seen = casePageRoutes(() => current, {
        [`POST /api/cases/${CASE}/stage`]: () => {
          current = detail('prosecutor_complaint', [], '2026-11-21T11:00:00.000Z');
          return noContent();
        },
        [`POST /api/cases/${CASE}/tasks`]: () => json({ id: crypto.randomUUID() }, 201),
      });
      await screen.render(`/cases/${CASE}`);
      await screen.find('task-assignee-select');
      expect(screen.byTestId('task-proposal')).toBeNull();
      await moveTo('prosecutor_complaint');

      const proposal = await screen.find('task-proposal');
      expect(proposal.textContent).toContain(offer);
      expect(proposal.textContent).toContain(example);
      expect(proposal.textContent).not.toMatch(ISO_DAY);
      await screen.click('task-proposal-add');
      await until(() => seen.some((r) => r.path === `/api/cases/${CASE}/tasks`), 'the proposed task is sent');
      const sent = seen.find((r) => r.path === `/api/cases/${CASE}/tasks`)?.body;
      const title = language === 'ru' ? 'Проверить ответ прокуратуры' : "Check the prosecutor's answer";
      expect(sent).toEqual({ title, dueDate: addDays(localToday(), 30) });
      await until(() => screen.byTestId('task-proposal') === null, 'the offer is gone');
    },
  );

  it('lets the user dismiss a proposal without adding anything', async () => {
    let current = detail('verification', []);
    const seen = casePageRoutes(() => current, {
      [`POST /api/cases/${CASE}/stage`]: () => {
        current = detail('prosecutor_complaint', [], '2026-11-21T11:00:00.000Z');
        return noContent();
      },
    });
    await screen.render(`/cases/${CASE}`);
    await moveTo('prosecutor_complaint');
    await screen.find('task-proposal');
    await screen.click('task-proposal-dismiss');
    await until(() => screen.byTestId('task-proposal') === null, 'the offer is dismissed');
    expect(seen.some((r) => r.path.endsWith('/tasks'))).toBe(false);
  });
});

function myWork(overrides: Partial<MyWork> = {}): MyWork {
  return myWorkSchema.parse({
    tasks: [
      { ...task({ title: 'File the appeal', dueDate: '2026-11-30', overdue: true }), caseNumber: '2026-0042' },
      { ...task({ title: 'Call the unit', dueDate: '2026-12-20' }), caseNumber: '2026-0043' },
    ],
    moreTasks: false,
    cases: [
      {
        ...detail('prosecutor_complaint', []),
        nextDueDate: '2026-11-30',
      },
    ],
    moreCases: true,
    requests: [
      {
        id: crypto.randomUUID(),
        status: 'in_triage',
        urgency: 'critical',
        channel: 'web_form',
        requesterRole: 'spouse',
        groupSize: 1,
        region: null,
        createdAt: '2026-11-20T10:00:00.000Z',
        ageSeconds: 3600,
        assigneeId: ME.user.id,
        assigneeUsername: 'lev',
      },
    ],
    moreRequests: false,
    ...overrides,
  });
}

describe('my work', () => {
  it.each([
    ['en', 'Overdue', 'Complaint to the military prosecutor', 'next deadline Nov 30, 2026', 'Critical'],
    ['ru', 'Просрочено', 'Жалоба военному прокурору', 'ближайший срок 30 нояб. 2026', 'Критическая'],
  ] as const)(
    'lists my tasks overdue first, my cases with their next deadline, and the requests waiting, in words (%s)',
    async (language, late, stage, deadline, urgency) => {
      await switchLanguage(language);
      stubApi({
        'GET /api/session': () => json(COORDINATOR),
        'GET /api/me/work': () => json(myWork()),
        'GET /api/vocabularies/stage': () => json({ vocabulary: 'stage', terms: STAGES }),
        'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: [] }),
      });
      await screen.render('/my-work');
      const rows = async (id: string) => {
        await screen.find(id);
        return [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
      };
      const tasks = await rows('mywork-task-row');
      expect(tasks.map((row) => row.dataset.overdue)).toEqual(['true', 'false']);
      expect(tasks[0]?.textContent).toContain(late);
      await until(() => (screen.byTestId('mywork-case-row')?.textContent ?? '').includes(stage), 'the stage named');
      expect(screen.byTestId('mywork-case-row')?.textContent).toContain(deadline);
      expect(screen.byTestId('mywork-cases')?.querySelector('a[href="/cases"]')).not.toBeNull();
      expect((await rows('mywork-request-row'))[0]?.textContent).toContain(urgency);
      const page = document.body.textContent;
      expect(page).not.toMatch(ISO_DAY);
      expect(page).not.toMatch(UUID);
      expect(page).not.toMatch(/in_triage|prosecutor_complaint|critical/);
    },
  );

  it('says so when there is nothing to do', async () => {
    stubApi({
      'GET /api/session': () => json(COORDINATOR),
      'GET /api/me/work': () =>
        json(myWork({ tasks: [], cases: [], requests: [], moreCases: false, moreTasks: false, moreRequests: false })),
      'GET /api/vocabularies/stage': () => json({ vocabulary: 'stage', terms: STAGES }),
      'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: [] }),
    });
    await screen.render('/my-work');
    const empty = await screen.find('mywork-tasks');
    expect(empty.textContent).toContain('No open tasks.');
    expect(screen.byTestId('mywork-requests')?.textContent).toContain('No requests are waiting for you.');
  });

  it('shows an intake volunteer only the requests waiting for them', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'intake', username: 'vera' })),
      'GET /api/me/work': () => json(myWork({ tasks: [], cases: [], moreCases: false })),
      'GET /api/vocabularies/stage': () => json({ vocabulary: 'stage', terms: STAGES }),
      'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: [] }),
    });
    await screen.render('/my-work');
    expect((await screen.find('mywork-request-row')).textContent).toContain('Critical');
    expect([screen.byTestId('mywork-tasks'), screen.byTestId('mywork-cases')]).toEqual([null, null]);
  });
});
