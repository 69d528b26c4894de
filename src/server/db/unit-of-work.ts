import type { Kysely } from 'kysely';
import { isRetryableAbort } from './dialect.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** A module's query functions: each takes the database (or a transaction) first. */
export type Queries = Record<string, (db: Db, ...args: never[]) => unknown>;

/** The same functions with the unit of work's transaction already given. */
export type BoundQueries<Q extends Queries> = {
  [K in keyof Q]: Q[K] extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function bindQueries<Q extends Queries>(trx: Db, queries: Q): BoundQueries<Q> {
  const bound = Object.entries(queries).map(([name, query]) => [name, (...args: never[]) => query(trx, ...args)]);
  return Object.fromEntries(bound) as BoundQueries<Q>;
}

/** What the work on one record is handed: the transaction, the record as locked, and the module's queries. */
export interface UnitOfWork<Row, Q extends Queries> {
  trx: Db;
  row: Row;
  q: BoundQueries<Q>;
}

export interface UnitOfWorkSpec<Row, Q extends Queries> {
  /**
   * Reads the record, locking it until the transaction ends when the work
   * writes (`forUpdate` from dialect.ts); undefined when there is none.
   */
  load(trx: Db): Promise<Row | undefined>;
  /** The error for a record that does not exist. */
  missing(): Error;
  queries: Q;
}

/**
 * One transaction around the work on one record: the record
 * is read (and locked) first, so whatever the work decides from it still
 * holds when it writes; two units of work on one record run one after the
 * other. The data keys the work opens are read once (the keyring caches them
 * per transaction). A thrown error rolls everything back. A transaction the
 * database aborted to break a deadlock runs again from the start, so `work`
 * must do nothing outside the database.
 */
export async function unitOfWork<Row, Q extends Queries, T>(
  db: Db,
  spec: UnitOfWorkSpec<Row, Q>,
  work: (unit: UnitOfWork<Row, Q>) => Promise<T>,
): Promise<T> {
  return retryingAborts(() =>
    db.transaction().execute(async (trx) => {
      const row = await spec.load(trx);
      if (row === undefined) throw spec.missing();
      return work({ trx, row, q: bindQueries(trx, spec.queries) });
    }),
  );
}

/**
 * Runs `transaction` again from the start when the database aborted it to
 * break a deadlock or a serialization failure (40P01, 40001 on PostgreSQL),
 * at most ATTEMPTS times; any other error goes to the caller at once. The
 * transaction must do nothing outside the database that a rerun would repeat.
 */
export async function retryingAborts<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableAbort(error)) throw error;
    }
  }
}

/** Runs of one unit of work at most, when the database keeps aborting it. */
const ATTEMPTS = 3;
