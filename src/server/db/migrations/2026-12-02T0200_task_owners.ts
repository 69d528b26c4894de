import { PROPOSED_TASKS } from '../../modules/vocabularies/seed/casework.js';
import type { AnyKysely } from '../dialect.js';

/**
 * Tasks reach their owner: a task done records who marked it (`done_by`, a
 * user id, beside `done_at`), and a task nobody was given belongs to the one
 * who created it, as new tasks do. Stages and outcomes of an installation
 * made before this gain the example deadlines a new one is seeded with
 * (`proposedTasks` in their attributes), where a coordinator has set none.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('done_by', 'varchar(36)').execute();
  await db
    .updateTable('tasks')
    .set((eb) => ({ assignee_id: eb.ref('created_by') }))
    .where('assignee_id', 'is', null)
    .execute();
  await eachProposingTerm(db, (attributes, proposedTasks) =>
    attributes.proposedTasks === undefined ? { ...attributes, proposedTasks } : undefined,
  );
}

export async function down(db: AnyKysely): Promise<void> {
  await eachProposingTerm(db, ({ proposedTasks: _dropped, ...rest }) => rest);
  await db.schema.alterTable('tasks').dropColumn('done_by').execute();
}

type Attributes = Record<string, unknown>;

/** Rewrites the attributes of each term PROPOSED_TASKS names, where `change` returns new ones. */
async function eachProposingTerm(
  db: AnyKysely,
  change: (attributes: Attributes, proposedTasks: unknown) => Attributes | undefined,
): Promise<void> {
  for (const [vocabulary, byCode] of Object.entries(PROPOSED_TASKS)) {
    for (const [code, proposedTasks] of Object.entries(byCode)) {
      const row: { id: string; attributes: string } | undefined = await db
        .selectFrom('vocabulary_terms')
        .select(['id', 'attributes'])
        .where('vocabulary', '=', vocabulary)
        .where('code', '=', code)
        .executeTakeFirst();
      if (row === undefined) continue;
      const next = change(JSON.parse(row.attributes) as Attributes, proposedTasks);
      if (next === undefined) continue;
      await db
        .updateTable('vocabulary_terms')
        .set({ attributes: JSON.stringify(next) })
        .where('id', '=', row.id)
        .execute();
    }
  }
}
