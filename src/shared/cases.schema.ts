// The cases API: the Zod schemas the server validates and answers with, and
// whose inferred types the web app reads (no hand-copied shapes in src/web).
import { z } from 'zod';
import { intakeSummarySchema, URGENCIES } from './intake.schema.js';
import { ROLES, type Role } from './roles.js';

// The timeline's schemas are in their own file; the cases API names them from here too.
export * from './timeline.schema.js';

/** Vocabulary codes: the vocabulary itself says which exist. */
const CODE = z.string().trim().min(1).max(64);
const ISO_DATE = z.iso.date('must be a date YYYY-MM-DD');
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 20_000;
export const NOTE_MAX = 20_000;
export const CASE_ASSIGNEES_MAX = 10;

export const caseIdParams = z.object({ caseId: z.uuid() });
/** A case number as cases are numbered: the year, a dash, the serial (2026-0001). */
export const CASE_NUMBER_PATTERN = /^\d{4}-\d{4,8}$/;
export const caseNumberParams = z.object({
  number: z.string().regex(CASE_NUMBER_PATTERN, 'must be a case number such as 2026-0001'),
});
export const caseByNumberSchema = z.object({ id: z.string() });
export const taskParams = z.object({ caseId: z.uuid(), taskId: z.uuid() });

/** A task: what to do, by which day, and whose it is (the one who creates it unless another is named). */
export const createTaskBody = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
  dueDate: ISO_DATE,
  assigneeId: z.uuid().optional(),
});
export type CreateTaskInput = z.input<typeof createTaskBody>;

