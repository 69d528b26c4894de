// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { searchResultsSchema, type SearchResults } from '../../../shared/cases.schema.js';
import { searchTarget } from '../../components/GlobalSearch.js';
import { switchLanguage } from '../../i18n/i18n.js';
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
const NOTE = '0c1f8f5e-6f43-4c1e-9a43-9b7c3d2c1a10';

// Built through the server's own schema, and checked against the contract again when answered.
const FOUND: SearchResults = searchResultsSchema.parse({
  results: [
    {
      type: 'note',
      id: NOTE,
      caseId: CASE,
      caseNumber: '2026-0001',
      title: 'Доржиев сообщил, что его удерживали',
      fields: ['body'],
      matchedIn: ['note'],
    },
    {
      type: 'case',
      id: CASE,
      caseId: CASE,
      caseNumber: '2026-0001',
      title: 'Незаконное удержание',
      fields: ['summary', 'title'],
      matchedIn: ['case_title', 'case_summary'],
    },
  ],
  nextCursor: 'cj4yLjE',
  total: 2,
  totalCapped: false,
});

function api(role: 'caseworker' | 'intake' | 'admin' = 'caseworker', answer: () => Response = () => json(FOUND)) {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role })),
    'GET /api/search': answer,
    'GET /api/cases': () => json({ cases: [], nextCursor: null }),
  });
}

const searches = (seen: SeenRequest[]) => seen.filter((request) => request.path.startsWith('/api/search'));

describe('the header search box', () => {
  it('sends a case number to its case, anything else to the search page', () => {
    expect(searchTarget(' 2026-0001 ')).toBe('/cases/2026-0001');
    expect(searchTarget('Dorz')).toBe('/search?q=Dorz');
    expect(searchTarget('удерж 2026')).toBe(`/search?q=${encodeURIComponent('удерж')}+2026`);
    expect(searchTarget('   ')).toBeNull();
  });

  it('opens the case a typed number names', async () => {
    await switchLanguage('en');
    api();
    await screen.render('/cases');
    await screen.type('global-search', '2026-0001');
    await screen.click('global-search-submit');
    await screen.waitForPath('/cases/2026-0001');
  });

  it('searches anything else, and the page shows where each result matched, in Russian', async () => {
    await switchLanguage('ru');
    const seen = api();
    await screen.render('/cases');
    expect(screen.byTestId('global-search')?.getAttribute('placeholder')).toBe('Номер дела, имя, слово…');
    await screen.type('global-search', 'удерж');
    await screen.click('global-search-submit');
    await screen.waitForPath(`/search?q=${encodeURIComponent('удерж')}`);
    await screen.find('search-result');
    const rows = [...screen.container.querySelectorAll('[data-testid="search-result"]')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['2026-0001', 'Заметка', 'Доржиев сообщил, что его удерживали', 'заметка'],
      ['2026-0001', 'Дело', 'Незаконное удержание', 'название дела, описание дела'],
    ]);
    expect(screen.byTestId('search-count')?.textContent).toBe('Найдено: 2');
    // A caseworker searches cases, notes, tasks, people and incidents; not the intake queue.
    expect(searches(seen).map((request) => new URLSearchParams(request.path.split('?')[1]).get('types'))).toEqual([
      'case,note,task,person,incident',
    ]);
    expect(screen.container.querySelector('a[href="/cases/1b4e28ba-2fa1-41d2-883f-0016d3cca427"]')).not.toBeNull();
  });

  it('is offered only to roles whose searches can find something', async () => {
    await switchLanguage('en');
    api('admin');
    await screen.render('/account');
    await screen.find('nav-account');
    expect(screen.byTestId('global-search')).toBeNull();
  });
});

