import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';
import { addFollowUp, createIntakeRequest } from '../src/server/modules/intake/intake.service.js';
import { intakeFields } from '../src/server/modules/intake/intake.schema.js';
import type { FieldRef, Keyring } from '../src/server/crypto/keyring.js';
import type { as } from './accounts.js';

type Call = ReturnType<typeof as>;

/** A case with something sealed in every place a purge must reach, made through the API where there is one. */
export interface PurgeWorld {
  caseId: string;
  number: string;
  intakeId: string;
  personId: string;
  noteIds: string[];
  taskIds: string[];
}

function expectStatus(response: { statusCode: number; body: string }, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: ${String(response.statusCode)} ${response.body}`);
}

export async function seedPurgeWorld(
  deps: { db: Kysely<Database>; keyring: Keyring; clock: () => Date },
  coordinator: Call,
  marker: (place: string) => string,
  granteeId: string,
): Promise<PurgeWorld> {
  // The public form and the token API both end in createIntakeRequest; the follow-up is the receipt page's.
  const request = await createIntakeRequest(
    deps,
    intakeFields.parse({
      handle: marker('handle'),
      contact: marker('contact'),
      requesterRole: 'self',
      text: `Рапорт не принимают ${marker('intake-text')}`,
      consentDocumentation: true,
    }),
    { channel: 'web_form' },
  );
  await addFollowUp(deps, request.receiptCode, `Ещё ${marker('follow-up')}`);
  const opened = await coordinator({
    method: 'POST',
    url: '/api/cases',
    payload: {
      type: 'contract_termination',
      title: `Дело ${marker('title')}`,
      summary: `Сводка ${marker('summary')}`,
      intakeId: request.id,
    },
  });
  expectStatus(opened, 201, 'open case');
  const { id: caseId, number } = opened.json<{ id: string; number: string }>();
  const noteIds: string[] = [];
  for (const n of [1, 2]) {
    const note = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      payload: { body: `Заметка ${marker(`note-${String(n)}`)}` },
    });
    expectStatus(note, 201, 'note');
    noteIds.push(note.json<{ id: string }>().id);
  }
  const task = await coordinator({
    method: 'POST',
    url: `/api/cases/${caseId}/tasks`,
    payload: { title: `Задача ${marker('task')}`, dueDate: '2027-01-15' },
  });
  expectStatus(task, 201, 'task');
  const person = await coordinator({
    method: 'POST',
    url: `/api/cases/${caseId}/people`,
    payload: {
      role: 'serviceman',
      isSpokesperson: false,
      person: {
        nameCyrillic: { family: marker('person-family'), given: 'Пётр' },
        contacts: [{ kind: 'phone', value: marker('person-phone') }],
      },
    },
  });
  expectStatus(person, 201, 'person');
  expectStatus(await coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${granteeId}` }), 204, 'grant');
  return {
    caseId,
    number,
    intakeId: request.id,
    personId: person.json<{ personId: string }>().personId,
    noteIds,
    taskIds: [task.json<{ id: string }>().id],
  };
}

/** The sealed bytes and wrapped keys of a world, as stored: what must be gone from the disk after the purge. */
export interface StoredSecret {
  name: string;
  bytes: Buffer;
  /** Where a sealed field sits (absent for a wrapped key): what Keyring.open needs. */
  ref?: FieldRef;
}

