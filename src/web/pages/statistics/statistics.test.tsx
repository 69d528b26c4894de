// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import {
  FIGURE_INFO,
  FIGURES,
  type Figure,
  type FigureOut,
  type StatisticsOverview,
} from '../../../shared/statistics.schema.js';
import type { Role } from '../../../shared/roles.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { term, termId, vocabularyRoutes } from '../../testing/fixtures.js';
import { json, screenPerTest, sessionState, stubApi, validationFailed } from '../../testing/harness.js';

function figureOf(figure: Figure, rows: FigureOut['rows']): FigureOut {
  const { recordSet, dimension } = FIGURE_INFO[figure];
  return { figure, recordSet, dimension, rows, total: rows.reduce((sum, row) => sum + row.count, 0) };
}

function overviewWith(rows: Partial<Record<Figure, FigureOut['rows']>>): StatisticsOverview {
  return {
    figures: FIGURES.map((figure) => figureOf(figure, rows[figure] ?? [])),
    timeToOutcome: { cases: 4, medianDays: 12.5, lowerQuartileDays: 7, upperQuartileDays: 30 },
  };
}

const FULL = overviewWith({
  requests_by_region: [
    { value: 'buryatia', count: 7 },
    { value: null, count: 2 },
  ],
  requests_by_month: [
    { value: '2026-03', count: 4 },
    { value: '2026-04', count: 5 },
  ],
});

const REGIONS = [
  term('region', 'siberian_fd', 'Сибирский федеральный округ', 'Siberian Federal District'),
  term('region', 'buryatia', 'Республика Бурятия', 'Republic of Buryatia', {
    parentId: termId('region', 'siberian_fd'),
  }),
];

function stubRole(role: Role, overview: (path: string) => Response) {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role })),
    'GET /api/notifications/unread': () => json({ unread: 0, capped: false }),
    ...vocabularyRoutes({ region: REGIONS }),
    'GET /api/statistics': (request) => overview(request.path),
  });
}

describe('the statistics dashboard', () => {
  const screen = screenPerTest('ru');

  it('is the analyst’s home: each figure in a table with term labels, months by locale, not recorded', async () => {
    stubRole('analyst', () => json(FULL));
    await screen.render('/');
    await screen.waitForPath('/statistics');
    const table = await screen.find('table-requests_by_region');
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows).toEqual(['Республика Бурятия7', 'Не указано2']);
    expect(table.querySelector('caption')?.textContent).toBe('Обращения за помощью по регионам');
    expect(screen.byTestId('total-requests_by_region')?.textContent).toBe('9');
    expect(screen.byTestId('table-requests_by_month')?.textContent).toContain('март 2026');
    expect(screen.byTestId('table-requests_by_month')?.textContent).not.toContain('2026-03');
    expect(screen.byTestId('tto-median')?.textContent).toBe('12,5');
    expect(screen.byTestId('csv-requests_by_region')?.getAttribute('href')).toBe(
      '/api/statistics/figures/requests_by_region/csv',
    );
    await act(() => switchLanguage('en'));
    expect(screen.byTestId('table-requests_by_region')?.textContent).toContain('Republic of Buryatia');
    expect(screen.byTestId('table-requests_by_month')?.textContent).toContain('March 2026');
  });

  it('reads its filters from the URL, sends them, and keeps them in the download links', async () => {
    const seen = stubRole('coordinator', () => json(FULL));
    await screen.render('/statistics?from=2026-03-01&to=2026-04-30&region=buryatia');
    await screen.find('table-requests_by_region');
    expect(seen.some((r) => r.path === '/api/statistics?from=2026-03-01&to=2026-04-30&region=buryatia')).toBe(true);
    expect(screen.byTestId('csv-cases_by_type')?.getAttribute('href')).toBe(
      '/api/statistics/figures/cases_by_type/csv?from=2026-03-01&to=2026-04-30&region=buryatia',
    );
    await screen.choose('stats-region', '');
    await screen.click('stats-apply');
    await screen.waitForPath('/statistics?from=2026-03-01&to=2026-04-30');
    await screen.find('table-requests_by_region');
    expect(seen.filter((r) => r.path.startsWith('/api/statistics')).at(-1)?.path).toBe(
      '/api/statistics?from=2026-03-01&to=2026-04-30',
    );
  });

  it('says in the reader’s language when the period ends before it starts', async () => {
    stubRole('analyst', () =>
      validationFailed([{ path: 'query.to', reason: 'invalid', message: 'The period must not end before it starts.' }]),
    );
    await screen.render('/statistics?from=2026-05-01&to=2026-04-01');
    const error = await screen.find('stats-error');
    expect(error.textContent).toBe('Конец периода не может быть раньше его начала.');
    expect(screen.byTestId('figure-requests_by_region')).toBeNull();
  });

  it('shows the empty state when nothing has been recorded', async () => {
    stubRole('admin', () => json(overviewWith({})));
    await screen.render('/statistics');
    expect((await screen.find('stats-empty')).textContent).toBe('Для этих фильтров пока нет записей.');
  });

  it('refuses a caseworker and shows no nav entry', async () => {
    const seen = stubRole('caseworker', () => json(FULL));
    await screen.render('/statistics');
    await screen.find('forbidden');
    expect(screen.byTestId('nav-statistics')).toBeNull();
    expect(seen.some((r) => r.path.startsWith('/api/statistics'))).toBe(false);
  });
});