export const createCaseBody = z.object({
  type: CODE,
  title: z.string().trim().min(1).max(TITLE_MAX),
  summary: z.string().trim().max(SUMMARY_MAX).optional(),
  /** From a request, a code left out is carried over from it; null keeps the case without one. */
  region: CODE.nullable().optional(),
  serviceCategory: CODE.nullable().optional(),
  force: CODE.nullable().optional(),
  urgency: z.enum(URGENCIES).optional(),
  isGroup: z.boolean().default(false),
  /** From a request, left out: the request's group size. */
  groupSize: z.number().int().min(1).max(100_000).optional(),
  intakeId: z.uuid().optional(),
  /** Caseworkers, lawyers or coordinators given the case as it is opened, in the same transaction. */
  assigneeIds: z.array(z.uuid()).max(CASE_ASSIGNEES_MAX).default([]),
  /**
   * A first task, made in the same transaction: for `assigneeId` when given,
   * else the first of `assigneeIds`, else the one opening the case.
   */
  firstTask: createTaskBody.optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseBody>;

export const updateCaseBody = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX).optional(),
    summary: z.string().trim().max(SUMMARY_MAX).optional(),
    type: CODE.optional(),
    region: CODE.nullable().optional(),
    urgency: z.enum(URGENCIES).optional(),
    groupSize: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((body) => Object.values(body).some((value: unknown) => value !== undefined), {
    message: 'give at least one of title, summary, type, region, urgency, groupSize',
    path: ['title'],
  });
export type UpdateCaseInput = z.infer<typeof updateCaseBody>;

export const attachIntakeBody = z.object({ intakeId: z.uuid() });
export const stageBody = z.object({
  to: CODE,
  /** The stage the client saw: the move is refused (CONFLICT) if the case has moved on since. */
  from: CODE.optional(),
  note: z.string().trim().min(1).max(NOTE_MAX).optional(),
});
export type StageMove = z.input<typeof stageBody>;
export const outcomeBody = z.object({ outcome: CODE.nullable() });
/** Why the case is closed: the stage `closed` is "closed (with reason)"; sealed on the timeline. */
export const closeBody = z.object({ reason: z.string().trim().min(1).max(NOTE_MAX) });
/** Why it is open again, if the one reopening says. */
export const reopenBody = z.object({ reason: z.string().trim().min(1).max(NOTE_MAX).optional() }).default({});
/** A person's role on a case, or whether they speak for it; only what is given changes. */
export const casePersonChangeBody = z
  .object({ role: CODE.optional(), isSpokesperson: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.isSpokesperson !== undefined, {
    message: 'give at least one of role, isSpokesperson',
    path: ['role'],
  });
export const noteBody = z.object({ body: z.string().trim().min(1).max(NOTE_MAX) });

/** A task's change: only what is given changes; a task keeps an assignee and a due date. */
export const updateTaskBody = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX).optional(),
    dueDate: ISO_DATE.optional(),
    assigneeId: z.uuid().optional(),
    done: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value: unknown) => value !== undefined), {
    message: 'give at least one of title, dueDate, assigneeId, done',
    path: ['title'],
  });
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The columns the case list sorts by, on the server (a keyset cursor walks each order). */
export const CASE_SORTS = ['opened', 'number', 'stage', 'region'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const listCasesQuery = z.object({
  q: z.string().max(500).optional(),
  type: CODE.optional(),
  stage: CODE.optional(),
  region: CODE.optional(),
  outcome: CODE.optional(),
  assignee: z.uuid().optional(),
  open: flag.optional(),
  from: ISO_DATE.optional(),
  to: ISO_DATE.optional(),
  /** Ignored with `q`: search results come most relevant first. */
  sort: z.enum(CASE_SORTS).default('opened'),
  /** Newest first for `opened`, A to Z for the others, unless given. */
  dir: z.enum(SORT_DIRECTIONS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const SEARCH_TYPES = ['case', 'note', 'task', 'person', 'intake', 'incident'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const searchQuery = z.object({
  q: z.string().max(500),
  types: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return [...SEARCH_TYPES];
      const types = value.split(',').map((type) => type.trim());
      for (const type of types) {
        if (!(SEARCH_TYPES as readonly string[]).includes(type)) {
          ctx.addIssue({ code: 'custom', message: `unknown type "${type}"; use ${SEARCH_TYPES.join(', ')}` });
          return z.NEVER;
        }
      }
      return types as SearchType[];
    }),
  from: ISO_DATE.optional(),
  to: ISO_DATE.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const nullableText = z.string().nullable();

export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.string(),
  stage: z.string(),
  outcome: nullableText,
  region: nullableText,
  urgency: z.enum(URGENCIES),
  isGroup: z.boolean(),
  groupSize: z.number().int(),
  title: z.string(),
  openedAt: z.string(),
  closedAt: nullableText,
  updatedAt: z.string(),
});
export type CaseSummaryOut = z.infer<typeof caseSummarySchema>;
export type CaseSummary = CaseSummaryOut;

export const caseListSchema = z.object({ cases: z.array(caseSummarySchema), nextCursor: nullableText });
export type CaseList = z.infer<typeof caseListSchema>;

export const taskSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string().optional(),
  title: z.string(),
  dueDate: nullableText,
  assigneeId: nullableText,
  assigneeUsername: nullableText,
  doneAt: nullableText,
  doneById: nullableText,
  doneByUsername: nullableText,
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type TaskOut = z.infer<typeof taskSchema>;
export type CaseTask = TaskOut;

const stageTermSchema = z.object({ code: z.string(), labelRu: z.string(), labelEn: z.string() });

export const caseDetailSchema = caseSummarySchema.extend({
  summary: nullableText,
  allowedStages: z.array(stageTermSchema),
  assignees: z.array(z.object({ userId: z.string(), username: z.string(), role: z.enum(ROLES) })),
  people: z.array(
    z.object({ personId: z.string(), role: z.string(), isSpokesperson: z.boolean(), name: z.string().nullable() }),
  ),
  tasks: z.array(taskSchema),
  counts: z.object({ notes: z.number().int(), tasks: z.number().int(), openTasks: z.number().int() }),
});
export type CaseDetailOut = z.infer<typeof caseDetailSchema>;
export type CaseDetail = CaseDetailOut;

/** The intake requests a case came from, at most this many (oldest first); `more` says when some were left out. */
export const CASE_REQUESTS_LIMIT = 20;
/** `GET /api/cases/:caseId/requests`: who asked for help and how to reach them, for those granted the case. */
export const caseRequestsSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      requesterRole: z.string(),
      urgency: z.enum(URGENCIES),
      groupSize: z.number().int(),
      region: nullableText,
      submittedAt: z.string(),
      /** Opened from their sealed columns: the name the requester gave and how to reach them. */
      handle: nullableText,
      contact: nullableText,
      text: z.string(),
      followUps: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.string() })),
    }),
  ),
  more: z.boolean(),
});
export type CaseRequests = z.infer<typeof caseRequestsSchema>;

