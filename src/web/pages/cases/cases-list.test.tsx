// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { caseListSchema, type CaseList, type SavedFilter } from '../../../shared/cases.schema.js';
import type { Term, Vocabulary } from '../../../shared/vocabularies.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import { json, noContent, screenPerTest, sessionState, stubApi, type SeenRequest } from '../../testing/harness.js';

const screen = screenPerTest();

const TERMS: Partial<Record<Vocabulary, Term[]>> = {
  region: [term('region', 'RU-BU', 'Республика Бурятия', 'Republic of Buryatia')],
  stage: [term('stage', 'intake', 'Приём', 'Intake')],
  case_type: [term('case_type', 'criminal_defence', 'Защита по уголовному делу', 'Criminal defence')],
};

const LIST: CaseList = caseListSchema.parse({
  cases: [
    {
      id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      number: '2026-0001',
      type: 'criminal_defence',
      stage: 'intake',
      outcome: null,
      region: 'RU-BU',
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
});

function api(saved: SavedFilter[] = []) {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role: 'lawyer' })),
    'GET /api/cases': () => json(LIST),
    'GET /api/saved-filters': () => json({ filters: saved }),
    'POST /api/saved-filters': () => json({ id: '5f0c4a3e-1d2b-4c5a-9e8f-7a6b5c4d3e2f' }, 201),
    'DELETE /api/saved-filters/5f0c4a3e-1d2b-4c5a-9e8f-7a6b5c4d3e2f': () => noContent(),
    ...vocabularyRoutes(TERMS),
  });
}

const lists = (seen: SeenRequest[]) => seen.filter((r) => r.path.startsWith('/api/cases')).map((r) => r.path);

describe('the case list', () => {
  it('shows labels, not codes, offers pickers, and sorts by a column on the server, in Russian', async () => {
    await switchLanguage('ru');
    const seen = api();
    await screen.render('/cases');
    await screen.find('case-row');
    const cells = [...screen.container.querySelectorAll('[data-testid="case-row"] td')].map((td) => td.textContent);
    expect(cells).toEqual(['2026-0001', 'Незаконное удержание', 'Приём', 'Республика Бурятия', '20 нояб. 2026 г.']);
    const region = (await screen.find('cases-filter-region')) as HTMLSelectElement;
    expect(region.tagName).toBe('SELECT');
    expect([...region.options].map((option) => option.textContent)).toContain('Республика Бурятия');

    await screen.click('cases-sort-region');
    await screen.waitForPath('/cases?sort=region&dir=asc');
    await screen.find('case-row');
    expect(lists(seen).at(-1)).toBe('/api/cases?sort=region&dir=asc');
    expect(screen.byTestId('cases-sort-region')?.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    await screen.click('cases-sort-region');
    await screen.waitForPath('/cases?sort=region&dir=desc');
  });

  it('saves the filters in use under a name, applies and deletes a saved one, in English', async () => {
    await switchLanguage('en');
    const saved: SavedFilter = {
      id: '5f0c4a3e-1d2b-4c5a-9e8f-7a6b5c4d3e2f',
      name: 'My open criminal-defence cases in Buryatia',
      filters: { type: 'criminal_defence', region: 'RU-BU', open: 'true' },
      createdAt: '2026-11-20T10:00:00.000Z',
    };
    const seen = api([saved]);
    await screen.render('/cases?stage=intake&sort=number');
    await screen.find('saved-filter');
    await screen.type('saved-filter-name', 'Intake by number');
    await screen.click('saved-filter-save');
    for (let turn = 0; turn < 50 && !seen.some((r) => r.method === 'POST'); turn += 1)
      await act(() => Promise.resolve());
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Intake by number',
      filters: { stage: 'intake', sort: 'number' },
    });

    await screen.click('saved-filter-link');
    await screen.waitForPath('/cases?type=criminal_defence&region=RU-BU&open=true');
    expect(screen.byTestId('saved-filter-delete')?.textContent).toBe(
      'Delete “My open criminal-defence cases in Buryatia”',
    );
    await screen.click('saved-filter-delete');
    for (let turn = 0; turn < 50 && !seen.some((r) => r.method === 'DELETE'); turn += 1) {
      await act(() => Promise.resolve());
    }
    expect(seen.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/saved-filters/5f0c4a3e-1d2b-4c5a-9e8f-7a6b5c4d3e2f',
    ]);
  });
});
