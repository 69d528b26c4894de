import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TEST_DIALECTS } from '../../../test/databases.js';
import { seedPurgeWorld, storedSecrets, tokenCountDrift, worldRows } from '../../../test/purge-world.js';

/** A purge is one transaction: a failure anywhere leaves all of the case; work racing it is purged or refused. */
describe.each(TEST_DIALECTS)('a purge is all or nothing, on %s', (dialect) => {
  const clock = testClock('2026-11-30T12:00:00.000Z');
  let t: TestApp;
  let coordinator: ReturnType<typeof as>;
  let granteeId: string;
  const db = () => t.database.handle.db;
  const marker = (place: string) => `Atomark-${place}`;
  const seed = () => seedPurgeWorld({ db: db(), keyring: t.keyring, clock }, coordinator, marker, granteeId);
  const purge = (world: { caseId: string; number: string }) =>
    coordinator({
      method: 'POST',
      url: `/api/cases/${world.caseId}/purge`,
      payload: { reason: 'safety', confirmNumber: world.number },
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    const c = await buildUser(db(), t.keyring, 'coordinator', clock);
    granteeId = (await buildUser(db(), t.keyring, 'caseworker', clock)).user.id;
    coordinator = as(t.app, await signIn(t.app, c, clock));
  });
  afterAll(() => t.cleanup());

  /** Makes deleting an intake request fail: the last part of a case's purge, after its own rows went. */
  async function failIntakeDeletes(on: boolean): Promise<void> {
    if (dialect === 'sqlite') {
      await sql
        .raw(
          on
            ? "create trigger purge_fails before delete on intake_requests begin select raise(abort, 'injected'); end"
            : 'drop trigger purge_fails',
        )
        .execute(db());
      return;
    }
    if (on) {
      await sql
        .raw(
          `create function purge_fails() returns trigger language plpgsql as
        $$ begin raise exception 'injected'; end $$`,
        )
        .execute(db());
      await sql
        .raw(
          `create trigger purge_fails before delete on intake_requests
        for each row execute function purge_fails()`,
        )
        .execute(db());
    } else {
      await sql.raw('drop trigger purge_fails on intake_requests; drop function purge_fails()').execute(db());
    }
  }

  it('leaves everything of the case in place when it fails midway, and a retry then purges it all', async () => {
    const world = await seed();
    const rows = await worldRows(db(), world);
    const secrets = await storedSecrets(db(), world);
    const audits = await db().selectFrom('audit_log').select('seq').execute();
    await failIntakeDeletes(true);
    try {
      const failed = await purge(world);
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
    } finally {
      await failIntakeDeletes(false);
    }
    expect(await worldRows(db(), world)).toEqual(rows);
    const request = await db().selectFrom('intake_requests').selectAll().where('id', '=', world.intakeId).execute();
    expect(request.map((r) => r.case_id)).toEqual([world.caseId]);
    for (const secret of secrets) {
      if (secret.ref !== undefined)
        expect((await t.keyring.open(db(), secret.ref, secret.bytes)).length).toBeGreaterThan(0);
    }
    expect(await db().selectFrom('audit_log').select('seq').execute()).toHaveLength(audits.length);
    const found = await coordinator({ method: 'GET', url: `/api/cases/${world.caseId}` });
    expect(found.json()).toMatchObject({ title: `Дело ${marker('title')}` });

    expect((await purge(world)).statusCode).toBe(204);
    expect(Object.values(await worldRows(db(), world)).every((n) => n === 0)).toBe(true);
  });

  it('purges the notes added while it runs, or refuses them (404); no note keeps a search record', async () => {
    const world = await seed();
    const notes = Array.from({ length: 24 }, (_, i) =>
      coordinator({ method: 'POST', url: `/api/cases/${world.caseId}/notes`, payload: { body: `Гонка ${String(i)}` } }),
    );
    const [purged, ...answers] = await Promise.all([purge(world), ...notes]);
    expect(purged.statusCode).toBe(204);
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201 && s !== 404)).toEqual([]);
    const landed = answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ id: string }>().id);
    expect(Object.values(await worldRows(db(), { ...world, noteIds: [...world.noteIds, ...landed] }))).toEqual(
      Array.from({ length: 10 }, () => 0),
    );
    expect(await tokenCountDrift(db())).toBe(0);
  });

  it('links its person to another case before it (the person stays) or refuses the link (400), never a 5xx', async () => {
    const world = await seed();
    const others = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const created = await coordinator({
          method: 'POST',
          url: '/api/cases',
          payload: { type: 'contract_termination', title: `Другое дело ${String(i)}` },
        });
        expect(created.statusCode).toBe(201);
        return created.json<{ id: string }>().id;
      }),
    );
    const links = others.map((caseId) =>
      coordinator({
        method: 'POST',
        url: `/api/cases/${caseId}/people`,
        payload: { role: 'witness', personId: world.personId },
      }),
    );
    const [purged, ...answers] = await Promise.all([purge(world), ...links]);
    expect(purged.statusCode).toBe(204);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s !== 201 && s !== 400)).toEqual([]);
    // A person linked to another case before the purge locked them stays, with those links; otherwise they are gone.
    const person = await db().selectFrom('people').select('id').where('id', '=', world.personId).executeTakeFirst();
    const remainingLinks = await db()
      .selectFrom('case_people')
      .select('case_id')
      .where('person_id', '=', world.personId)
      .execute();
    expect(remainingLinks.length).toBe(statuses.filter((s) => s === 201).length);
    expect(person !== undefined).toBe(remainingLinks.length > 0);
  });

  it('lets one of 20 purges of a case at once through; the others find no case', async () => {
    const world = await seed();
    const answers = await Promise.all(Array.from({ length: 20 }, () => purge(world)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([204, ...Array.from({ length: 19 }, () => 404)]);
    const entries = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', world.caseId)
      .where('action', 'like', 'case.purge.%')
      .execute();
    expect(entries).toHaveLength(1);
    expect(Object.values(await worldRows(db(), world)).every((n) => n === 0)).toBe(true);
    expect(await tokenCountDrift(db())).toBe(0);
  });
});
