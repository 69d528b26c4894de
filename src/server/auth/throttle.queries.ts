import { sql, type RawBuilder } from 'kysely';
import type { ThrottlesTable } from '../db/schema.js';
import type { Db } from './auth.queries.js';

/**
 * What one counted try writes, decided in JavaScript for every count the try
 * could turn out to have, so that the database picks among them in the same
 * statement that counts: there is no read-then-write to race.
 */
export type TryPlan = {
  keyHash: string;
  now: string;
} & (
  | {
      /** Rate limit: `limit` tries per fixed window, then locked until the window ends. */
      kind: 'fixed';
      limit: number;
      /** The end of the window `now` is in. */
      windowEndsAt: string;
    }
  | {
      /**
       * Guessing: tries below `lockFrom` are free; the try that reaches it and
       * each later one set `locks[n - lockFrom]` (the last entry repeats).
       * Every try moves the window end, so tries are forgotten only after a
       * quiet window.
       */
      kind: 'escalating';
      lockFrom: number;
      windowEndsAt: string;
      locks: readonly { lockedUntil: string; windowEndsAt: string }[];
    }
);

const text = (value: string) => sql<string>`cast(${value} as varchar(32))`;

/**
 * Counts one try, unless the key is locked. Answers the new count, or
 * undefined when the key was locked and nothing was counted. One statement:
 * on PostgreSQL the upsert holds the row's lock and re-reads it, so parallel
 * tries are counted one after the other and none is lost.
 */
export async function countTry(db: Db, plan: TryPlan): Promise<number | undefined> {
  const old = (column: keyof ThrottlesTable) => sql.ref(`throttles.${column}`);
  const stale = sql<boolean>`${old('window_ends_at')} <= ${plan.now}`;
  const tries = sql<number>`(case when ${stale} then 1 else ${old('tries')} + 1 end)`;
  let windowEnd: RawBuilder<string>;
  let lockedUntil: RawBuilder<string | null>;
  let first: { window_ends_at: string; locked_until: string | null };
  if (plan.kind === 'fixed') {
    windowEnd = sql<string>`(case when ${stale} then ${text(plan.windowEndsAt)} else ${old('window_ends_at')} end)`;
    lockedUntil = sql<string | null>`(case when ${tries} >= ${plan.limit} then ${windowEnd} else null end)`;
    first = { window_ends_at: plan.windowEndsAt, locked_until: plan.limit <= 1 ? plan.windowEndsAt : null };
  } else {
    const choose = <T extends string | null>(field: 'lockedUntil' | 'windowEndsAt', below: RawBuilder<T>) => {
      const branches = plan.locks
        .slice(0, -1)
        .map((lock, i) => sql`when ${tries} = ${plan.lockFrom + i} then ${text(lock[field])}`);
      const last = plan.locks.at(-1);
      if (last === undefined) return below;
      return sql<T>`(case when ${tries} < ${plan.lockFrom} then ${below} ${sql.join(branches, sql` `)} else ${text(last[field])} end)`;
    };
    windowEnd = choose('windowEndsAt', text(plan.windowEndsAt));
    lockedUntil = choose<string | null>('lockedUntil', sql<null>`null`);
    const lock = plan.lockFrom <= 1 ? plan.locks[0] : undefined;
    first = { window_ends_at: lock?.windowEndsAt ?? plan.windowEndsAt, locked_until: lock?.lockedUntil ?? null };
  }
  const row = await db
    .insertInto('throttles')
    .values({ key_hash: plan.keyHash, tries: 1, ...first })
    .onConflict((oc) =>
      oc
        .column('key_hash')
        .doUpdateSet({ tries, window_ends_at: windowEnd, locked_until: lockedUntil })
        .where((eb) => eb.or([eb('throttles.locked_until', 'is', null), eb('throttles.locked_until', '<=', plan.now)])),
    )
    .returning('tries')
    .executeTakeFirst();
  return row?.tries;
}

/** When the key's lock ends, if it is locked at `now`. */
export async function lockedUntil(db: Db, keyHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('throttles')
    .select('locked_until')
    .where('key_hash', '=', keyHash)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.locked_until ?? undefined;
}

/** Forgets a key's tries (a success that proves the key's owner). */
export async function clearTries(db: Db, keyHash: string): Promise<void> {
  await db.deleteFrom('throttles').where('key_hash', '=', keyHash).execute();
}

/** Takes back one counted try (a success), and the lock it set if it was the one that reached `lockFrom`. */
export async function uncountTry(db: Db, keyHash: string, lockFrom: number): Promise<void> {
  await db
    .updateTable('throttles')
    .set((eb) => ({
      tries: eb('tries', '-', 1),
      locked_until: sql<
        string | null
      >`case when ${sql.ref('tries')} - 1 < ${lockFrom} then null else ${sql.ref('locked_until')} end`,
    }))
    .where('key_hash', '=', keyHash)
    .where('tries', '>', 0)
    .execute();
}

/** Deletes every row whose window and lock have passed; answers how many. */
export async function deleteExpiredThrottles(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('throttles')
    .where('window_ends_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
