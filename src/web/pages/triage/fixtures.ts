// Fixtures of the triage pages' jsdom tests: the vocabularies and people they name, and requests as the API answers them.
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import { json, settle } from '../../testing/harness.js';
import type { IntakeDetail, IntakeSummary } from './intakeTypes.js';

export const ME = '6f1c1d5e-0000-4000-8000-000000000001';
export const VOLUNTEER = '9c1c1d5e-0000-4000-8000-0000000000a1';

/** The vocabularies the queue, the request and the case form name values from. */
export const VOCABULARIES = {
  ...vocabularyRoutes({
    region: [term('region', 'RU-MOW', 'Москва', 'Moscow'), term('region', 'RU-BU', 'Бурятия', 'Buryatia')],
    channel: [term('channel', 'web', 'Веб-форма', 'Web form'), term('channel', 'phone', 'Телефон', 'Phone')],
    requester_role: [term('requester_role', 'relative', 'Родственник', 'Relative')],
    service_category: [term('service_category', 'mobilized', 'Мобилизованный', 'Mobilized')],
    force: [],
    location_type: [],
    case_type: [term('case_type', 'family_petition', 'Обращение семьи', 'Family petition')],
  }),
  'GET /api/intake/assignees': () =>
    json({
      users: [
        { id: VOLUNTEER, username: 'olga', role: 'intake' },
        { id: ME, username: 'vera', role: 'coordinator' },
      ],
    }),
};

export const ID_A = '7a1c1d5e-0000-4000-8000-00000000000a';
export const ID_B = '7a1c1d5e-0000-4000-8000-00000000000b';
export const ID_C = '7a1c1d5e-0000-4000-8000-00000000000c';
export const CASE_ID = '8b1c1d5e-0000-4000-8000-000000000001';
export const LAWYER = '9c1c1d5e-0000-4000-8000-000000000001';

export function summary(id: string, overrides: Partial<IntakeSummary> = {}): IntakeSummary {
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

export function detail(overrides: Partial<IntakeDetail> = {}): IntakeDetail {
  return {
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
    messages: [],
    possibleMatches: { requests: 0, people: 0, cases: 0, records: [] },
    ...overrides,
  };
}

/** Lets fetches and renders run until `done` holds (a bounded number of turns). */
export async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50 && !done(); turn += 1) await settle();
}
