import { z } from 'zod';

/** The database engines Homeward runs on. */
export const DATABASE_DIALECTS = ['sqlite', 'postgres'] as const;
export type DatabaseDialect = (typeof DATABASE_DIALECTS)[number];

/** The body of `GET /api/health`: the server answers with this schema, the web app reads its type. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(DATABASE_DIALECTS),
  version: z.string(),
  /** The installation holds the invented dataset of `homeward demo` (the web app shows a banner). */
  demo: z.boolean(),
});

export type HealthResponse = z.infer<typeof healthResponseSchema>;
