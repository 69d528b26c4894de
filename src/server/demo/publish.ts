import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_SUPPRESSION_K, FIGURES, type Snapshot } from '../../shared/statistics.schema.js';
import { publishSnapshot, savePublicationSettings } from '../modules/statistics/publication.service.js';

/**
 * The demo administrator's publication, as one would make it in the web app: every figure chosen at the
 * default k, then one snapshot published (both audited, suppressed as any publication), so that `/stats`
 * shows figures after the quick start.
 */
export async function publishDemoStatistics(
  db: Kysely<Database>,
  adminId: string,
  clock: () => Date,
): Promise<Snapshot> {
  await savePublicationSettings(db, adminId, { k: DEFAULT_SUPPRESSION_K, figures: [...FIGURES] }, clock);
  return publishSnapshot(db, adminId, clock);
}
