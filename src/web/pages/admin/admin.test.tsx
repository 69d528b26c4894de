// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, UserSummary } from '../../api/accounts.js';
import { json, noContent, sessionState, stubApi, screenPerTest } from '../../testing/harness.js';

const screen = screenPerTest();

const ME = sessionState({ role: 'admin' });
const OLGA: UserSummary = {
  id: '6f1c1d5e-0000-4000-8000-000000000002',
  username: 'olga',
  role: 'caseworker',
  disabled: false,
  factorEnrolled: true,
  createdAt: '2026-11-20T09:00:00.000Z',
  activeSessions: 2,
};
const SELF: UserSummary = { ...OLGA, id: ME.user.id, username: ME.user.username, role: 'admin' };

function entry(seq: number, action: string): AuditEntry {
  return {
    seq,
    at: '2026-11-25T10:00:00.000Z',
    actorId: OLGA.id,
    actorUsername: seq % 2 ? 'olga' : null,
    action,
    objectType: 'user',
    objectId: OLGA.id,
    objectLabel: 'olga',
    objectOpen: true,
    outcome: 'success',
    hash: `${String(seq).padStart(4, '0')}abcdef01`.padEnd(64, '9'),
  };
}

describe('users page', () => {
  it('changes a role, and resets a second factor only after confirming', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(ME),
      'GET /api/users': () => json({ users: [SELF, OLGA] }),
      'PATCH /api/users/6f1c1d5e-0000-4000-8000-000000000002': () => json({ ...OLGA, role: 'lawyer' }),
      'POST /api/users/6f1c1d5e-0000-4000-8000-000000000002/factor-reset': () => noContent(),
    });
    await screen.render('/admin/users');
    await screen.find('users-table');
    const rows = screen.container.querySelectorAll<HTMLElement>('[data-testid="user-row"]');
    expect([...rows].map((r) => r.dataset.username)).toEqual(['vera', 'olga']);
    // An admin cannot demote or disable themself from here.
    expect(rows[0]?.querySelector<HTMLSelectElement>('[data-testid="user-role"]')?.disabled).toBe(true);

    const olga = rows[1];
    const select = olga?.querySelector<HTMLSelectElement>('[data-testid="user-role"]');
    if (!olga || !select) throw new Error('no row for olga');
    await act(async () => {
      select.value = 'lawyer';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Choosing is not saving: a keyboard user arrowing through the list promotes no one.
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);
    await act(async () => olga.querySelector<HTMLElement>('[data-testid="user-role-save"]')?.click());
    await screen.find('users-notice');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ role: 'lawyer' });

    await act(async () => olga.querySelector<HTMLElement>('[data-testid="user-factor-reset"]')?.click());
    expect(seen.some((r) => r.path.endsWith('/factor-reset'))).toBe(false);
    expect(olga.querySelector('[data-testid="confirm"]')?.textContent).toContain('olga');
    await act(async () => olga.querySelector<HTMLElement>('[data-testid="confirm-yes"]')?.click());
    await screen.find('users-notice');
    const reset = seen.find((r) => r.path.endsWith('/factor-reset'));
    expect(reset?.method).toBe('POST');
    expect(reset?.headers.get('X-Homeward-Request')).toBe('1');
  });

  it('creates a user and says the second factor comes at first sign-in', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(ME),
      'GET /api/users': () => json({ users: [SELF] }),
      'POST /api/users': () => json({ ...OLGA, username: 'new.one', factorEnrolled: false }, 201),
    });
    await screen.render('/admin/users');
    expect(screen.container.textContent).toContain(
      'set up the authenticator app (second factor) at their first sign-in',
    );
    await screen.type('user-new-username', 'new.one');
    await screen.type('user-new-password', 'temporary passphrase 1');
    await screen.click('user-new-submit');
    expect((await screen.find('user-created')).textContent).toContain('new.one');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      username: 'new.one',
      role: 'caseworker',
      password: 'temporary passphrase 1',
    });
  });
});