describe('the search page', () => {
  it('filters by kind of record and pages on with the cursor, in English', async () => {
    await switchLanguage('en');
    const seen = api();
    await screen.render('/search?q=Dorz');
    await screen.find('search-result');
    expect(screen.byTestId('search-matched-in')?.textContent).toBe('note');
    await screen.click('search-next');
    await screen.waitForPath('/search?q=Dorz&cursor=cj4yLjE');
    await screen.find('search-first');
    expect(searches(seen).at(-1)?.path).toBe(
      '/api/search?q=Dorz&cursor=cj4yLjE&types=case%2Cnote%2Ctask%2Cperson%2Cincident',
    );

    const type = screen.byTestId('search-type') as HTMLSelectElement;
    expect([...type.options].map((option) => option.textContent)).toEqual([
      'Everything',
      'Case',
      'Note',
      'Task',
      'Person',
      'Incident',
    ]);
  });

  it.each([
    ['en', 'Incident', 'incident title'],
    ['ru', 'Инцидент', 'название инцидента'],
  ] as const)('leads an incident found by its title to its page (%s)', async (language, kind, words) => {
    await switchLanguage(language);
    const incident = searchResultsSchema.parse({
      results: [
        {
          type: 'incident',
          id: NOTE,
          caseId: null,
          caseNumber: null,
          title: 'Удержание в Перевальске',
          fields: ['title'],
          matchedIn: ['incident_title'],
        },
      ],
      nextCursor: null,
      total: 1,
      totalCapped: false,
    });
    api('caseworker', () => json(incident));
    await screen.render('/search?q=Perevalsk');
    await screen.find('search-result');
    expect(screen.byTestId('search-matched-in')?.textContent).toBe(words);
    expect(screen.byTestId('search-result')?.querySelectorAll('td')[1]?.textContent).toBe(kind);
    expect(screen.container.querySelector(`a[href="/incidents/${NOTE}"]`)?.textContent).toBe('Удержание в Перевальске');
  });

  it.each([
    ['en', 'name, former name'],
    ['ru', 'имя, прежнее имя'],
  ] as const)('says a person matched under a name a merge kept as a former one (%s)', async (language, words) => {
    await switchLanguage(language);
    const person = searchResultsSchema.parse({
      results: [
        {
          type: 'person',
          id: NOTE,
          caseId: null,
          caseNumber: null,
          title: 'Доржеев Баир',
          fields: ['name_cyrillic', 'name_alias'],
          matchedIn: ['person_name', 'person_alias'],
        },
      ],
      nextCursor: null,
      total: 1,
      totalCapped: false,
    });
    api('caseworker', () => json(person));
    await screen.render('/search?q=Dorjeev');
    await screen.find('search-result');
    expect(screen.byTestId('search-matched-in')?.textContent).toBe(words);
    expect(screen.container.querySelector(`a[href="/people/${NOTE}"]`)).not.toBeNull();
  });

  it('offers an intake volunteer requests only', async () => {
    await switchLanguage('en');
    const seen = api('intake');
    await screen.render('/search?q=Dorz');
    await screen.find('search-result');
    const type = screen.byTestId('search-type') as HTMLSelectElement;
    expect([...type.options].map((option) => option.value)).toEqual(['', 'intake']);
    expect(searches(seen)[0]?.path).toBe('/api/search?q=Dorz&types=intake');
  });

  it('says when nothing was found, and shows a refused query as an error', async () => {
    await switchLanguage('en');
    api('caseworker', () => json({ results: [], nextCursor: null, total: 0, totalCapped: false }));
    await screen.render('/search?q=zzzz');
    await settleUntilText('Nothing found.');
    screen.unmount();
    api('caseworker', () => validationFailed([{ path: 'q', message: 'too common', reason: 'invalid_format' }]));
    await screen.render('/search?q=the');
    expect((await screen.find('search-error')).getAttribute('data-code')).toBe('VALIDATION_FAILED');
  });
});

async function settleUntilText(text: string): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) {
    if (screen.container.textContent.includes(text)) return;
    await settle();
  }
  throw new Error(`no "${text}" on the page`);
}
