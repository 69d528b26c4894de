import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';
import { PASSWORD, USERNAME } from '../session/session.schema.js';

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  factorEnrolled: z.boolean(),
  createdAt: z.string(),
  activeSessions: z.number().int(),
});

export type UserSummaryOut = z.infer<typeof userSummarySchema>;

export const usersListSchema = z.object({ users: z.array(userSummarySchema) });

export const createUserBody = z.object({ username: USERNAME, role: z.enum(ROLES), password: PASSWORD });

export const updateUserBody = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.disabled !== undefined, {
    message: 'give role or disabled',
    path: ['role'],
  });

export const userIdParams = z.object({ userId: z.uuid() });