describe('audit page', () => {
  it('lists entries with their action, a short hash, and loads older ones', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(ME),
      'GET /api/users': () => json({ users: [SELF, OLGA] }),
      'GET /api/audit': (request) =>
        request.path.includes('before=')
          ? json({ entries: [entry(1, 'setup.complete')], nextBefore: null })
          : json({ entries: [entry(3, 'session.login'), entry(2, 'user.create')], nextBefore: 2 }),
    });
    await screen.render('/admin/audit');
    await screen.find('audit-table');
    const rows = () => [...screen.container.querySelectorAll<HTMLElement>('[data-testid="audit-row"]')];
    expect(rows().map((r) => r.dataset.action)).toEqual(['session.login', 'user.create']);
    const hash = rows()[0]?.querySelector('[data-testid="audit-hash"]');
    expect(hash?.textContent).toBe('0003abcdef01');
    expect(hash?.getAttribute('title')).toHaveLength(64);
    // A known actor by name; one without a name is not shown by id.
    expect(rows()[0]?.querySelector('[data-testid="audit-actor-cell"]')?.textContent).toBe('olga');
    expect(rows()[1]?.querySelector('[data-testid="audit-actor-cell"]')?.textContent).toBe('A removed user');
    // Actions by their label, objects by their type and name, linked; no id or code as text.
    expect(rows()[0]?.textContent).toContain('Sign-in');
    const object = rows()[0]?.querySelector<HTMLAnchorElement>('[data-testid="audit-object-link"]');
    expect(object?.textContent).toBe('olga');
    expect(object?.getAttribute('href')).toBe(`/admin/audit?actorId=${OLGA.id}`);
    expect(screen.byTestId('audit-table')?.textContent).not.toContain(OLGA.id);
    expect(screen.byTestId('audit-table')?.textContent).not.toContain('session.login');
    expect(screen.byTestId('audit-download')?.getAttribute('href')).toBe('/api/audit/export?');

    await screen.click('audit-older');
    await screen.find('audit-row');
    expect(rows().map((r) => r.dataset.action)).toEqual(['session.login', 'user.create', 'setup.complete']);
    expect(screen.byTestId('audit-older')).toBeNull();
    expect(seen.filter((r) => r.path.startsWith('/api/audit')).map((r) => r.path)).toEqual([
      '/api/audit?limit=50',
      '/api/audit?limit=50&before=2',
    ]);
  });

  it('sends the chosen filters, with dates as instants', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(ME),
      'GET /api/users': () => json({ users: [SELF, OLGA] }),
      'GET /api/audit': () => json({ entries: [], nextBefore: null }),
    });
    await screen.render('/admin/audit');
    await screen.find('audit-empty');
    const choose = async (id: string, value: string) => {
      const select = await screen.find(id);
      if (!(select instanceof HTMLSelectElement)) throw new Error(`${id} is not a select`);
      await act(async () => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
    };
    await choose('audit-action', 'session.');
    await choose('audit-actor', OLGA.id);
    await choose('audit-outcome', 'failure');
    await choose('audit-object-type', 'session');
    await screen.type('audit-from', '2026-11-01');
    await screen.click('audit-apply');
    await screen.waitForPath(
      `/admin/audit?action=session.&actorId=${OLGA.id}&objectType=session&outcome=failure&from=2026-11-01`,
    );
    await screen.find('audit-empty');
    const last = new URL(seen.filter((r) => r.path.startsWith('/api/audit')).at(-1)?.path ?? '', 'http://localhost');
    expect(last.searchParams.get('action')).toBe('session.');
    expect(last.searchParams.get('actorId')).toBe(OLGA.id);
    expect(last.searchParams.get('outcome')).toBe('failure');
    expect(new Date(last.searchParams.get('from') ?? '').getTime()).toBe(new Date(2026, 10, 1).getTime());
    // The download carries the same filters, without the page's limit.
    const download = new URL(screen.byTestId('audit-download')?.getAttribute('href') ?? '', 'http://localhost');
    expect(download.pathname).toBe('/api/audit/export');
    expect([...download.searchParams.keys()]).toEqual(['action', 'actorId', 'objectType', 'outcome', 'from']);
    expect(download.searchParams.get('from')).toBe(last.searchParams.get('from'));
  });
});
