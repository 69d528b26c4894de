import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';

/**
 * An incident's free text (title, description) is sealed under the incident's
 * own data key, bound to its row and field: it outlives any case it is linked
 * to, and opens nowhere else.
 */
export type IncidentField = 'title' | 'description';

const ref = (incidentId: string, field: IncidentField) => ({
  table: 'incidents',
  rowId: incidentId,
  field: `${field}_sealed`,
});

export function sealIncidentField(
  db: Kysely<Database>,
  keyring: Keyring,
  incidentId: string,
  field: IncidentField,
  text: string,
): Promise<Buffer> {
  return keyring.seal(db, { type: 'incident', id: incidentId }, ref(incidentId, field), text);
}

export async function openIncidentField(
  db: Kysely<Database>,
  keyring: Keyring,
  incidentId: string,
  field: IncidentField,
  sealed: Buffer | null,
): Promise<string | null> {
  return sealed === null ? null : keyring.openText(db, ref(incidentId, field), Buffer.from(sealed));
}