export async function storedSecrets(db: Kysely<Database>, world: PurgeWorld): Promise<StoredSecret[]> {
  const out: StoredSecret[] = [];
  const add = (name: string, value: Buffer | Uint8Array | null | undefined, ref?: FieldRef) => {
    if (value === null || value === undefined) throw new Error(`${name} is not stored`);
    out.push({ name, bytes: Buffer.from(value), ...(ref === undefined ? {} : { ref }) });
  };
  const at = (table: string, rowId: string, field: string): FieldRef => ({ table, rowId, field });
  const keys = await db
    .selectFrom('data_keys')
    .select(['owner_type', 'wrapped'])
    .where('owner_id', 'in', [world.caseId, world.intakeId, world.personId])
    .execute();
  for (const key of keys) add(`wrapped ${key.owner_type} key`, key.wrapped);
  const kase = await db.selectFrom('cases').selectAll().where('id', '=', world.caseId).executeTakeFirstOrThrow();
  add('case title', kase.title_sealed, at('cases', kase.id, 'title'));
  add('case summary', kase.summary_sealed, at('cases', kase.id, 'summary'));
  for (const note of await db.selectFrom('case_events').selectAll().where('id', 'in', world.noteIds).execute()) {
    add(`note ${note.id}`, note.body_sealed, at('case_events', note.id, 'body'));
  }
  for (const task of await db.selectFrom('tasks').selectAll().where('id', 'in', world.taskIds).execute()) {
    add(`task ${task.id}`, task.title_sealed, at('tasks', task.id, 'title'));
  }
  const person = await db.selectFrom('people').selectAll().where('id', '=', world.personId).executeTakeFirstOrThrow();
  add('person name', person.name_cyrillic_sealed, at('people', person.id, 'name_cyrillic_sealed'));
  add('person contacts', person.contacts_sealed, at('people', person.id, 'contacts_sealed'));
  const intake = await db
    .selectFrom('intake_requests')
    .selectAll()
    .where('id', '=', world.intakeId)
    .executeTakeFirstOrThrow();
  add('intake handle', intake.handle_sealed, at('intake_requests', intake.id, 'handle'));
  add('intake contact', intake.contact_sealed, at('intake_requests', intake.id, 'contact'));
  add('intake text', intake.text_sealed, at('intake_requests', intake.id, 'text'));
  const message = await db
    .selectFrom('intake_messages')
    .selectAll()
    .where('intake_id', '=', world.intakeId)
    .executeTakeFirstOrThrow();
  add('intake follow-up', message.body_sealed, at('intake_messages', message.id, 'body'));
  if (keys.length !== 3) throw new Error(`expected 3 data keys, found ${String(keys.length)}`);
  return out;
}

/** How many rows of each table still belong to the world: all zero after its purge. */
export async function worldRows(db: Kysely<Database>, world: PurgeWorld): Promise<Record<string, number>> {
  const ids = [world.caseId, world.intakeId, world.personId, ...world.noteIds, ...world.taskIds];
  const count = async (query: { execute(): Promise<unknown[]> }) => (await query.execute()).length;
  return {
    cases: await count(db.selectFrom('cases').select('id').where('id', '=', world.caseId)),
    case_events: await count(db.selectFrom('case_events').select('id').where('case_id', '=', world.caseId)),
    tasks: await count(db.selectFrom('tasks').select('id').where('case_id', '=', world.caseId)),
    case_people: await count(db.selectFrom('case_people').select('case_id').where('case_id', '=', world.caseId)),
    people: await count(db.selectFrom('people').select('id').where('id', '=', world.personId)),
    case_grants: await count(db.selectFrom('case_grants').select('case_id').where('case_id', '=', world.caseId)),
    intake_requests: await count(db.selectFrom('intake_requests').select('id').where('id', '=', world.intakeId)),
    intake_messages: await count(db.selectFrom('intake_messages').select('id').where('intake_id', '=', world.intakeId)),
    data_keys: await count(db.selectFrom('data_keys').select('id').where('owner_id', 'in', ids)),
    search_records: await count(db.selectFrom('search_records').select('serial').where('record_id', 'in', ids)),
  };
}

/** Tokens whose count differs from their postings: none, in a consistent index. */
export async function tokenCountDrift(db: Kysely<Database>): Promise<number> {
  const rows = await sql<{ n: number | string }>`
    select count(*) as n from (
      select coalesce(c.token, p.token) as token from search_token_counts c
      full outer join (select token, count(*) as records from search_postings group by token) p on p.token = c.token
      where coalesce(c.records, 0) <> coalesce(p.records, 0)
    ) drift`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}
