import { z } from 'zod';

/**
 * The API-token administration API: the schemas the server validates and
 * answers with, and whose types the web app reads.
 */
export const apiTokenSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  scope: z.literal('intake'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSummarySchema) });

export const createApiTokenBody = z.object({ label: z.string().trim().min(1).max(100) });

/** The token itself is in this answer only. */
export const createdApiTokenSchema = apiTokenSummarySchema.extend({ token: z.string() });

export type ApiTokenSummary = z.infer<typeof apiTokenSummarySchema>;
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;
export type CreateApiTokenRequest = z.input<typeof createApiTokenBody>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
