import type { Role } from './roles.js';

/**
 * API shapes of sessions, accounts, audit and break-glass, shared by the
 * server's zod schemas (which are checked against these) and the web app.
 */
export interface Me {
  id: string;
  username: string;
  role: Role;
  factorEnrolled: boolean;
}

export interface SessionState {
  user: Me;
  session: { id: string; createdAt: string; expiresAt: string; idleExpiresAt: string };
  enrolmentRequired: boolean;
}

export interface SetupStatus {
  needed: boolean;
}

export interface SetupRequest {
  token: string;
  username: string;
  password: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  code?: string;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

export interface TotpConfirmResponse {
  recoveryCodes: string[];
  session: SessionState;
}

export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

export interface MySession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
  current: boolean;
}

export interface MySessionsResponse {
  sessions: MySession[];
}

export interface UserSummary {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  factorEnrolled: boolean;
  createdAt: string;
  activeSessions: number;
}

export interface UsersResponse {
  users: UserSummary[];
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntryView {
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  nextBefore: number | null;
}

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
