import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import type { TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildIntakeApp } from '../../../../test/intake.js';
import type { BulkIntakeResult, IntakeList, Urgency } from '../../../shared/intake.schema.js';
import { createIntakeRequest } from './intake.service.js';

type Call = ReturnType<typeof as>;

/** More than a page (50), so sorting and the cursor are seen across pages. */
const QUEUE = 64;
const URGENCY_ORDER: Urgency[] = ['low', 'normal', 'high', 'critical'];

describe.each(TEST_DIALECTS)('the triage queue: sorting and bulk changes on %s', (dialect) => {
  const clock = testClock('2026-11-30T09:00:00.000Z');
  let t: TestApp;
  let coordinator: Call;
  let volunteer: Call;
  let volunteerId: string;
  let lawyerId: string;
  const ids: string[] = [];

  const db = () => t.database.handle.db;

  async function request(urgency: Urgency, region: string | null): Promise<string> {
    const created = await createIntakeRequest(
      { db: db(), keyring: t.keyring, clock },
      {
        handle: null,
        contact: null,
        requesterRole: 'parent',
        groupSize: 1,
        region,
        urgency,
        text: 'Сына забрали в военкомат',
        consentDocumentation: false,
        consentStatistics: false,
      },
      // Every eighth came by phone.
      { channel: ids.length % 8 === 0 ? 'phone' : 'web_form' },
    );
    // Requests arrive a minute apart; some share a received time, so ties are ordered by id.
    if (ids.length % 3 !== 0) clock.advance(60_000);
    return created.id;
  }

  beforeAll(async () => {
    t = await buildIntakeApp(dialect, clock);
    const regions = ['RU-BU', 'RU-MOW', null, 'RU-SPE'];
    for (let i = 0; i < QUEUE; i += 1) {
      ids.push(await request(URGENCY_ORDER[(i * 7) % 4] ?? 'normal', regions[(i * 5) % 4] ?? null));
    }
    // Signed in after the requests came in: the sessions stay fresh.
    coordinator = as(t.app, await signIn(t.app, await buildUser(db(), t.keyring, 'coordinator', clock), clock));
    const volunteerUser = await buildUser(db(), t.keyring, 'intake', clock);
    volunteerId = volunteerUser.user.id;
    volunteer = as(t.app, await signIn(t.app, volunteerUser, clock));
    lawyerId = (await buildUser(db(), t.keyring, 'lawyer', clock)).user.id;
  });
  afterAll(() => t.cleanup());

  async function all(query: string): Promise<IntakeList['requests']> {
    const rows: IntakeList['requests'] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/intake?${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
      const response = await volunteer({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<IntakeList>();
      rows.push(...page.requests);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return rows;
  }

  const time = (row: { createdAt: string; id: string }) => `${row.createdAt}|${row.id}`;

  it.each([
    ['urgency', 'desc'],
    ['urgency', 'asc'],
    ['received', 'desc'],
    ['received', 'asc'],
    ['waiting', 'desc'],
    ['region', 'asc'],
    ['region', 'desc'],
  ] as const)('sorts by %s %s across pages, each request once, ties oldest first', async (sort, order) => {
    const rows = await all(`sort=${sort}&order=${order}`);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const sign = order === 'asc' ? 1 : -1;
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (a === undefined || b === undefined) continue;
      if (sort === 'received' || sort === 'waiting') {
        const timeSign = sort === 'received' ? sign : -sign;
        expect(Math.sign(time(b).localeCompare(time(a)))).toBe(timeSign);
        continue;
      }
      const key = (r: typeof a) => (sort === 'urgency' ? URGENCY_ORDER.indexOf(r.urgency) : (r.region ?? ''));
      const [ka, kb] = [key(a), key(b)];
      if (ka === kb) expect(time(b) > time(a)).toBe(true);
      else expect((kb > ka ? 1 : -1) * sign).toBe(1);
    }
  });

  it('filters by region, channel and assignee, and refuses a cursor of another sort', async () => {
    const buryatia = await all('region=RU-BU');
    expect(buryatia.length).toBe(QUEUE / 4);
    expect(new Set(buryatia.map((r) => r.region))).toEqual(new Set(['RU-BU']));
    const byPhone = await all('channel=phone&sort=received&order=asc');
    expect(byPhone.map((r) => r.id)).toEqual(ids.filter((_, i) => i % 8 === 0));
    const phoneBuryatia = (await all('channel=phone&region=RU-BU')).map((r) => r.id).sort();
    expect(phoneBuryatia).toEqual(
      byPhone
        .filter((r) => r.region === 'RU-BU')
        .map((r) => r.id)
        .sort(),
    );
    expect(phoneBuryatia.length).toBeGreaterThan(0);
    const first = await volunteer({ method: 'GET', url: '/api/intake?sort=received' });
    const cursor = first.json<IntakeList>().nextCursor;
    const wrong = await volunteer({ method: 'GET', url: `/api/intake?sort=region&cursor=${String(cursor)}` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('cursor');
  });

  const bulk = (call: Call, payload: unknown) =>
    call({ method: 'POST', url: '/api/intake/bulk', payload: payload as Record<string, unknown> });

  it('sets urgency and assigns many requests, audited one by one, and lists them as waiting for the volunteer', async () => {
    const chosen = ids.slice(0, 5);
    const urgent = await bulk(volunteer, { ids: chosen, change: { kind: 'urgency', urgency: 'critical' } });
    expect(urgent.statusCode).toBe(200);
    expect(urgent.json<BulkIntakeResult>()).toEqual({ changed: chosen, failed: [] });
    const assigned = await bulk(coordinator, { ids: chosen, change: { kind: 'assign', assigneeId: volunteerId } });
    expect(assigned.json<BulkIntakeResult>().changed).toEqual(chosen);
    const mine = await all(`assignee=${volunteerId}`);
    expect(mine.map((r) => r.id).sort()).toEqual([...chosen].sort());
    expect(new Set(mine.map((r) => [r.urgency, r.assigneeUsername !== null].join()))).toEqual(
      new Set(['critical,true']),
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('object_id', 'in', chosen)
      .where('action', 'in', ['intake.update', 'intake.assign'])
      .execute();
    expect(audit.length).toBe(10);
  });

  it('refuses an assignee who cannot work the queue, changing nothing', async () => {
    const before = await db().selectFrom('intake_requests').select(['id', 'assignee_id']).orderBy('id').execute();
    const refused = await bulk(coordinator, { ids: ids.slice(5, 8), change: { kind: 'assign', assigneeId: lawyerId } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { fields: { path: string; reason: string }[] } }>().error.fields).toMatchObject([
      { path: 'change.assigneeId', reason: 'not_found' },
    ]);
    expect(await db().selectFrom('intake_requests').select(['id', 'assignee_id']).orderBy('id').execute()).toEqual(
      before,
    );
  });

  it('declines the rest as spam while a coordinator opens a case from some: each request goes one way, and the answer says which failed', async () => {
    const chosen = ids.slice(10, 30);
    const racing = chosen.filter((_, i) => i % 4 === 0);
    const [declined, ...opened] = await Promise.all([
      bulk(volunteer, {
        ids: [...chosen, '7a1c1d5e-0000-4000-8000-0000000000ff'],
        change: { kind: 'decline', reason: 'spam' },
      }),
      ...racing.map((intakeId) =>
        coordinator({
          method: 'POST',
          url: '/api/cases',
          payload: { type: 'family_petition', title: 'Сын', intakeId },
        }),
      ),
    ]);
    expect(declined.statusCode).toBe(200);
    const result = declined.json<BulkIntakeResult>();
    const openedIds = racing.filter((_, i) => opened[i]?.statusCode === 201);
    const lostCase = racing.filter((_, i) => opened[i]?.statusCode === 409);
    expect(openedIds.length + lostCase.length).toBe(racing.length);
    // A request opened as a case first is no longer the volunteer's to see: NOT_FOUND, as for no such request.
    // One declined first is a CONFLICT for the case.
    const missing = '7a1c1d5e-0000-4000-8000-0000000000ff';
    expect(
      result.failed
        .filter((f) => f.code === 'NOT_FOUND')
        .map((f) => f.id)
        .sort(),
    ).toEqual([...openedIds, missing].sort());
    expect([...result.changed].sort()).toEqual(chosen.filter((id) => !openedIds.includes(id)).sort());
    const rows = await db()
      .selectFrom('intake_requests')
      .select(['id', 'status', 'decline_reason'])
      .where('id', 'in', chosen)
      .execute();
    for (const row of rows) {
      expect(row.status).toBe(openedIds.includes(row.id) ? 'opened' : 'declined');
      if (row.status === 'declined') expect(row.decline_reason).toBe('spam');
    }
    const audited = await db()
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'intake.decline')
      .where('object_id', 'in', chosen)
      .execute();
    expect(audited.map((a) => a.object_id).sort()).toEqual([...result.changed].sort());
  });
});
