import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';

interface Pair {
  a: { personId: string };
  b: { personId: string };
  score: number;
}

describe.each(TEST_DIALECTS)('duplicates and merging on %s', (dialect) => {
  let world: PeopleWorld;
  let caseA: string;
  let caseB: string;
  const ids: Record<string, string> = {};

  const coordinator = () => {
    const found = world.users.coordinator;
    if (found === undefined) throw new Error('coordinator');
    return found.call;
  };
  const add = async (caseId: string, role: string, person: Record<string, unknown>, isSpokesperson = false) => {
    const response = await coordinator()({
      method: 'POST',
      url: `/api/cases/${caseId}/people`,
      payload: { role, isSpokesperson, person },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ personId: string }>().personId;
  };
  const candidatesOf = async (personId: string) => {
    const response = await coordinator()({ method: 'GET', url: `/api/people/duplicates?personId=${personId}` });
    expect(response.statusCode).toBe(200);
    return response.json<{ pairs: Pair[] }>().pairs.map((pair) => pair.b.personId);
  };

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, { coordinator: 'coordinator', caseworker: 'caseworker' });
    caseA = await world.makeCase(['caseworker']);
    caseB = await world.makeCase([]);
    ids.cyrillic = await add(caseA, 'relative', { nameCyrillic: { family: 'Иванов', given: 'Иван' } });
    ids.latin = await add(caseA, 'serviceman', { nameLatin: { family: 'Ivanov', given: 'Ivan' } }, true);
    ids.ivanoff = await add(caseB, 'serviceman', { nameLatin: { family: 'Ivanoff' } });
    ids.other = await add(caseB, 'witness', { nameCyrillic: { family: 'Петров', given: 'Иван' } });
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('finds Иванов Иван, Ivanov Ivan and Ivanoff as candidates of each other, and not Петров Иван', async () => {
    const { cyrillic = '', latin = '', ivanoff = '', other = '' } = ids;
    expect(new Set(await candidatesOf(cyrillic))).toEqual(new Set([latin, ivanoff]));
    expect(new Set(await candidatesOf(latin))).toEqual(new Set([cyrillic, ivanoff]));
    expect(new Set(await candidatesOf(ivanoff))).toEqual(new Set([cyrillic, latin]));
    expect(await candidatesOf(other)).toEqual([]);
  });

  it('lists likely pairs among recent people, best first', async () => {
    const response = await coordinator()({ method: 'GET', url: '/api/people/duplicates' });
    expect(response.statusCode).toBe(200);
    const pairs = response.json<{ pairs: Pair[] }>().pairs;
    expect(pairs).toHaveLength(3);
    const best = pairs[0];
    expect(best?.score).toBe(1);
    expect(new Set([best?.a.personId, best?.b.personId])).toEqual(new Set([ids.cyrillic, ids.latin]));
  });

  it('refuses duplicates and merging to a caseworker', async () => {
    const call = world.users.caseworker?.call;
    expect((await call?.({ method: 'GET', url: '/api/people/duplicates' }))?.statusCode).toBe(403);
    const merge = await call?.({
      method: 'POST',
      url: `/api/people/${ids.latin}/merge`,
      payload: { into: ids.cyrillic },
    });
    expect(merge?.statusCode).toBe(403);
  });

  it('merges keeping every link, the stronger role and the spokesperson flag, audited, key destroyed', async () => {
    const { cyrillic = '', latin = '', ivanoff = '' } = ids;
    const db = world.database.handle.db;
    for (const [source, links] of [
      [latin, 1],
      [ivanoff, 1],
    ] as const) {
      const response = await coordinator()({
        method: 'POST',
        url: `/api/people/${source}/merge`,
        payload: { into: cyrillic },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ personId: source, mergedInto: cyrillic, links });
      const keys = await db.selectFrom('data_keys').select('id').where('owner_id', '=', source).execute();
      expect(keys).toEqual([]);
      const audits = await db
        .selectFrom('audit_log')
        .select('object_id')
        .where('action', '=', 'person.merge')
        .where('object_id', 'in', [source, cyrillic])
        .orderBy('seq', 'desc')
        .limit(2)
        .execute();
      expect(audits.map((a) => a.object_id)).toEqual([cyrillic, source]);
    }
    const links = await db
      .selectFrom('case_people')
      .select(['case_id', 'person_id', 'role', 'is_spokesperson'])
      .where('person_id', 'in', [cyrillic, latin, ivanoff])
      .orderBy('case_id')
      .execute();
    expect(links).toHaveLength(2);
    expect(links.find((l) => l.case_id === caseA)).toMatchObject({
      person_id: cyrillic,
      role: 'serviceman',
      is_spokesperson: 1,
    });
    expect(links.find((l) => l.case_id === caseB)).toMatchObject({ person_id: cyrillic, role: 'serviceman' });

    const merged = await coordinator()({ method: 'GET', url: `/api/people/${latin}` });
    expect(merged.json()).toMatchObject({ mergedInto: cyrillic, nameLatin: null });
    expect(await candidatesOf(cyrillic)).toEqual([]);
    const again = await coordinator()({
      method: 'POST',
      url: `/api/people/${latin}/merge`,
      payload: { into: cyrillic },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses merging a person into itself or into nobody, naming `into`', async () => {
    for (const into of [ids.other, '00000000-0000-4000-8000-000000000000']) {
      const response = await coordinator()({
        method: 'POST',
        url: `/api/people/${ids.other}/merge`,
        payload: { into },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('into');
    }
  });
});
