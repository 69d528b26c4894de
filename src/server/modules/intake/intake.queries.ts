import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, IntakeRequestsTable, IntakeStatus, Urgency } from '../../db/schema.js';

type Db = Kysely<Database>;
export type IntakeRow = Selectable<IntakeRequestsTable>;

export async function insertIntake(db: Db, row: Insertable<IntakeRequestsTable>): Promise<void> {
  await db.insertInto('intake_requests').values(row).execute();
}

export function findIntake(db: Db, id: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('intake_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By receipt hash: a unique-index lookup on the hash, never on the code. */
export function findIntakeIdByReceipt(db: Db, hash: string): Promise<{ id: string; created_at: string } | undefined> {
  return db
    .selectFrom('intake_requests')
    .select(['id', 'created_at'])
    .where('receipt_hash', '=', hash)
    .executeTakeFirst();
}

/** The request a public-form submission key made, if any (unique index on the HMAC). */
export function findIntakeIdBySubmission(db: Db, hash: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('intake_requests').select('id').where('submission_hash', '=', hash).executeTakeFirst();
}

/** The request the same visitor made with the same content through the public form, if any (unique index on the HMAC). */
export function findIntakeIdByContent(db: Db, hash: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('intake_requests').select('id').where('content_hash', '=', hash).executeTakeFirst();
}

export async function insertMessage(
  db: Db,
  row: { id: string; intake_id: string; body_sealed: Buffer; created_at: string },
): Promise<void> {
  await db.insertInto('intake_messages').values(row).execute();
}

export function listMessages(db: Db, intakeId: string) {
  return db
    .selectFrom('intake_messages')
    .select(['id', 'body_sealed', 'created_at'])
    .where('intake_id', '=', intakeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Orders requests most urgent first. */
export const URGENCY_RANK = sql<number>`case urgency when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** The open queue (new and in triage) unless a status is given; most urgent first, oldest first within. */
export function listIntake(
  db: Db,
  filter: { status?: IntakeStatus | undefined; urgency?: Urgency | undefined },
  offset: number,
  limit: number,
): Promise<IntakeRow[]> {
  return db
    .selectFrom('intake_requests')
    .selectAll()
    .$if(filter.status === undefined, (q) => q.where('status', 'in', ['new', 'in_triage']))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? 'new'))
    .$if(filter.urgency !== undefined, (q) => q.where('urgency', '=', filter.urgency ?? 'normal'))
    .orderBy(URGENCY_RANK)
    .orderBy('created_at')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Moves a request on, only from an open status; the number of rows changed (0 or 1). */
export async function updateOpenIntake(
  db: Db,
  id: string,
  change: Partial<
    Pick<IntakeRow, 'status' | 'urgency' | 'decline_reason' | 'case_id' | 'triaged_by' | 'triaged_at'>
  > & {
    updated_at: string;
  },
): Promise<number> {
  const result = await db
    .updateTable('intake_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', 'in', ['new', 'in_triage'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function caseNumbers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').select(['id', 'number']).where('id', 'in', ids).execute();
}

/** Ids of the open queue (new and in triage) but one, newest first: what an intake volunteer may match against. */
export async function pendingIntakeIds(db: Db, exceptId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('intake_requests')
    .select('id')
    .where('status', 'in', ['new', 'in_triage'])
    .where('case_id', 'is', null)
    .where('id', '!=', exceptId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Every request not (yet) opened as a case or attached to one: what an intake
 * volunteer may search among (see `intakeObject` in triage.service.ts).
 */
export async function untriagedIntakeIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('intake_requests')
    .select('id')
    .where('case_id', 'is', null)
    .where('status', 'not in', ['opened', 'attached'])
    .execute();
  return rows.map((row) => row.id);
}

/** The access facts (status, case) of the requests among `ids`, in chunks below the drivers' parameter limits. */
export async function intakeAccessRows(db: Db, ids: readonly string[]) {
  const rows: Pick<IntakeRow, 'id' | 'status' | 'case_id'>[] = [];
  for (let at = 0; at < ids.length; at += 500) {
    const chunk = ids.slice(at, at + 500);
    rows.push(
      ...(await db
        .selectFrom('intake_requests')
        .select(['id', 'status', 'case_id'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return rows;
}