/** My work shows at most this many of each list; `more*` says when some were left out. */
export const MY_WORK_LIMIT = 100;

/** A case of mine, with its next deadline: the earliest due date of its open tasks. */
/** An intake request in My work: its codes and age, not its text. */
export const waitingRequestSchema = intakeSummarySchema.omit({ preview: true });
export type WaitingRequest = z.infer<typeof waitingRequestSchema>;

export const myCaseSchema = caseSummarySchema.extend({ nextDueDate: nullableText });
export type MyCase = z.infer<typeof myCaseSchema>;

/**
 * `GET /api/me/work`: my open tasks (overdue first, then by due date), my
 * cases (soonest next deadline first), and the intake requests waiting for me
 * (`requestsScope` says which: those assigned to me, or for one who may triage
 * while requests have no assignee, the open queue; none for the others).
 */
export const myWorkSchema = z.object({
  tasks: z.array(taskSchema),
  moreTasks: z.boolean(),
  cases: z.array(myCaseSchema),
  moreCases: z.boolean(),
  requests: z.array(waitingRequestSchema),
  moreRequests: z.boolean(),
});
export type MyWork = z.infer<typeof myWorkSchema>;

export const assignableSchema = z.object({
  users: z.array(z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) })),
});
export type AssignableUsers = z.infer<typeof assignableSchema>;

/** The roles whose searches can find something (the server filters every search by access again). */
export const SEARCHING_ROLES = ['intake', 'caseworker', 'lawyer', 'coordinator'] as const satisfies readonly Role[];

/** Where a search result matched, as the web words it: the kind of record and its field. */
export const MATCHED_IN = [
  'case_title',
  'case_summary',
  'note',
  'task',
  'person_name',
  'person_alias',
  'request_text',
  'request_message',
  'request_name',
  'incident_title',
  'other',
] as const;
export type MatchedIn = (typeof MATCHED_IN)[number];

export const searchResultSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  title: z.string().nullable(),
  /** The indexed fields the query matched in (`title`, `body`, `name_latin` …). */
  fields: z.array(z.string()),
  /** The same, as the places a person reads: "note", "case title", "name". */
  matchedIn: z.array(z.enum(MATCHED_IN)),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResultsSchema = z.object({
  results: z.array(searchResultSchema),
  nextCursor: nullableText,
  total: z.number().int(),
  totalCapped: z.boolean(),
});

export type SearchResults = z.infer<typeof searchResultsSchema>;

export const caseCreatedSchema = z.object({ id: z.string(), number: z.string() });
export type CaseCreated = z.infer<typeof caseCreatedSchema>;

/** A note or task added to a case. */
export const createdSchema = z.object({ id: z.string() });

export const SAVED_FILTER_NAME_MAX = 100;
/** A saved filter's values, as the case list's query takes them (`open` as "true"/"false"). */
export const savedFilterValues = z
  .object({
    type: CODE.optional(),
    stage: CODE.optional(),
    region: CODE.optional(),
    outcome: CODE.optional(),
    assignee: z.uuid().optional(),
    open: z.enum(['true', 'false']).optional(),
    sort: z.enum(CASE_SORTS).optional(),
    dir: z.enum(SORT_DIRECTIONS).optional(),
  })
  .strict();
export type SavedFilterValues = z.infer<typeof savedFilterValues>;

export const createSavedFilterBody = z.object({
  name: z.string().trim().min(1).max(SAVED_FILTER_NAME_MAX),
  filters: savedFilterValues,
});
export type CreateSavedFilterInput = z.input<typeof createSavedFilterBody>;
export const savedFilterParams = z.object({ filterId: z.uuid() });

export const savedFilterSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: savedFilterValues,
  createdAt: z.string(),
});
export type SavedFilter = z.infer<typeof savedFilterSchema>;
/** At most this many saved filters a user, newest first. */
export const SAVED_FILTERS_MAX = 50;
export const savedFilterListSchema = z.object({ filters: z.array(savedFilterSchema) });
export type SavedFilterList = z.infer<typeof savedFilterListSchema>;
