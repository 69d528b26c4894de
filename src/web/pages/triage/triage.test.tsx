// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { apiError, json, noContent, screenPerTest, sessionState, settle, stubApi } from '../../testing/harness.js';
import { CASE_ID, ID_A, ID_B, ID_C, VOCABULARIES, VOLUNTEER, detail, summary, until } from './fixtures.js';
import type { BulkIntakeRequest } from './intakeTypes.js';
import { queuePath, readQueueView } from './queueView.js';

const screen = screenPerTest();

const rows = () => [...screen.container.querySelectorAll<HTMLElement>('[data-testid="triage-row"]')];

describe('intake queue', () => {
  it('filters with pickers and sorts by a column header, both kept in the address, and loads more with the cursor', async () => {
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'intake' })),
      'GET /api/intake': (request) => {
        if (request.path.includes('cursor=')) {
          return json({ requests: [summary(ID_C, { ageSeconds: 2 * 86400 + 5, urgency: 'low' })], nextCursor: null });
        }
        if (request.path.includes('region=RU-BU')) {
          return json({ requests: [summary(ID_B, { status: 'in_triage', region: 'RU-BU' })], nextCursor: 'c1' });
        }
        return json({
          requests: [
            summary(ID_A, { urgency: 'critical', groupSize: 4, assigneeId: VOLUNTEER, assigneeUsername: 'olga' }),
            summary(ID_B, { status: 'in_triage' }),
          ],
          nextCursor: null,
        });
      },
    });
    await screen.render('/triage');
    await screen.find('triage-table');
    expect(screen.heading()).toBe('Intake');
    expect(rows().map((r) => [r.dataset.intakeId, r.dataset.status])).toEqual([
      [ID_A, 'new'],
      [ID_B, 'in_triage'],
    ]);
    // Words, not codes: urgency, age, region, channel, requester, assignee.
    const words = ['Critical', '3 h', 'Moscow', 'Web form', 'Relative', 'olga'];
    await until(() => words.every((word) => rows()[0]?.textContent.includes(word)));
    const first = rows()[0]?.textContent ?? '';
    for (const word of words) expect(first).toContain(word);
    expect(first).not.toContain('RU-MOW');
    expect(rows()[1]?.querySelector('[data-testid="triage-row-assignee"]')?.textContent).toBe('No one');
    // Most urgent first is the server's default: the urgency column says so, the others do not sort yet.
    expect(screen.byTestId('triage-sort-urgency')?.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.byTestId('triage-sort-age')?.closest('th')?.hasAttribute('aria-sort')).toBe(false);

    // Every filter is a picker; region and channel offer the vocabulary's words, assignee the people who triage.
    for (const key of ['status', 'urgency', 'region', 'channel', 'assignee']) {
      expect(screen.byTestId(`triage-filter-${key}`)?.tagName).toBe('SELECT');
    }
    await until(() => (screen.byTestId('triage-filter-assignee')?.textContent ?? '').includes('olga'));
    expect(screen.byTestId('triage-filter-region')?.textContent).toContain('Buryatia');
    expect(screen.byTestId('triage-filter-assignee')?.textContent).toContain('No one');
    await screen.choose('triage-filter-region', 'RU-BU');
    await screen.waitForPath('/triage?region=RU-BU');
    await screen.choose('triage-filter-channel', 'phone');
    await screen.choose('triage-filter-assignee', 'none');
    await screen.waitForPath('/triage?region=RU-BU&channel=phone&assignee=none');
    await screen.click('triage-sort-age');
    await screen.waitForPath('/triage?region=RU-BU&channel=phone&assignee=none&sort=waiting&order=desc');
    await screen.find('triage-more');
    expect(seen.at(-1)?.path).toBe('/api/intake?region=RU-BU&channel=phone&assignee=none&sort=waiting&order=desc');
    expect(rows().map((r) => r.dataset.intakeId)).toEqual([ID_B]);
    expect(screen.byTestId('triage-sort-age')?.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.byTestId('triage-sort-urgency')?.closest('th')?.hasAttribute('aria-sort')).toBe(false);

    await screen.click('triage-more');
    await until(() => rows().length === 2);
    expect(rows().map((r) => r.dataset.intakeId)).toEqual([ID_B, ID_C]);
    expect(seen.at(-1)?.path).toBe(
      '/api/intake?region=RU-BU&channel=phone&assignee=none&sort=waiting&order=desc&cursor=c1',
    );
    expect(rows()[1]?.textContent).toContain('2 d');
    expect(screen.byTestId('triage-more')).toBeNull();

    // The same header again sorts the other way.
    await screen.click('triage-sort-age');
    await screen.waitForPath('/triage?region=RU-BU&channel=phone&assignee=none&sort=waiting&order=asc');
    const ageSort = () => screen.byTestId('triage-sort-age')?.closest('th')?.getAttribute('aria-sort');
    await until(() => ageSort() === 'ascending');
    expect(ageSort()).toBe('ascending');
  });

  it('drops from the address what the server would refuse, with the same schema', () => {
    expect(readQueueView(new URLSearchParams('urgency=extreme&sort=sideways&region=&assignee=olga'))).toEqual({
      filters: {},
      sort: 'urgency',
      order: 'desc',
    });
    const view = readQueueView(new URLSearchParams('status=declined&sort=region&assignee=none'));
    expect(queuePath(view)).toBe('/api/intake?status=declined&assignee=none&sort=region&order=asc');
  });

  it('changes the checked requests at once, names each by its words, and says what changed and what did not', async () => {
    let queue = [summary(ID_A), summary(ID_B, { preview: 'We are a group of 15 held in a camp' }), summary(ID_C)];
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/intake': () => json({ requests: queue, nextCursor: null }),
      'POST /api/intake/bulk': (request) => {
        const body = request.body as BulkIntakeRequest;
        if (body.change.kind === 'decline') {
          queue = queue.filter((row) => !body.ids.includes(row.id));
          return json({ changed: body.ids, failed: [] });
        }
        // The second request became a case meanwhile, in another tab.
        const changed = body.ids.filter((id) => id !== ID_B);
        if (body.change.kind === 'urgency') {
          const urgency = body.change.urgency;
          queue = queue.map((row) => (changed.includes(row.id) ? { ...row, urgency } : row));
        }
        return json({ changed, failed: body.ids.includes(ID_B) ? [{ id: ID_B, code: 'CONFLICT' }] : [] });
      },
    });
    await screen.render('/triage');
    await screen.find('triage-table');
    const boxes = () => [...screen.container.querySelectorAll<HTMLInputElement>('[data-testid="triage-select"]')];
    // Each checkbox is named by the request's words and waiting time, never its id.
    const names = boxes().map((box) => document.querySelector(`label[for="${box.id}"]`)?.textContent ?? '');
    expect(names[1]).toBe('Select the request “We are a group of 15 held in a camp”, waiting 3 h');
    expect(names.join(' ')).not.toContain(ID_A);
    expect(screen.byTestId('triage-bulk-urgency-apply')).toHaveProperty('disabled', true);

    await screen.click('triage-select-all');
    expect(boxes().every((box) => box.checked)).toBe(true);
    await screen.click('triage-select-all');
    expect(boxes().some((box) => box.checked)).toBe(false);
    boxes()[0]?.click();
    boxes()[1]?.click();
    await settle();
    expect(screen.byTestId('triage-bulk')?.querySelector('h3')?.textContent).toBe('Selected requests: 2');
    await screen.choose('triage-bulk-urgency', 'critical');
    await screen.click('triage-bulk-urgency-apply');
    await screen.find('triage-bulk-result');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      ids: [ID_A, ID_B],
      change: { kind: 'urgency', urgency: 'critical' },
    });
    const result = screen.byTestId('triage-bulk-result')?.textContent ?? '';
    expect(result).toContain('Requests updated: 1.');
    expect(result).toContain('Not changed: 1.');
    expect(result).toContain(
      'Request “We are a group of 15 held in a camp”, waiting 3 h: already triaged by someone else (a case opened from it, attached or declined)',
    );
    await until(() => rows()[0]?.querySelector('[data-urgency]')?.getAttribute('data-urgency') === 'critical');
    expect(rows()[0]?.querySelector('[data-urgency]')?.getAttribute('data-urgency')).toBe('critical');
    // The selection is cleared after a change.
    expect(boxes().some((box) => box.checked)).toBe(false);

    boxes()[2]?.click();
    await settle();
    await screen.choose('triage-bulk-assignee', VOLUNTEER);
    await screen.click('triage-bulk-assign-apply');
    await until(() => seen.filter((r) => r.method === 'POST').length === 2);
    expect(seen.filter((r) => r.method === 'POST')[1]?.body).toEqual({
      ids: [ID_C],
      change: { kind: 'assign', assigneeId: VOLUNTEER },
    });

    await until(() => !(screen.byTestId('triage-bulk-spam') as HTMLButtonElement | null)?.disabled);
    boxes()[0]?.click();
    await settle();
    await screen.click('triage-bulk-spam');
    // Asked first: nothing is sent until confirmed.
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(2);
    await screen.click('confirm-yes');
    await until(() => rows().length === 2);
    expect(seen.filter((r) => r.method === 'POST')[2]?.body).toEqual({
      ids: [ID_A],
      change: { kind: 'decline', reason: 'spam' },
    });
    expect(screen.byTestId('triage-bulk-result')?.textContent).toBe('Requests updated: 1.');
  });

  it('shows a refusal of the whole change as the catalogue message', async () => {
    stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'intake' })),
      'GET /api/intake': () => json({ requests: [summary(ID_A)], nextCursor: null }),
      'POST /api/intake/bulk': () => apiError(403, 'FORBIDDEN'),
    });
    await screen.render('/triage');
    await screen.click('triage-select-all');
    await screen.click('triage-bulk-urgency-apply');
    expect((await screen.find('triage-bulk-error')).dataset.code).toBe('FORBIDDEN');
  });
});

