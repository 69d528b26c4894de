import { z } from 'zod';
import type { userSummarySchema } from '../../../shared/accounts.schema.js';

// The schemas live in src/shared so the web app reads the same ones.
export { userSummarySchema, usersListSchema, createUserBody, updateUserBody } from '../../../shared/accounts.schema.js';

export type UserSummaryOut = z.infer<typeof userSummarySchema>;

export const userIdParams = z.object({ userId: z.uuid() });
