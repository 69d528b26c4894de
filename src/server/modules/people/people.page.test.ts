import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';
import type { PersonOut } from './people.schema.js';

describe.each(TEST_DIALECTS)('the person page on %s', (dialect) => {
  let world: PeopleWorld;
  let granted: string;
  let hidden: string;
  let personId: string;

  const user = (name: string) => {
    const found = world.users[name];
    if (found === undefined) throw new Error(name);
    return found.call;
  };
  const read = async (name: string, query = '') => {
    const response = await user(name)({ method: 'GET', url: `/api/people/${personId}${query}` });
    expect(response.statusCode).toBe(200);
    return { body: response.body, person: response.json<PersonOut>() };
  };
  const numberOf = async (caseId: string) =>
    (
      await world.database.handle.db
        .selectFrom('cases')
        .select('number')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).number;
  const requestOn = async (caseId: string) => {
    const id = crypto.randomUUID();
    const now = world.clock().toISOString();
    await world.database.handle.db
      .insertInto('intake_requests')
      .values({
        id,
        receipt_hash: crypto.randomBytes(16).toString('hex'),
        channel: 'web_form',
        requester_role: 'spouse',
        group_size: 1,
        urgency: 'high',
        consent_documentation: 1,
        consent_statistics: 0,
        status: 'opened',
        case_id: caseId,
        text_sealed: crypto.randomBytes(32),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, { coordinator: 'coordinator', caseworker: 'caseworker' });
    granted = await world.makeCase(['caseworker']);
    hidden = await world.makeCase([]);
    const added = await user('coordinator')({
      method: 'POST',
      url: `/api/cases/${granted}/people`,
      payload: { role: 'serviceman', isSpokesperson: false, person: { nameCyrillic: { family: 'Доржиев' } } },
    });
    personId = added.json<{ personId: string }>().personId;
    const linked = await user('coordinator')({
      method: 'POST',
      url: `/api/cases/${hidden}/people`,
      payload: { role: 'witness', isSpokesperson: false, personId },
    });
    expect(linked.statusCode).toBe(201);
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('edits every field a person holds, and shows them back', async () => {
    const patch = {
      personRole: 'serviceman',
      nameCyrillic: { family: 'Доржиев', given: 'Баир', patronymic: 'Цыренович' },
      nameLatin: { family: 'Dorzhiev', given: 'Bair' },
      birth: { date: '1994-03', precision: 'month' },
      region: 'RU-BU',
      serviceCategory: 'mobilized',
      force: 'defence_ministry',
      unit: null,
      contacts: [
        { kind: 'phone', value: '+7 900 000-0001', note: 'wife answers' },
        { kind: 'telegram', value: '@bair' },
      ],
    };
    const response = await user('caseworker')({ method: 'PATCH', url: `/api/people/${personId}`, payload: patch });
    expect(response.statusCode).toBe(200);
    expect((await read('caseworker')).person).toMatchObject(patch);
  });

  it('refuses a birth date not written as its precision says, naming birth.date', async () => {
    const response = await user('caseworker')({
      method: 'PATCH',
      url: `/api/people/${personId}`,
      payload: { birth: { date: '1994-03-12', precision: 'year' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('birth.date');
  });

  it('lands two edits of different fields made at once, both of them', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        user('caseworker')({
          method: 'PATCH',
          url: `/api/people/${personId}`,
          payload: { contacts: [{ kind: 'signal', value: `+7 900 222-000${round}` }] },
        }),
        user('coordinator')({
          method: 'PATCH',
          url: `/api/people/${personId}`,
          payload: { nameLatin: { family: `Dorzhiev${round}` }, region: round % 2 ? 'RU-ZAB' : 'RU-BU' },
        }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const { person } = await read('coordinator');
      expect(person.contacts).toEqual([{ kind: 'signal', value: `+7 900 222-000${round}` }]);
      expect(person.nameLatin).toEqual({ family: `Dorzhiev${round}` });
      expect(person.region).toBe(round % 2 ? 'RU-ZAB' : 'RU-BU');
    }
  });

  it('shows a caseworker only the cases and requests they may see, never the number of another', async () => {
    const shown = await requestOn(granted);
    const other = await requestOn(hidden);
    const { body, person } = await read('caseworker');
    expect(person.cases.map((c) => c.caseId)).toEqual([granted]);
    expect(person.cases[0]).toMatchObject({ number: await numberOf(granted), role: 'serviceman', stage: 'intake' });
    expect(person.cases[0]?.title).toMatch(/^Case \d+$/);
    expect(person.requests.map((r) => r.intakeId)).toEqual([shown]);
    expect(person.casesMore).toBe(false);
    for (const secret of [hidden, other, await numberOf(hidden)]) expect(body).not.toContain(secret);

    const all = (await read('coordinator')).person;
    expect(new Set(all.cases.map((c) => c.caseId))).toEqual(new Set([granted, hidden]));
    expect(new Set(all.requests.map((r) => r.intakeId))).toEqual(new Set([shown, other]));
  });

  it('bounds the lists, saying when there are more', async () => {
    const { person } = await read('coordinator', '?limit=1');
    expect(person.cases).toHaveLength(1);
    expect(person.casesMore).toBe(true);
    expect(person.requests).toHaveLength(1);
    expect(person.requestsMore).toBe(true);
    const refused = await user('coordinator')({ method: 'GET', url: `/api/people/${personId}?limit=1000` });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('query.limit');
  });
});
