import { z } from 'zod';
import { LIMITS, URGENCIES, type bulkIntakeBody } from '../../../shared/intake.schema.js';

// The triage schemas live in src/shared so the web app reads the same ones.
export {
  URGENCIES,
  INTAKE_STATUSES,
  DECLINE_REASONS,
  LIMITS,
  intakeListQuery,
  intakeSummarySchema,
  intakeListSchema,
  possibleMatchesSchema,
  intakeDetailSchema,
  declineBody,
  updateIntakeBody,
  bulkIntakeBody,
  bulkIntakeResultSchema,
  intakeAssigneesSchema,
  type IntakeSummary,
  type IntakeDetail,
} from '../../../shared/intake.schema.js';

const code = z.string().min(1).max(64);
const optionalCode = code.nullish();
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** The fields of an intake request, as every channel gives them. */
export const intakeFields = z.object({
  handle: optionalText(LIMITS.handle),
  contact: optionalText(LIMITS.contact),
  requesterRole: code,
  groupSize: z.number().int().min(1).max(LIMITS.groupSize).default(1),
  region: optionalCode,
  serviceCategory: optionalCode,
  force: optionalCode,
  locationType: optionalCode,
  urgency: z.enum(URGENCIES).default('normal'),
  text: z.string().trim().min(1).max(LIMITS.text),
  consentDocumentation: z.boolean().default(false),
  consentStatistics: z.boolean().default(false),
});

export type IntakeInput = z.infer<typeof intakeFields>;

/** `POST /api/intake` from another channel: the same fields and the channel. */
export const apiIntakeBody = intakeFields.extend({ channel: code });

export const createdIntakeSchema = z.object({ id: z.string(), receiptCode: z.string() });

export const intakeIdParams = z.object({ intakeId: z.uuid() });

export type BulkIntakeBody = z.infer<typeof bulkIntakeBody>;
