import type { Role } from './roles.js';

/**
 * API shapes of audit and case grants that the web app reads. The session,
 * account and user shapes are inferred from the Zod schemas the server
 * answers with (accounts.schema.ts), re-exported here for older imports.
 */
export type {
  Me,
  SessionState,
  SetupStatus,
  SetupRequest,
  LoginRequest,
  TotpEnrolment,
  TotpConfirmResponse,
  RecoveryCodesResponse,
  MySession,
  MySessionsResponse,
  UserSummary,
  UsersResponse,
} from './accounts.schema.js';

export type { AuditOutcome, AuditEntryView, AuditPage } from './audit.schema.js';

export interface BreakGlassGrant {
  id: string;
  userId: string;
  username: string;
  caseId: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  active: boolean;
}

export interface BreakGlassList {
  grants: BreakGlassGrant[];
}

export interface CaseGrant {
  userId: string;
  username: string;
  role: Role;
  grantedAt: string;
  grantedBy: string;
}
