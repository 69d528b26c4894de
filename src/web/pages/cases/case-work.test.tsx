// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CaseDetail, TimelineEvent } from '../../../shared/cases.schema.js';
import { addMonths } from '../../../shared/task-deadlines.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { apiError, json, noContent, screenPerTest, sessionState, type SeenRequest } from '../../testing/harness.js';
import { CASE, caseDetail, casePageRoutes, nextStage, timelineEvent, until } from './case-fixtures.js';
import { localToday } from './ProposedTasks.js';

const screen = screenPerTest();

const ME = sessionState({ role: 'lawyer', username: 'lev' });
const ISO_DAY = /\d{4}-\d{2}-\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

const routes = (
  current: () => CaseDetail,
  extra: Parameters<typeof casePageRoutes>[2] = {},
  events: TimelineEvent[] = [],
) => casePageRoutes(ME, current, extra, events);

const sent = (seen: SeenRequest[], path: string) => seen.filter((r) => r.method !== 'GET' && r.path === path);

describe('closing and reopening a case', () => {
  it('asks for the reason before closing, sends it, and offers reopening once closed', async () => {
    let current = caseDetail({ allowedStages: [nextStage('closed')] });
    const seen = routes(() => current, {
      [`POST /api/cases/${CASE}/close`]: () => {
        current = caseDetail({
          stage: 'closed',
          closedAt: '2026-11-22T10:00:00.000Z',
          updatedAt: '2026-11-22T10:00:00.000Z',
        });
        return noContent();
      },
      [`POST /api/cases/${CASE}/reopen`]: () => {
        current = caseDetail({ stage: 'follow_up', updatedAt: '2026-11-23T10:00:00.000Z' });
        return noContent();
      },
    });
    await screen.render(`/cases/${CASE}`);
    expect(screen.byTestId('case-reopen-open')).toBeNull();
    await screen.click('case-close-open');
    await screen.click('case-close-submit');
    // No reason, no request: the field says what is missing.
    await until(() => (screen.byTestId('case-close-form')?.textContent ?? '').includes('Fill in'), 'the field error');
    expect(sent(seen, `/api/cases/${CASE}/close`)).toEqual([]);

    await screen.type('case-close-reason', 'Dismissed at the end of the contract');
    await screen.click('case-close-submit');
    await until(() => screen.byTestId('case-stage')?.dataset.stage === 'closed', 'the case reloaded closed');
    expect(sent(seen, `/api/cases/${CASE}/close`).map((r) => r.body)).toEqual([
      { reason: 'Dismissed at the end of the contract' },
    ]);
    expect(screen.byTestId('case-close-open')).toBeNull();

    // Reopening needs no reason: an empty box sends none.
    await screen.click('case-reopen-open');
    await screen.click('case-reopen-submit');
    await until(() => screen.byTestId('case-stage')?.dataset.stage === 'follow_up', 'the case reopened');
    expect(sent(seen, `/api/cases/${CASE}/reopen`).map((r) => r.body)).toEqual([{}]);
  });

  it.each([
    ['en', 'This case was closed in the meantime'],
    ['ru', 'Дело тем временем уже закрыли'],
  ] as const)('says the case was closed meanwhile when a second tab closes it (%s)', async (language, words) => {
    await switchLanguage(language);
    let current = caseDetail();
    routes(() => current, {
      [`POST /api/cases/${CASE}/close`]: () => {
        // The other tab closed it first.
        current = caseDetail({
          stage: 'closed',
          closedAt: '2026-11-22T10:00:00.000Z',
          updatedAt: '2026-11-22T10:00:00.000Z',
        });
        return apiError(409, 'CONFLICT');
      },
    });
    await screen.render(`/cases/${CASE}`);
    await screen.click('case-close-open');
    await screen.type('case-close-reason', 'итог');
    await screen.click('case-close-submit');
    const told = await screen.find('case-overtaken');
    expect(told.textContent).toContain(words);
    await until(() => screen.byTestId('case-stage')?.dataset.stage === 'closed', 'the case shown as it is now');
    expect(screen.byTestId('case-reopen-open')).not.toBeNull();
  });
});

