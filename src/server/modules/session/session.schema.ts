import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';
import { PASSWORD_MAX_LENGTH } from '../../auth/passwords.js';

export const USERNAME = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'may hold letters, digits, dot, dash and underscore only');

/** Length and list checks happen in the service, which can name the problem (see passwords.ts). */
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
  username: z.string().min(1).max(64),
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

export const codeBody = z.object({ code: z.string().trim().min(1).max(32) });

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const totpConfirmSchema = z.object({ recoveryCodes: z.array(z.string()), session: sessionStateSchema });

export const mySessionsSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      userAgent: z.string(),
      current: z.boolean(),
    }),
  ),
});

export const sessionIdParams = z.object({ sessionId: z.uuid() });

export const passwordBody = z.object({
  currentPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
  newPassword: PASSWORD,
});

export const empty = z.undefined();
