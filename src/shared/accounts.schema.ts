import { z } from 'zod';
import { ROLES } from './roles.js';

/**
 * The session, own-account (/api/me) and user-administration API: one set of
 * Zod schemas that the server validates and answers with, and whose inferred
 * types the web app reads. A renamed field changes both sides at once.
 */

/** Password length the server accepts; the common-password check runs in the service. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
export const USERNAME_PATTERN = /^[\p{L}\p{N}._-]+$/u;

export const USERNAME = z
  .string()
  .trim()
  .min(USERNAME_MIN_LENGTH, `must be at least ${USERNAME_MIN_LENGTH} characters`)
  .max(USERNAME_MAX_LENGTH, `must be at most ${USERNAME_MAX_LENGTH} characters`)
  .regex(USERNAME_PATTERN, 'may hold letters, digits, dot, dash and underscore only');

/**
 * Only a bound on the raw text here (four bytes a character at most): length
 * and list checks happen in the service, which can name the problem.
 */
export const PASSWORD = z.string().max(PASSWORD_MAX_LENGTH * 4, 'is too long');

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  factorEnrolled: z.boolean(),
});

export const sessionStateSchema = z.object({
  user: meSchema,
  session: z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string(), idleExpiresAt: z.string() }),
  enrolmentRequired: z.boolean(),
});

export const loginBody = z.object({
  username: z.string().min(1).max(USERNAME_MAX_LENGTH),
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
  code: z.string().trim().max(32).optional(),
});

export const setupStatusSchema = z.object({ needed: z.boolean() });

export const setupBody = z.object({
  token: z.string().trim().min(1).max(200),
  username: USERNAME,
  password: PASSWORD,
});

export const totpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });

/** `POST /api/me/totp/confirm` and `POST /api/me/recovery-codes`. */
export const codeBody = z.object({ code: z.string().trim().min(1).max(32) });

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const totpConfirmSchema = z.object({ recoveryCodes: z.array(z.string()), session: sessionStateSchema });

export const mySessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
});

export const mySessionsSchema = z.object({ sessions: z.array(mySessionSchema) });

export const passwordBody = z.object({
  currentPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
  newPassword: PASSWORD,
});

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  factorEnrolled: z.boolean(),
  createdAt: z.string(),
  activeSessions: z.number().int(),
});

export const usersListSchema = z.object({ users: z.array(userSummarySchema) });

export const createUserBody = z.object({ username: USERNAME, role: z.enum(ROLES), password: PASSWORD });

export const updateUserBody = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, {
    message: 'give role or disabled',
    path: ['role'],
  });

export type Me = z.infer<typeof meSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SetupStatus = z.infer<typeof setupStatusSchema>;
export type LoginRequest = z.input<typeof loginBody>;
export type SetupRequest = z.input<typeof setupBody>;
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
export type CodeRequest = z.input<typeof codeBody>;
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesSchema>;
export type TotpConfirmResponse = z.infer<typeof totpConfirmSchema>;
export type MySession = z.infer<typeof mySessionSchema>;
export type MySessionsResponse = z.infer<typeof mySessionsSchema>;
export type PasswordChangeRequest = z.input<typeof passwordBody>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type UsersResponse = z.infer<typeof usersListSchema>;
export type CreateUserRequest = z.input<typeof createUserBody>;
export type UpdateUserRequest = z.input<typeof updateUserBody>;