describe('triage page', () => {
  it('shows the request and declines it with a reason, with the request header', async () => {
    let request = detail({
      messages: [{ id: 'm1', body: 'He is in Moscow now.', createdAt: '2026-11-25T08:00:00.000Z' }],
      possibleMatches: {
        requests: 0,
        people: 1,
        cases: 1,
        records: [{ recordType: 'case', id: CASE_ID, number: '2026-0042' }],
      },
    });
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      [`GET /api/intake/${ID_A}`]: () => json(request),
      [`POST /api/intake/${ID_A}/decline`]: (sent) => {
        const { reason } = sent.body as { reason: string };
        request = { ...request, status: 'declined', declineReason: reason };
        return noContent();
      },
    });
    await screen.render(`/triage/${ID_A}`);
    expect((await screen.find('triage-text')).textContent).toContain('Please call.');
    await settle();
    const details = screen.byTestId('triage-details')?.textContent ?? '';
    // The public form's own labels, and values as words.
    expect(details).toContain('Who are you?');
    expect(details).toContain('Relative');
    expect(details).toContain('Moscow');
    expect(details).not.toContain('RU-MOW');
    expect(screen.byTestId('triage-message')?.textContent).toContain('He is in Moscow now.');
    expect(screen.byTestId('triage-status')?.dataset.status).toBe('new');
    const caseLink = screen.container.querySelector<HTMLAnchorElement>('[data-testid="triage-match-case"]');
    expect(caseLink?.textContent).toBe('2026-0042');
    expect(caseLink?.getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    // Every triage action is in the one section at the top: open a case, attach to the matching one, decline.
    const actions = screen.container.querySelector('[aria-labelledby="triage-actions-heading"]');
    expect(actions?.querySelector('[data-testid="triage-open-case"]')?.getAttribute('href')).toBe(
      `/cases/new?intake=${ID_A}`,
    );
    expect(actions?.querySelector('[data-testid="triage-attach"]')?.textContent).toBe('Attach to 2026-0042');
    expect(actions?.querySelector('[data-testid="triage-assignee"]')).not.toBeNull();

    await screen.choose('triage-decline-reason', 'out_of_scope');
    await screen.click('triage-decline');
    // Asked first: nothing is sent until confirmed.
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    await screen.click('confirm-yes');
    await screen.find('triage-closed');

    const decline = seen.find((r) => r.method === 'POST');
    expect(decline?.path).toBe(`/api/intake/${ID_A}/decline`);
    expect(decline?.body).toEqual({ reason: 'out_of_scope' });
    expect(decline?.headers.get('X-Homeward-Request')).toBe('1');
    expect(screen.byTestId('triage-status')?.dataset.status).toBe('declined');
    expect(screen.byTestId('triage-status')?.textContent).toBe('Declined');
    expect(screen.byTestId('triage-notice')?.textContent).toBe('The request has been declined.');
    expect(screen.byTestId('triage-open-case')).toBeNull();
  });

  it('has the request wait for a volunteer chosen from the picker, and shows who', async () => {
    let request = detail();
    const seen = stubApi({
      ...VOCABULARIES,
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      [`GET /api/intake/${ID_A}`]: () => json(request),
      [`PATCH /api/intake/${ID_A}`]: (sent) => {
        const { assigneeId } = sent.body as { assigneeId: string | null };
        request = { ...request, assigneeId, assigneeUsername: assigneeId === null ? null : 'olga' };
        return noContent();
      },
    });
    await screen.render(`/triage/${ID_A}`);
    await until(() => (screen.byTestId('triage-assignee')?.textContent ?? '').includes('olga'));
    expect(screen.byTestId('triage-assignee')?.textContent).toBe('No oneMeolga (Intake volunteer)');
    await screen.choose('triage-assignee', VOLUNTEER);
    // Not "take into triage" too: only what changed is sent.
    await screen.click('triage-take');
    await screen.click('triage-save');
    await screen.find('triage-notice');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ assigneeId: VOLUNTEER });
    await until(() => (screen.byTestId('triage-details')?.textContent ?? '').includes('olga'));
    expect(screen.byTestId('triage-details')?.textContent).toContain('Assigned toolga');
  });
});
