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

export {
  breakGlassBody,
  breakGlassListSchema,
  breakGlassOpenedSchema as breakGlassOpened,
} from '../../../shared/break-glass.js';

export const breakGlassIdParams = z.object({ id: z.uuid() });
