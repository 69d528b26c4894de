import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';

export const caseIdParams = z.object({ caseId: z.uuid() });
export const caseUserParams = z.object({ caseId: z.uuid(), userId: z.uuid() });

export const caseGrantsSchema = z.object({
  grants: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      role: z.enum(ROLES),
      grantedAt: z.string(),
      grantedBy: z.string(),
    }),
  ),
});

export const breakGlassBody = z.object({
  caseId: z.uuid(),
  reason: z.string().trim().min(10, 'must say why, in at least 10 characters').max(500),
  minutes: z.number().int().min(5).max(240),
});

export const breakGlassOpened = z.object({ id: z.string(), caseId: z.string(), expiresAt: z.string() });

export const breakGlassListSchema = z.object({
  grants: z.array(
    z.object({
      id: z.string(),
      userId: z.string(),
      username: z.string(),
      caseId: z.string(),
      reason: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      endedAt: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
});

export const breakGlassIdParams = z.object({ id: z.uuid() });
