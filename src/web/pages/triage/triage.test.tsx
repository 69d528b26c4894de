// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import { json, noContent, screenPerTest, sessionState, settle, stubApi } from '../../testing/harness.js';
import type { IntakeDetail, IntakeSummary } from './intakeTypes.js';

const screen = screenPerTest();

/** The vocabularies the queue, the request and the case form name values from. */
const VOCABULARIES = vocabularyRoutes({
  region: [term('region', 'RU-MOW', 'Москва', 'Moscow')],
  channel: [term('channel', 'web', 'Веб-форма', 'Web form')],
  requester_role: [term('requester_role', 'relative', 'Родственник', 'Relative')],
  service_category: [term('service_category', 'mobilized', 'Мобилизованный', 'Mobilized')],
  force: [],
  location_type: [],
  case_type: [term('case_type', 'family_petition', 'Обращение семьи', 'Family petition')],
});

const ID_A = '7a1c1d5e-0000-4000-8000-00000000000a';
const ID_B = '7a1c1d5e-0000-4000-8000-00000000000b';
const ID_C = '7a1c1d5e-0000-4000-8000-00000000000c';
const CASE_ID = '8b1c1d5e-0000-4000-8000-000000000001';

function summary(id: string, overrides: Partial<IntakeSummary> = {}): IntakeSummary {
  return {
    id,
    status: 'new',
    urgency: 'normal',
    channel: 'web',
    requesterRole: 'relative',
    groupSize: 1,
    region: 'RU-MOW',
    createdAt: '2026-11-25T07:00:00.000Z',
    ageSeconds: 3 * 3600 + 120,
    assigneeId: null,
    assigneeUsername: null,
    preview: 'My son was taken to the enlistment office',
    ...overrides,
  };
}

async function choose(id: string, value: string): Promise<void> {
  const select = await screen.find(id);
  if (!(select instanceof HTMLSelectElement)) throw new Error(`${id} is not a select`);
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return Promise.resolve();
  });
}

const rows = () => [...screen.container.querySelectorAll<HTMLElement>('[data-testid="triage-row"]')];

describe('intake queue', () => {
  it('lists requests with urgency and age, filters by status and loads more with the cursor', async () => {
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'intake' })),
      'GET /api/intake': (request) => {
        if (request.path.includes('cursor=')) {
          return json({ requests: [summary(ID_C, { ageSeconds: 2 * 86400 + 5, urgency: 'low' })], nextCursor: null });
        }
        if (request.path.includes('status=in_triage')) {
          return json({ requests: [summary(ID_B, { status: 'in_triage' })], nextCursor: '1' });
        }
        return json({
          requests: [summary(ID_A, { urgency: 'critical', groupSize: 4 }), summary(ID_B, { status: 'in_triage' })],
          nextCursor: null,
        });
      },
    });
    await screen.render('/triage');
    await screen.find('triage-table');
    expect(screen.heading()).toBe('Intake');
    expect(rows().map((r) => [r.dataset.intakeId, r.dataset.status])).toEqual([
      [ID_A, 'new'],
      [ID_B, 'in_triage'],
    ]);
    const first = rows()[0];
    expect(first?.textContent).toContain('Critical');
    expect(first?.textContent).toContain('3 h');
    // Words, not codes.
    expect(first?.textContent).toContain('Moscow');
    expect(first?.textContent).toContain('Web form');
    expect(first?.textContent).toContain('Relative');
    expect(first?.textContent).not.toContain('RU-MOW');
    expect(first?.querySelector('a')?.getAttribute('href')).toBe(`/triage/${ID_A}`);
    expect(screen.byTestId('triage-more')).toBeNull();

    await choose('triage-filter-status', 'in_triage');
    await screen.waitForPath('/triage?status=in_triage');
    await screen.find('triage-more');
    expect(rows().map((r) => r.dataset.intakeId)).toEqual([ID_B]);
    expect(seen.at(-1)?.path).toBe('/api/intake?status=in_triage');

    await screen.click('triage-more');
    for (let turn = 0; turn < 50 && rows().length < 2; turn += 1) await settle();
    expect(rows().map((r) => r.dataset.intakeId)).toEqual([ID_B, ID_C]);
    expect(seen.at(-1)?.path).toBe('/api/intake?status=in_triage&cursor=1');
    expect(rows()[1]?.textContent).toContain('2 d');
    expect(screen.byTestId('triage-more')).toBeNull();
  });
});

