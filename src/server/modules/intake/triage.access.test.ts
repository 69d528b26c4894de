import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp, openForm, postForm } from '../../../../test/intake.js';
import { readableIntakeIds } from './triage.service.js';

type Call = ReturnType<typeof as>;

const FORM = {
  lang: 'ru',
  contact: 'signal: probe-1',
  requesterRole: 'spouse',
  groupSize: '1',
  region: 'RU-MOW',
  urgency: 'normal',
  consentDocumentation: '1',
};

describe.each(TEST_DIALECTS)("an intake volunteer's need to know on %s", (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let volunteer: Call;
  let coordinator: Call;
  let address = 0;

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
    const db = t.database.handle.db;
    volunteer = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'intake', clock), clock));
    coordinator = as(t.app, await signIn(t.app, await buildUser(db, t.keyring, 'coordinator', clock), clock));
  });
  afterAll(() => t.cleanup());

  /** Posts the public form as anyone can, and answers the new request's id. */
  async function plant(handle: string, text: string): Promise<string> {
    const db = t.database.handle.db;
    const before = new Set((await db.selectFrom('intake_requests').select('id').execute()).map((r) => r.id));
    const from = `192.0.2.${String((address += 1))}`;
    const form = await openForm(t.app, '/intake', from);
    const fields = { ...FORM, handle, text, csrf: form.csrf, submission: form.submission };
    const posted = await postForm(t.app, '/intake', fields, { cookie: form.cookie, address: from });
    expect([200, 303]).toContain(posted.statusCode);
    const after = await db.selectFrom('intake_requests').select('id').execute();
    const id = after.map((r) => r.id).find((r) => !before.has(r));
    if (id === undefined) throw new Error('the form stored no request');
    return id;
  }

  async function caseNamed(family: string, intakeId?: string): Promise<string> {
    const created = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'contract_termination', title: `${family}: рапорт`, ...(intakeId ? { intakeId } : {}) },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const linked = await coordinator({
      method: 'POST',
      url: `/api/cases/${id}/people`,
      payload: { role: 'serviceman', person: { nameCyrillic: { family, given: 'Пётр' } } },
    });
    expect(linked.statusCode).toBe(201);
    return id;
  }

  const matches = async (call: Call, intakeId: string) => {
    const detail = await call({ method: 'GET', url: `/api/intake/${intakeId}` });
    expect(detail.statusCode).toBe(200);
    return detail.json<{ possibleMatches: Record<string, unknown> }>().possibleMatches;
  };

  it('cannot tell from the possible matches whether a surname is in a case', async () => {
    await caseNamed('Затейкин');
    const known = await plant('Затейкин', 'Затейкин не вернулся из части');
    const unknown = await plant('Щеглов', 'Щеглов не вернулся из части');

    // The probe is a real one: a coordinator is shown the case and the person.
    const seen = await matches(coordinator, known);
    expect(seen).toMatchObject({ cases: 1, people: 1 });
    expect(await matches(coordinator, unknown)).toMatchObject({ cases: 0, people: 0 });

    const answerKnown = await matches(volunteer, known);
    const answerUnknown = await matches(volunteer, unknown);
    expect(answerKnown).toEqual(answerUnknown);
    expect(answerKnown).toEqual({ requests: 0, records: [] });
  });

  it('sees matches among open requests, and loses one when it becomes a case', async () => {
    const first = await plant('Кудрявцев', 'Кудрявцев пропал после ранения');
    const second = await plant('Кудрявцев', 'Кудрявцев, брат, ищем');
    expect(await matches(volunteer, second)).toEqual({
      requests: 1,
      records: [{ recordType: 'intake', id: first, number: null }],
    });
    await caseNamed('Кудрявцев', first);
    expect(await matches(volunteer, second)).toEqual({ requests: 0, records: [] });
    expect(await matches(coordinator, second)).toMatchObject({ cases: 1, requests: 1 });
  });

  it('cannot find through search a request that became a case, nor count it', async () => {
    const search = async (call: Call) => {
      const found = await call({
        method: 'GET',
        url: '/api/search?q=%D0%A1%D0%B2%D0%B8%D1%80%D0%B8%D0%B4%D0%BE%D0%B2&types=intake',
      });
      expect(found.statusCode).toBe(200);
      return found.json<{ results: { id: string }[]; total: number }>();
    };
    const opened = await plant('Свиридов', 'Свиридов: отказ в увольнении');
    const pending = await plant('Свиридов', 'Свиридов: брат пишет ещё раз');
    expect((await search(volunteer)).total).toBe(2);
    await caseNamed('Свиридов', opened);

    const seen = await search(volunteer);
    expect(seen.results.map((r) => r.id)).toEqual([pending]);
    expect(seen.total).toBe(1);
    // A coordinator still finds both.
    expect((await search(coordinator)).total).toBe(2);
  });

  it('no longer reads a request once it became a case, and is refused like on any foreign object', async () => {
    const opened = await plant('Голубев', 'Голубев: контракт продлили без согласия');
    const attached = await plant('Голубева', 'Голубева: о муже, дополнение');
    expect((await volunteer({ method: 'GET', url: `/api/intake/${opened}` })).statusCode).toBe(200);
    const caseId = await caseNamed('Голубев', opened);
    const attach = await coordinator({
      method: 'POST',
      url: `/api/cases/${caseId}/attach-intake`,
      payload: { intakeId: attached },
    });
    expect(attach.statusCode).toBeLessThan(300);

    const missing = await volunteer({ method: 'GET', url: `/api/intake/${crypto.randomUUID()}` });
    for (const id of [opened, attached]) {
      const refused = await volunteer({ method: 'GET', url: `/api/intake/${id}` });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toBe(missing.body);
      for (const [method, url, payload] of [
        ['PATCH', `/api/intake/${id}`, { urgency: 'high' }],
        ['POST', `/api/intake/${id}/decline`, { reason: 'spam' }],
      ] as const) {
        const change = await volunteer({ method, url, payload });
        expect(change.statusCode, `${method} ${url}`).toBe(404);
        expect(change.body).toBe(missing.body);
      }
      const denied = await t.database.handle.db
        .selectFrom('audit_log')
        .select(['action', 'outcome'])
        .where('object_id', '=', id)
        .where('outcome', '=', 'denied')
        .execute();
      expect(denied).toEqual(Array.from({ length: 3 }, () => ({ action: 'intake.read', outcome: 'denied' })));
      expect((await coordinator({ method: 'GET', url: `/api/intake/${id}` })).statusCode).toBe(200);
    }

    for (const status of ['opened', 'attached', undefined]) {
      const list = await volunteer({ method: 'GET', url: `/api/intake${status ? `?status=${status}` : ''}` });
      expect(list.statusCode).toBe(200);
      const ids = list.json<{ requests: { id: string }[] }>().requests.map((r) => r.id);
      expect(ids).not.toContain(opened);
      expect(ids).not.toContain(attached);
      expect(list.body).not.toContain('Голубев');
    }
    const coordinatorList = await coordinator({ method: 'GET', url: '/api/intake?status=opened' });
    expect(coordinatorList.json<{ requests: { id: string }[] }>().requests.map((r) => r.id)).toContain(opened);

    // The same rule for other listings (search results), over many ids at once.
    const pending = await plant('Голубцов', 'Голубцов: ещё открыт');
    const ids = [opened, attached, pending, ...Array.from({ length: 1200 }, () => crypto.randomUUID())];
    const db = t.database.handle.db;
    expect([...(await readableIntakeIds(db, { userId: 'v', role: 'intake' }, ids))]).toEqual([pending]);
    const all = await readableIntakeIds(db, { userId: 'c', role: 'coordinator' }, ids);
    expect([...all].sort()).toEqual([opened, attached, pending].sort());
  });
});
