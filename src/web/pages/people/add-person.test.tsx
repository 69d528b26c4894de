// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { caseDetailSchema, caseRequestsSchema, timelineSchema } from '../../../shared/cases.schema.js';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { en } from '../../i18n/en.js';
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import {
  json,
  screenPerTest,
  sessionState,
  settle,
  stubApi,
  validationFailed,
  type SeenRequest,
} from '../../testing/harness.js';

const screen = screenPerTest();

const CASE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const PERSON = '6f1c1d5e-0000-4000-8000-00000000a001';
const TERMS: Partial<Record<Vocabulary, [string, string, string][]>> = {
  stage: [['new', 'Новое', 'New']],
  case_type: [['contract_termination', 'Расторжение контракта', 'Contract termination']],
  person_role: [
    ['serviceman', 'Военнослужащий', 'Serviceman'],
    ['relative', 'Родственник', 'Relative'],
  ],
  region: [],
  outcome: [],
  requester_role: [],
  channel: [],
};

/** The case page of a coordinator, with the add-person form, over the shared schemas; `add` answers the POST. */
function stubCase(add: () => Response): SeenRequest[] {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
    ...vocabularyRoutes(
      Object.fromEntries(
        Object.entries(TERMS).map(([v, list]) => [
          v,
          list.map(([code, ru, en], at) => term(v as Vocabulary, code, ru, en, { sortOrder: at })),
        ]),
      ),
    ),
    [`GET /api/cases/${CASE}`]: () =>
      json(
        caseDetailSchema.parse({
          id: CASE,
          number: '2026-0042',
          type: 'contract_termination',
          stage: 'new',
          outcome: null,
          region: null,
          urgency: 'normal',
          isGroup: false,
          groupSize: 1,
          title: 'Discharge refused',
          openedAt: '2026-11-20T10:00:00.000Z',
          closedAt: null,
          updatedAt: '2026-11-20T10:00:00.000Z',
          summary: null,
          allowedStages: [],
          assignees: [],
          people: [],
          tasks: [],
          counts: { notes: 0, tasks: 0, openTasks: 0 },
        }),
      ),
    [`GET /api/cases/${CASE}/timeline`]: () => json(timelineSchema.parse({ events: [], nextCursor: null })),
    [`GET /api/cases/${CASE}/requests`]: () => json(caseRequestsSchema.parse({ requests: [], more: false })),
    [`POST /api/cases/${CASE}/people`]: add,
  });
}

const added = () => json({ caseId: CASE, personId: PERSON, role: 'relative', isSpokesperson: true }, 201);
const posts = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'POST');

describe('adding a person to a case', () => {
  it('sends the names split into parts, the role, the spokesperson flag and the contact, then empties the form', async () => {
    const seen = stubCase(added);
    await screen.render(`/cases/${CASE}`);
    await screen.fill({
      'person-name-cyrillic': 'Журавлёв Пётр Ильич',
      'person-name-latin': 'Zhuravlyov',
      'person-contact': ' @petr ',
    });
    await screen.choose('person-role', 'relative');
    await screen.choose('person-contact-kind', 'telegram');
    await screen.click('person-spokesperson');
    await screen.click('person-add-submit');
    await screen.find('person-added');
    expect(posts(seen).map((r) => r.body)).toEqual([
      {
        role: 'relative',
        isSpokesperson: true,
        person: {
          nameCyrillic: { family: 'Журавлёв', given: 'Пётр', patronymic: 'Ильич' },
          nameLatin: { family: 'Zhuravlyov' },
          contacts: [{ kind: 'telegram', value: '@petr' }],
        },
      },
    ]);
    expect((screen.byTestId('person-name-cyrillic') as HTMLInputElement).value).toBe('');
  });

  it('asks for a name in either script before sending anything', async () => {
    const seen = stubCase(added);
    await screen.render(`/cases/${CASE}`);
    await screen.type('person-contact', '+7 900 000-0001');
    await screen.click('person-add-submit');
    expect(await screen.fieldError('person-name-cyrillic')).toBe('Give a name in Cyrillic or in Latin letters.');
    await settle();
    expect(posts(seen)).toEqual([]);
  });

  it('checks the body with the server’s schema: a name part too long is refused at its field, nothing sent', async () => {
    const seen = stubCase(added);
    await screen.render(`/cases/${CASE}`);
    await screen.type('person-name-latin', `Zhuravlyov ${'p'.repeat(201)}`);
    await screen.click('person-add-submit');
    expect(await screen.fieldError('person-name-latin')).toBe(en.people.tooLong);
    await settle();
    expect(posts(seen)).toEqual([]);
  });

  it('shows the server’s refusal of the contact at the contact field', async () => {
    stubCase(() =>
      validationFailed([{ path: 'person.contacts.0.value', message: 'not reachable', reason: 'invalid' }]),
    );
    await screen.render(`/cases/${CASE}`);
    await screen.fill({ 'person-name-latin': 'Zhuravlyov', 'person-contact': 'nowhere' });
    await screen.click('person-add-submit');
    expect(await screen.fieldError('person-contact')).toBe('The server did not accept this value: not reachable');
  });
});
