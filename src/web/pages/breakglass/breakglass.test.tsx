// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakGlassGrant } from '../../api/accounts.js';
import { switchLanguage } from '../../i18n/i18n.js';
import { Screen, json, sessionState, stubApi } from '../../testing/harness.js';

let screen: Screen;

beforeEach(async () => {
  await switchLanguage('en');
  screen = new Screen();
});

afterEach(() => {
  screen.unmount();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const CASE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

function grant(id: string, active: boolean, createdAt: string): BreakGlassGrant {
  return {
    id,
    userId: 'u-1',
    username: 'vera',
    caseId: CASE,
    reason: 'Family reports detention, lawyer unreachable',
    createdAt,
    expiresAt: '2026-11-25T12:00:00.000Z',
    endedAt: active ? null : '2026-11-25T11:00:00.000Z',
    active,
  };
}

const GRANTS = [
  grant('g-old', false, '2026-11-20T10:00:00.000Z'),
  grant('g-active', true, '2026-11-19T10:00:00.000Z'),
  grant('g-new', false, '2026-11-24T10:00:00.000Z'),
];

describe('break-glass page', () => {
  it('lists active grants first for a coordinator, without the form to open one', async () => {
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'coordinator' })),
      'GET /api/break-glass': () => json({ grants: GRANTS }),
    });
    await screen.render('/break-glass');
    await screen.find('grants-table');
    const rows = [...screen.container.querySelectorAll<HTMLElement>('[data-testid="grant-row"]')];
    expect(rows.map((r) => r.dataset.active)).toEqual(['true', 'false', 'false']);
    expect(screen.byTestId('bg-case')).toBeNull();
    expect(screen.byTestId('grant-end')).toBeNull();
  });

  it('lets an admin open one after a warning, checking the reason length first', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/break-glass': () => json({ grants: [] }),
      'POST /api/break-glass': () => json({ id: 'g-1', caseId: CASE, expiresAt: '2026-11-25T12:00:00.000Z' }, 201),
    });
    await screen.render('/break-glass');
    expect((await screen.find('break-glass-warning')).textContent).toContain('audit log');
    await screen.type('bg-case', CASE);
    await screen.type('bg-reason', 'too short');
    await screen.click('bg-submit');
    expect(seen.some((r) => r.method === 'POST')).toBe(false);
    expect(screen.byTestId('bg-reason')?.getAttribute('aria-invalid')).toBe('true');

    await screen.type('bg-reason', 'Family reports detention, lawyer unreachable');
    await screen.type('bg-minutes', '60');
    await screen.click('bg-submit');
    await screen.find('grant-opened');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      caseId: CASE,
      reason: 'Family reports detention, lawyer unreachable',
      minutes: 60,
    });
  });
});
