import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Term, TermsResponse, VocabulariesResponse } from '../../../shared/vocabularies.js';
import { VOCABULARIES } from '../../../shared/vocabularies.js';
import { as, buildUser, signIn, testClock, type TestUser } from '../../../../test/accounts.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { AppError } from '../../http/errors.js';
import { SEED } from './seed/index.js';
import { parseAttributes, attributeReferences } from './vocabularies.attributes.js';
import { assertOfferedTerm, termByCode } from './vocabularies.service.js';

describe.each(TEST_DIALECTS)('vocabularies on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let coordinator: TestUser;
  let caseworker: TestUser;
  let asCoordinator: ReturnType<typeof as>;
  let asCaseworker: ReturnType<typeof as>;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const db = t.database.handle.db;
    coordinator = await buildUser(db, t.keyring, 'coordinator', clock);
    caseworker = await buildUser(db, t.keyring, 'caseworker', clock);
    asCoordinator = as(t.app, await signIn(t.app, coordinator, clock));
    asCaseworker = as(t.app, await signIn(t.app, caseworker, clock));
  });
  afterAll(() => t.cleanup());

  const terms = async (vocabulary: string, includeRetired = false) => {
    const query = includeRetired ? '?includeRetired=true' : '';
    const response = await asCaseworker({ method: 'GET', url: `/api/vocabularies/${vocabulary}${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<TermsResponse>().terms;
  };
  const byCode = (list: Term[], code: string) => list.find((term) => term.code === code);
  const auditActions = async (objectId: string) =>
    (
      await t.database.handle.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', objectId)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);

  it('seeds the 83 Russian subjects and the six occupied Ukrainian territories under Ukraine', async () => {
    const regions = await terms('region');
    const russia = byCode(regions, 'RU');
    const ukraine = byCode(regions, 'UA');
    expect(russia?.parentId).toBeNull();
    expect(ukraine).toMatchObject({ parentId: null, labelEn: 'Ukraine (occupied territory)' });
    expect(regions).toHaveLength(83 + 6 + 2);
    const underRussia = regions.filter((term) => term.parentId === russia?.id);
    expect(underRussia).toHaveLength(83);
    expect(underRussia.every((term) => /^RU-[A-Z]{2,3}$/.test(term.code))).toBe(true);
    const underUkraine = regions.filter((term) => term.parentId === ukraine?.id).map((term) => term.code);
    expect(underUkraine.sort()).toEqual(['UA-09', 'UA-14', 'UA-23', 'UA-40', 'UA-43', 'UA-65']);
    expect(byCode(regions, 'UA-43')).toMatchObject({ parentId: ukraine?.id, labelRu: 'Автономная Республика Крым' });
    expect(byCode(regions, 'RU-BU')).toMatchObject({ labelRu: 'Республика Бурятия', labelEn: 'Republic of Buryatia' });
  });

  it('seeds every vocabulary but units, with both labels on every term and attributes of the right shape', async () => {
    const summary = (await asCaseworker({ method: 'GET', url: '/api/vocabularies' })).json<VocabulariesResponse>();
    expect(summary.vocabularies.map((v) => v.vocabulary)).toEqual([...VOCABULARIES]);
    for (const { vocabulary, terms: count, retired } of summary.vocabularies) {
      expect(count, vocabulary).toBe(SEED[vocabulary].length);
      expect(retired).toBe(0);
      for (const term of await terms(vocabulary)) {
        expect(term.labelRu.trim(), term.code).not.toBe('');
        expect(term.labelEn.trim(), term.code).not.toBe('');
        expect(parseAttributes(vocabulary, term.attributes), term.code).toEqual(term.attributes);
        for (const reference of attributeReferences(vocabulary, term.attributes)) {
          expect(
            await termByCode(t.database.handle.db, reference.vocabulary, reference.code),
            reference.code,
          ).toBeDefined();
        }
      }
    }
    expect(byCode(await terms('stage'), 'closed')?.attributes).toEqual({ closes: true, allowsOutcome: true });
    expect(byCode(await terms('case_type'), 'criminal_337')?.parentId).toBe(
      byCode(await terms('case_type'), 'criminal_defence')?.id,
    );
  });

  it('lets a coordinator create, edit, retire and offer again a term, each change audited', async () => {
    const created = await asCoordinator({
      method: 'POST',
      url: '/api/vocabularies/place/terms',
      payload: {
        code: 'camp-x',
        labelRu: ' Лагерь Х ',
        labelEn: 'Camp X',
        attributes: { kind: 'camp', region: 'UA-09' },
      },
    });
    expect(created.statusCode).toBe(201);
    const term = created.json<Term>();
    expect(term).toMatchObject({ vocabulary: 'place', code: 'camp-x', labelRu: 'Лагерь Х', retired: false });

    const edited = await asCoordinator({
      method: 'PATCH',
      url: `/api/vocabularies/place/terms/${term.id}`,
      payload: { labelEn: 'Camp X (former school)', sortOrder: 50 },
    });
    expect(edited.json()).toMatchObject({ labelEn: 'Camp X (former school)', labelRu: 'Лагерь Х', sortOrder: 50 });

    const retired = await asCoordinator({
      method: 'PATCH',
      url: `/api/vocabularies/place/terms/${term.id}`,
      payload: { retired: true },
    });
    expect(retired.json()).toMatchObject({ retired: true, retiredAt: clock().toISOString() });
    expect(byCode(await terms('place'), 'camp-x')).toBeUndefined();
    expect(byCode(await terms('place', true), 'camp-x')?.retired).toBe(true);
    const read = await asCaseworker({ method: 'GET', url: `/api/vocabularies/place/terms/${term.id}` });
    expect(read.json()).toMatchObject({ id: term.id, retired: true });

    const refused = await assertOfferedTerm(t.database.handle.db, 'place', { id: term.id }, 'placeId').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'placeId' }] });
    await expect(assertOfferedTerm(t.database.handle.db, 'place', { code: 'camp-x' }, 'place')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'place' }],
    });

    await asCoordinator({
      method: 'PATCH',
      url: `/api/vocabularies/place/terms/${term.id}`,
      payload: { retired: false },
    });
    await expect(assertOfferedTerm(t.database.handle.db, 'place', { code: 'camp-x' }, 'place')).resolves.toMatchObject({
      id: term.id,
    });
    expect(await auditActions(term.id)).toEqual([
      'vocabulary.create',
      'vocabulary.update',
      'vocabulary.retire',
      'vocabulary.unretire',
    ]);
  });

  it('refuses an unknown term or one of another vocabulary as not offered, naming the field', async () => {
    const db = t.database.handle.db;
    await expect(assertOfferedTerm(db, 'region', { code: 'XX-NOPE' }, 'region')).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'region', message: 'is not a term of the region vocabulary' }],
    });
    const stage = await termByCode(db, 'stage', 'intake');
    await expect(assertOfferedTerm(db, 'region', { id: stage?.id ?? '' }, 'regionId')).rejects.toMatchObject({
      fields: [{ path: 'regionId' }],
    });
  });

  it('answers 403 when a caseworker tries to edit, and lets them read', async () => {
    const crimea = byCode(await terms('region'), 'UA-43');
    const attempts = [
      {
        method: 'POST' as const,
        url: '/api/vocabularies/region/terms',
        payload: { code: 'x', labelRu: 'x', labelEn: 'x' },
      },
      {
        method: 'PATCH' as const,
        url: `/api/vocabularies/region/terms/${crimea?.id ?? ''}`,
        payload: { retired: true },
      },
      { method: 'PUT' as const, url: '/api/vocabularies/stage/transitions', payload: { from: 'closed', to: 'intake' } },
      { method: 'DELETE' as const, url: '/api/vocabularies/stage/transitions?from=intake&to=closed' },
    ];
    for (const attempt of attempts) {
      const response = await asCaseworker(attempt);
      expect(response.statusCode, attempt.url).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(byCode(await terms('region'), 'UA-43')?.retired).toBe(false);
  });

  it('answers invalid input with 4xx naming the field, and writes nothing', async () => {
    const db = t.database.handle.db;
    const caseTypes = await terms('case_type');
    const defence = byCode(caseTypes, 'criminal_defence')?.id ?? '';
    const article = byCode(caseTypes, 'criminal_332')?.id ?? '';
    const region = byCode(await terms('region'), 'RU-BU')?.id ?? '';
    const count = async () => (await db.selectFrom('vocabulary_terms').select('id').execute()).length;
    const head = async () => (await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    const [termsBefore, headBefore] = [await count(), await head()];

    const post = (vocabulary: string, payload: object) =>
      asCoordinator({ method: 'POST', url: `/api/vocabularies/${vocabulary}/terms`, payload });
    const patch = (id: string, payload: object) =>
      asCoordinator({ method: 'PATCH', url: `/api/vocabularies/case_type/terms/${id}`, payload });
    const base = { labelRu: 'Новое', labelEn: 'New' };
    const cases: [Promise<{ statusCode: number; json: () => unknown }>, number, string, string?][] = [
      [post('nope', { code: 'a', ...base }), 404, 'NOT_FOUND'],
      [asCoordinator({ method: 'GET', url: '/api/vocabularies/nope' }), 404, 'NOT_FOUND'],
      [post('region', { code: 'RU-BU', ...base }), 409, 'CONFLICT', 'code'],
      [post('region', { code: 'ru-bu', ...base }), 409, 'CONFLICT', 'code'],
      [post('region', { code: 'bad code', ...base }), 400, 'VALIDATION_FAILED', 'code'],
      [post('region', { code: 'x1', ...base, parentId: crypto.randomUUID() }), 400, 'VALIDATION_FAILED', 'parentId'],
      [post('case_type', { code: 'x2', ...base, parentId: region }), 400, 'VALIDATION_FAILED', 'parentId'],
      [post('region', { code: 'x3', labelRu: '   ', labelEn: 'x' }), 400, 'VALIDATION_FAILED', 'labelRu'],
      [post('region', { code: 'x4', labelRu: 'x', labelEn: 'e'.repeat(201) }), 400, 'VALIDATION_FAILED', 'labelEn'],
      [
        post('place', { code: 'x5', ...base, attributes: { kind: 'castle' } }),
        400,
        'VALIDATION_FAILED',
        'attributes.kind',
      ],
      [
        post('place', { code: 'x6', ...base, attributes: { kind: 'camp', region: 'XX' } }),
        400,
        'VALIDATION_FAILED',
        'attributes.region',
      ],
      [patch(defence, { parentId: article }), 400, 'VALIDATION_FAILED', 'parentId'],
      [patch(defence, { parentId: defence }), 400, 'VALIDATION_FAILED', 'parentId'],
      [patch(defence, {}), 400, 'VALIDATION_FAILED', 'body'],
      [patch(crypto.randomUUID(), { labelRu: 'x' }), 404, 'NOT_FOUND'],
    ];
    for (const [request, status, code, field] of cases) {
      const response = await request;
      const body = response.json() as { error: { code: string; fields?: { path: string }[] } };
      expect([response.statusCode, body.error.code], JSON.stringify(body)).toEqual([status, code]);
      if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
    }
    expect(await count()).toBe(termsBefore);
    expect(await head()).toBe(headBefore);
    expect(byCode(await terms('case_type'), 'criminal_defence')?.parentId).toBeNull();
  });
});