describe('the timeline of tasks and people', () => {
  const task = (detail: string, more: Partial<TimelineEvent> = {}) =>
    timelineEvent(`t-${detail}`, {
      kind: 'task',
      detail,
      actorId: 'a1',
      actorUsername: 'anna',
      actorRole: 'coordinator',
      subjectId: '6f1c1d5e-0000-4000-8000-00000000000a',
      subjectTitle: 'File the appeal',
      ...more,
    });
  const person = (detail: string, from: string | null, to: string | null) =>
    timelineEvent(`p-${detail}`, { kind: 'person', detail, stageFrom: from, stageTo: to, actorUsername: 'anna' });
  const EVENTS = [
    task('created', { targetUserId: 'a1', targetUsername: 'anna' }),
    task('reassigned', { targetUserId: 'u2', targetUsername: 'petrov', targetRole: 'lawyer' }),
    task('due_changed', { stageFrom: '2026-12-20', stageTo: '2026-12-31' }),
    task('done'),
    task('reopened'),
    person('added', null, 'relative'),
    person('role_changed', 'relative', 'spokesperson'),
    person('removed', 'spokesperson', null),
  ];

  it.each([
    [
      'en',
      [
        'anna added the task «File the appeal»',
        'anna gave the task «File the appeal» to lawyer petrov',
        'anna moved the due day of «File the appeal»: Dec 20, 2026 → Dec 31, 2026',
        'anna marked the task «File the appeal» done',
        'anna reopened the task «File the appeal»',
        'anna added a person to the case as «Relative»',
        "anna changed a person's role on the case: Relative → Spokesperson",
        'anna took a person («Spokesperson») off the case',
      ],
    ],
    [
      'ru',
      [
        'anna добавил(а) задачу «File the appeal»',
        'anna назначил(а) юриста petrov исполнителем задачи «File the appeal»',
        'anna перенес(ла) срок задачи «File the appeal»: 20 дек. 2026 г. → 31 дек. 2026 г.',
        'anna отметил(а) задачу «File the appeal» как выполненную',
        'anna вернул(а) в работу задачу «File the appeal»',
        'anna добавил(а) к делу человека в роли «Родственник»',
        'anna изменил(а) роль человека в деле: Родственник → Представитель группы',
        'anna убрал(а) из дела человека в роли «Представитель группы»',
      ],
    ],
  ] as const)(
    'tells what happened to tasks and people in sentences, never codes or ids (%s)',
    async (language, expected) => {
      await switchLanguage(language);
      routes(() => caseDetail(), {}, EVENTS);
      await screen.render(`/cases/${CASE}`);
      const words = () =>
        [...screen.container.querySelectorAll('[data-testid="timeline-words"]')].map((n) => n.textContent);
      await until(() => words().length === EVENTS.length, 'the timeline');
      expect(words()).toEqual(expected);
      const text = words().join(' ');
      expect(text).not.toMatch(ISO_DAY);
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(/relative|spokesperson|due_changed|role_changed/);
    },
  );
});

describe('deadlines counted from the event', () => {
  async function proposalAfterMove() {
    let current = caseDetail({ allowedStages: [nextStage('court_first_instance')] });
    const seen = routes(() => current, {
      [`POST /api/cases/${CASE}/stage`]: () => {
        current = caseDetail({ stage: 'court_first_instance', updatedAt: '2026-11-22T10:00:00.000Z' });
        return noContent();
      },
      [`POST /api/cases/${CASE}/tasks`]: () => json({ id: crypto.randomUUID() }, 201),
    });
    await screen.render(`/cases/${CASE}`);
    await screen.click('case-stage-open');
    await screen.choose('case-stage-select', 'court_first_instance');
    await screen.click('case-stage-submit');
    await screen.find('task-proposal');
    return seen;
  }
  const input = (testId: string) => screen.byTestId(testId) as HTMLInputElement;

  it('counts the month from the day of the decision the user enters (31 January → 28 February)', async () => {
    const seen = await proposalAfterMove();
    expect(input('task-proposal-event').value).toBe(localToday());
    expect(input('task-proposal-due').value).toBe(addMonths(localToday(), 1));
    await screen.type('task-proposal-event', '2026-01-31');
    await until(() => input('task-proposal-due').value === '2026-02-28', 'the due day follows the event');
    expect(screen.byTestId('task-proposal')?.textContent).toContain('Feb 28, 2026');
    await screen.click('task-proposal-add');
    await until(() => sent(seen, `/api/cases/${CASE}/tasks`).length === 1, 'the task is sent');
    expect(sent(seen, `/api/cases/${CASE}/tasks`)[0]?.body).toEqual({
      title: 'File the appeal',
      dueDate: '2026-02-28',
    });
  });

  it('lets the user change the due day before confirming', async () => {
    const seen = await proposalAfterMove();
    await screen.type('task-proposal-event', '2026-01-31');
    await until(() => input('task-proposal-due').value === '2026-02-28', 'the due day follows the event');
    await screen.type('task-proposal-due', '2026-02-27');
    await screen.click('task-proposal-add');
    await until(() => sent(seen, `/api/cases/${CASE}/tasks`).length === 1, 'the task is sent');
    expect(sent(seen, `/api/cases/${CASE}/tasks`)[0]?.body).toEqual({
      title: 'File the appeal',
      dueDate: '2026-02-27',
    });
  });

  it('refuses an event day after today, naming the field, and sends nothing', async () => {
    const seen = await proposalAfterMove();
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    await screen.type('task-proposal-event', localToday(tomorrow));
    await screen.click('task-proposal-add');
    await until(
      () => (screen.byTestId('task-proposal')?.textContent ?? '').includes('The event cannot be after today.'),
      'the field error',
    );
    expect(sent(seen, `/api/cases/${CASE}/tasks`)).toEqual([]);
  });
});
