import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

/**
 * Evidence files of a case. The bytes are `files` rows (sealed under the
 * case's data key, SHA-256 sealed with them); this row says what the file is.
 * Plain columns hold only what statistics and the chain of custody need: the
 * kind, the type decided from the content, who uploaded it and when. The
 * file's name and description are sealed. The original is never replaced:
 * no statement updates `original_file_id`.
 */
export async function up(db: AnyKysely): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull().references('cases.id'))
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('media_type', 'varchar(128)', (col) => col.notNull())
    .addColumn('original_file_id', 'varchar(64)', (col) => col.notNull().unique().references('files.id'))
    // Images only: the copy with EXIF, GPS, XMP and comments removed, which staff view.
    .addColumn('working_file_id', 'varchar(64)', (col) => col.unique().references('files.id'))
    .addColumn('name_sealed', binaryType(dialect), (col) => col.notNull())
    .addColumn('description_sealed', binaryType(dialect))
    .addColumn('uploaded_by', 'varchar(36)', (col) => col.notNull().references('users.id'))
    .addColumn('uploaded_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('evidence_case_idx').on('evidence').columns(['case_id', 'uploaded_at']).execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('evidence').execute();
}
