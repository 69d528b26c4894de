/**
 * The account, administration, audit and break-glass API as the web app uses
 * it: the answer shapes shared with the server (src/shared/accounts.ts), plus
 * request bodies and the limits the server enforces, for checks and hints
 * before a form is sent. The server checks everything again.
 */
import type { AuditOutcome } from '../../shared/accounts.js';
import type { Role } from '../../shared/roles.js';

export type {
  AuditEntryView as AuditEntry,
  AuditOutcome,
  AuditPage,
  BreakGlassGrant,
  BreakGlassList,
  LoginRequest,
  Me,
  MySession,
  MySessionsResponse,
  RecoveryCodesResponse,
  SessionState,
  SetupRequest,
  SetupStatus,
  TotpConfirmResponse,
  TotpEnrolment,
  UserSummary,
  UsersResponse,
} from '../../shared/accounts.js';

/** Password length the server accepts (src/server/auth/passwords.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Usernames: 3 to 64 letters, digits, dots, dashes and underscores. */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
export const USERNAME_PATTERN = /^[\p{L}\p{N}._-]+$/u;

/** `POST /api/me/totp/confirm` and `POST /api/me/recovery-codes`. */
export interface CodeRequest {
  code: string;
}

/** `POST /api/me/password` → 204. */
export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
}

/** `POST /api/users` → 201 UserSummary. */
export interface CreateUserRequest {
  username: string;
  role: Role;
  password: string;
}

/** `PATCH /api/users/:userId` → UserSummary. */
export interface UpdateUserRequest {
  role?: Role;
  disabled?: boolean;
}

/** The actions the audit log records, in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.revoke',
  'user.create',
  'user.update',
  'user.disable',
  'user.role_change',
  'user.factor_reset',
  'user.sessions_revoke',
  'totp.enrol',
  'recovery_codes.regenerate',
  'password.change',
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
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const satisfies readonly AuditOutcome[];

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

/** Break-glass limits (src/server/modules/grants/grants.schema.ts). */
export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;
export const BREAK_GLASS_MINUTES_MIN = 5;
export const BREAK_GLASS_MINUTES_MAX = 240;

/** `POST /api/break-glass` → 201 BreakGlassOpened. */
export interface BreakGlassRequest {
  caseId: string;
  reason: string;
  minutes: number;
}

export interface BreakGlassOpened {
  id: string;
  caseId: string;
  expiresAt: string;
}
