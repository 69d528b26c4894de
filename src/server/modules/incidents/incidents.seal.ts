import type { Kysely } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';

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

/**
 * Indexes an incident's title for the global search (keyed tokens only, under
 * the search key), dated by when it was recorded; call it in the transaction
 * that writes the title. Who finds it is decided at search time, by the cases
 * it is linked to, so a link or unlink or a case purge needs no re-index.
 */
export async function indexIncidentTitle(
  db: Kysely<Database>,
  keyring: Keyring,
  row: { id: string; created_at: string },
  title: string,
): Promise<void> {
  await indexRecord(db, await loadSearchKey(db, keyring), {
    recordType: 'incident',
    recordId: row.id,
    date: row.created_at,
    fields: [{ name: 'title', text: title, kind: 'text' }],
  });
}
