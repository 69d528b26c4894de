// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../../shared/vocabularies.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import {
  apiError,
  json,
  screenPerTest,
  sessionState,
  settle,
  stubApi,
  validationFailed,
} from '../../testing/harness.js';
import type { Person } from './types.js';

const screen = screenPerTest();

const AT = '2026-11-20T09:00:00.000Z';
const TERMS: Partial<Record<Vocabulary, [string, string, string][]>> = {
  region: [
    ['RU-BU', 'Республика Бурятия', 'Republic of Buryatia'],
    ['RU-ZAB', 'Забайкальский край', 'Zabaykalsky Krai'],
  ],
  person_role: [
    ['serviceman', 'Военнослужащий', 'Serviceman'],
    ['relative', 'Родственник', 'Relative'],
  ],
  stage: [['intake', 'Приём', 'Intake']],
  channel: [['web_form', 'Веб-форма', 'Web form']],
  service_category: [['mobilized', 'Мобилизованный', 'Mobilized']],
  force: [['national_guard', 'Росгвардия', 'National Guard']],
};
const VOCABULARY_ROUTES = vocabularyRoutes(
  Object.fromEntries(
    (['region', 'person_role', 'stage', 'channel', 'service_category', 'force', 'unit'] as const).map((v) => [
      v,
      (TERMS[v] ?? []).map(([code, labelRu, labelEn], at) => term(v, code, labelRu, labelEn, { sortOrder: at })),
    ]),
  ),
);

const PERSON_ID = '6f1c1d5e-0000-4000-8000-00000000a001';
const OTHER_ID = '6f1c1d5e-0000-4000-8000-00000000a002';
const CASE_ID = '6f1c1d5e-0000-4000-8000-00000000c001';
function person(overrides: Partial<Person> = {}): Person {
  return {
    id: PERSON_ID,
    personRole: 'serviceman',
    nameCyrillic: { family: 'Доржиев', given: 'Баир' },
    nameLatin: null,
    birth: { date: '1994-03', precision: 'month' },
    region: 'RU-BU',
    serviceCategory: null,
    force: null,
    unit: null,
    contacts: [{ kind: 'phone', value: '+7 900 000-0001' }],
    aliases: [{ family: 'Доржеев' }],
    mergedInto: null,
    createdAt: AT,
    updatedAt: AT,
    cases: [
      {
        caseId: CASE_ID,
        number: '2026-0001',
        title: 'Удержание в части',
        stage: 'intake',
        role: 'serviceman',
        isSpokesperson: false,
      },
    ],
    casesMore: true,
    requests: [
      {
        intakeId: '6f1c1d5e-0000-4000-8000-00000000e001',
        caseId: CASE_ID,
        caseNumber: '2026-0001',
        channel: 'web_form',
        status: 'opened',
        urgency: 'high',
        createdAt: AT,
      },
    ],
    requestsMore: false,
    ...overrides,
  };
}

/** Lets fetches and renders run until `check` passes, for a bounded number of turns (no clock involved). */
async function until(check: () => void): Promise<void> {
  for (let turn = 0; ; turn += 1) {
    try {
      check();
      return;
    } catch (error) {
      if (turn >= 50) throw error;
      await settle();
    }
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('person page', () => {
  it('shows labels, cases, requests and aliases, and asks for more only when there are more', async () => {
    for (const language of ['en', 'ru'] as const) {
      await switchLanguage(language);
      const seen = stubApi({
        'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
        ...VOCABULARY_ROUTES,
        [`GET /api/people/${PERSON_ID}`]: (request) =>
          json(person(request.path.includes('limit=200') ? { casesMore: false } : {})),
      });
      await screen.render(`/people/${PERSON_ID}`);
      await screen.find('person-page-name');
      await until(() =>
        expect(screen.byTestId('person-region')?.textContent).toBe(
          language === 'en' ? 'Republic of Buryatia' : 'Республика Бурятия',
        ),
      );
      const page = screen.container.querySelector('.page')?.textContent ?? '';
      expect(page).toContain('2026-0001');
      expect(page).toContain('Удержание в части');
      expect(page).toContain(language === 'en' ? 'Web form' : 'Веб-форма');
      expect(page).toContain('Доржеев');
      expect(page).not.toMatch(UUID);
      expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      for (const code of ['RU-BU', 'web_form', 'serviceman', 'intake']) expect(page).not.toContain(code);
      // A caseworker does not work the queue: the request is named, not linked.
      expect(screen.container.querySelector('[data-testid="person-request"] a')).toBeNull();
      await screen.click('person-more');
      await until(() => expect(screen.byTestId('person-more')).toBeNull());
      expect(seen.some((r) => r.path === `/api/people/${PERSON_ID}?limit=200`)).toBe(true);
      screen.unmount();
    }
  });

  it('proposes the passport spelling, sends every field, and shows the server’s refusal on its field', async () => {
    let sent: unknown;
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      ...VOCABULARY_ROUTES,
      [`GET /api/people/${PERSON_ID}`]: () => json(person()),
      [`PATCH /api/people/${PERSON_ID}`]: (request) => {
        sent = request.body;
        return sent !== undefined && JSON.stringify(sent).includes('"1994"')
          ? validationFailed([{ path: 'birth.date', message: 'bad', reason: 'invalid_format' }])
          : json(person({ nameLatin: { family: 'Dorzhiev', given: 'Bair' } }));
      },
    });
    await screen.render(`/people/${PERSON_ID}`);
    const proposal = await screen.find('person-latin-proposal');
    expect(proposal.textContent).toContain('Dorzhiev Bair');
    await screen.click('person-latin-accept');
    expect((screen.byTestId('person-edit-nameLatin-family') as HTMLInputElement).value).toBe('Dorzhiev');
    await until(() => expect(screen.byTestId('person-latin-proposal')).toBeNull());
    await screen.choose('person-edit-region', 'RU-ZAB');
    await screen.choose('person-edit-serviceCategory', 'mobilized');
    await screen.click('person-edit-submit');
    await screen.find('person-saved');
    expect(sent).toEqual({
      personRole: 'serviceman',
      nameCyrillic: { family: 'Доржиев', given: 'Баир' },
      nameLatin: { family: 'Dorzhiev', given: 'Bair' },
      birth: { date: '1994-03', precision: 'month' },
      region: 'RU-ZAB',
      serviceCategory: 'mobilized',
      force: null,
      unit: null,
      contacts: [{ kind: 'phone', value: '+7 900 000-0001' }],
    });

    // The shared schema refuses a date that does not match its precision before anything is sent.
    sent = undefined;
    await screen.type('person-edit-birth-date', '1994-03-12');
    await screen.choose('person-edit-birth-precision', 'year');
    await screen.click('person-edit-submit');
    await until(() => expect(screen.container.textContent).toContain('YYYY for a year'));
    expect(sent).toBeUndefined();

    // The server's field error lands under its field, worded here.
    await screen.type('person-edit-birth-date', '1994');
    await screen.click('person-edit-submit');
    await until(() =>
      expect(screen.container.querySelector('[data-reason="invalid_format"]')?.textContent).toBe(
        'This value is not in the expected form.',
      ),
    );
  });
});

