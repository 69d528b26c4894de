// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { json, noContent, sessionState, stubApi, screenPerTest } from '../../testing/harness.js';
import type { ApiTokenSummary } from './ApiTokensPage.js';

const screen = screenPerTest();

const BOT: ApiTokenSummary = {
  id: '9c1c1d5e-0000-4000-8000-000000000001',
  label: 'Telegram bot',
  scope: 'intake',
  createdAt: '2026-11-20T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

describe('API tokens page', () => {
  it('creates a token, shows it once, and revokes after confirming', async () => {
    let tokens = [BOT];
    const seen = stubApi({
      'GET /api/session': () => json(sessionState({ role: 'admin' })),
      'GET /api/api-tokens': () => json({ tokens }),
      'POST /api/api-tokens': () => {
        const created = { ...BOT, id: '9c1c1d5e-0000-4000-8000-000000000002', label: 'Phone desk' };
        tokens = [...tokens, created];
        return json({ ...created, token: 'hw_secret_value' }, 201);
      },
      [`DELETE /api/api-tokens/${BOT.id}`]: () => {
        tokens = tokens.map((t) => (t.id === BOT.id ? { ...t, revokedAt: '2026-11-25T10:00:00.000Z' } : t));
        return noContent();
      },
    });
    await screen.render('/admin/api-tokens');
    await screen.find('token-row');
    await screen.type('token-label', 'Phone desk');
    await screen.click('token-create');
    expect((await screen.find('token-value')).textContent).toBe('hw_secret_value');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ label: 'Phone desk' });

    await screen.click('token-revoke');
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false);
    await screen.click('confirm-yes');
    await screen.find('tokens-notice');
    const revoke = seen.find((r) => r.method === 'DELETE');
    expect(revoke?.headers.get('X-Homeward-Request')).toBe('1');
    const bot = screen.container.querySelector<HTMLElement>(`[data-token-id="${BOT.id}"]`);
    expect(bot?.dataset.revoked).toBe('true');
  });
});
