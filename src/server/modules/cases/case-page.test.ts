import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp, rowCount, staffMember } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import type { CaseRequests, Timeline } from '../../../shared/cases.schema.js';
import type { Term } from '../../../shared/vocabularies.js';
import { createIntakeRequest } from '../intake/intake.service.js';

type Call = ReturnType<typeof as>;

/** Requests sent at once: on PostgreSQL they run in parallel transactions over the pool. */
const BURST = 20;

const CONTACT = 'telegram @marina_wife_900';
const HANDLE = 'Марина, жена';

const codeOf = (response: LightMyRequestResponse) => response.json<{ error: { code: string } }>().error.code;

/** What the case page shows: the requests a case came from, the readable timeline, outcomes by stage, edits. */
describe.each(TEST_DIALECTS)('the case page on %s', (dialect) => {
  const clock = testClock('2026-12-01T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let who: Record<'coordinator' | 'lawyer' | 'outsider' | 'volunteer' | 'admin' | 'anonymous', Call>;
  let named: { coordinatorName: string; lawyerId: string; lawyerName: string };

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    const c = await staffMember(t, 'coordinator', clock);
    const l = await staffMember(t, 'lawyer', clock);
    named = { coordinatorName: c.username, lawyerId: l.id, lawyerName: l.username };
    who = {
      coordinator: c.call,
      lawyer: l.call,
      outsider: (await staffMember(t, 'caseworker', clock)).call,
      volunteer: (await staffMember(t, 'intake', clock)).call,
      admin: (await staffMember(t, 'admin', clock)).call,
      anonymous: as(t.app, undefined),
    };
  });
  afterAll(() => t.cleanup());

  const count = (table: 'case_events' | 'audit_log') => rowCount(t.db, table);

  async function openCase(payload: object = {}): Promise<{ id: string; number: string }> {
    const response = await who.coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: 'Рапорт не приняли', ...payload },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  async function move(caseId: string, to: string): Promise<void> {
    const response = await who.coordinator({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to } });
    expect(response.statusCode).toBe(204);
  }

  const grant = (caseId: string, userId: string) =>
    who.coordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${userId}` });

  it("shows the requester's handle and contact to those granted the case, and to no one else", async () => {
    const intake = await createIntakeRequest(
      { db: t.db, keyring: t.keyring, clock },
      {
        handle: HANDLE,
        contact: CONTACT,
        requesterRole: 'spouse',
        groupSize: 1,
        urgency: 'high',
        text: 'Мужа не отпускают из части',
        consentDocumentation: true,
        consentStatistics: false,
      },
      { channel: 'web_form' },
    );
    const opened = await openCase({ intakeId: intake.id, urgency: 'high' });
    expect((await grant(opened.id, named.lawyerId)).statusCode).toBe(204);
    const url = `/api/cases/${opened.id}/requests`;

    const audited = await count('audit_log');
    const seen = await who.lawyer({ method: 'GET', url });
    expect(seen.statusCode).toBe(200);
    expect(seen.json<CaseRequests>()).toEqual({
      requests: [
        {
          id: intake.id,
          channel: 'web_form',
          requesterRole: 'spouse',
          urgency: 'high',
          groupSize: 1,
          region: null,
          submittedAt: '2026-12-01T10:00:00.000Z',
          handle: HANDLE,
          contact: CONTACT,
          text: 'Мужа не отпускают из части',
          followUps: [],
        },
      ],
      more: false,
    });
    const reads = await t.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id', 'outcome'])
      .where('actor_id', '=', named.lawyerId)
      .where('action', '=', 'intake.read')
      .execute();
    expect(reads).toEqual([{ action: 'intake.read', object_type: 'intake', object_id: intake.id, outcome: 'success' }]);
    expect(await count('audit_log')).toBe(audited + 1);
    expect((await who.coordinator({ method: 'GET', url })).json<CaseRequests>().requests[0]?.contact).toBe(CONTACT);

    for (const [label, call, status] of [
      ['an ungranted caseworker', who.outsider, 404],
      ['an intake volunteer', who.volunteer, 404],
      ['an administrator without break-glass', who.admin, 404],
      ['anonymous', who.anonymous, 401],
    ] as const) {
      const refused = await call({ method: 'GET', url });
      expect([label, refused.statusCode]).toEqual([label, status]);
      expect(refused.body).not.toContain('marina');
      expect(refused.body).not.toContain('Марина');
    }
  });

  it('finds a case by its number for those who may read it, and for no one else', async () => {
    const opened = await openCase();
    const url = `/api/cases/by-number/${opened.number}`;
    expect((await who.coordinator({ method: 'GET', url })).json()).toEqual({ id: opened.id });
    expect((await who.lawyer({ method: 'GET', url })).statusCode).toBe(404);
    expect((await grant(opened.id, named.lawyerId)).statusCode).toBe(204);
    expect((await who.lawyer({ method: 'GET', url })).json()).toEqual({ id: opened.id });
    for (const call of [who.outsider, who.volunteer, who.admin]) {
      const refused = await call({ method: 'GET', url });
      expect([refused.statusCode, refused.body.includes(opened.id)]).toEqual([404, false]);
    }
    expect((await who.anonymous({ method: 'GET', url })).statusCode).toBe(401);
    expect((await who.coordinator({ method: 'GET', url: '/api/cases/by-number/2026-9999' })).statusCode).toBe(404);
    const bad = await who.coordinator({ method: 'GET', url: '/api/cases/by-number/2026' });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('records an outcome only at a stage that allows it, as the stage vocabulary says', async () => {
    const stages = (await who.coordinator({ method: 'GET', url: '/api/vocabularies/stage' })).json<{ terms: Term[] }>();
    const allowing = stages.terms.filter((term) => term.attributes.allowsOutcome === true).map((term) => term.code);
    expect(allowing).toEqual(['resolved', 'follow_up', 'closed']);

    const { id } = await openCase();
    const outcome = (value: string | null) =>
      who.coordinator({ method: 'POST', url: `/api/cases/${id}/outcome`, payload: { outcome: value } });
    const events = await count('case_events');
    const refused = await outcome('dismissed');
    expect([refused.statusCode, codeOf(refused)]).toEqual([409, 'OUTCOME_NOT_ALLOWED']);
    expect(await count('case_events')).toBe(events);
    const row = () =>
      t.db.selectFrom('cases').select(['outcome', 'stage']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ outcome: null, stage: 'intake' });

    // A coordinator lets the assessment stage record outcomes too: data, not code.
    const assessment = stages.terms.find((term) => term.code === 'assessment');
    const edited = await who.coordinator({
      method: 'PATCH',
      url: `/api/vocabularies/stage/terms/${assessment?.id ?? ''}`,
      payload: { attributes: { ...assessment?.attributes, allowsOutcome: true } },
    });
    expect(edited.statusCode).toBe(200);
    await move(id, 'assessment');
    expect((await outcome('dismissed')).statusCode).toBe(204);
    expect(await row()).toEqual({ outcome: 'dismissed', stage: 'assessment' });

    const other = await openCase();
    await move(other.id, 'resolved');
    expect(
      (
        await who.coordinator({
          method: 'POST',
          url: `/api/cases/${other.id}/outcome`,
          payload: { outcome: 'dismissed' },
        })
      ).statusCode,
    ).toBe(204);
  });

  it('judges a parallel outcome by the stage the case is at when it is written', async () => {
    const { id } = await openCase();
    await move(id, 'resolved');
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        i === BURST / 2
          ? who.coordinator({ method: 'POST', url: `/api/cases/${id}/stage`, payload: { to: 'cassation' } })
          : who.coordinator({ method: 'POST', url: `/api/cases/${id}/outcome`, payload: { outcome: 'dismissed' } }),
      ),
    );
    const outcomes = responses.filter((_, i) => i !== BURST / 2);
    expect(responses[BURST / 2]?.statusCode).toBe(204);
    for (const response of outcomes) {
      expect([204, 409]).toContain(response.statusCode);
      if (response.statusCode === 409) expect(codeOf(response)).toBe('OUTCOME_NOT_ALLOWED');
    }
    const recorded = await t.db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', id)
      .where('kind', '=', 'outcome')
      .execute();
    expect(recorded).toHaveLength(outcomes.filter((response) => response.statusCode === 204).length);
  });

  it('tells who did what on the timeline: names, roles, whom a grant gave the case, stages from and to', async () => {
    const { id } = await openCase();
    clock.advance(1000);
    await move(id, 'verification');
    clock.advance(1000);
    expect((await grant(id, named.lawyerId)).statusCode).toBe(204);
    clock.advance(1000);
    expect(
      (await who.coordinator({ method: 'DELETE', url: `/api/cases/${id}/grants/${named.lawyerId}` })).statusCode,
    ).toBe(204);
    const timeline = (
      await who.coordinator({ method: 'GET', url: `/api/cases/${id}/timeline?limit=2` })
    ).json<Timeline>();
    const actor = { actorUsername: named.coordinatorName, actorRole: 'coordinator' };
    const target = { targetUserId: named.lawyerId, targetUsername: named.lawyerName, targetRole: 'lawyer' };
    expect(timeline.events).toMatchObject([
      { kind: 'grant', ...actor, ...target, detail: 'removed' },
      { kind: 'grant', ...actor, ...target, detail: 'added' },
    ]);
    const older = (
      await who.coordinator({
        method: 'GET',
        url: `/api/cases/${id}/timeline?limit=2&cursor=${encodeURIComponent(timeline.nextCursor ?? '')}`,
      })
    ).json<Timeline>();
    expect(older.events).toMatchObject([
      { kind: 'stage', ...actor, stageFrom: 'intake', stageTo: 'verification', targetUserId: null, detail: null },
      { kind: 'opened', ...actor, stageTo: 'intake' },
    ]);
    expect(older.nextCursor).toBeNull();
  });

  it('changes urgency, region and type; parallel changes of different fields all hold', async () => {
    const { id } = await openCase();
    const patch = (payload: object) => who.coordinator({ method: 'PATCH', url: `/api/cases/${id}`, payload });
    const bad = await patch({ urgency: 'extreme' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual(['urgency']);
    const changes = [{ urgency: 'critical' }, { region: 'RU-BU' }, { type: 'criminal_337' }, { groupSize: 3 }];
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) => patch(changes[i % changes.length] ?? {})),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array<number>(BURST).fill(204));
    const detail = (await who.coordinator({ method: 'GET', url: `/api/cases/${id}` })).json<object>();
    expect(detail).toMatchObject({ urgency: 'critical', region: 'RU-BU', type: 'criminal_337', groupSize: 3 });

    // The same field changed in parallel: each change is whole, the last one written stays (no version check).
    const urgencies = ['low', 'high'] as const;
    const same = await Promise.all(Array.from({ length: BURST }, (_, i) => patch({ urgency: urgencies[i % 2] })));
    expect(same.map((r) => r.statusCode)).toEqual(Array<number>(BURST).fill(204));
    const row = await t.db.selectFrom('cases').select('urgency').where('id', '=', id).executeTakeFirstOrThrow();
    expect(urgencies).toContain(row.urgency);
    const updates = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.update')
      .where('object_id', '=', id)
      .execute();
    expect(updates).toHaveLength(2 * BURST);
  });
});
