// The shapes of the intake API: the types of the Zod schemas the server
// validates and answers with (src/shared/intake.schema.ts).

export {
  DECLINE_REASONS,
  INTAKE_STATUSES,
  URGENCIES,
  isOpenStatus,
  BULK_MAX,
  type BulkIntakeRequest,
  type BulkIntakeResult,
  type DeclineIntakeRequest,
  type IntakeAssignees,
  type DeclineReason,
  type IntakeDetail,
  type IntakeList,
  type IntakeStatus,
  type IntakeSummary,
  type PossibleMatches,
  type UpdateIntakeRequest,
  type Urgency,
} from '../../../shared/intake.schema.js';
