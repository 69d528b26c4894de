// The home page's API: the work dashboard of each role and the in-app
// notifications. The server validates and answers with these schemas; the web
// app reads their inferred types.
import { z } from 'zod';
import { taskSchema } from './cases.schema.js';
import { DATABASE_DIALECTS } from './health.js';
import { ROLES } from './roles.js';

const count = z.number().int().min(0);
const time = z.iso.datetime();
const URGENCY = z.enum(['low', 'normal', 'high', 'critical']);

/** What a notification is about: its words are the web app's, by kind. */
export const NOTIFICATION_KINDS = [
  'case_assigned',
  'task_assigned',
  'follow_up',
  'task_due_tomorrow',
  'task_overdue',
  'critical_request',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The most unread notifications counted one by one; beyond it the bell says "99+". */
export const UNREAD_CAP = 99;
export const NOTIFICATIONS_PAGE = 20;

export const notificationParams = z.object({ notificationId: z.uuid() });
export const notificationsQuery = z.object({ cursor: z.string().max(200).optional() });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  createdAt: time,
  read: z.boolean(),
  /** The case it concerns (a task's or a follow-up's case too), as the reader may see it. */
  case: z.object({ id: z.string(), number: z.string(), title: z.string() }).nullable(),
  task: z.object({ id: z.string(), title: z.string(), dueDate: z.iso.date().nullable() }).nullable(),
  /** A request not (yet) in a case: no text of it, only what the queue shows. */
  intake: z.object({ id: z.string(), urgency: URGENCY, createdAt: time }).nullable(),
});
export type NotificationOut = z.infer<typeof notificationSchema>;

export const notificationsSchema = z.object({
  notifications: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationsSchema>;

export const unreadSchema = z.object({
  /** Unread notifications the reader may still see, at most UNREAD_CAP. */
  unread: count,
  /** More than UNREAD_CAP are unread. */
  capped: z.boolean(),
});
export type UnreadCount = z.infer<typeof unreadSchema>;

const byStage = z.array(z.object({ stage: z.string(), count }));
const caseLink = z.object({ id: z.string(), number: z.string(), title: z.string(), stage: z.string() });

/** A caseworker's or lawyer's home: my tasks, my open cases by stage, the cases I work on. */
export const workDashboardSchema = z.object({
  tasks: z.object({ overdue: count, dueToday: count, dueThisWeek: count, undated: count }),
  /** My open tasks, overdue first then soonest due, at most a few. */
  upcoming: z.array(taskSchema),
  casesByStage: byStage,
  /** My open cases, most recently changed first, at most a few. */
  cases: z.array(caseLink),
  moreCases: z.boolean(),
});
export type WorkDashboard = z.infer<typeof workDashboardSchema>;

const waiting = z.object({ total: count, overDay: count, overWeek: count });

/** An intake volunteer's home: the open queue by urgency, and how long it waits. */
export const intakeDashboardSchema = z.object({
  byUrgency: z.array(z.object({ urgency: URGENCY, count, oldestAt: time.nullable() })),
  waiting,
});
export type IntakeDashboard = z.infer<typeof intakeDashboardSchema>;

/** A coordinator's home: what nobody has taken yet, the open cases by stage, overdue tasks across the team. */
export const coordinatorDashboardSchema = z.object({
  requests: z.object({ unassigned: count, critical: count, waiting }),
  unassignedCases: z.object({ count, cases: z.array(caseLink) }),
  casesByStage: byStage,
  overdueTasks: z.object({
    total: count,
    byAssignee: z.array(z.object({ userId: z.string().nullable(), username: z.string().nullable(), count })),
  }),
});
export type CoordinatorDashboard = z.infer<typeof coordinatorDashboardSchema>;

/** An administrator's home: accounts, sessions, the audit log, backups and the server itself. */
export const adminDashboardSchema = z.object({
  accounts: z.object({ active: count, disabled: count, byRole: z.array(z.object({ role: z.enum(ROLES), count })) }),
  sessions: z.object({ active: count }),
  audit: z.object({ entries: count, lastCheckpointAt: time.nullable() }),
  backup: z.object({ lastAt: time.nullable() }),
  health: z.object({ database: z.enum(DATABASE_DIALECTS), version: z.string() }),
});
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;
