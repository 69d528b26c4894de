// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { json, screenPerTest, sessionState, settle, stubApi } from '../testing/harness.js';

function installation(demo: boolean): void {
  stubApi({
    'GET /api/session': () => json(sessionState({ role: 'caseworker' })),
    'GET /api/health': () => json({ status: 'ok', database: 'sqlite', version: '0.1.0', demo }),
  });
}

describe('the demo banner, in English', () => {
  const screen = screenPerTest('en');

  it('stands above the page when the installation holds the demo dataset', async () => {
    installation(true);
    await screen.render('/account');
    expect((await screen.find('demo-banner')).textContent).toBe(
      'Demo data: every person, case and text here is invented (homeward demo). Do not enter real records.',
    );
  });

  it('is absent from a real installation', async () => {
    installation(false);
    await screen.render('/account');
    await screen.find('main-nav');
    await settle(50);
    expect(screen.byTestId('demo-banner')).toBeNull();
  });
});

describe('the demo banner, in Russian', () => {
  const screen = screenPerTest('ru');

  it('says the data is invented', async () => {
    installation(true);
    await screen.render('/account');
    expect((await screen.find('demo-banner')).textContent).toMatch(
      /^Демо-данные: все люди, дела и тексты здесь вымышлены/,
    );
  });
});
