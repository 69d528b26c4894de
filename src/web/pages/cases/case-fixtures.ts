// What the case page's web tests fake: a case, its tasks, timeline events
// and the vocabularies it reads, built through the server's own schemas (and
// checked against the contract again when a stub answers with them).
import {
  caseDetailSchema,
  caseRequestsSchema,
  timelineSchema,
  type CaseDetail,
  type CaseTask,
  type Timeline,
  type TimelineEvent,
} from '../../../shared/cases.schema.js';
import type { SessionState } from '../../../shared/accounts.schema.js';
import type { Term, Vocabulary } from '../../../shared/vocabularies.js';
import { term, vocabularyRoutes } from '../../testing/fixtures.js';
import { json, settle, stubApi, type SeenRequest } from '../../testing/harness.js';

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

const stage = (code: string, ru: string, en: string, attributes: Term['attributes'] = {}, sortOrder = 0) =>
  term('stage', code, ru, en, { attributes, sortOrder });

/** The vocabularies the case page reads, as the server answers them; two stages propose tasks from the law. */
export const CASE_VOCABULARIES: Partial<Record<Vocabulary, Term[]>> = {
  stage: [
    stage('new', 'Новое', 'New'),
    stage('in_progress', 'В работе', 'In progress', {}, 1),
    stage('verification', 'Проверка', 'Verification', {}, 2),
    stage(
      'prosecutor_complaint',
      'Жалоба военному прокурору',
      'Complaint to the military prosecutor',
      {
        proposedTasks: [
          {
            titleRu: 'Проверить ответ прокуратуры',
            titleEn: "Check the prosecutor's answer",
            dueInDays: 30,
            example: true,
          },
        ],
      },
      3,
    ),
    stage(
      'court_first_instance',
      'Суд первой инстанции',
      'Court, first instance',
      {
        proposedTasks: [{ titleRu: 'Подать апелляцию', titleEn: 'File the appeal', dueInMonths: 1 }],
      },
      4,
    ),
    stage('resolved', 'Решено', 'Resolved', { allowsOutcome: true }, 5),
    stage('follow_up', 'Сопровождение', 'Follow-up', {}, 6),
    stage('closed', 'Закрыто', 'Closed', { closes: true, allowsOutcome: true }, 7),
  ],
  case_type: [term('case_type', 'contract_termination', 'Расторжение контракта', 'Contract termination')],
  region: [term('region', 'RU-BU', 'Бурятия', 'Buryatia')],
  outcome: [
    term('outcome', 'dismissed', 'Уволен с военной службы', 'Dismissed from service', {
      attributes: { closes: true },
    }),
  ],
  requester_role: [term('requester_role', 'spouse', 'Супруга', 'Spouse')],
  channel: [term('channel', 'web_form', 'Веб-форма', 'Web form')],
  person_role: [
    term('person_role', 'relative', 'Родственник', 'Relative'),
    term('person_role', 'spokesperson', 'Представитель группы', 'Spokesperson', { sortOrder: 1 }),
  ],
};

/** The case page's reads of `current()`, its (empty unless given) timeline, requests and vocabularies. */
export function casePageRoutes(
  session: SessionState,
  current: () => CaseDetail,
  extra: Parameters<typeof stubApi>[0] = {},
  events: TimelineEvent[] = [],
): SeenRequest[] {
  return stubApi({
    'GET /api/session': () => json(session),
    [`GET /api/cases/${CASE}`]: () => json(current()),
    [`GET /api/cases/${CASE}/timeline`]: () => timeline({ events, nextCursor: null }),
    [`GET /api/cases/${CASE}/requests`]: noRequests,
    ...vocabularyRoutes(CASE_VOCABULARIES),
    ...extra,
  });
}

/** Lets fetches and renders run until `check` holds; fails, naming `what`, after a bounded number of turns. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 50 && !check(); turn += 1) await settle();
  if (!check()) throw new Error(`never happened: ${what}`);
}
