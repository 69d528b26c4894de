// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  caseDetailSchema,
  timelineSchema,
  type CaseDetail,
  type Timeline,
  type TimelineEvent,
} from '../../../shared/cases.schema.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { Screen, apiError, json, noContent, sessionState, stubApi, type SeenRequest } from '../../testing/harness.js';

let screen: Screen;

beforeEach(async () => {
  await switchLanguage('en');
  screen = new Screen();
});

afterEach(() => {
  screen.unmount();
  vi.unstubAllGlobals();
  localStorage.clear();
});

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
  };
}

const timeline = (page: Timeline) => json(timelineSchema.parse(page));
const terms = (vocabulary: string) => json({ vocabulary, terms: [] });

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
        'GET /api/vocabularies/outcome': () => terms('outcome'),
        'GET /api/vocabularies/person_role': () => terms('person_role'),
        [`POST /api/cases/${CASE}/stage`]: () => {
          current = detail('in_progress', ['closed'], '2026-11-21T11:00:00.000Z');
          return apiError(409, 'CONFLICT');
        },
      });
      await screen.render(`/cases/${CASE}`);
      expect((await screen.find('case-stage')).dataset.stage).toBe('new');
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
      'GET /api/vocabularies/outcome': () => terms('outcome'),
      'GET /api/vocabularies/person_role': () => terms('person_role'),
      [`POST /api/cases/${CASE}/stage`]: () => {
        current = detail('in_progress', [], '2026-11-21T11:00:00.000Z');
        return noContent();
      },
    });
    await screen.render(`/cases/${CASE}`);
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
      'GET /api/vocabularies/outcome': () => terms('outcome'),
      'GET /api/vocabularies/person_role': () => terms('person_role'),
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
});
