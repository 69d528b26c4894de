import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import type { SourcesTable } from '../../db/schema-incidents.js';

/** A source's sealed fields, by the column each lives in; sealed under the source's own data key. */
const SEALED = {
  outlet: 'outlet_sealed',
  url: 'url_sealed',
  title: 'title_sealed',
  description: 'description_sealed',
} as const;
export type SourceText = { -readonly [K in keyof typeof SEALED]: string | null };

const ref = (sourceId: string, field: keyof typeof SEALED) => ({
  table: 'sources',
  rowId: sourceId,
  field: SEALED[field],
});

/** The sealed columns for a source's text (null where there is none). */
export async function sealSourceText(
  db: Kysely<Database>,
  keyring: Keyring,
  sourceId: string,
  text: SourceText,
): Promise<Updateable<SourcesTable>> {
  const row: Updateable<SourcesTable> = {};
  for (const field of Object.keys(SEALED) as (keyof typeof SEALED)[]) {
    const value = text[field];
    row[SEALED[field]] =
      value === null ? null : await keyring.seal(db, { type: 'source', id: sourceId }, ref(sourceId, field), value);
  }
  return row;
}

/** Opens a source's text; only the fields named in `fields` (the rest are null). */
export async function openSourceText(
  db: Kysely<Database>,
  keyring: Keyring,
  row: Selectable<SourcesTable>,
  fields: readonly (keyof typeof SEALED)[] = ['outlet', 'url', 'title', 'description'],
): Promise<SourceText> {
  const text: SourceText = { outlet: null, url: null, title: null, description: null };
  for (const field of fields) {
    const sealed = row[SEALED[field]];
    if (sealed !== null) text[field] = await keyring.openText(db, ref(row.id, field), Buffer.from(sealed));
  }
  return text;
}
