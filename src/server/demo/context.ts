import type { Kysely } from 'kysely';
import type { Subject } from '../auth/access.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import type { Prng } from './prng.js';

/** What every demo storyline works with: the services' deps, the staff who act, the generator. */
export interface DemoContext {
  deps: { db: Kysely<Database>; keyring: Keyring; clock: () => Date };
  prng: Prng;
  /** The last moment of the dataset: the run's "now". */
  end: Date;
  staff: { coordinator: Subject; caseworker: Subject; lawyer: Subject; intake: Subject };
  /** The demo's military unit (a `unit` term it adds). */
  unitCode: string;
}

export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