describe('triage page', () => {
  it('shows the request and declines it with a reason, with the request header', async () => {
    let detail: IntakeDetail = {
      ...summary(ID_A),
      serviceCategory: null,
      force: null,
      locationType: null,
      consentDocumentation: true,
      consentStatistics: false,
      declineReason: null,
      caseId: null,
      triagedAt: null,
      handle: 'Marina',
      contact: '@marina',
      text: 'My son was taken to the enlistment office.\nPlease call.',
      messages: [{ id: 'm1', body: 'He is in Moscow now.', createdAt: '2026-11-25T08:00:00.000Z' }],
      possibleMatches: {
        requests: 0,
        people: 1,
        cases: 1,
        records: [{ recordType: 'case', id: CASE_ID, number: '2026-0042' }],
      },
    };
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      [`GET /api/intake/${ID_A}`]: () => json(detail),
      [`POST /api/intake/${ID_A}/decline`]: (request) => {
        const { reason } = request.body as { reason: string };
        detail = { ...detail, status: 'declined', declineReason: reason };
        return noContent();
      },
    });
    await screen.render(`/triage/${ID_A}`);
    expect((await screen.find('triage-text')).textContent).toContain('Please call.');
    await settle();
    const details = screen.byTestId('triage-details')?.textContent ?? '';
    // The public form's own labels, and values as words.
    expect(details).toContain('Who are you?');
    expect(details).toContain('Relative');
    expect(details).toContain('Moscow');
    expect(details).not.toContain('RU-MOW');
    expect(screen.byTestId('triage-message')?.textContent).toContain('He is in Moscow now.');
    expect(screen.byTestId('triage-status')?.dataset.status).toBe('new');
    const caseLink = screen.container.querySelector<HTMLAnchorElement>('[data-testid="triage-match-case"]');
    expect(caseLink?.textContent).toBe('2026-0042');
    expect(caseLink?.getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    expect(screen.byTestId('triage-open-case')?.getAttribute('href')).toBe(`/cases/new?intake=${ID_A}`);

    await choose('triage-decline-reason', 'out_of_scope');
    await screen.click('triage-decline');
    // Asked first: nothing is sent until confirmed.
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    await screen.click('confirm-yes');
    await screen.find('triage-closed');

    const decline = seen.find((r) => r.method === 'POST');
    expect(decline?.path).toBe(`/api/intake/${ID_A}/decline`);
    expect(decline?.body).toEqual({ reason: 'out_of_scope' });
    expect(decline?.headers.get('X-Homeward-Request')).toBe('1');
    expect(screen.byTestId('triage-status')?.dataset.status).toBe('declined');
    expect(screen.byTestId('triage-status')?.textContent).toBe('Declined');
    expect(screen.byTestId('triage-notice')?.textContent).toBe('The request has been declined.');
    expect(screen.byTestId('triage-open-case')).toBeNull();
  });
});

describe('a case from a request', () => {
  it('is prefilled from the request: proposed short title, carried-over codes, people to give it to', async () => {
    const detail: IntakeDetail = {
      ...summary(ID_A, { groupSize: 3 }),
      serviceCategory: 'mobilized',
      force: null,
      locationType: null,
      consentDocumentation: true,
      consentStatistics: false,
      declineReason: null,
      caseId: null,
      triagedAt: null,
      handle: 'Marina',
      contact: '@marina',
      text: 'My son was taken to the enlistment office on Monday and nobody tells us where he is now, please help us find him',
      messages: [],
      possibleMatches: { requests: 0, people: 0, cases: 0, records: [] },
    };
    const LAWYER = '9c1c1d5e-0000-4000-8000-000000000001';
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      [`GET /api/intake/${ID_A}`]: () => json(detail),
      'GET /api/cases/assignable': () => json({ users: [{ id: LAWYER, username: 'petrov', role: 'lawyer' }] }),
      'POST /api/cases': () => json({ id: CASE_ID, number: '2026-0007' }, 201),
    });
    await screen.render(`/cases/new?intake=${ID_A}`);
    const title = (await screen.find('case-new-title')) as HTMLInputElement;
    expect(title.value.startsWith('Relative, Moscow: My son was taken')).toBe(true);
    expect(Array.from(title.value).length).toBeLessThanOrEqual(80);
    expect(title.value.endsWith('…')).toBe(true);
    await screen.find('case-new-assignee');
    expect((screen.byTestId('case-new-region') as HTMLSelectElement).value).toBe('RU-MOW');
    expect((screen.byTestId('case-new-service-category') as HTMLSelectElement).value).toBe('mobilized');
    expect((screen.byTestId('case-new-group-size') as HTMLInputElement).value).toBe('3');
    await screen.click('case-new-assignee');
    await screen.click('case-new-submit');
    for (let turn = 0; turn < 50 && !seen.some((r) => r.method === 'POST'); turn += 1) await settle();
    const posted = seen.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(posted).toMatchObject({
      type: 'family_petition',
      region: 'RU-MOW',
      serviceCategory: 'mobilized',
      groupSize: 3,
      intakeId: ID_A,
      assigneeIds: [LAWYER],
    });
  });
});
