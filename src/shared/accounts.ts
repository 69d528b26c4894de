/**
 * The session, account, user and audit shapes, inferred from the Zod schemas
 * the server answers with (accounts.schema.ts, audit.schema.ts), re-exported
 * here for older imports. Break-glass shapes are in break-glass.ts, case
 * grants in grants.schema.ts.
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
