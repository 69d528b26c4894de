// The shapes of the cases API: the types of the Zod schemas the server
// validates and answers with (src/shared/cases.schema.ts).

export type {
  AssignableUsers,
  CaseCreated,
  CaseDetail,
  CaseList,
  CaseSummary,
  CaseTask,
  MyWork,
  StageMove,
  Timeline,
  TimelineEvent,
} from '../../shared/cases.schema.js';
