// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { termSchema, type Term } from '../../../shared/vocabularies.schema.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { json, screenPerTest, sessionState, settle, stubApi, type SeenRequest } from '../../testing/harness.js';

const screen = screenPerTest();

const COURT = termSchema.parse({
  id: '6f1c1d5e-0000-4000-8000-000000000101',
  vocabulary: 'stage',
  code: 'court_first_instance',
  parentId: null,
  labelRu: 'Суд первой инстанции',
  labelEn: 'Court, first instance',
  sortOrder: 0,
  retired: false,
  retiredAt: null,
  attributes: {
    aliases: ['суд'],
    proposedTasks: [{ titleRu: 'Подать апелляцию', titleEn: 'File the appeal', dueInMonths: 1, example: true }],
  },
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
});

function routes(role: 'coordinator' | 'caseworker') {
  return stubApi({
    'GET /api/session': () => json(sessionState({ role })),
    'GET /api/vocabularies': () => json({ vocabularies: [{ vocabulary: 'stage', terms: 1, retired: 0 }] }),
    'GET /api/vocabularies/stage': () => json({ vocabulary: 'stage', terms: [COURT] }),
    'GET /api/vocabularies/stage/transitions': () => json({ transitions: [] }),
    [`PATCH /api/vocabularies/stage/terms/${COURT.id}`]: (request) => {
      const changes = (request.body as { attributeChanges: Record<string, unknown> }).attributeChanges;
      return json({ ...COURT, attributes: { ...COURT.attributes, ...changes } } satisfies Term);
    },
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 50 && !check(); turn += 1) await settle();
  if (!check()) throw new Error(`never happened: ${what}`);
}

const patches = (seen: SeenRequest[]) => seen.filter((r) => r.method === 'PATCH').map((r) => r.body);
const text = (testId: string) => screen.byTestId(testId)?.textContent ?? '';

describe('rules of stages and outcomes on the vocabularies page', () => {
  it.each([
    ['en', 'Proposes the task «File the appeal», due 1 month after the event'],
    ['ru', 'Предлагает задачу «Подать апелляцию» со сроком 1 месяц после события'],
  ] as const)('shows what a stage proposes in words, and no editing to a caseworker (%s)', async (language, words) => {
    await switchLanguage(language);
    routes('caseworker');
    await screen.render('/vocabularies?v=stage');
    await screen.find('vocab-rules-proposal');
    expect(text('vocab-rules-proposal')).toContain(words);
    expect(screen.byTestId('vocab-rules-allows-outcome')).toBeNull();
    expect(screen.byTestId('vocab-rules-edit')).toBeNull();
  });

  it('lets a coordinator allow the outcome, change a period and add a task, sending only those rules', async () => {
    const seen = routes('coordinator');
    await screen.render('/vocabularies?v=stage');
    await screen.click('vocab-rules-edit');
    await screen.click('vocab-rules-outcome');
    await screen.type('vocab-rules-period-0', '2');
    await screen.click('vocab-rules-add');
    await screen.type('vocab-rules-title-ru-1', 'Проверить ответ');
    await screen.type('vocab-rules-title-en-1', 'Check the answer');
    await screen.type('vocab-rules-period-1', '10');
    await screen.click('vocab-rules-save');
    await until(() => patches(seen).length === 1, 'the rules are sent');
    expect(patches(seen)).toEqual([
      {
        attributeChanges: {
          allowsOutcome: true,
          proposedTasks: [
            { titleRu: 'Подать апелляцию', titleEn: 'File the appeal', dueInMonths: 2, example: true },
            { titleRu: 'Проверить ответ', titleEn: 'Check the answer', dueInDays: 10 },
          ],
        },
      },
    ]);
    await until(() => screen.byTestId('vocab-rules-form') === null, 'the form closes');
    expect(text('vocab-notice')).toContain('The rules of “Court, first instance” have been saved.');
  });

  it('refuses a period the shared schema refuses and an empty title, naming each, and sends nothing', async () => {
    const seen = routes('coordinator');
    await screen.render('/vocabularies?v=stage');
    await screen.click('vocab-rules-edit');
    await screen.type('vocab-rules-period-0', '0');
    await screen.click('vocab-rules-add');
    await screen.type('vocab-rules-title-en-1', 'Check the answer');
    await screen.click('vocab-rules-save');
    expect(await screen.fieldError('vocab-rules-period-0')).toBe('Give 1 to 120 months.');
    expect(await screen.fieldError('vocab-rules-title-ru-1')).toBeTruthy();
    expect(patches(seen)).toEqual([]);

    // Removing every proposal sends none, so the term proposes nothing.
    await screen.click('vocab-rules-remove');
    await screen.click('vocab-rules-remove');
    await screen.click('vocab-rules-save');
    await until(() => patches(seen).length === 1, 'the rules are sent');
    expect(patches(seen)).toEqual([{ attributeChanges: { proposedTasks: null, allowsOutcome: null } }]);
  });
});