describe('merge page', () => {
  /** A coordinator's session, the vocabularies and the kept record, with the other routes of the test. */
  const stubMerge = (routes: Parameters<typeof stubApi>[0]) =>
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      ...VOCABULARY_ROUTES,
      [`GET /api/people/${PERSON_ID}`]: () => json(person()),
      ...routes,
    });

  it('sends the field chosen from each side and opens the kept record', async () => {
    let sent: unknown;
    const other = person({
      id: OTHER_ID,
      nameCyrillic: { family: 'Доржеев' },
      nameLatin: { family: 'Dorjeev' },
      region: 'RU-ZAB',
      aliases: [],
    });
    stubMerge({
      [`GET /api/people/${OTHER_ID}`]: () => json(other),
      [`POST /api/people/${OTHER_ID}/merge`]: (request) => {
        sent = request.body;
        return json({ personId: OTHER_ID, mergedInto: PERSON_ID, links: 1 });
      },
    });
    await screen.render(`/people/merge?from=${OTHER_ID}&into=${PERSON_ID}`);
    const region = await screen.find('merge-field-region');
    await until(() => expect(region.textContent).toContain('Zabaykalsky Krai'));
    expect(screen.container.querySelector('.page')?.textContent).not.toMatch(UUID);
    await screen.click('merge-nameLatin-merged');
    await screen.click('merge-contacts-both');
    await screen.click('merge-submit');
    await screen.waitForPath(`/people/${PERSON_ID}`);
    expect(sent).toEqual({ into: PERSON_ID, keep: { nameLatin: 'merged', contacts: 'both' } });
  });

  it('says so when the other record was merged meanwhile', async () => {
    stubMerge({
      [`GET /api/people/${OTHER_ID}`]: () => json(person({ id: OTHER_ID })),
      [`POST /api/people/${OTHER_ID}/merge`]: () => apiError(409, 'CONFLICT'),
    });
    await screen.render(`/people/merge?from=${OTHER_ID}&into=${PERSON_ID}`);
    await screen.click('merge-submit');
    const error = await screen.find('merge-error');
    expect(error.dataset.code).toBe('CONFLICT');
    expect(error.textContent).toBe(
      'Someone has just merged one of these records. Nothing was changed by you: open the kept record to see what it holds now.',
    );
  });

  it('refuses a person merged into themselves, in words, without offering the form', async () => {
    stubMerge({});
    await screen.render(`/people/merge?from=${PERSON_ID}&into=${PERSON_ID}`);
    const refusal = await screen.find('merge-itself');
    expect(refusal.textContent).toContain('a person cannot be merged into themselves');
    expect(screen.container.querySelector('[data-testid="merge-submit"]')).toBeNull();
  });

  it('says a record merged already has nothing left to merge', async () => {
    stubMerge({
      [`GET /api/people/${OTHER_ID}`]: () =>
        json(person({ id: OTHER_ID, nameCyrillic: null, contacts: [], aliases: [], mergedInto: PERSON_ID })),
    });
    await screen.render(`/people/merge?from=${OTHER_ID}&into=${PERSON_ID}`);
    expect((await screen.find('merge-already')).textContent).toContain('merged already');
    expect(screen.container.querySelector('[data-testid="merge-submit"]')).toBeNull();
  });

  it('shows a birth date as its precision says, not as ISO text', async () => {
    stubMerge({
      [`GET /api/people/${OTHER_ID}`]: () => json(person({ id: OTHER_ID, birth: { date: '1994', precision: 'year' } })),
    });
    await screen.render(`/people/merge?from=${OTHER_ID}&into=${PERSON_ID}`);
    const birth = await screen.find('merge-field-birth');
    await until(() => expect(birth.textContent).toContain('March 1994'));
    expect(birth.textContent).not.toContain('1994-03');
  });
});
