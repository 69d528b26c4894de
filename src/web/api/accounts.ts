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

/** The actions the audit log records, in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.revoke',
  'session.renew',
  'user.create',
  'user.update',
  'user.disable',
  'user.role_change',
  'user.factor_reset',
  'user.sessions_revoke',
  'totp.enrol',
  'totp.enrol_failed',
  'recovery_codes.regenerate',
  'recovery_codes.regenerate_failed',
  'password.change',
  'password.change_failed',
  'grant.add',
  'grant.remove',
  'break_glass.open',
  'break_glass.end',
  'audit.read',
  'user.list',
  'setup.complete',
  'intake.create',
  'intake.follow_up',
  'intake.read',
  'intake.update',
  'intake.decline',
  'intake.assign',
  'intake.triage',
  'case.create',
  'case.read',
  'case.list',
  'case.update',
  'case.stage',
  'case.outcome',
  'case.close',
  'case.reopen',
  'case.note',
  'case.timeline',
  'case.task_create',
  'case.task_update',
  'case.attach_intake',
  'person.create',
  'person.read',
  'person.update',
  'person.link',
  'person.unlink',
  'person.merge',
  'vocabulary.create',
  'vocabulary.update',
  'vocabulary.retire',
  'api_token.create',
  'api_token.revoke',
  'search.run',
  'keys.rotate',
  'backup.create',
  'backup.restore',
  'audit.checkpoint',
  'notification.list',
  'dashboard.work',
  'dashboard.coordination',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export { AUDIT_OUTCOMES } from '../../shared/audit.schema.js';

/** The query of `GET /api/audit`; every field optional. `action` may be a prefix ending in '.'. */
export interface AuditQuery {
  action?: string;
  actorId?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  /** ISO 8601 instant, inclusive. */
  from?: string;
  /** ISO 8601 instant, exclusive. */
  to?: string;
  before?: number;
  limit?: number;
}
