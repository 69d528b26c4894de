import type { Role } from '../../shared/roles.js';

/** `GET /api/cases` rows and the summary part of a case. */
export interface CaseSummary {
  id: string;
  number: string;
  type: string;
  stage: string;
  outcome: string | null;
  region: string | null;
  isGroup: boolean;
  groupSize: number;
  title: string;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
}

export interface CaseList {
  cases: CaseSummary[];
  nextCursor: string | null;
}

export interface CaseTask {
  id: string;
  caseId: string;
  caseNumber?: string;
  title: string;
  dueDate: string | null;
  assigneeId: string | null;
  assigneeUsername: string | null;
  doneAt: string | null;
  overdue: boolean;
  createdAt: string;
}

/** `GET /api/cases/:caseId`. */
export interface CaseDetail extends CaseSummary {
  summary: string | null;
  allowedStages: { code: string; labelRu: string; labelEn: string }[];
  assignees: { userId: string; username: string; role: Role }[];
  people: { personId: string; role: string; isSpokesperson: boolean; name: string | null }[];
  tasks: CaseTask[];
  counts: { notes: number; tasks: number; openTasks: number };
}

export interface TimelineEvent {
  id: string;
  kind: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  stageFrom: string | null;
  stageTo: string | null;
  body: string | null;
}

export interface MyWork {
  cases: CaseSummary[];
  tasks: CaseTask[];
}

export interface AssignableUsers {
  users: { id: string; username: string; role: Role }[];
}
