import type { AnyKysely } from '../dialect.js';

/**
 * `incident_victims.position` (within its act) and
 * `incident_perpetrators.position` (within the incident): the order the form
 * gave, kept across edits. Rows written before are 0 and keep the order they
 * were read in (by id).
 */
export async function up(db: AnyKysely): Promise<void> {
  for (const table of ['incident_victims', 'incident_perpetrators']) {
    await db.schema
      .alterTable(table)
      .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of ['incident_victims', 'incident_perpetrators']) {
    await db.schema.alterTable(table).dropColumn('position').execute();
  }
}
