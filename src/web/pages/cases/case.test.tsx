// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import {
  caseDetailSchema,
  caseRequestsSchema,
  timelineSchema,
  type CaseDetail,
  type Timeline,
  type TimelineEvent,
} from '../../../shared/cases.schema.js';
import { termsResponseSchema } from '../../../shared/vocabularies.schema.js';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { switchLanguage } from '../../i18n/i18n.js';
import {
  apiError,
  json,
  noContent,
  screenPerTest,
  sessionState,
  stubApi,
  type SeenRequest,
} from '../../testing/harness.js';

const screen = screenPerTest();

const CASE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const STAGE = (code: string) => ({ code, labelRu: code, labelEn: code });

// Built through the server's own schemas, and checked against the contract again when answered.
function detail(stage: string, next: string[], updatedAt: string): CaseDetail {
  return caseDetailSchema.parse({
    id: CASE,
    number: '2026-0042',
    type: 'contract_termination',
    stage,
    outcome: null,
    region: null,
    urgency: 'normal',
    isGroup: false,
    groupSize: 1,
    title: 'Discharge refused',
    openedAt: '2026-11-20T10:00:00.000Z',
    closedAt: null,
    updatedAt,
    summary: null,
    allowedStages: next.map(STAGE),
    assignees: [],
    people: [],
    tasks: [],
    counts: { notes: 0, tasks: 0, openTasks: 0 },
  });
}

function event(id: string, body: string): TimelineEvent {
  return {
    id,
    kind: 'note',
    at: '2026-11-21T10:00:00.000Z',
    actorId: null,
    actorUsername: 'vera',
    actorRole: 'lawyer',
    stageFrom: null,
    stageTo: null,
    targetUserId: null,
    targetUsername: null,
    targetRole: null,
    detail: null,
    body,
    subjectId: null,
    subjectTitle: null,
  };
}

const timeline = (page: Timeline) => json(timelineSchema.parse(page));

type Seeded = [code: string, en: string, ru: string, attributes?: Record<string, unknown>];
const VOCABULARIES: Partial<Record<Vocabulary, Seeded[]>> = {
  stage: [
    ['new', 'New', 'Новое'],
    ['in_progress', 'In progress', 'В работе'],
    ['resolved', 'Resolved', 'Решено', { allowsOutcome: true }],
    ['closed', 'Closed', 'Закрыто', { closes: true, allowsOutcome: true }],
  ],
  case_type: [['contract_termination', 'Contract termination', 'Расторжение контракта']],
  region: [['RU-BU', 'Buryatia', 'Бурятия']],
  outcome: [['dismissed', 'Dismissed from service', 'Уволен с военной службы', { closes: true }]],
  requester_role: [['spouse', 'Spouse', 'Супруга']],
  channel: [['web_form', 'Web form', 'Веб-форма']],
  person_role: [],
};

/** Every vocabulary the page reads, as the server answers it. */
function vocabularyRoutes() {
  return Object.fromEntries(
    Object.entries(VOCABULARIES).map(([vocabulary, seeded]) => [
      `GET /api/vocabularies/${vocabulary}`,
      () =>
        json(
          termsResponseSchema.parse({
            vocabulary,
            terms: seeded.map(([code, labelEn, labelRu, attributes = {}], sortOrder) => ({
              id: `00000000-0000-4000-8000-${String(sortOrder).padStart(6, '0')}${code.length.toString().padStart(6, '0')}`,
              vocabulary,
              code,
              parentId: null,
              labelRu,
              labelEn,
              sortOrder,
              retired: false,
              retiredAt: null,
              attributes,
              createdAt: '2026-11-01T00:00:00.000Z',
              updatedAt: '2026-11-01T00:00:00.000Z',
            })),
          }),
        ),
    ]),
  );
}

const NO_REQUESTS = () => json(caseRequestsSchema.parse({ requests: [], more: false }));

