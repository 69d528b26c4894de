/**
 * The account, administration and audit API as the web app uses it (the
 * break-glass API is in src/shared/break-glass.ts). Session, account and user
 * shapes (answers and request bodies) are the types of the Zod schemas the
 * server validates and answers with (src/shared/accounts.schema.ts), with the
 * limits the server enforces, for checks and hints before a form is sent. The
 * server checks everything again.
 */

export type { AuditEntryView as AuditEntry, AuditOutcome, AuditPage } from '../../shared/accounts.js';

export type {
  CodeRequest,
  CreateUserRequest,
  LoginRequest,
  Me,
  MySession,
  MySessionsResponse,
  PasswordChangeRequest,
  RecoveryCodesResponse,
  SessionState,
  SetupRequest,
  SetupStatus,
  TotpConfirmResponse,
  TotpEnrolment,
  UpdateUserRequest,
  UserSummary,
  UsersResponse,
} from '../../shared/accounts.schema.js';

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from '../../shared/accounts.schema.js';

/** The actions the audit log records, in the order the filter lists them: the list the server writes with. */
export { AUDIT_ACTIONS, type AuditAction } from '../../shared/audit-actions.js';

export { AUDIT_OUTCOMES } from '../../shared/audit.schema.js';

export type { AuditQuery } from '../../shared/audit.schema.js';
