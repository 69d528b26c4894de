import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { forUpdate } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { retryingAborts } from '../db/unit-of-work.js';
import { indexCase } from '../modules/cases/cases.service.js';
import { openCaseField, openCaseFieldOrNull } from '../modules/cases/sealing.js';
import { indexTask } from '../modules/cases/tasks.service.js';
import { openIntakeText } from '../modules/intake/intake.service.js';
import { indexIncidentTitle, openIncidentField } from '../modules/incidents/incidents.seal.js';
import { indexPersonNames, openPerson } from '../modules/people/people.seal.js';
import { indexRecord } from './indexing.js';
import { loadSearchKey } from './search-key.js';

/**
 * The version of what the tokenizer writes. Raise it whenever tokenize.ts or
 * transliterate.ts changes the tokens of a text: an installation whose index
 * was written by an older version is re-indexed at the next start (and by
 * `homeward search reindex`), so that old records are found as new ones are.
 * 1: stems, name keys, name prefixes. 2: word prefixes of free text, Latin j
 * read as ж and й, -er names (issue 9). 3: prefixes of free text bounded at 8
 * letters (from 12). 4: incident titles (indexed from then on; older ones by the re-index).
 */
export const SEARCH_INDEX_VERSION = 4;
const SETTING = 'search.index_version';
/** Records re-indexed in one transaction: short enough not to hold the writer lock for long. */
const BATCH = 100;

type Db = Kysely<Database>;

export interface ReindexCounts {
  case: number;
  note: number;
  task: number;
  intake: number;
  person: number;
  incident: number;
}

/** The version the index was written with; an installation older than the setting is version 1. */
export async function indexVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  return row === undefined ? 1 : Number(row.value);
}

