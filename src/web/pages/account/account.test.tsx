// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MySession } from '../../api/accounts.js';
import { json, noContent, sessionState, settle, stubApi, screenPerTest } from '../../testing/harness.js';

const screen = screenPerTest();

function session(id: string, current: boolean): MySession {
  return {
    id,
    createdAt: '2026-11-25T08:00:00.000Z',
    lastSeenAt: '2026-11-25T09:00:00.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    current,
  };
}

describe('account page', () => {
  it('marks the current session and ends every other one', async () => {
    let sessions = [session('s-1', true), session('s-2', false), session('s-3', false)];
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      'GET /api/me/sessions': () => json({ sessions }),
      'DELETE /api/me/sessions/s-2': () => noContent(),
      'DELETE /api/me/sessions/s-3': () => {
        sessions = [session('s-1', true)];
        return noContent();
      },
    });
    await screen.render('/account');
    await screen.find('sessions-table');
    const rows = screen.container.querySelectorAll<HTMLElement>('[data-testid="session-row"]');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.querySelector('[data-testid="session-current"]')).not.toBeNull();
    expect(rows[0]?.querySelector('[data-testid="session-end"]')).toBeNull();
    expect(rows[1]?.textContent).toContain('Firefox, Windows');

    await screen.click('sessions-end-others');
    await screen.find('sessions-ended');
    expect(seen.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/me/sessions/s-2',
      '/api/me/sessions/s-3',
    ]);
    // The list is asked for again after the sessions end.
    for (
      let turn = 0;
      turn < 20 && screen.container.querySelectorAll('[data-testid="session-row"]').length > 1;
      turn++
    ) {
      await settle();
    }
    expect(screen.container.querySelectorAll('[data-testid="session-row"]')).toHaveLength(1);
  });

  it('changes the password after checking the repeat', async () => {
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      'GET /api/me/sessions': () => json({ sessions: [session('s-1', true)] }),
      'POST /api/me/password': () => noContent(),
    });
    await screen.render('/account');
    expect((await screen.find('password-current')).getAttribute('autocomplete')).toBe('current-password');
    expect(screen.byTestId('password-new')?.getAttribute('autocomplete')).toBe('new-password');
    await screen.type('password-current', 'old passphrase here');
    await screen.type('password-new', 'new passphrase here');
    await screen.type('password-repeat', 'new passphrase here');
    await screen.click('password-submit');
    await screen.find('password-changed');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'new passphrase here',
    });
  });

  it('replaces the recovery codes with a code from the app and shows the new ones once', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `zzzz${i}-yyyy${i}`);
    stubApi({
      'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
      'GET /api/me/sessions': () => json({ sessions: [session('s-1', true)] }),
      'POST /api/me/recovery-codes': () => json({ recoveryCodes: codes }),
    });
    await screen.render('/account');
    await screen.type('recovery-code', '111222');
    await screen.click('recovery-submit');
    expect((await screen.find('recovery-codes')).querySelectorAll('li')).toHaveLength(10);
    const download = screen.byTestId('recovery-download') as HTMLAnchorElement;
    expect(download.download).toBe('homeward-recovery-codes.txt');
    expect(decodeURIComponent(download.href)).toContain('zzzz9-yyyy9');
    await screen.click('recovery-saved');
    await screen.click('recovery-done');
    expect(screen.byTestId('recovery-codes')).toBeNull();
    expect(screen.byTestId('recovery-replaced')).not.toBeNull();
  });
});
