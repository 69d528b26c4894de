import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildPeopleWorld, type PeopleWorld } from '../../../../test/people.js';
import type { PersonOut } from './people.schema.js';

describe.each(TEST_DIALECTS)('merging field by field on %s', (dialect) => {
  let world: PeopleWorld;
  let caseA: string;

  const coordinator = () => {
    const found = world.users.coordinator;
    if (found === undefined) throw new Error('coordinator');
    return found.call;
  };
  const add = async (person: Record<string, unknown>) => {
    const response = await coordinator()({
      method: 'POST',
      url: `/api/cases/${caseA}/people`,
      payload: { role: 'serviceman', isSpokesperson: false, person },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ personId: string }>().personId;
  };
  const read = async (personId: string) => {
    const response = await coordinator()({ method: 'GET', url: `/api/people/${personId}` });
    expect(response.statusCode).toBe(200);
    return response.json<PersonOut>();
  };
  const merge = (from: string, into: string, keep: Record<string, string> = {}) =>
    coordinator()({ method: 'POST', url: `/api/people/${from}/merge`, payload: { into, keep } });
  const searchPeople = async (q: string) => {
    const response = await coordinator()({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent(q)}&types=person`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ results: { id: string; fields: string[]; matchedIn: string[] }[] }>().results;
  };

  beforeAll(async () => {
    world = await buildPeopleWorld(dialect, { coordinator: 'coordinator' });
    caseA = await world.makeCase([]);
  });
  afterAll(async () => {
    await world.cleanup();
  });

  it('keeps the fields chosen from each side, both contact lists, and the other names as searchable aliases', async () => {
    const kept = await add({
      nameCyrillic: { family: 'Доржиев', given: 'Баир' },
      nameLatin: { family: 'Dorzhiev', given: 'Bair' },
      birth: { date: '1994', precision: 'year' },
      region: 'RU-BU',
      contacts: [{ kind: 'phone', value: '+7 900 000-0001' }],
    });
    const away = await add({
      nameCyrillic: { family: 'Доржеев', given: 'Баир', patronymic: 'Цыренович' },
      nameLatin: { family: 'Dorjeev' },
      birth: { date: '1994-03-12', precision: 'day' },
      region: 'RU-ZAB',
      force: 'national_guard',
      contacts: [
        { kind: 'telegram', value: '@bair' },
        { kind: 'phone', value: '+7 900 000-0001' },
      ],
    });
    const response = await merge(away, kept, {
      nameCyrillic: 'merged',
      birth: 'merged',
      force: 'merged',
      contacts: 'both',
    });
    expect(response.statusCode).toBe(200);

    const person = await read(kept);
    expect(person.nameCyrillic).toEqual({ family: 'Доржеев', given: 'Баир', patronymic: 'Цыренович' });
    expect(person.nameLatin).toEqual({ family: 'Dorzhiev', given: 'Bair' });
    expect(person.birth).toEqual({ date: '1994-03-12', precision: 'day' });
    expect(person.region).toBe('RU-BU');
    expect(person.force).toBe('national_guard');
    expect(person.contacts).toEqual([
      { kind: 'phone', value: '+7 900 000-0001' },
      { kind: 'telegram', value: '@bair' },
    ]);
    // The kept record's own Cyrillic name it gave up, and the merged-away Latin name.
    expect(person.aliases).toEqual([{ family: 'Доржиев', given: 'Баир' }, { family: 'Dorjeev' }]);

    const found = await searchPeople('Dorjeev');
    expect(found.map((hit) => hit.id)).toEqual([kept]);
    expect(found[0]?.fields).toContain('name_alias');
    // Dorjeev is the merged-away Latin name (an alias now) and reads as the Cyrillic name kept (Доржеев).
    expect(found[0]?.matchedIn).toEqual(['person_name', 'person_alias']);
    expect((await searchPeople('Доржиев')).map((hit) => hit.id)).toEqual([kept]);

    const db = world.database.handle.db;
    const audits = await db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'person.merge')
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.object_id)).toEqual([away, kept]);
  });

  it('keeps the kept record’s values by default, and refuses a choice that leaves no name', async () => {
    const kept = await add({ nameLatin: { family: 'Tsyrenov' }, region: 'RU-BU' });
    const away = await add({ nameCyrillic: { family: 'Цыренов' }, region: 'RU-ZAB' });
    const refused = await merge(away, kept, { nameLatin: 'merged' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual([
      'keep.nameCyrillic',
    ]);
    expect((await read(away)).mergedInto).toBeNull();

    expect((await merge(away, kept)).statusCode).toBe(200);
    const person = await read(kept);
    expect(person).toMatchObject({ nameCyrillic: null, nameLatin: { family: 'Tsyrenov' }, region: 'RU-BU' });
    expect(person.aliases).toEqual([{ family: 'Цыренов' }]);
  });

  it('refuses an unknown choice, naming it', async () => {
    const kept = await add({ nameLatin: { family: 'Namsaraev' } });
    const away = await add({ nameLatin: { family: 'Namsarayev' } });
    const response = await merge(away, kept, { region: 'theirs' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('keep.region');
  });

  it('loses nothing when an edit of the kept record and the merge run at once', async () => {
    for (let round = 0; round < 5; round++) {
      const kept = await add({ nameLatin: { family: `Badmaev${round}` }, region: 'RU-BU' });
      const away = await add({ nameLatin: { family: `Badmayev${round}` } });
      const [edit, merged] = await Promise.all([
        coordinator()({
          method: 'PATCH',
          url: `/api/people/${kept}`,
          payload: { contacts: [{ kind: 'signal', value: `+7 900 111-000${round}` }], serviceCategory: 'mobilized' },
        }),
        merge(away, kept, { nameLatin: 'merged' }),
      ]);
      expect([edit.statusCode, merged.statusCode]).toEqual([200, 200]);
      const person = await read(kept);
      expect(person.nameLatin).toEqual({ family: `Badmayev${round}` });
      expect(person.contacts).toEqual([{ kind: 'signal', value: `+7 900 111-000${round}` }]);
      expect(person.serviceCategory).toBe('mobilized');
      expect(person.aliases).toEqual([{ family: `Badmaev${round}` }]);
      expect((await searchPeople(`Badmaev${round}`)).map((hit) => hit.id)).toEqual([kept]);
    }
  });

  it('answers an edit of the merged-away record racing the merge with the edit first or a conflict, never a 500', async () => {
    const kept = await add({ nameLatin: { family: 'Ochirov' } });
    const away = await add({ nameLatin: { family: 'Ochirow' } });
    const [edit, merged] = await Promise.all([
      coordinator()({ method: 'PATCH', url: `/api/people/${away}`, payload: { region: 'RU-ZAB' } }),
      merge(away, kept, { region: 'merged' }),
    ]);
    expect(merged.statusCode).toBe(200);
    expect([200, 409]).toContain(edit.statusCode);
    const person = await read(kept);
    // The merge read the merged record after the edit committed, or the edit was refused.
    expect(person.region).toBe(edit.statusCode === 200 ? 'RU-ZAB' : null);
  });
});
