import { z } from 'zod';
import type { HealthResponse as SharedHealthResponse } from '../../../shared/health.js';

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

export type HealthResponse = z.infer<typeof healthResponse>;

// The web app reads the shared type; this line fails to compile if they drift apart.
export const healthShapeAgrees: SharedHealthResponse extends z.infer<typeof healthResponse> ? true : never = true;
