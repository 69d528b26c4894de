// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { caseListSchema } from '../../../shared/cases.schema.js';
import { personSchema } from '../../../shared/people.schema.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { vocabularyRoutes } from '../../testing/fixtures.js';
import { json, screenPerTest, sessionState, settle, stubApi } from '../../testing/harness.js';
import { CASE_ID, incident, INCIDENT, list, PERSON, TERMS } from './incident-fixtures.js';

const screen = screenPerTest();

const PERSON_ANSWER = personSchema.parse({
  id: PERSON,
  personRole: 'serviceman',
  nameCyrillic: { family: 'Журавлёв', given: 'Иван' },
  nameLatin: null,
  birth: null,
  region: null,
  serviceCategory: null,
  force: null,
  unit: null,
  contacts: [],
  aliases: [],
  mergedInto: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  cases: [],
  casesMore: false,
  requests: [],
  requestsMore: false,
});

function api(role: 'coordinator' | 'lawyer' = 'coordinator') {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role })),
    'GET /api/incidents': () => json(list([incident()], 'next-page')),
    [`GET /api/incidents/${INCIDENT}`]: () => json(incident()),
    [`GET /api/people/${PERSON}`]: () => json(PERSON_ANSWER),
    [`GET /api/incidents/${INCIDENT}/evidence`]: () => json({ items: [], maxBytes: 1_000_000 }),
    'GET /api/cases': () =>
      json(
        caseListSchema.parse({
          cases: [
            {
              id: CASE_ID,
              number: '2026-0042',
              type: 'criminal_defence',
              stage: 'intake',
              outcome: null,
              region: null,
              urgency: 'normal',
              isGroup: false,
              groupSize: 1,
              title: 'Незаконное удержание',
              openedAt: '2026-11-20T10:00:00.000Z',
              closedAt: null,
              updatedAt: '2026-11-20T10:00:00.000Z',
            },
          ],
          nextCursor: null,
        }),
      ),
    ...vocabularyRoutes(TERMS),
  });
}

describe('the incident list', () => {
  it('shows labels and worded dates, filters by pickers sent to the server, and pages on', async () => {
    await switchLanguage('ru');
    const seen = api();
    await screen.render('/incidents');
    await screen.find('incident-row');
    const cells = [...screen.container.querySelectorAll('[data-testid="incident-row"] td')].map((td) => td.textContent);
    expect(cells).toEqual([
      'Held at Perevalsk',
      'март 2026',
      'Лагерь в Перевальске',
      'Удержание без суда',
      'Только для сотрудников',
    ]);
    for (const key of ['actType', 'place', 'unit', 'confidentiality', 'caseId']) {
      expect(screen.byTestId(`incidents-filter-${key}`)?.tagName, key).toBe('SELECT');
    }
    await screen.find('incidents-filter-caseId');
    await screen.choose('incidents-filter-actType', 'detention_without_trial');
    await screen.choose('incidents-filter-place', 'UA-09-place');
    await screen.choose('incidents-filter-confidentiality', 'public');
    await screen.type('incidents-filter-from', '2026-01-01');
    await screen.click('incidents-filter-submit');
    await screen.waitForPath(
      '/incidents?actType=detention_without_trial&place=UA-09-place&confidentiality=public&from=2026-01-01',
    );
    await screen.find('incident-row');
    const lists = seen.filter((r) => r.method === 'GET' && r.path.startsWith('/api/incidents')).map((r) => r.path);
    expect(lists.at(-1)).toBe(
      '/api/incidents?actType=detention_without_trial&place=UA-09-place&confidentiality=public&from=2026-01-01',
    );
    await screen.click('incidents-next');
    await screen.find('incidents-first');
    expect(seen.at(-1)?.path).toContain('cursor=next-page');
  });

  it('offers recording only to coordinators', async () => {
    api('lawyer');
    await screen.render('/incidents');
    await screen.find('incident-row');
    expect(screen.byTestId('incident-new-link')).toBeNull();
  });

  it('offers recording to a coordinator', async () => {
    api('coordinator');
    await screen.render('/incidents');
    await screen.find('incident-row');
    expect(screen.byTestId('incident-new-link')).not.toBeNull();
  });
});

describe('the incident page', () => {
  it('shows acts with a counted group and a person by name, the unit, and the source with its reliability', async () => {
    await switchLanguage('ru');
    const seen = api();
    await screen.render(`/incidents/${INCIDENT}`);
    expect((await screen.find('incident-title')).textContent).toBe('Held at Perevalsk');
    // The sealed title stays off the window title (browser history, screen shares).
    expect(document.title).not.toContain('Perevalsk');
    expect(screen.byTestId('incident-period')?.textContent).toBe('март 2026');
    expect(screen.byTestId('incident-place')?.textContent).toBe('Лагерь в Перевальске');
    const act = await screen.find('incident-act');
    expect(act.textContent).toContain('около 2025');
    const victims = [...screen.container.querySelectorAll('[data-testid="incident-victim"]')];
    for (let turn = 0; turn < 20 && victims[0]?.textContent.includes('Росгвардия') !== true; turn += 1) await settle();
    expect(victims[0]?.textContent).toBe('Группа: 15 чел. · Росгвардия · Республика Бурятия');
    for (let turn = 0; turn < 20 && victims[1]?.textContent !== 'Журавлёв Иван'; turn += 1) await settle();
    expect(victims[1]?.textContent).toBe('Журавлёв Иван');
    expect(victims[1]?.querySelector('a')?.getAttribute('href')).toBe(`/people/${PERSON}`);
    expect((await screen.find('incident-perpetrator')).textContent).toBe('Войсковая часть 6720');
    const source = await screen.find('incident-source');
    expect(source.textContent).toContain('Verstka: Soldiers held in a camp');
    expect(source.textContent).toContain('Обычно надёжный');
    expect(screen.container.textContent).not.toMatch(/vch_6720|perevalsk|usually_reliable|2026-03/);
    expect(screen.byTestId('incident-edit-link')).not.toBeNull();
    // The evidence files of the incident, from the evidence pages' own section.
    await screen.find('evidence-section');
    expect(seen.some((r) => r.path === `/api/incidents/${INCIDENT}/evidence`)).toBe(true);
  });
});

describe('the person page', () => {
  it('lists the incidents naming the person, asked of the server by the person', async () => {
    const seen = api('lawyer');
    await screen.render(`/people/${PERSON}`);
    const row = await screen.find('person-incident');
    expect(row.textContent).toContain('Held at Perevalsk');
    expect(row.querySelector('a')?.getAttribute('href')).toBe(`/incidents/${INCIDENT}`);
    expect(seen.some((r) => r.path === `/api/incidents?personId=${PERSON}&limit=100`)).toBe(true);
  });
});
