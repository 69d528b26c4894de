import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, type as } from '../../../../test/accounts.js';
import { buildCasesTestApp, staffMember } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { proposalsOf } from '../../../shared/task-deadlines.js';
import type { Term, TermsResponse } from '../../../shared/vocabularies.js';

type Call = ReturnType<typeof as>;

/** Requests sent at once: on PostgreSQL they run in parallel transactions over the pool. */
const BURST = 10;

const APPEAL = { titleRu: 'Подать апелляцию', titleEn: 'File the appeal', dueInMonths: 1 };
const ANSWER = { titleRu: 'Проверить ответ', titleEn: 'Check the answer', dueInDays: 30 };

const fieldsOf = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string; fields?: { path: string }[] } }>().error.fields?.map((f) => f.path) ?? [];

/**
 * The rules a stage or outcome carries as data, edited by coordinators: whether
 * an outcome may be recorded at a stage, and the tasks it proposes with their
 * periods from the law.
 */
describe.each(TEST_DIALECTS)('stage and outcome rules edited through the vocabulary API on %s', (dialect) => {
  const clock = testClock('2026-12-01T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: Call;
  let caseworker: Call;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = (await staffMember(t, 'coordinator', clock)).call;
    caseworker = (await staffMember(t, 'caseworker', clock)).call;
  });
  afterAll(() => t.cleanup());

  async function termOf(vocabulary: string, code: string): Promise<Term> {
    const response = await coordinator({ method: 'GET', url: `/api/vocabularies/${vocabulary}?includeRetired=true` });
    const term = response.json<TermsResponse>().terms.find((each) => each.code === code);
    if (term === undefined) throw new Error(`no ${vocabulary} term ${code}`);
    return term;
  }
  const patch = (call: Call, term: Term, payload: object) =>
    call({ method: 'PATCH', url: `/api/vocabularies/${term.vocabulary}/terms/${term.id}`, payload });
  const updates = async (termId: string) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', termId)
        .where('action', '=', 'vocabulary.update')
        .execute()
    ).length;

  it('lets a coordinator let a stage take an outcome and propose tasks, keeping its other attributes, audited', async () => {
    const stage = await termOf('stage', 'court_first_instance');
    expect(stage.attributes.allowsOutcome).toBeUndefined();
    const saved = await patch(coordinator, stage, {
      attributeChanges: { allowsOutcome: true, proposedTasks: [APPEAL, ANSWER] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await termOf('stage', 'court_first_instance');
    expect(after.attributes).toEqual({ ...stage.attributes, allowsOutcome: true, proposedTasks: [APPEAL, ANSWER] });
    expect(proposalsOf(after.attributes)).toEqual([APPEAL, ANSWER]);
    expect(await updates(stage.id)).toBe(1);

    // The case page's rule follows the data: a case at that stage may now record its outcome.
    const opened = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: 'Иск в гарнизонный суд' },
    });
    const caseId = opened.json<{ id: string }>().id;
    await t.db.updateTable('cases').set({ stage: 'court_first_instance' }).where('id', '=', caseId).execute();
    const outcome = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/outcome`,
      payload: { outcome: 'court_claim_rejected' },
    });
    expect(outcome.statusCode, outcome.body).toBe(204);

    // null takes a key away; the same change again writes and audits nothing.
    expect((await patch(coordinator, stage, { attributeChanges: { proposedTasks: null } })).statusCode).toBe(200);
    expect((await termOf('stage', 'court_first_instance')).attributes.proposedTasks).toBeUndefined();
    expect((await patch(coordinator, stage, { attributeChanges: { proposedTasks: null } })).statusCode).toBe(200);
    expect(await updates(stage.id)).toBe(2);
  });

  it('refuses a proposal without a period, with two, or out of bounds, and an unknown rule, naming each and writing nothing', async () => {
    const stage = await termOf('stage', 'appeal');
    const outcome = await termOf('outcome', 'court_claim_rejected');
    const refusals: [Term, object, string][] = [
      [stage, { proposedTasks: [{ titleRu: 'а', titleEn: 'a' }] }, 'attributes.proposedTasks.0.dueInDays'],
      [stage, { proposedTasks: [{ ...APPEAL, dueInDays: 3 }] }, 'attributes.proposedTasks.0.dueInDays'],
      [stage, { proposedTasks: [APPEAL, { ...APPEAL, dueInMonths: 0 }] }, 'attributes.proposedTasks.1.dueInMonths'],
      [stage, { proposedTasks: [{ ...ANSWER, titleEn: ' ' }] }, 'attributes.proposedTasks.0.titleEn'],
      [stage, { proposedTasks: Array(11).fill(ANSWER) }, 'attributes.proposedTasks'],
      [stage, { allowsOutcome: 'yes' }, 'attributes.allowsOutcome'],
      [outcome, { allowsOutcome: true }, 'attributes'],
    ];
    const before = [await termOf('stage', 'appeal'), await termOf('outcome', 'court_claim_rejected')];
    for (const [term, changes, path] of refusals) {
      const response = await patch(coordinator, term, { attributeChanges: changes });
      expect([response.statusCode, fieldsOf(response)], JSON.stringify(changes)).toEqual([400, [path]]);
    }
    const both = await patch(coordinator, stage, { attributes: {}, attributeChanges: {} });
    expect([both.statusCode, fieldsOf(both)]).toEqual([400, ['attributeChanges']]);
    const refused = await patch(caseworker, stage, { attributeChanges: { allowsOutcome: true } });
    expect(refused.statusCode).toBe(403);
    expect([await termOf('stage', 'appeal'), await termOf('outcome', 'court_claim_rejected')]).toEqual(before);
    expect(await updates(stage.id)).toBe(0);
  });

  it('keeps both of parallel changes to different rules of one term, each audited', async () => {
    const outcome = await termOf('outcome', 'court_claim_rejected');
    const proposals = Array.from({ length: BURST }, (_, i) => ({ ...ANSWER, dueInDays: i + 1 }));
    const responses = await Promise.all(
      proposals.map((proposal, i) =>
        patch(
          coordinator,
          outcome,
          i % 2 === 0
            ? { attributeChanges: { proposedTasks: [proposal] } }
            : { attributeChanges: { aliases: [`alias ${String(i)}`] } },
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array<number>(BURST).fill(200));
    const after = (await termOf('outcome', 'court_claim_rejected')).attributes;
    // Each key holds one whole change of its own; neither kind undid the other.
    expect(proposals.filter((_, i) => i % 2 === 0).map((p) => [p])).toContainEqual(after.proposedTasks);
    expect(proposals.map((_, i) => [`alias ${String(i)}`]).filter((_, i) => i % 2 === 1)).toContainEqual(after.aliases);
    expect(after.closes).toBe(outcome.attributes.closes);
    expect(await updates(outcome.id)).toBe(BURST);
  });
});
