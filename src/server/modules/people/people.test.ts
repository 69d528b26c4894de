import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';

const MARKER_FAMILY = 'Маркеровский';
const MARKER_LATIN = 'Markerovsky';
const MARKER_PHONE = '+7 900 555-MARK';

describe.each(TEST_DIALECTS)('people on %s', (dialect) => {
  let world: PeopleWorld;
  let caseA: string;
  let caseB: string;
  let personId: string;

  const user = (name: string) => {
    const found = world.users[name];
    if (found === undefined) throw new Error(name);
    return found.call;
  };
  const count = async (table: 'people' | 'case_people' | 'data_keys' | 'case_events') => {
    const row = await world.database.handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, {
      coordinator: 'coordinator',
      caseworker: 'caseworker',
      lawyer: 'lawyer',
      stranger: 'caseworker',
    });
    caseA = await world.makeCase(['caseworker', 'lawyer']);
    caseB = await world.makeCase([]);
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('lets a caseworker granted on a case add a new person to it, with a timeline event', async () => {
    const events = await count('case_events');
    const response = await user('caseworker')({
      method: 'POST',
      url: `/api/cases/${caseA}/people`,
      payload: {
        role: 'serviceman',
        isSpokesperson: false,
        person: {
          nameCyrillic: { family: MARKER_FAMILY, given: 'Пётр' },
          nameLatin: { family: MARKER_LATIN, given: 'Petr' },
          birth: { date: '1990-05', precision: 'month' },
          serviceCategory: 'mobilized',
          contacts: [{ kind: 'phone', value: MARKER_PHONE }],
        },
      },
    });
    expect(response.statusCode).toBe(201);
    personId = response.json<{ personId: string }>().personId;
    expect(await count('case_events')).toBe(events + 1);
  });

  it('keeps no name or contact in plaintext in the person row', async () => {
    const row = await world.database.handle.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.concat(Object.values(row).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v)))));
    for (const marker of [MARKER_FAMILY, MARKER_LATIN, MARKER_PHONE, 'Пётр', '1990-05']) {
      expect(bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
    }
  });

  it('lets a lawyer granted on the case read the person, with the case', async () => {
    const response = await user('lawyer')({ method: 'GET', url: `/api/people/${personId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      nameCyrillic: { family: string };
      contacts: unknown[];
      cases: { caseId: string }[];
    }>();
    expect(body.nameCyrillic.family).toBe(MARKER_FAMILY);
    expect(body.contacts).toEqual([{ kind: 'phone', value: MARKER_PHONE }]);
    expect(body.cases.map((c) => c.caseId)).toEqual([caseA]);
  });

  it('answers 404 to a caseworker with no grant on any of the person’s cases, audited as denied', async () => {
    const response = await user('stranger')({ method: 'GET', url: `/api/people/${personId}` });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(MARKER_FAMILY);
    const denied = await world.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('outcome', '=', 'denied')
      .where('object_id', '=', personId)
      .execute();
    expect(denied).toEqual([{ action: 'person.read', object_id: personId }]);
  });

  it('refuses standalone creation to a caseworker and allows it to a coordinator', async () => {
    const payload = { personRole: 'witness', nameLatin: { family: 'Smith' } };
    expect((await user('caseworker')({ method: 'POST', url: '/api/people', payload })).statusCode).toBe(403);
    expect((await user('coordinator')({ method: 'POST', url: '/api/people', payload })).statusCode).toBe(201);
  });

  it('lets a caseworker edit the person and unlink them from the case', async () => {
    const patch = await user('caseworker')({
      method: 'PATCH',
      url: `/api/people/${personId}`,
      payload: { region: 'RU-MOW', contacts: [] },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json<{ region: string; contacts: unknown[] }>()).toMatchObject({ region: 'RU-MOW', contacts: [] });
    const unlink = await user('caseworker')({ method: 'DELETE', url: `/api/cases/${caseA}/people/${personId}` });
    expect(unlink.statusCode).toBe(204);
    expect((await user('caseworker')({ method: 'GET', url: `/api/people/${personId}` })).statusCode).toBe(404);
  });

  describe('bad input', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no name', { person: { personRole: 'witness' } }, 'person.nameCyrillic'],
      ['a long name', { person: { nameLatin: { family: 'x'.repeat(201) } } }, 'person.nameLatin.family'],
      [
        'a day that is a month',
        { person: { nameLatin: { family: 'A' }, birth: { date: '1990-05', precision: 'day' } } },
        'person.birth.date',
      ],
      [
        'a month 13',
        { person: { nameLatin: { family: 'A' }, birth: { date: '1990-13', precision: 'month' } } },
        'person.birth.date',
      ],
      [
        '21 contacts',
        {
          person: {
            nameLatin: { family: 'A' },
            contacts: Array.from({ length: 21 }, () => ({ kind: 'phone', value: '1' })),
          },
        },
        'person.contacts',
      ],
      [
        'a contact kind',
        { person: { nameLatin: { family: 'A' }, contacts: [{ kind: 'fax', value: '1' }] } },
        'person.contacts.0.kind',
      ],
      ['a region not offered', { person: { nameLatin: { family: 'A' }, region: 'XX-NOPE' } }, 'person.region'],
      ['a force not offered', { person: { nameLatin: { family: 'A' }, force: 'navy_seals' } }, 'person.force'],
      ['a role not offered', { role: 'astronaut', person: { nameLatin: { family: 'A' } } }, 'role'],
      [
        'both a person and an id',
        { personId: '00000000-0000-4000-8000-000000000000', person: { nameLatin: { family: 'A' } } },
        'person',
      ],
    ];
    it.each(cases)('refuses %s, naming the field, writing nothing', async (_label, body, field) => {
      const before = await Promise.all([
        count('people'),
        count('case_people'),
        count('data_keys'),
        count('case_events'),
      ]);
      const response = await user('caseworker')({
        method: 'POST',
        url: `/api/cases/${caseA}/people`,
        payload: { role: 'witness', ...body },
      });
      expect(response.statusCode).toBe(400);
      const fields = response.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);
      expect(fields).toContain(field);
      const after = await Promise.all([
        count('people'),
        count('case_people'),
        count('data_keys'),
        count('case_events'),
      ]);
      expect(after).toEqual(before);
    });

    it('refuses a patch that would leave no name', async () => {
      const response = await user('coordinator')({
        method: 'PATCH',
        url: `/api/people/${personId}`,
        payload: { nameCyrillic: null, nameLatin: null },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toContain('nameCyrillic');
    });

    it('refuses linking a person the caseworker may not read', async () => {
      const other = await user('coordinator')({
        method: 'POST',
        url: `/api/cases/${caseB}/people`,
        payload: { role: 'witness', person: { nameLatin: { family: 'Hidden' } } },
      });
      const response = await user('caseworker')({
        method: 'POST',
        url: `/api/cases/${caseA}/people`,
        payload: { role: 'witness', personId: other.json<{ personId: string }>().personId },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('personId');
    });
  });
});
