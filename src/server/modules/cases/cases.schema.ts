import { z } from 'zod';
import { PURGE_REASONS } from '../../purge/purge.js';

// The schemas the web app reads too live in src/shared.
export * from '../../../shared/cases.schema.js';

export const purgeBody = z.object({ reason: z.enum(PURGE_REASONS), confirmNumber: z.string().trim().min(1).max(16) });
