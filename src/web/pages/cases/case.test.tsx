// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { caseRequestsSchema, type CaseDetail } from '../../../shared/cases.schema.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { vocabularyRoutes } from '../../testing/fixtures.js';
import {
  apiError,
  json,
  noContent,
  screenPerTest,
  sessionState,
  stubApi,
  type SeenRequest,
} from '../../testing/harness.js';
import {
  CASE,
  CASE_VOCABULARIES,
  caseDetail,
  nextStage,
  noRequests,
  timeline,
  timelineEvent,
  until,
} from './case-fixtures.js';

const screen = screenPerTest();

const detail = (stage: string, next: string[], updatedAt: string): CaseDetail =>
  caseDetail({ stage, allowedStages: next.map(nextStage), updatedAt });
const event = (id: string, body: string) => timelineEvent(id, { body });
const choose = (testId: string, value: string) => screen.choose(testId, value);

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
        ...vocabularyRoutes(CASE_VOCABULARIES),
        [`GET /api/cases/${CASE}/requests`]: noRequests,
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
      ...vocabularyRoutes(CASE_VOCABULARIES),
      [`GET /api/cases/${CASE}/requests`]: noRequests,
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
      ...vocabularyRoutes(CASE_VOCABULARIES),
      [`GET /api/cases/${CASE}/requests`]: noRequests,
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
      ...vocabularyRoutes(CASE_VOCABULARIES),
      ...extra,
    };
  }

  function detailed(stage: string): CaseDetail {
    return caseDetail({
      stage,
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
