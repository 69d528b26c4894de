// A case's timeline as the API answers it: the Zod schemas the server checks its answer with, and whose types the
// web app words each event from (src/web/pages/cases/timeline-words.ts).
import { z } from 'zod';
import { ROLES } from './roles.js';

const nullableText = z.string().nullable();

export const TIMELINE_MAX_LIMIT = 200;
export const timelineQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(TIMELINE_MAX_LIMIT).default(100),
});

/** What happened on a case; the web words it from these ids, names and codes. */
export const TIMELINE_KINDS = [
  'opened',
  'note',
  'stage',
  'outcome',
  'close',
  'reopen',
  'task',
  'person',
  'grant',
] as const;

/** What a `task` event records in `detail`. */
export const TASK_EVENTS = ['created', 'reassigned', 'due_changed', 'done', 'reopened'] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];
/** What a `person` event records in `detail`. */
export const PERSON_EVENTS = ['added', 'removed', 'role_changed'] as const;
export type PersonEvent = (typeof PERSON_EVENTS)[number];

export const timelineEventSchema = z.object({
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  at: z.string(),
  /** Who did it: the user's id, name and role (null when the account is gone). */
  actorId: nullableText,
  actorUsername: nullableText,
  actorRole: z.enum(ROLES).nullable(),
  /**
   * Stage codes of a move, close or reopen; for an outcome event, the old and
   * new outcome codes; for a task's due day, the old and new days; for a
   * person, the old and new role codes.
   */
  stageFrom: nullableText,
  stageTo: nullableText,
  /** For a grant event: whom the case was given to or taken from, and which (`added`, `removed`). */
  targetUserId: nullableText,
  targetUsername: nullableText,
  targetRole: z.enum(ROLES).nullable(),
  /** What happened: see TASK_EVENTS and PERSON_EVENTS for tasks and people, `added`/`removed` for grants. */
  detail: nullableText,
  body: nullableText,
  /** For a task event: the task and its title (opened under the case's key). */
  subjectId: nullableText,
  subjectTitle: nullableText,
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/** `GET /api/cases/:caseId/timeline`, newest first; `nextCursor` asks for the older events. */
export const timelineSchema = z.object({ nextCursor: nullableText, events: z.array(timelineEventSchema) });
export type Timeline = z.infer<typeof timelineSchema>;
