import { bigintType, binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

export async function up(db: AnyKysely): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('files')
    // Ids only: a file's name is personal data and is stored sealed by whoever owns the file.
    .addColumn('id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('owner_type', 'varchar(16)', (col) => col.notNull())
    .addColumn('owner_id', 'varchar(64)', (col) => col.notNull())
    // Bytes of plaintext; the stored blob is a little larger.
    .addColumn('size', bigintType(dialect), (col) => col.notNull())
    // The plaintext's SHA-256, sealed under the owner's data key: in the clear it
    // would let whoever holds the database confirm that a known document is here.
    .addColumn('sha256_sealed', binaryType(dialect), (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('files_owner_idx').on('files').columns(['owner_type', 'owner_id']).execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('files').execute();
}
