// What the case page's web tests fake: a case, its tasks, timeline events
// and vocabulary terms, each built through the server's own schemas (and
// checked against the contract again when a stub answers with it).
import {
  caseDetailSchema,
  caseRequestsSchema,
  timelineSchema,
  type CaseDetail,
  type CaseTask,
  type Timeline,
  type TimelineEvent,
} from '../../../shared/cases.schema.js';
import { termSchema, termsResponseSchema, type Term } from '../../../shared/vocabularies.schema.js';
import { VOCABULARIES, type Vocabulary } from '../../../shared/vocabularies.js';
import { json } from '../../testing/harness.js';

export const CASE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

/** A case at stage `new` with nothing on it yet; `overrides` says what differs. */
export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  const tasks = overrides.tasks ?? [];
  return caseDetailSchema.parse({
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
    updatedAt: '2026-11-21T10:00:00.000Z',
    summary: null,
    allowedStages: [],
    assignees: [],
    people: [],
    tasks,
    counts: { notes: 0, tasks: tasks.length, openTasks: tasks.filter((t) => t.doneAt === null).length },
    ...overrides,
  });
}

/** A stage the case may move to, as the case detail names it. */
export const nextStage = (code: string) => ({ code, labelRu: code, labelEn: code });

export function task(overrides: Partial<CaseTask>): CaseTask {
  return {
    id: crypto.randomUUID(),
    caseId: CASE,
    title: 'Call the unit',
    dueDate: '2026-12-20',
    assigneeId: null,
    assigneeUsername: null,
    doneAt: null,
    doneById: null,
    doneByUsername: null,
    overdue: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** A note by vera (a lawyer); `overrides` makes it another kind of event. */
export function timelineEvent(id: string, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id,
    kind: 'note',
    at: '2026-11-21T10:00:00.000Z',
    actorId: null,
    actorUsername: 'vera',
    actorRole: 'lawyer',
    stageFrom: null,
    stageTo: null,
    targetUserId: null,
    targetUsername: null,
    targetRole: null,
    detail: null,
    body: null,
    subjectId: null,
    subjectTitle: null,
    ...overrides,
  };
}

export const timeline = (page: Timeline) => json(timelineSchema.parse(page));
export const noRequests = () => json(caseRequestsSchema.parse({ requests: [], more: false }));

export function term(vocabulary: Vocabulary, code: string, en: string, ru: string, attributes = {}): Term {
  return termSchema.parse({
    id: crypto.randomUUID(),
    vocabulary,
    code,
    parentId: null,
    labelRu: ru,
    labelEn: en,
    sortOrder: 0,
    retired: false,
    retiredAt: null,
    attributes,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  });
}

/** `[code, English, Russian, attributes?]`, in sort order. */
export type Seeded = [code: string, en: string, ru: string, attributes?: Record<string, unknown>];

/** A stub route for each vocabulary, answering its terms as the server does. */
export function vocabularyRoutes(vocabularies: Partial<Record<Vocabulary, readonly Seeded[]>>) {
  return Object.fromEntries(
    Object.entries(vocabularies).map(([vocabulary, seeded]) => [
      `GET /api/vocabularies/${vocabulary}`,
      () =>
        json(
          termsResponseSchema.parse({
            vocabulary,
            // Ids stay the same from one answer to the next, as the server's do.
            terms: seeded.map(([code, en, ru, attributes = {}], sortOrder) => ({
              ...term(vocabulary as Vocabulary, code, en, ru, attributes),
              id: `00000000-0000-4000-8000-${String(VOCABULARIES.indexOf(vocabulary as Vocabulary) * 1000 + sortOrder).padStart(12, '0')}`,
              sortOrder,
            })),
          }),
        ),
    ]),
  );
}
