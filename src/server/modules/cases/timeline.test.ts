import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../../test/accounts.js';
import { buildCasesTestApp } from '../../../../test/cases.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { TIMELINE_MAX_LIMIT } from './cases.schema.js';

interface Page {
  events: { id: string; kind: string; at: string; body: string | null }[];
  nextCursor: string | null;
}

describe.each(TEST_DIALECTS)('the timeline in pages on %s', (dialect) => {
  const clock = testClock('2026-11-29T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof buildCasesTestApp>>;
  let coordinator: ReturnType<typeof as>;
  let caseId: string;

  beforeAll(async () => {
    t = await buildCasesTestApp(dialect, clock);
    coordinator = as(t.app, await signIn(t.app, await buildUser(t.db, t.keyring, 'coordinator', clock), clock));
    const opened = await coordinator({
      method: 'POST',
      url: '/api/cases',
      payload: { type: 'benefits', title: 'Страницы' },
    });
    caseId = opened.json<{ id: string }>().id;
    // Three notes a minute apart, then four in the same millisecond: the id breaks the tie.
    for (let i = 0; i < 7; i++) {
      if (i < 3) clock.advance(60_000);
      const note = await coordinator({
        method: 'POST',
        url: `/api/cases/${caseId}/notes`,
        payload: { body: `Запись ${String(i)}` },
      });
      expect(note.statusCode).toBe(201);
    }
  });
  afterAll(() => t.cleanup());

  async function walk(limit: number): Promise<Page['events'][]> {
    const pages: Page['events'][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const response = await coordinator({
        method: 'GET',
        url: `/api/cases/${caseId}/timeline?limit=${String(limit)}${query}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json<Page>();
      pages.push(page.events);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  }

  it('walks every event once, newest first, in pages of the asked size', async () => {
    const whole = (await walk(100)).flat();
    expect(whole).toHaveLength(8);
    expect(whole.at(-1)?.kind).toBe('opened');
    const sorted = [...whole].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    expect(whole.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    for (const limit of [1, 3]) {
      const pages = await walk(limit);
      expect(pages.map((p) => p.length)).toEqual(limit === 1 ? Array<number>(8).fill(1) : [3, 3, 2]);
      expect(pages.flat().map((e) => e.id)).toEqual(whole.map((e) => e.id));
    }
  });

  it('refuses a page larger than the maximum and a cursor it did not make, naming the field', async () => {
    const big = await coordinator({
      method: 'GET',
      url: `/api/cases/${caseId}/timeline?limit=${String(TIMELINE_MAX_LIMIT + 1)}`,
    });
    expect(big.statusCode).toBe(400);
    expect(big.json<{ error: { code: string; fields: { path: string }[] } }>().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [expect.objectContaining({ path: 'query.limit' })],
    });
    const bad = await coordinator({ method: 'GET', url: `/api/cases/${caseId}/timeline?cursor=zz` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toEqual(['cursor']);
  });
});
