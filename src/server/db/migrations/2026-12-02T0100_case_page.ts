import { sql } from 'kysely';
import type { AnyKysely } from '../dialect.js';

/** The stages at whose end a case's outcome is known: they allow recording it (`allowsOutcome`). */
interface TermRow {
  id: string;
  attributes: string;
}

export const OUTCOME_STAGES = ['resolved', 'follow_up', 'closed'] as const;

/**
 * The case page holds the case:
 * - `cases.urgency` (low, normal, high, critical), carried from the request a
 *   case was opened from: existing cases take the most urgent of their
 *   requests, or `normal`;
 * - `case_events.target_user_id` and `detail`: whom a grant event gave or
 *   took the case (`detail` is `added` or `removed`), so the timeline can say
 *   who assigned whom; older grant events have neither;
 * - the stage terms that end a case (resolved, follow-up, closed) say that an
 *   outcome may be recorded at them (`allowsOutcome: true`), unless an
 *   organization already set the attribute itself.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('urgency', 'varchar(16)', (col) => col.notNull().defaultTo('normal'))
    .execute();
  // Ascending, so the most urgent of a case's requests is the one written last.
  for (const urgency of ['low', 'normal', 'high', 'critical'] as const) {
    await db
      .updateTable('cases')
      .set({ urgency })
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('intake_requests')
            .select('intake_requests.id')
            .whereRef('intake_requests.case_id', '=', 'cases.id')
            .where('intake_requests.urgency', '=', urgency),
        ),
      )
      .execute();
  }
  await db.schema.alterTable('case_events').addColumn('target_user_id', 'varchar(36)').execute();
  await db.schema.alterTable('case_events').addColumn('detail', 'varchar(32)').execute();

  const stages: TermRow[] = await db
    .selectFrom('vocabulary_terms')
    .select(['id', 'attributes'])
    .where('vocabulary', '=', 'stage')
    .where('code', 'in', [...OUTCOME_STAGES])
    .execute();
  for (const stage of stages) {
    const attributes = JSON.parse(stage.attributes) as Record<string, unknown>;
    if ('allowsOutcome' in attributes) continue;
    await db
      .updateTable('vocabulary_terms')
      .set({ attributes: JSON.stringify({ ...attributes, allowsOutcome: true }) })
      .where('id', '=', stage.id)
      .execute();
  }
}

export async function down(db: AnyKysely): Promise<void> {
  const stages: TermRow[] = await db
    .selectFrom('vocabulary_terms')
    .select(['id', 'attributes'])
    .where('vocabulary', '=', 'stage')
    .where(sql<boolean>`attributes like '%allowsOutcome%'`)
    .execute();
  for (const stage of stages) {
    const { allowsOutcome: _dropped, ...rest } = JSON.parse(stage.attributes) as Record<string, unknown>;
    await db
      .updateTable('vocabulary_terms')
      .set({ attributes: JSON.stringify(rest) })
      .where('id', '=', stage.id)
      .execute();
  }
  await db.schema.alterTable('case_events').dropColumn('detail').execute();
  await db.schema.alterTable('case_events').dropColumn('target_user_id').execute();
  await db.schema.alterTable('cases').dropColumn('urgency').execute();
}
