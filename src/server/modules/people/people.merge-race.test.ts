import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';
import type { PersonOut } from './people.schema.js';

const ROUNDS = 4;

/** Two coordinators merging the same record at once: one merge lands whole, the other is a conflict that says why. */
describe.each(TEST_DIALECTS)('merges racing each other on %s', (dialect) => {
  let world: PeopleWorld;
  let caseId: string;

  const callOf = (name: string) => {
    const found = world.users[name];
    if (found === undefined) throw new Error(name);
    return found.call;
  };
  const add = async (family: string) => {
    const response = await callOf('anna')({
      method: 'POST',
      url: `/api/cases/${caseId}/people`,
      payload: { role: 'serviceman', isSpokesperson: false, person: { nameLatin: { family } } },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ personId: string }>().personId;
  };
  const read = async (personId: string) =>
    (await callOf('anna')({ method: 'GET', url: `/api/people/${personId}` })).json<PersonOut>();
  const merge = (who: string, from: string, into: string) =>
    callOf(who)({ method: 'POST', url: `/api/people/${from}/merge`, payload: { into, keep: { nameLatin: 'merged' } } });
  const mergeAudits = (objectId: string) =>
    world.database.handle.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'person.merge')
      .where('object_id', '=', objectId)
      .execute();

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, { anna: 'coordinator', boris: 'coordinator' });
    caseId = await world.makeCase([]);
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('lets one of two merges of the same record into different people win; the other is a conflict naming it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const away = await add(`Sambuev${round}`);
      const intoAnna = await add(`Sambuyev${round}`);
      const intoBoris = await add(`Sambouev${round}`);
      const [anna, boris] = await Promise.all([merge('anna', away, intoAnna), merge('boris', away, intoBoris)]);
      expect([anna.statusCode, boris.statusCode].sort()).toEqual([200, 409]);
      const [winner, loser] = anna.statusCode === 200 ? [intoAnna, intoBoris] : [intoBoris, intoAnna];
      const refused = (anna.statusCode === 409 ? anna : boris).json<{
        error: { code: string; message: string; fields: { path: string }[] };
      }>().error;
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toBe('One of these people was merged already.');
      expect(refused.fields.map((field) => field.path)).toEqual(['personId']);

      expect((await read(away)).mergedInto).toBe(winner);
      expect((await read(winner)).nameLatin).toEqual({ family: `Sambuev${round}` });
      // The losing merge left its target as it was: its own name, no alias, no audit entry.
      const untouched = await read(loser);
      expect(untouched.nameLatin).not.toEqual({ family: `Sambuev${round}` });
      expect(untouched.aliases).toEqual([]);
      expect(await mergeAudits(loser)).toEqual([]);
      expect(await mergeAudits(away)).toHaveLength(1);
    }
  });

  it('lets one of two opposite merges of a pair win, never both and never a 500', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await add(`Tsybikov${round}`);
      const b = await add(`Tsybikow${round}`);
      const [anna, boris] = await Promise.all([merge('anna', a, b), merge('boris', b, a)]);
      expect([anna.statusCode, boris.statusCode].sort()).toEqual([200, 409]);
      const [away, kept] = anna.statusCode === 200 ? [a, b] : [b, a];
      expect((await read(away)).mergedInto).toBe(kept);
      expect((await read(kept)).mergedInto).toBeNull();
      const links = await world.database.handle.db
        .selectFrom('case_people')
        .select('person_id')
        .where('person_id', 'in', [a, b])
        .execute();
      expect(links).toEqual([{ person_id: kept }]);
    }
  });
});
