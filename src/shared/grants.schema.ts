import { z } from 'zod';
import { ROLES } from './roles.js';

/** Who holds a grant on a case: the schema the server answers with, and whose types the web app reads. */
export const caseGrantSchema = z.object({
  userId: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  grantedAt: z.string(),
  grantedBy: z.string(),
});
export type CaseGrant = z.infer<typeof caseGrantSchema>;

/** `GET /api/cases/:caseId/grants`. */
export const caseGrantsSchema = z.object({ grants: z.array(caseGrantSchema) });
export type CaseGrants = z.infer<typeof caseGrantsSchema>;
