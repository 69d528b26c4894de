import { z } from 'zod';

export const caseIdParams = z.object({ caseId: z.uuid() });
export const caseUserParams = z.object({ caseId: z.uuid(), userId: z.uuid() });

export { caseGrantsSchema } from '../../../shared/grants.schema.js';

export {
  breakGlassBody,
  breakGlassListSchema,
  breakGlassOpenedSchema as breakGlassOpened,
} from '../../../shared/break-glass.js';

export const breakGlassIdParams = z.object({ id: z.uuid() });
