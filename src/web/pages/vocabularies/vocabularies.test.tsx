// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Term, VocabulariesResponse } from '../../../shared/vocabularies.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { json, noContent, sessionState, settle, stubApi, screenPerTest } from '../../testing/harness.js';

const screen = screenPerTest();

let serial = 0;
function term(vocabulary: Term['vocabulary'], code: string, labelEn: string, overrides: Partial<Term> = {}): Term {
  serial += 1;
  return {
    id: `6f1c1d5e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    vocabulary,
    code,
    parentId: null,
    labelRu: `RU ${labelEn}`,
    labelEn,
    sortOrder: 0,
    retired: false,
    retiredAt: null,
    attributes: {},
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    ...overrides,
  };
}

const RUSSIA = term('region', 'RU', 'Russia');
const UKRAINE = term('region', 'UA', 'Ukraine (occupied territory)', { sortOrder: 1 });
const BURYATIA = term('region', 'RU-BU', 'Republic of Buryatia', { parentId: RUSSIA.id });
const ADYGEA = term('region', 'RU-AD', 'Republic of Adygea', { parentId: RUSSIA.id });
const CRIMEA = term('region', 'UA-43', 'Autonomous Republic of Crimea', { parentId: UKRAINE.id });
const OLD = term('region', 'RU-OLD', 'Former region', { parentId: RUSSIA.id, retired: true, retiredAt: 'x' });
const REGIONS = [RUSSIA, UKRAINE, BURYATIA, ADYGEA, CRIMEA, OLD];

const STAGES = [
  term('stage', 'intake', 'Intake', { sortOrder: 0 }),
  term('stage', 'assessment', 'Assessment', { sortOrder: 1 }),
  term('stage', 'closed', 'Closed', { sortOrder: 2, attributes: { closes: true } }),
];

const SUMMARY: VocabulariesResponse = {
  vocabularies: [
    { vocabulary: 'region', terms: 6, retired: 1 },
    { vocabulary: 'stage', terms: 3, retired: 0 },
  ],
};

const codes = () =>
  [...screen.container.querySelectorAll<HTMLElement>('[data-testid="vocab-term"]')].map(
    (li) => `${li.dataset.depth ?? ''}:${li.dataset.code ?? ''}`,
  );
const item = (code: string) => {
  const found = screen.container.querySelector<HTMLElement>(`[data-testid="vocab-term"][data-code="${code}"]`);
  if (!found) throw new Error(`no term ${code}`);
  return found;
};
const clickIn = (root: HTMLElement, testId: string) =>
  act(async () => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.click());

/** Lets fetches and updates run until `condition` holds; fails after a bounded number of turns. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) {
    if (condition()) return;
    await settle();
  }
  throw new Error('the condition never held');
}

describe('vocabularies page', () => {
  it('shows a coordinator the tree, hides retired terms until asked, and renames, retires and adds terms', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/vocabularies': () => json(SUMMARY),
      'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: REGIONS }),
      [`PATCH /api/vocabularies/region/terms/${BURYATIA.id}`]: (request) =>
        json({ ...BURYATIA, ...(request.body as object) }),
      'POST /api/vocabularies/region/terms': () => json(term('region', 'RU-NEW', 'New region'), 201),
    });
    await screen.render('/vocabularies');
    await screen.find('vocab-tree');
    // Nested under their country, siblings by name.
    expect(codes()).toEqual(['0:RU', '1:RU-AD', '1:RU-BU', '0:UA', '1:UA-43']);
    expect(seen.find((r) => r.path.startsWith('/api/vocabularies/region'))?.path).toContain('includeRetired=true');

    await screen.click('vocab-show-retired');
    expect(codes()).toContain('1:RU-OLD');
    expect(item('RU-OLD').dataset.retired).toBe('true');
    expect(item('RU-OLD').querySelector('[data-testid="vocab-term-unretire"]')).not.toBeNull();

    await clickIn(item('RU-BU'), 'vocab-term-edit');
    await screen.type('vocab-edit-en', 'Buryatia');
    await clickIn(item('RU-BU'), 'vocab-edit-save');
    expect((await screen.find('vocab-notice')).textContent).toContain('Buryatia');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({
      labelRu: 'RU Republic of Buryatia',
      labelEn: 'Buryatia',
    });

    await clickIn(item('RU-BU'), 'vocab-term-retire');
    expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    await clickIn(item('RU-BU'), 'confirm-yes');
    await until(() => seen.filter((r) => r.method === 'PATCH').length === 2);
    expect(seen.filter((r) => r.method === 'PATCH')[1]?.body).toEqual({ retired: true });

    await screen.type('vocab-new-code', 'RU-NEW');
    await screen.type('vocab-new-ru', 'Новый регион');
    await screen.type('vocab-new-en', 'New region');
    const parent = await screen.find('vocab-new-parent');
    if (!(parent instanceof HTMLSelectElement)) throw new Error('no parent select');
    await act(async () => {
      parent.value = RUSSIA.id;
      parent.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await screen.click('vocab-new-submit');
    await until(() => seen.some((r) => r.method === 'POST'));
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      code: 'RU-NEW',
      labelRu: 'Новый регион',
      labelEn: 'New region',
      parentId: RUSSIA.id,
    });
  });

  it('lets a coordinator permit and remove moves between stages', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/vocabularies': () => json(SUMMARY),
      'GET /api/vocabularies/stage': () => json({ vocabulary: 'stage', terms: STAGES }),
      'GET /api/vocabularies/stage/transitions': () =>
        json({
          transitions: [
            { from: 'intake', to: 'assessment' },
            { from: 'intake', to: 'closed' },
          ],
        }),
      'PUT /api/vocabularies/stage/transitions': () => noContent(),
      'DELETE /api/vocabularies/stage/transitions': () => noContent(),
    });
    await screen.render('/vocabularies?v=stage');
    await screen.find('vocab-transition');
    const row = screen.container.querySelector<HTMLElement>('[data-testid="vocab-transition-row"][data-from="intake"]');
    if (!row) throw new Error('no row for intake');
    expect([...row.querySelectorAll<HTMLElement>('[data-testid="vocab-transition"]')].map((e) => e.dataset.to)).toEqual(
      ['assessment', 'closed'],
    );

    await clickIn(row, 'vocab-transition-remove');
    await screen.find('vocab-transitions-notice');
    expect(seen.find((r) => r.method === 'DELETE')?.path).toBe(
      '/api/vocabularies/stage/transitions?from=intake&to=assessment',
    );

    const to = await screen.find('vocab-transition-to');
    const from = await screen.find('vocab-transition-from');
    if (!(to instanceof HTMLSelectElement) || !(from instanceof HTMLSelectElement)) throw new Error('no selects');
    await act(async () => {
      from.value = 'closed';
      from.dispatchEvent(new Event('change', { bubbles: true }));
      to.value = 'intake';
      to.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await screen.click('vocab-transition-add');
    await until(() => seen.some((r) => r.method === 'PUT'));
    expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({ from: 'closed', to: 'intake' });
  });

  it('shows other staff the vocabularies read-only, without a navigation entry', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      'GET /api/vocabularies': () => json(SUMMARY),
      'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: REGIONS }),
    });
    await screen.render('/vocabularies');
    await screen.find('vocab-tree');
    expect(screen.byTestId('vocab-readonly')).not.toBeNull();
    for (const id of ['vocab-term-edit', 'vocab-term-retire', 'vocab-new-submit', 'nav-vocabularies']) {
      expect(screen.byTestId(id), id).toBeNull();
    }
    await act(() => switchLanguage('ru'));
    await screen.find('vocab-tree');
    expect(screen.heading()).toBe('Справочники');
    expect(item('UA-43').textContent).toContain('RU Autonomous Republic of Crimea');
  });
});
