import type { Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';

/**
 * Checks the blind index's own bookkeeping: every token's count equals the
 * number of records holding it (its postings), and every record's token list
 * has exactly its postings. Answers the tokens (hex) whose count is off, and
 * how many postings there are.
 */
export async function indexConsistency(db: Kysely<Database>): Promise<{ mismatched: string[]; postings: number }> {
  const counts = new Map<string, number>();
  for (const row of await db.selectFrom('search_token_counts').select(['token', 'records']).execute()) {
    counts.set(Buffer.from(row.token).toString('hex'), row.records);
  }
  const held = new Map<string, number>();
  const postings = await db.selectFrom('search_postings').select(['token', 'sort_key']).execute();
  for (const row of postings) {
    const hex = Buffer.from(row.token).toString('hex');
    held.set(hex, (held.get(hex) ?? 0) + 1);
  }
  const mismatched = [...new Set([...counts.keys(), ...held.keys()])].filter(
    (hex) => counts.get(hex) !== held.get(hex),
  );
  const listed = (await db.selectFrom('search_records').select('tokens').execute()).reduce(
    (sum, row) => sum + Buffer.from(row.tokens).length / 8,
    0,
  );
  if (listed !== postings.length)
    mismatched.push(`records list ${String(listed)} tokens, ${String(postings.length)} postings`);
  return { mismatched, postings: postings.length };
}