/** Records that the index is written by this version (after a re-index, or a fill of an empty store). */
export async function recordVersion(db: Db, now: Date): Promise<void> {
  const value = String(SEARCH_INDEX_VERSION);
  await db
    .insertInto('settings')
    .values({ key: SETTING, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
    .execute();
}

/**
 * Runs `work` on the ids of a table in batches, each batch in its own
 * transaction that reruns when PostgreSQL aborts it to break a deadlock;
 * answers how many. The work reads its rows locked (`forUpdate`), as an edit
 * locks its record before indexing it: an edit committed meanwhile is read as
 * it stands, and one that comes after waits, then indexes its own text, so a
 * batch never writes a record's old postings over an edit's.
 */
async function inBatches(
  db: Db,
  ids: readonly string[],
  work: (trx: Db, batch: readonly string[]) => Promise<void>,
): Promise<number> {
  for (let at = 0; at < ids.length; at += BATCH) {
    await retryingAborts(() => db.transaction().execute((trx) => work(trx, ids.slice(at, at + BATCH))));
  }
  return ids.length;
}

/**
 * Writes every record's index entry again from its sealed fields: cases,
 * notes, tasks, intake requests, people (not those merged away, which
 * left the index) and incident titles. Each record is replaced as its own service would index
 * it; a record changed meanwhile is indexed again by that change.
 */
export async function reindexAll(
  db: Db,
  keyring: Keyring,
  clock: () => Date = () => new Date(),
): Promise<ReindexCounts> {
  const deps = { db, keyring, clock };
  const idsOf = async (query: Promise<{ id: string }[]>): Promise<string[]> => (await query).map((row) => row.id);

  const cases = await idsOf(db.selectFrom('cases').select('id').orderBy('id').execute());
  const caseCount = await inBatches(db, cases, async (trx, batch) => {
    for (const row of await forUpdate(
      trx,
      trx.selectFrom('cases').selectAll().where('id', 'in', batch).orderBy('id'),
    ).execute()) {
      const ref = { table: 'cases', rowId: row.id } as const;
      const title = await openCaseField(trx, keyring, { ...ref, field: 'title' }, row.title_sealed);
      const summary = await openCaseFieldOrNull(trx, keyring, { ...ref, field: 'summary' }, row.summary_sealed);
      await indexCase(trx, deps, row, title, summary);
    }
  });

  const notes = await idsOf(
    db.selectFrom('case_events').select('id').where('kind', '=', 'note').orderBy('id').execute(),
  );
  const noteCount = await inBatches(db, notes, async (trx, batch) => {
    const searchKey = await loadSearchKey(trx, keyring);
    for (const row of await forUpdate(
      trx,
      trx.selectFrom('case_events').selectAll().where('id', 'in', batch).orderBy('id'),
    ).execute()) {
      if (row.body_sealed === null) continue;
      const body = await openCaseField(
        trx,
        keyring,
        { table: 'case_events', rowId: row.id, field: 'body' },
        row.body_sealed,
      );
      await indexRecord(trx, searchKey, {
        recordType: 'note',
        recordId: row.id,
        date: row.at,
        fields: [{ name: 'body', text: body, kind: 'text' }],
      });
    }
  });

  const tasks = await idsOf(db.selectFrom('tasks').select('id').orderBy('id').execute());
  const taskCount = await inBatches(db, tasks, async (trx, batch) => {
    for (const row of await forUpdate(
      trx,
      trx.selectFrom('tasks').selectAll().where('id', 'in', batch).orderBy('id'),
    ).execute()) {
      const title = await openCaseField(
        trx,
        keyring,
        { table: 'tasks', rowId: row.id, field: 'title' },
        row.title_sealed,
      );
      await indexTask(trx, deps, row, title);
    }
  });

  const requests = await idsOf(db.selectFrom('intake_requests').select('id').orderBy('id').execute());
  const intakeCount = await inBatches(db, requests, async (trx, batch) => {
    const searchKey = await loadSearchKey(trx, keyring);
    const locked = trx.selectFrom('intake_requests').select('id').where('id', 'in', batch).orderBy('id');
    await forUpdate(trx, locked).execute();
    for (const id of batch) {
      const opened = await openIntakeText({ db: trx, keyring }, id);
      const messages = opened.messages.map((message) => message.body).join('\n');
      await indexRecord(trx, searchKey, {
        recordType: 'intake',
        recordId: id,
        date: opened.row.created_at,
        fields: [
          { name: 'text', text: opened.text, kind: 'text' },
          ...(messages === '' ? [] : [{ name: 'message', text: messages, kind: 'text' as const }]),
          ...(opened.handle === null ? [] : [{ name: 'name', text: opened.handle, kind: 'name' as const }]),
        ],
      });
    }
  });

  const people = await idsOf(
    db.selectFrom('people').select('id').where('merged_into', 'is', null).orderBy('id').execute(),
  );
  const personCount = await inBatches(db, people, async (trx, batch) => {
    for (const row of await forUpdate(
      trx,
      trx.selectFrom('people').selectAll().where('id', 'in', batch).orderBy('id'),
    ).execute()) {
      await indexPersonNames(trx, keyring, row.id, row.created_at, await openPerson(trx, keyring, row, true));
    }
  });

  const incidents = await idsOf(db.selectFrom('incidents').select('id').orderBy('id').execute());
  const incidentCount = await inBatches(db, incidents, async (trx, batch) => {
    for (const row of await forUpdate(
      trx,
      trx.selectFrom('incidents').selectAll().where('id', 'in', batch).orderBy('id'),
    ).execute()) {
      const title = await openIncidentField(trx, keyring, row.id, 'title', row.title_sealed);
      await indexIncidentTitle(trx, keyring, row, title ?? '');
    }
  });

  await recordVersion(db, clock());
  return {
    case: caseCount,
    note: noteCount,
    task: taskCount,
    intake: intakeCount,
    person: personCount,
    incident: incidentCount,
  };
}

/** Re-indexes everything when the index was written by an older tokenizer; answers the counts, or undefined. */
export async function reindexIfStale(db: Db, keyring: Keyring, clock?: () => Date): Promise<ReindexCounts | undefined> {
  if ((await indexVersion(db)) >= SEARCH_INDEX_VERSION) return undefined;
  return reindexAll(db, keyring, clock);
}
