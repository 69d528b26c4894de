// The shapes of the intake API, copied from the server's Zod schemas
// (src/server/modules/intake/intake.schema.ts); the web bundle does not import server code.

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const INTAKE_STATUSES = ['new', 'in_triage', 'opened', 'attached', 'declined'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const DECLINE_REASONS = ['duplicate', 'out_of_scope', 'no_contact', 'spam', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** A request can still be triaged, declined or turned into a case. */
export function isOpenStatus(status: IntakeStatus): boolean {
  return status === 'new' || status === 'in_triage';
}

interface IntakeBase {
  id: string;
  status: IntakeStatus;
  urgency: Urgency;
  channel: string;
  requesterRole: string;
  groupSize: number;
  region: string | null;
  createdAt: string;
  ageSeconds: number;
}

/** A row of `GET /api/intake`. */
export interface IntakeSummary extends IntakeBase {
  preview: string;
}

export interface IntakeList {
  requests: IntakeSummary[];
  nextCursor: string | null;
}

/** Intake volunteers get other open requests only; coordinators also people and cases. */
export interface PossibleMatches {
  requests: number;
  people?: number;
  cases?: number;
  records: { recordType: 'person' | 'case' | 'intake'; id: string; number: string | null }[];
}

/** `GET /api/intake/:intakeId`. */
export interface IntakeDetail extends IntakeBase {
  serviceCategory: string | null;
  force: string | null;
  locationType: string | null;
  consentDocumentation: boolean;
  consentStatistics: boolean;
  declineReason: string | null;
  caseId: string | null;
  triagedAt: string | null;
  handle: string | null;
  contact: string | null;
  text: string;
  messages: { id: string; body: string; createdAt: string }[];
  possibleMatches: PossibleMatches;
}

/** `PATCH /api/intake/:intakeId`: at least one of the two. */
export interface UpdateIntakeRequest {
  urgency?: Urgency;
  status?: 'in_triage';
}

/** `POST /api/intake/:intakeId/decline`. */
export interface DeclineIntakeRequest {
  reason: DeclineReason;
}
