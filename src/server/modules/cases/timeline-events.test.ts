import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, type as } from '../../../../test/accounts.js';
import { buildCasesTestApp, staffMember } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import type { Timeline, TimelineEvent } from '../../../shared/cases.schema.js';

type Call = ReturnType<typeof as>;

/** Requests sent at once: on PostgreSQL they run in parallel transactions over the pool. */
const BURST = 10;

const codeOf = (response: LightMyRequestResponse) => response.json<{ error: { code: string } }>().error.code;

/** The timeline says what happened to a case's tasks and people, and why a case was closed or reopened. */
describe.each(TEST_DIALECTS)('timeline events of tasks, people, closing and reopening on %s', (dialect) => {
  const clock = testClock('2026-12-01T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let lawyer: { id: string; username: string; call: Call };

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = (await staffMember(t, 'coordinator', clock)).call;
    lawyer = await staffMember(t, 'lawyer', clock);
  });
  afterAll(() => t.cleanup());

  async function openCase(): Promise<string> {
    const response = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: 'Рапорт не приняли', assigneeIds: [lawyer.id] },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** The case's events after its opening and the lawyer's grant, oldest first. */
  async function eventsOf(caseId: string): Promise<TimelineEvent[]> {
    const response = await coordinator({ method: 'GET', url: `/api/cases/${caseId}/timeline?limit=200` });
    expect(response.statusCode).toBe(200);
    return response
      .json<Timeline>()
      .events.filter((e) => e.kind !== 'opened' && e.kind !== 'grant')
      .reverse();
  }

  function ok(response: LightMyRequestResponse, status: number) {
    expect(response.statusCode, response.body).toBe(status);
    return response;
  }

  it('records each change a task takes as its own event, naming the task, whom and which days', async () => {
    const caseId = await openCase();
    const tasks = `/api/cases/${caseId}/tasks`;
    const created = ok(
      await coordinator({ method: 'POST', url: tasks, payload: { title: 'Подать апелляцию', dueDate: '2026-12-20' } }),
      201,
    );
    const task = `${tasks}/${created.json<{ id: string }>().id}`;
    const patch = async (payload: object) => ok(await coordinator({ method: 'PATCH', url: task, payload }), 204);
    clock.advance(1000);
    await patch({ assigneeId: lawyer.id });
    clock.advance(1000);
    await patch({ dueDate: '2026-12-31' });
    clock.advance(1000);
    await patch({ done: true });
    clock.advance(1000);
    await patch({ done: true, dueDate: '2026-12-31', assigneeId: lawyer.id }); // nothing changes: no event
    clock.advance(1000);
    await patch({ done: false });
    clock.advance(1000);
    await patch({ title: 'Подать апелляционную жалобу' }); // a new title writes no event

    const subject = { kind: 'task', subjectTitle: 'Подать апелляционную жалобу', actorRole: 'coordinator' };
    expect(await eventsOf(caseId)).toMatchObject([
      { ...subject, detail: 'created', targetUserId: expect.any(String) as string, stageTo: null },
      { ...subject, detail: 'reassigned', targetUserId: lawyer.id, targetUsername: lawyer.username },
      { ...subject, detail: 'due_changed', stageFrom: '2026-12-20', stageTo: '2026-12-31' },
      { ...subject, detail: 'done' },
      { ...subject, detail: 'reopened' },
    ]);
  });

  it('records people added to the case, given another role and taken off it, by their roles', async () => {
    const caseId = await openCase();
    const linked = ok(
      await lawyer.call({
        method: 'POST',
        url: `/api/cases/${caseId}/people`,
        payload: { role: 'relative', person: { nameLatin: { family: 'Ivanova' } } },
      }),
      201,
    );
    const person = `/api/cases/${caseId}/people/${linked.json<{ personId: string }>().personId}`;
    clock.advance(1000);
    ok(await lawyer.call({ method: 'PATCH', url: person, payload: { role: 'spokesperson' } }), 204);
    clock.advance(1000);
    ok(await lawyer.call({ method: 'PATCH', url: person, payload: { isSpokesperson: true } }), 204); // role kept
    clock.advance(1000);
    ok(await lawyer.call({ method: 'DELETE', url: person }), 204);

    const actor = { kind: 'person', actorUsername: lawyer.username, actorRole: 'lawyer', subjectId: null };
    expect(await eventsOf(caseId)).toMatchObject([
      { ...actor, detail: 'added', stageFrom: null, stageTo: 'relative' },
      { ...actor, detail: 'role_changed', stageFrom: 'relative', stageTo: 'spokesperson' },
      { ...actor, detail: 'removed', stageFrom: 'spokesperson', stageTo: null },
    ]);
  });

  it('refuses a role no vocabulary offers and a person not on the case, naming what is wrong', async () => {
    const caseId = await openCase();
    const other = await openCase();
    const linked = ok(
      await coordinator({
        method: 'POST',
        url: `/api/cases/${other}/people`,
        payload: { role: 'relative', person: { nameLatin: { family: 'Petrova' } } },
      }),
      201,
    );
    const personId = linked.json<{ personId: string }>().personId;
    const unknownRole = await coordinator({
      method: 'PATCH',
      url: `/api/cases/${other}/people/${personId}`,
      payload: { role: 'emperor' },
    });
    expect([unknownRole.statusCode, codeOf(unknownRole)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknownRole.body).toContain('"path":"role"');
    const notOnIt = await coordinator({
      method: 'PATCH',
      url: `/api/cases/${caseId}/people/${personId}`,
      payload: { role: 'witness' },
    });
    expect([notOnIt.statusCode, codeOf(notOnIt)]).toEqual([404, 'NOT_FOUND']);
    expect(await eventsOf(caseId)).toEqual([]);
  });

  it('closes a case only with a reason, shown on the timeline, and reopens it with one if given', async () => {
    const caseId = await openCase();
    const close = (payload: object) => coordinator({ method: 'POST', url: `/api/cases/${caseId}/close`, payload });
    const bare = await close({});
    expect([bare.statusCode, codeOf(bare)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bare.body).toContain('"path":"reason"');
    ok(await close({ reason: 'Уволен по контракту' }), 204);
    clock.advance(1000);
    const reopen = { method: 'POST', url: `/api/cases/${caseId}/reopen` } as const;
    ok(await coordinator({ ...reopen, payload: { reason: 'Пришёл отказ' } }), 204);
    clock.advance(1000);
    ok(await close({ reason: 'Снова уволен' }), 204);
    clock.advance(1000);
    ok(await coordinator(reopen), 204); // no reason: reopening needs none
    expect(await eventsOf(caseId)).toMatchObject([
      { kind: 'close', body: 'Уволен по контракту', stageTo: 'closed' },
      { kind: 'reopen', body: 'Пришёл отказ', stageFrom: 'closed' },
      { kind: 'close', body: 'Снова уволен' },
      { kind: 'reopen', body: null },
    ]);
  });

  it('lets one of parallel closes through; the others answer CONFLICT, and the case is closed once', async () => {
    const caseId = await openCase();
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        coordinator({ method: 'POST', url: `/api/cases/${caseId}/close`, payload: { reason: `tab ${String(i)}` } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([204, ...Array<number>(BURST - 1).fill(409)]);
    expect(responses.filter((r) => r.statusCode === 409).map(codeOf)).toEqual(Array(BURST - 1).fill('CONFLICT'));
    expect((await eventsOf(caseId)).filter((e) => e.kind === 'close')).toHaveLength(1);

    const reopened = await Promise.all(
      Array.from({ length: BURST }, () => coordinator({ method: 'POST', url: `/api/cases/${caseId}/reopen` })),
    );
    expect(reopened.map((r) => r.statusCode).sort()).toEqual([204, ...Array<number>(BURST - 1).fill(409)]);
  });
});