async function choose(testId: string, value: string): Promise<void> {
  const select = await screen.find(testId);
  if (!(select instanceof HTMLSelectElement)) throw new Error(`${testId} is not a select`);
  await act(() => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return Promise.resolve();
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) {
    if (check()) return;
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }
  throw new Error(`never happened: ${what}`);
}

describe('case page', () => {
  it.each([
    ['en', 'Someone else moved this case in the meantime'],
    ['ru', 'его перевёл на другой этап кто-то другой'],
  ] as const)(
    'sends the stage it shows as `from`; on CONFLICT says the case was moved by someone else (%s) and shows it as it is now',
    async (language, words) => {
      await switchLanguage(language);
      // Someone else has moved the case from "new" to "in_progress" after this page loaded it.
      let current = detail('new', ['in_progress', 'closed'], '2026-11-21T10:00:00.000Z');
      const seen: SeenRequest[] = stubApi({
        'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
        [`GET /api/cases/${CASE}`]: () => json(current),
        [`GET /api/cases/${CASE}/timeline`]: () => timeline({ events: [], nextCursor: null }),
        ...vocabularyRoutes(),
        [`GET /api/cases/${CASE}/requests`]: NO_REQUESTS,
        [`POST /api/cases/${CASE}/stage`]: () => {
          current = detail('in_progress', ['closed'], '2026-11-21T11:00:00.000Z');
          return apiError(409, 'CONFLICT');
        },
      });
      await screen.render(`/cases/${CASE}`);
      expect((await screen.find('case-stage')).dataset.stage).toBe('new');
      await screen.click('case-stage-open');
      await choose('case-stage-select', 'in_progress');
      await screen.click('case-stage-submit');

      const conflict = await screen.find('stage-conflict');
      expect(conflict.textContent).toContain(words);
      expect(screen.byTestId('form-error')?.dataset.code).toBe('CONFLICT');
      const move = seen.find((r) => r.method === 'POST' && r.path === `/api/cases/${CASE}/stage`);
      expect(move?.body).toEqual({ to: 'in_progress', from: 'new' });
      // The case is loaded again, so the stage and the moves offered are the ones it has now.
      await until(() => screen.byTestId('case-stage')?.dataset.stage === 'in_progress', 'the case reloaded');
      const options = [...screen.container.querySelectorAll('[data-testid="case-stage-select"] option')];
      expect(options.map((o) => o.getAttribute('value'))).toEqual(['', 'closed']);
      expect(screen.byTestId('stage-conflict')).not.toBeNull();
    },
  );

  it('a stage move that goes through reloads the case, with no error shown', async () => {
    let current = detail('new', ['in_progress'], '2026-11-21T10:00:00.000Z');
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      [`GET /api/cases/${CASE}`]: () => json(current),
      [`GET /api/cases/${CASE}/timeline`]: () => timeline({ events: [], nextCursor: null }),
      ...vocabularyRoutes(),
      [`GET /api/cases/${CASE}/requests`]: NO_REQUESTS,
      [`POST /api/cases/${CASE}/stage`]: () => {
        current = detail('in_progress', [], '2026-11-21T11:00:00.000Z');
        return noContent();
      },
    });
    await screen.render(`/cases/${CASE}`);
    await screen.click('case-stage-open');
    await choose('case-stage-select', 'in_progress');
    await screen.click('case-stage-submit');
    await until(() => screen.byTestId('case-stage')?.dataset.stage === 'in_progress', 'the case reloaded');
    expect(screen.byTestId('form-error')).toBeNull();
  });

  it('shows the first page of the timeline and appends older pages on "show older" until there are none', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      [`GET /api/cases/${CASE}`]: () => json(detail('new', [], '2026-11-21T10:00:00.000Z')),
      [`GET /api/cases/${CASE}/timeline`]: (request) => {
        const cursor = new URL(request.path, 'http://localhost').searchParams.get('cursor');
        if (cursor === null)
          return timeline({ events: [event('e3', 'third'), event('e2', 'second')], nextCursor: 'c-2' });
        if (cursor === 'c-2') return timeline({ events: [event('e1', 'first')], nextCursor: 'c-1' });
        return timeline({ events: [event('e0', 'opening')], nextCursor: null });
      },
      ...vocabularyRoutes(),
      [`GET /api/cases/${CASE}/requests`]: NO_REQUESTS,
    });
    const bodies = () =>
      [...screen.container.querySelectorAll('[data-testid="timeline-item"] p')].map((p) => p.textContent);
    await screen.render(`/cases/${CASE}`);
    const older = await screen.find('timeline-older');
    expect(older.textContent).toBe('Show older');
    await until(() => bodies().length === 2, 'the first page');
    expect(bodies()).toEqual(['third', 'second']);

    await screen.click('timeline-older');
    await until(() => bodies().length === 3, 'the second page');
    await screen.click('timeline-older');
    await until(() => bodies().length === 4, 'the last page');
    expect(bodies()).toEqual(['third', 'second', 'first', 'opening']);
    expect(screen.byTestId('timeline-older')).toBeNull();
    const asked = seen.filter((r) => r.path.startsWith(`/api/cases/${CASE}/timeline`)).map((r) => r.path);
    expect(asked).toEqual([
      `/api/cases/${CASE}/timeline`,
      `/api/cases/${CASE}/timeline?cursor=c-2`,
      `/api/cases/${CASE}/timeline?cursor=c-1`,
    ]);
  });

  const LAWYER = '6f1c1d5e-0000-4000-8000-000000000009';
  const words = () =>
    [...screen.container.querySelectorAll('[data-testid="timeline-words"]')].map((node) => node.textContent);

  function caseRoutes(current: CaseDetail, extra: Parameters<typeof stubApi>[0] = {}) {
    return {
      'GET /api/session': () => json(sessionState({ role: 'lawyer' })),
      [`GET /api/cases/${CASE}`]: () => json(current),
      [`GET /api/cases/${CASE}/timeline`]: () =>
        timeline({
          events: [
            {
              ...event('g1', ''),
              kind: 'grant',
              body: null,
              actorUsername: 'anna',
              actorRole: 'coordinator',
              targetUserId: LAWYER,
              targetUsername: 'petrov',
              targetRole: 'lawyer',
              detail: 'added',
            },
            { ...event('s1', ''), kind: 'stage', body: null, stageFrom: 'new', stageTo: 'in_progress' },
          ],
          nextCursor: null,
        }),
      [`GET /api/cases/${CASE}/requests`]: () =>
        json(
          caseRequestsSchema.parse({
            requests: [
              {
                id: '2c1e0e9a-0000-4000-8000-00000000000a',
                channel: 'web_form',
                requesterRole: 'spouse',
                urgency: 'high',
                groupSize: 1,
                region: 'RU-BU',
                submittedAt: '2026-11-19T08:00:00.000Z',
                handle: 'Марина',
                contact: 'telegram @marina900',
                text: 'Мужа не отпускают',
                followUps: [],
              },
            ],
            more: false,
          }),
        ),
      ...vocabularyRoutes(),
      ...extra,
    };
  }

  function detailed(stage: string): CaseDetail {
    return caseDetailSchema.parse({
      ...detail(stage, [], '2026-11-21T10:00:00.000Z'),
      region: 'RU-BU',
      urgency: 'critical',
      assignees: [{ userId: LAWYER, username: 'petrov', role: 'lawyer' }],
    });
  }

  it.each([
    [
      'en',
      ['Contract termination', 'In progress', 'Critical', 'Buryatia', 'petrov (Lawyer)'],
      'anna assigned lawyer petrov',
      'Stage: New → In progress',
      'Spouse',
    ],
    [
      'ru',
      ['Расторжение контракта', 'В работе', 'Критическая', 'Бурятия', 'petrov (Юрист)'],
      'anna назначил(а) юриста petrov',
      'Этап: Новое → В работе',
      'Супруга',
    ],
  ] as const)(
    'shows the header, the request and the timeline in words, never codes, UUIDs or ISO dates (%s)',
    async (language, facts, assigned, moved, requester) => {
      await switchLanguage(language);
      stubApi(caseRoutes(detailed('in_progress')));
      await screen.render(`/cases/${CASE}`);
      await until(() => words().length === 2, 'the timeline');
      await until(() => screen.byTestId('case-type')?.textContent === facts[0], 'the labels');
      const shown = ['case-type', 'case-stage', 'case-urgency', 'case-region', 'case-assignees'].map(
        (id) => screen.byTestId(id)?.textContent,
      );
      expect(shown).toEqual(facts);
      expect(words()).toEqual([assigned, moved]);
      expect((await screen.find('request-contact')).textContent).toBe('telegram @marina900');
      expect(screen.byTestId('case-requests')?.textContent).toContain(requester);
      // What a person reads: the page, not the test harness's own location line.
      const text = screen.container.querySelector('main')?.textContent ?? '';
      expect(text).toContain(facts[0]);
      for (const code of [
        'contract_termination',
        'in_progress',
        'RU-BU',
        'critical',
        'spouse',
        'web_form',
        CASE,
        LAWYER,
      ]) {
        expect(text).not.toContain(code);
      }
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    },
  );

  it('offers the outcome only at a stage that allows it, and words a refusal', async () => {
    stubApi(caseRoutes(detailed('in_progress')));
    await screen.render(`/cases/${CASE}`);
    expect((await screen.find('case-outcome-later')).textContent).toContain('Resolved');
    expect(screen.byTestId('case-outcome-open')).toBeNull();
    screen.unmount();

    stubApi(
      caseRoutes(detailed('resolved'), {
        [`POST /api/cases/${CASE}/outcome`]: () => apiError(409, 'OUTCOME_NOT_ALLOWED'),
      }),
    );
    await screen.render(`/cases/${CASE}`);
    await screen.click('case-outcome-open');
    await choose('case-outcome-select', 'dismissed');
    await screen.click('case-outcome-submit');
    const refusal = await screen.find('form-error');
    expect(refusal.dataset.code).toBe('OUTCOME_NOT_ALLOWED');
    expect(refusal.textContent).toContain('only at a stage that allows it');
  });

  it('changes urgency, region and type from pickers, sending codes', async () => {
    const seen = stubApi(caseRoutes(detailed('in_progress'), { [`PATCH /api/cases/${CASE}`]: () => noContent() }));
    await screen.render(`/cases/${CASE}`);
    expect(screen.byTestId('case-edit-form')).toBeNull();
    await screen.click('case-edit-open');
    await choose('case-edit-urgency', 'low');
    await choose('case-edit-region', '');
    await screen.click('case-edit-submit');
    await until(() => seen.some((r) => r.method === 'PATCH'), 'the change sent');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({
      type: 'contract_termination',
      region: null,
      urgency: 'low',
    });
  });

  it('opens /cases/<number> by looking the number up; an unknown or refused number is not found', async () => {
    stubApi(
      caseRoutes(detailed('in_progress'), {
        'GET /api/cases/by-number/2026-0042': () => json({ id: CASE }),
        'GET /api/cases/by-number/2026-0043': () => apiError(404, 'NOT_FOUND'),
      }),
    );
    await screen.render('/cases/2026-0042');
    expect((await screen.find('case-number')).textContent).toBe('2026-0042');
    screen.unmount();
    await screen.render('/cases/2026-0043');
    await until(() => screen.container.textContent.includes('Nothing was found'), 'not found');
    expect(screen.byTestId('case-number')).toBeNull();
  });
});
